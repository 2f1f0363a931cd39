/*
 * pack_cache.c — the loaded rule pack kept in DIR/.pack-cache (see
 * st_pack_cache.h).
 *
 * The file: a magic line, the key (64 hex digits and a newline), then the
 * pack as a sequence of little-endian 64-bit numbers and strings (a length
 * and the bytes; the length 2^64 - 1 for a missing string).  The reader
 * checks every length against the end of the file and every number against
 * what it may be; anything else makes it a miss.
 */
#define _GNU_SOURCE  /* dl_iterate_phdr */
#include "st_pack_cache.h"
#include "st_expr.h"
#include "st_outfile.h"
#include "st_paths.h"

#include <elf.h>
#include <errno.h>
#include <limits.h>
#include <link.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#define MAGIC ST_PACK_CACHE_MAGIC
#define NONE UINT64_MAX

/* ---- the program's build id ------------------------------------------- */

struct build_id {
	char *out;
	size_t len;
	int found;
};

static int find_build_id(struct dl_phdr_info *info, size_t size, void *data)
{
	struct build_id *b = data;

	(void)size;
	/* the first object is the program itself */
	for (int i = 0; i < info->dlpi_phnum; i++) {
		const ElfW(Phdr) *ph = &info->dlpi_phdr[i];
		const unsigned char *p, *end;

		if (ph->p_type != PT_NOTE)
			continue;
		p = (const unsigned char *)(info->dlpi_addr + ph->p_vaddr);
		end = p + ph->p_memsz;
		while (end - p >= (ptrdiff_t)sizeof(ElfW(Nhdr))) {
			const ElfW(Nhdr) *n = (const ElfW(Nhdr) *)(const void *)p;
			size_t name = (n->n_namesz + 3) & ~(size_t)3, desc = (n->n_descsz + 3) & ~(size_t)3;
			const unsigned char *d = p + sizeof *n + name;

			if ((size_t)(end - p) < sizeof *n + name + desc)
				break;
			if (n->n_type == NT_GNU_BUILD_ID && n->n_namesz == 4 &&
			    !memcmp(p + sizeof *n, "GNU", 4) && n->n_descsz &&
			    2 * n->n_descsz < b->len) {
				for (size_t k = 0; k < n->n_descsz; k++)
					snprintf(b->out + 2 * k, 3, "%02x", d[k]);
				b->found = 1;
				return 1;
			}
			p += sizeof *n + name + desc;
		}
	}
	return 1;
}

int st_build_id(char *out, size_t len)
{
	struct build_id b = { out, len, 0 };

	dl_iterate_phdr(find_build_id, &b);
	return b.found ? 0 : -1;
}

/* ---- writing ---------------------------------------------------------- */

static void put_u64(FILE *f, uint64_t v)
{
	unsigned char b[8];

	for (int i = 0; i < 8; i++)
		b[i] = (unsigned char)(v >> (8 * i));
	fwrite(b, 1, sizeof b, f);
}

static void put_i64(FILE *f, long long v)
{
	put_u64(f, (uint64_t)v);
}

static void put_str(FILE *f, const char *s)
{
	if (!s) {
		put_u64(f, NONE);
		return;
	}
	put_u64(f, strlen(s));
	fputs(s, f);
}

static const char *base_name(const char *path)
{
	const char *b = path ? strrchr(path, '/') : NULL;
	return b ? b + 1 : path;
}

static void put_check(FILE *f, const struct st_check *c)
{
	put_str(f, c->spec->name);
	put_i64(f, c->line);
	put_u64(f, c->nparams);
	for (size_t i = 0; i < c->nparams; i++) {
		const struct st_param *p = &c->params[i];
		put_i64(f, p->spec ? p->spec - c->spec->params : -1);
		put_str(f, p->name);
		put_str(f, p->text);
		put_i64(f, p->ival);
		put_i64(f, p->min);
		put_i64(f, p->max);
		put_i64(f, p->ranged);
		put_i64(f, p->xpath != NULL);
		put_i64(f, p->given);
	}
}

void st_pack_cache_write(const char *dir, const char key[ST_SHA256_HEX],
			 const struct st_pack *pack)
{
	char path[PATH_MAX];
	struct st_diag scratch = ST_DIAG_INIT;
	struct st_outfile o;

	if ((size_t)snprintf(path, sizeof path, "%s/%s", dir, ST_PACK_CACHE_NAME) >= sizeof path ||
	    access(dir, W_OK) != 0 || st_outfile_open(&o, path, NULL, &scratch) != 0)
		goto out;
	fputs(MAGIC, o.f);
	fprintf(o.f, "%s\n", key);
	put_str(o.f, pack->id);
	put_str(o.f, pack->version);
	put_str(o.f, pack->title);
	put_u64(o.f, pack->npacks);
	for (size_t i = 0; i < pack->npacks; i++) {
		const struct st_pack_info *k = &pack->packs[i];
		put_str(o.f, k->id);
		put_str(o.f, k->version);
		put_str(o.f, k->title);
		put_str(o.f, k->authority);
		put_str(o.f, base_name(k->file));
	}
	put_u64(o.f, pack->nrules);
	for (size_t i = 0; i < pack->nrules; i++) {
		const struct st_rule *r = &pack->rules[i];
		put_str(o.f, r->id);
		put_str(o.f, r->clause);
		put_str(o.f, r->clause_text);
		put_str(o.f, r->title);
		put_str(o.f, r->remediation);
		put_str(o.f, r->note);
		put_str(o.f, r->regulation);
		put_u64(o.f, r->pack);
		put_i64(o.f, r->effective_from);
		put_i64(o.f, r->effective_until);
		put_i64(o.f, r->severity);
		put_i64(o.f, r->scope);
		put_str(o.f, r->applies_src);
		put_i64(o.f, r->applies != NULL);
		put_i64(o.f, r->informational);
		put_i64(o.f, r->selected);
		put_str(o.f, base_name(r->file));
		put_i64(o.f, r->line);
		put_u64(o.f, r->nchecks);
		for (size_t j = 0; j < r->nchecks; j++)
			put_check(o.f, &r->checks[j]);
	}
	fputs("end\n", o.f);
	if (ferror(o.f)) {
		st_outfile_abort(&o);
		goto out;
	}
	st_outfile_commit(&o, &scratch);
out:
	st_diag_release(&scratch);
}

/* ---- reading ---------------------------------------------------------- */

struct reader {
	const unsigned char *p, *end;
	const char *dir;
	st_pack_cache_compile compile;
	void *arg;
	int bad;                     /* damaged, or memory ran short */
};

static uint64_t get_u64(struct reader *r)
{
	uint64_t v = 0;

	if (r->end - r->p < 8) {
		r->bad = 1;
		return 0;
	}
	for (int i = 0; i < 8; i++)
		v |= (uint64_t)r->p[i] << (8 * i);
	r->p += 8;
	return v;
}

/* a number in [lo, hi] */
static long long get_i64(struct reader *r, long long lo, long long hi)
{
	long long v = (long long)get_u64(r);

	if (v < lo || v > hi)
		r->bad = 1;
	return r->bad ? 0 : v;
}

/* a count of things that take at least 8 bytes each */
static size_t get_count(struct reader *r)
{
	uint64_t n = get_u64(r);

	if (n > (uint64_t)(r->end - r->p) / 8)
		r->bad = 1;
	return r->bad ? 0 : (size_t)n;
}

/* a string (malloc'd), or NULL: missing, or r->bad set */
static char *get_str(struct reader *r)
{
	uint64_t n = get_u64(r);
	char *s;

	if (r->bad || n == NONE)
		return NULL;
	if (n > (uint64_t)(r->end - r->p) || memchr(r->p, 0, (size_t)n)) {
		r->bad = 1;
		return NULL;
	}
	if (!(s = malloc((size_t)n + 1))) {
		r->bad = 1;
		return NULL;
	}
	memcpy(s, r->p, (size_t)n);
	s[n] = 0;
	r->p += n;
	return s;
}

/* a string that must be there */
static char *get_text(struct reader *r)
{
	char *s = get_str(r);

	if (!s)
		r->bad = 1;
	return s;
}

/* a file name of the pack, as a path under the directory */
static char *get_file(struct reader *r)
{
	char *name = get_text(r), *path = NULL;

	if (name && (strchr(name, '/') ||
		     !(path = malloc(strlen(r->dir) + strlen(name) + 2))))
		r->bad = 1;
	if (path)
		sprintf(path, "%s/%s", r->dir, name);
	free(name);
	return path;
}

static xmlXPathCompExprPtr get_xpath(struct reader *r, const char *src)
{
	xmlXPathCompExprPtr comp = NULL;

	if (!get_i64(r, 0, 1))
		return NULL;
	if (!src || !(comp = r->compile(r->arg, src)))
		r->bad = 1;
	return comp;
}

static void get_check(struct reader *r, struct st_check *c)
{
	char *kind = get_text(r);
	size_t nspec = 0;

	c->spec = kind ? st_check_spec_by_name(kind) : NULL;
	free(kind);
	if (!c->spec) {
		r->bad = 1;
		return;
	}
	while (c->spec->params[nspec].name)
		nspec++;
	c->line = (int)get_i64(r, 0, INT_MAX);
	size_t n = get_count(r);
	if (r->bad || (n && !(c->params = calloc(n, sizeof *c->params)))) {
		r->bad = 1;
		return;
	}
	for (; c->nparams < n && !r->bad; c->nparams++) {
		struct st_param *p = &c->params[c->nparams];
		long long spec = get_i64(r, -1, (long long)nspec - 1);
		p->spec = spec >= 0 ? &c->spec->params[spec] : NULL;
		p->name = get_text(r);
		p->text = get_text(r);
		p->ival = (long)get_i64(r, LONG_MIN, LONG_MAX);
		p->min = (long)get_i64(r, LONG_MIN, LONG_MAX);
		p->max = (long)get_i64(r, LONG_MIN, LONG_MAX);
		p->ranged = (int)get_i64(r, 0, 1);
		p->xpath = get_xpath(r, p->text);
		/* as the loader does (load_check): the records' form beside XPath */
		p->fast = p->xpath ? st_expr_compile(p->text) : NULL;
		p->given = (int)get_i64(r, 0, 1);
	}
}

static void get_rule(struct reader *r, struct st_rule *x, size_t npacks)
{
	x->id = get_text(r);
	x->clause = get_text(r);
	x->clause_text = get_text(r);
	x->title = get_text(r);
	x->remediation = get_text(r);
	x->note = get_str(r);
	x->regulation = get_str(r);
	x->pack = (size_t)get_i64(r, 0, (long long)npacks - 1);
	x->effective_from = (st_day)get_i64(r, INT32_MIN, INT32_MAX);
	x->effective_until = (st_day)get_i64(r, INT32_MIN, INT32_MAX);
	x->severity = (enum st_severity)get_i64(r, ST_SEV_HIGH, ST_SEV_INFO);
	x->scope = (enum st_scope)get_i64(r, ST_SCOPE_PARK, ST_SCOPE_ENTERPRISE);
	x->applies_src = get_str(r);
	x->applies = get_xpath(r, x->applies_src);
	x->applies_fast = x->applies ? st_expr_compile(x->applies_src) : NULL;
	x->informational = (int)get_i64(r, 0, 1);
	x->selected = (int)get_i64(r, 0, 1);
	x->file = get_file(r);
	x->line = (int)get_i64(r, 0, INT_MAX);
	size_t n = get_count(r);
	if (r->bad || (n && !(x->checks = calloc(n, sizeof *x->checks)))) {
		r->bad = 1;
		return;
	}
	for (; x->nchecks < n && !r->bad; x->nchecks++)
		get_check(r, &x->checks[x->nchecks]);
}

struct st_pack *st_pack_cache_read(const char *dir, const char key[ST_SHA256_HEX],
				   st_pack_cache_compile compile, void *arg)
{
	char path[PATH_MAX];
	struct reader r = { 0 };
	struct st_pack *pack = NULL;
	unsigned char *buf = NULL;
	struct stat st;
	FILE *f = NULL;
	size_t head = strlen(MAGIC);

	if ((size_t)snprintf(path, sizeof path, "%s/%s", dir, ST_PACK_CACHE_NAME) >= sizeof path ||
	    stat(path, &st) != 0 || !(f = st_fopen_regular(path)) || fstat(fileno(f), &st) != 0 ||
	    st.st_size < (off_t)(head + 65) || st.st_size > ST_PACK_CACHE_MAX_BYTES ||
	    !(buf = malloc((size_t)st.st_size)) ||
	    fread(buf, 1, (size_t)st.st_size, f) != (size_t)st.st_size ||
	    memcmp(buf, MAGIC, head) || memcmp(buf + head, key, 64) || buf[head + 64] != '\n')
		goto out;
	r.p = buf + head + 65;
	r.end = buf + st.st_size - 4;
	r.dir = dir;
	r.compile = compile;
	r.arg = arg;
	if (r.end < r.p || memcmp(r.end, "end\n", 4) || !(pack = calloc(1, sizeof *pack)) ||
	    !(pack->dir = strdup(dir)))
		goto bad;
	pack->id = get_text(&r);
	pack->version = get_text(&r);
	pack->title = get_text(&r);
	size_t n = get_count(&r);
	if (r.bad || !n || !(pack->packs = calloc(n, sizeof *pack->packs)))
		goto bad;
	for (; pack->npacks < n && !r.bad; pack->npacks++) {
		struct st_pack_info *k = &pack->packs[pack->npacks];
		k->id = get_text(&r);
		k->version = get_text(&r);
		k->title = get_text(&r);
		k->authority = get_text(&r);
		k->file = get_file(&r);
	}
	n = get_count(&r);
	if (r.bad || (n && !(pack->rules = calloc(n, sizeof *pack->rules))))
		goto bad;
	for (; pack->nrules < n && !r.bad; pack->nrules++)
		get_rule(&r, &pack->rules[pack->nrules], pack->npacks);
	if (!r.bad && r.p == r.end)
		goto out;
bad:
	st_pack_free(pack);
	pack = NULL;
out:
	if (f)
		fclose(f);
	free(buf);
	return pack;
}
