/*
 * manifest.c — reading, listing, hashing and writing a rule pack's
 * MANIFEST (see st_manifest.h).  The loader in rules.c decides what a
 * difference means; this file only says what is on disk and what the
 * manifest claims.
 */
#include "st_manifest.h"
#include "st_outfile.h"
#include "st_paths.h"

#include <ctype.h>
#include <dirent.h>
#include <errno.h>
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#define HEADER                                                                       \
	"# safetrack 规则包清单：本目录的规则文件（*.xml）和模式文件（*.rng）及其 SHA-256。\n" \
	"# 由 `safetrack rules manifest` 在规则包完整校验通过后生成，请勿手工修改；\n"       \
	"# 改动、增加或删除规则文件后，重新运行该命令。\n"

static int has_suffix(const char *s, const char *suffix)
{
	size_t n = strlen(s), k = strlen(suffix);
	return n > k && !strcmp(s + n - k, suffix);
}

/* a name the pack may hold: no directory part, not hidden, *.xml or *.rng */
static int pack_name_ok(const char *s)
{
	if (!*s || *s == '.')
		return 0;
	for (const char *p = s; *p; p++)
		if (!(isalnum((unsigned char)*p) || *p == '.' || *p == '-' || *p == '_'))
			return 0;
	return has_suffix(s, ".xml") || has_suffix(s, ".rng");
}

static int is_hex64(const char *s, size_t len)
{
	if (len != 64)
		return 0;
	for (size_t i = 0; i < len; i++)
		if (!isdigit((unsigned char)s[i]) && !(s[i] >= 'a' && s[i] <= 'f'))
			return 0;
	return 1;
}

/* the whole regular file into a malloc'd buffer (NUL-terminated); NULL with
 * a message.  seen (if not NULL) receives the file's status before and
 * after the read. */
static char *slurp(const char *path, long max, size_t *len, struct stat seen[2],
		   struct st_diag *diag)
{
	FILE *f = st_fopen_regular(path);
	struct stat st;
	char *buf = NULL;

	if (!f) {
		st_diag_add(diag, "%s: 无法打开：%s", path, st_errno_zh(errno));
		return NULL;
	}
	if (fstat(fileno(f), &st) != 0) {
		st_diag_add(diag, "%s: 无法读取：%s", path, st_errno_zh(errno));
	} else if (max && st.st_size > max) {
		st_diag_add(diag, "%s: 文件过大（%lld 字节，上限 %ld 字节）", path,
			    (long long)st.st_size, max);
	} else if (!(buf = malloc((size_t)st.st_size + 1))) {
		st_diag_add(diag, "%s: 内存不足", path);
	} else if (fread(buf, 1, (size_t)st.st_size, f) != (size_t)st.st_size) {
		st_diag_add(diag, "%s: 读取失败：%s", path, st_errno_zh(errno));
		free(buf);
		buf = NULL;
	} else {
		buf[st.st_size] = 0;
		*len = (size_t)st.st_size;
		if (seen) {
			seen[0] = st;
			if (fstat(fileno(f), &seen[1]) != 0)
				memset(&seen[1], 0, sizeof seen[1]);
		}
	}
	fclose(f);
	return buf;
}

int st_manifest_hash_file(const char *path, char hash[ST_SHA256_HEX], struct st_diag *diag)
{
	size_t len = 0;
	char *buf = slurp(path, 0, &len, NULL, diag);

	if (!buf)
		return -1;
	st_sha256_hex(buf, len, hash);
	free(buf);
	return 0;
}

int st_manifest_digest(const char *path, struct st_manifest_stats *s, char hash[ST_SHA256_HEX],
		       struct st_diag *diag)
{
	const char *base = strrchr(path, '/'), *known;
	struct stat st[2];
	size_t len = 0;
	char *buf;

	base = base ? base + 1 : path;
	if (stat(path, &st[0]) == 0 && S_ISREG(st[0].st_mode) &&
	    (known = st_manifest_stats_find(s, base, &st[0]))) {
		memcpy(hash, known, ST_SHA256_HEX);
		return 0;
	}
	if (!(buf = slurp(path, 0, &len, st, diag)))
		return -1;
	st_sha256_hex(buf, len, hash);
	free(buf);
	if (st_stat_same(&st[0], &st[1]))
		st_manifest_stats_put(s, base, &st[0], hash);
	return 0;
}

void st_manifest_release(struct st_manifest *m)
{
	for (size_t i = 0; i < m->n; i++)
		free(m->v[i].name);
	free(m->v);
	free(m->path);
	memset(m, 0, sizeof *m);
}

struct st_manifest_entry *st_manifest_find(const struct st_manifest *m, const char *name)
{
	for (size_t i = 0; i < m->n; i++)
		if (!strcmp(m->v[i].name, name))
			return &m->v[i];
	return NULL;
}

/* one "HASH  NAME" line (NUL-terminated, without its newline) */
static int add_entry(struct st_manifest *m, const char *s, int line, size_t *cap,
		     struct st_diag *diag)
{
	const char *name = s + 64;
	struct st_manifest_entry *e;

	if (!is_hex64(s, strspn(s, "0123456789abcdef")) || strncmp(name, "  ", 2) ||
	    !pack_name_ok(name + 2))
		return st_diag_add(diag, "%s:%d: 无法识别的行（应为“64 位十六进制 SHA-256、两个空格、"
				   "文件名”或“rules 规则数”）", m->path, line);
	name += 2;
	if ((e = st_manifest_find(m, name)))
		return st_diag_add(diag, "%s:%d: 文件 %s 重复列出（已在第 %d 行）", m->path, line,
				   name, e->line);
	if (m->n == *cap) {
		size_t n = *cap ? 2 * *cap : 16;
		struct st_manifest_entry *v = realloc(m->v, n * sizeof *v);
		if (!v)
			return st_diag_add(diag, "%s: 内存不足", m->path);
		m->v = v, *cap = n;
	}
	e = &m->v[m->n];
	if (!(e->name = strdup(name)))
		return st_diag_add(diag, "%s: 内存不足", m->path);
	memcpy(e->hash, s, 64);
	e->hash[64] = 0;
	e->line = line;
	e->seen = 0;
	m->n++;
	return 0;
}

int st_manifest_read(const char *dir, struct st_manifest *m, struct st_diag *diag)
{
	size_t len = 0, cap = 0, before = diag ? diag->count : 0;
	char *buf;
	int line = 0, bad = 0;

	memset(m, 0, sizeof *m);
	m->rules = -1;
	if (!(m->path = malloc(strlen(dir) + sizeof ST_MANIFEST_NAME + 1)))
		return st_diag_add(diag, "%s: 内存不足", dir);
	sprintf(m->path, "%s/%s", dir, ST_MANIFEST_NAME);
	if (access(m->path, F_OK) != 0 && errno == ENOENT)
		return st_diag_add(diag, "%s: 规则包缺少清单文件（规则包须带清单，列出其文件、摘要和规则数；"
				   "校验无误后运行 safetrack rules manifest %s 生成）", m->path, dir);
	if (!(buf = slurp(m->path, ST_MANIFEST_MAX_BYTES, &len, NULL, diag)))
		return -1;
	if (strlen(buf) != len) {
		free(buf);
		return st_diag_add(diag, "%s: 清单文件中有 NUL 字节，不是清单", m->path);
	}
	/* strtok_r would skip empty lines and lose the line numbers */
	for (char *s = buf, *next; s && *s; s = next) {
		line++;
		if ((next = strchr(s, '\n')))
			*next++ = 0;
		if (next == NULL && !*s)
			break;
		size_t n = strlen(s);
		if (n && s[n - 1] == '\r')
			s[--n] = 0;
		if (!n || s[0] == '#')
			continue;
		if (!strncmp(s, "rules ", 6)) {
			char *end;
			long v;
			errno = 0;
			v = isdigit((unsigned char)s[6]) ? strtol(s + 6, &end, 10) : -1;
			if (v < 0 || errno || *end)
				bad |= st_diag_add(diag, "%s:%d: 规则数 '%s' 不是非负整数", m->path, line,
						   s + 6);
			else if (m->rules >= 0)
				bad |= st_diag_add(diag, "%s:%d: 规则数重复给出", m->path, line);
			else
				m->rules = v;
			continue;
		}
		bad |= add_entry(m, s, line, &cap, diag);
	}
	free(buf);
	if (!bad && m->rules < 0)
		bad = st_diag_add(diag, "%s: 清单缺少规则数（rules N）行", m->path);
	if (!bad && !m->n)
		bad = st_diag_add(diag, "%s: 清单没有列出任何文件", m->path);
	return bad || (diag && diag->count > before) ? -1 : 0;
}

static int cmp_names(const void *a, const void *b)
{
	return strcmp(*(char *const *)a, *(char *const *)b);
}

int st_manifest_list(const char *dir, char ***out, size_t *n, struct st_diag *diag)
{
	DIR *d = opendir(dir);
	struct dirent *e;
	char **v = NULL;
	size_t k = 0, cap = 0;

	if (!d)
		return st_diag_add(diag, "%s: 无法打开规则目录：%s", dir, st_errno_zh(errno));
	while ((e = readdir(d))) {
		if (e->d_name[0] == '.' ||
		    !(has_suffix(e->d_name, ".xml") || has_suffix(e->d_name, ".rng")))
			continue;
		if (k == cap) {
			char **nv = realloc(v, (cap = cap ? 2 * cap : 16) * sizeof *v);
			if (!nv)
				break;
			v = nv;
		}
		if (!(v[k] = strdup(e->d_name)))
			break;
		k++;
	}
	closedir(d);
	if (e) {
		for (size_t i = 0; i < k; i++)
			free(v[i]);
		free(v);
		return st_diag_add(diag, "%s: 内存不足", dir);
	}
	if (k)
		qsort(v, k, sizeof *v, cmp_names);
	*out = v, *n = k;
	return 0;
}

int st_manifest_write(const char *dir, size_t nrules, struct st_diag *diag)
{
	char path[PATH_MAX], file[PATH_MAX], hash[ST_SHA256_HEX];
	char **names = NULL;
	size_t n = 0;
	struct st_outfile o;
	int rc = -1;

	if ((size_t)snprintf(path, sizeof path, "%s/%s", dir, ST_MANIFEST_NAME) >= sizeof path)
		return st_diag_add(diag, "%s: 路径过长", dir);
	if (st_manifest_list(dir, &names, &n, diag) != 0)
		return -1;
	/* a locked temporary beside the manifest, renamed into place (st_outfile) */
	if (st_outfile_open(&o, path, NULL, diag) != 0)
		goto out;
	fprintf(o.f, "%srules %zu\n", HEADER, nrules);
	for (size_t i = 0; i < n; i++) {
		snprintf(file, sizeof file, "%s/%s", dir, names[i]);
		if (st_manifest_hash_file(file, hash, diag) != 0) {
			st_outfile_abort(&o);
			goto out;
		}
		fprintf(o.f, "%s  %s\n", hash, names[i]);
	}
	rc = st_outfile_commit(&o, diag);
out:
	for (size_t i = 0; i < n; i++)
		free(names[i]);
	free(names);
	return rc;
}

/* ---- the file status record ------------------------------------------ */

#define STAT_HEADER                                                                  \
	"# safetrack：规则包文件的摘要缓存（按文件状态：设备、索引节点、大小、修改和变更时间）。\n" \
	"# 只是缓存：删除它无妨，下次加载时重新计算摘要；摘要仍与 MANIFEST 比对。\n"

void st_manifest_stats_release(struct st_manifest_stats *s)
{
	for (size_t i = 0; i < s->n; i++)
		free(s->v[i].name);
	free(s->v);
	memset(s, 0, sizeof *s);
}

int st_stat_same(const struct stat *a, const struct stat *b)
{
	return a->st_dev == b->st_dev && a->st_ino == b->st_ino && a->st_size == b->st_size &&
	       a->st_mtim.tv_sec == b->st_mtim.tv_sec && a->st_mtim.tv_nsec == b->st_mtim.tv_nsec &&
	       a->st_ctim.tv_sec == b->st_ctim.tv_sec && a->st_ctim.tv_nsec == b->st_ctim.tv_nsec;
}

static int entry_matches(const struct st_stat_entry *e, const struct stat *st)
{
	return e->dev == (unsigned long long)st->st_dev &&
	       e->ino == (unsigned long long)st->st_ino && e->size == (long long)st->st_size &&
	       e->mtime_s == (long long)st->st_mtim.tv_sec && e->mtime_ns == st->st_mtim.tv_nsec &&
	       e->ctime_s == (long long)st->st_ctim.tv_sec && e->ctime_ns == st->st_ctim.tv_nsec;
}

static struct st_stat_entry *stats_find(const struct st_manifest_stats *s, const char *name)
{
	for (size_t i = 0; i < s->n; i++)
		if (!strcmp(s->v[i].name, name))
			return &s->v[i];
	return NULL;
}

/* one "HASH DEV INO SIZE MTIME_S MTIME_NS CTIME_S CTIME_NS NAME" line into
 * s; 0, or -1 if it is not one (the whole record is then dropped) */
static int stats_line(struct st_manifest_stats *s, const char *line)
{
	struct st_stat_entry e = { 0 };
	char name[256];
	int used = 0;

	if (strspn(line, "0123456789abcdef") != 64 || line[64] != ' ')
		return -1;
	memcpy(e.hash, line, 64);
	if (sscanf(line + 64, " %llu %llu %lld %lld %ld %lld %ld %255s%n", &e.dev, &e.ino, &e.size,
		   &e.mtime_s, &e.mtime_ns, &e.ctime_s, &e.ctime_ns, name, &used) != 8 ||
	    line[64 + used] || !pack_name_ok(name) || stats_find(s, name) ||
	    s->n == ST_STAT_MAX_ENTRIES)
		return -1;
	if (!(e.name = strdup(name)))
		return -1;
	s->v[s->n++] = e;
	return 0;
}

void st_manifest_stats_read(const char *dir, struct st_manifest_stats *s)
{
	char path[PATH_MAX];
	size_t len = 0;
	char *buf = NULL;
	struct st_diag scratch = ST_DIAG_INIT;

	memset(s, 0, sizeof *s);
	clock_gettime(CLOCK_REALTIME, &s->begun);
	if ((size_t)snprintf(path, sizeof path, "%s/%s", dir, ST_MANIFEST_STAT_NAME) >= sizeof path ||
	    access(path, F_OK) != 0 ||
	    !(buf = slurp(path, ST_MANIFEST_MAX_BYTES, &len, NULL, &scratch)) || strlen(buf) != len ||
	    !(s->v = calloc(ST_STAT_MAX_ENTRIES, sizeof *s->v)))
		goto out;
	for (char *line = buf, *next; *line; line = next) {
		if ((next = strchr(line, '\n')))
			*next++ = 0;
		else
			next = line + strlen(line);
		if (*line == '#' || !*line)
			continue;
		if (stats_line(s, line) != 0) {
			st_manifest_stats_release(s);
			clock_gettime(CLOCK_REALTIME, &s->begun);
			break;
		}
	}
out:
	free(buf);
	st_diag_release(&scratch);
}

const char *st_manifest_stats_find(const struct st_manifest_stats *s, const char *name,
				   const struct stat *st)
{
	const struct st_stat_entry *e = stats_find(s, name);
	return e && entry_matches(e, st) ? e->hash : NULL;
}

void st_manifest_stats_put(struct st_manifest_stats *s, const char *name, const struct stat *st,
			   const char hash[ST_SHA256_HEX])
{
	struct st_stat_entry *e = stats_find(s, name);
	time_t settled = s->begun.tv_sec - ST_STAT_SETTLE_SECONDS;

	/* changed too lately: a second change in the same clock tick would
	 * leave the same times behind */
	if (st->st_ctim.tv_sec >= settled || st->st_mtim.tv_sec >= settled || !pack_name_ok(name))
		return;
	if (e && entry_matches(e, st) && !strcmp(e->hash, hash))
		return;
	if (!e) {
		if (!s->v && !(s->v = calloc(ST_STAT_MAX_ENTRIES, sizeof *s->v)))
			return;
		if (s->n == ST_STAT_MAX_ENTRIES)
			return;
		e = &s->v[s->n];
		if (!(e->name = strdup(name)))
			return;
		s->n++;
	}
	memcpy(e->hash, hash, ST_SHA256_HEX);
	e->dev = (unsigned long long)st->st_dev;
	e->ino = (unsigned long long)st->st_ino;
	e->size = (long long)st->st_size;
	e->mtime_s = (long long)st->st_mtim.tv_sec;
	e->mtime_ns = st->st_mtim.tv_nsec;
	e->ctime_s = (long long)st->st_ctim.tv_sec;
	e->ctime_ns = st->st_ctim.tv_nsec;
	s->dirty = 1;
}

void st_manifest_stats_write(const char *dir, struct st_manifest_stats *s)
{
	char path[PATH_MAX];
	struct st_diag scratch = ST_DIAG_INIT;
	struct st_outfile o;

	if (!s->dirty ||
	    (size_t)snprintf(path, sizeof path, "%s/%s", dir, ST_MANIFEST_STAT_NAME) >= sizeof path ||
	    access(dir, W_OK) != 0 || st_outfile_open(&o, path, NULL, &scratch) != 0)
		goto out;
	fputs(STAT_HEADER, o.f);
	for (size_t i = 0; i < s->n; i++) {
		const struct st_stat_entry *e = &s->v[i];
		fprintf(o.f, "%s %llu %llu %lld %lld %ld %lld %ld %s\n", e->hash, e->dev, e->ino,
			e->size, e->mtime_s, e->mtime_ns, e->ctime_s, e->ctime_ns, e->name);
	}
	if (st_outfile_commit(&o, &scratch) == 0)
		s->dirty = 0;
out:
	st_diag_release(&scratch);
}
