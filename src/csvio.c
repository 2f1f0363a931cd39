/*
 * csvio.c — CSV reading through libcsv and RFC 4180 writing (see st_csv.h).
 *
 * libcsv knows nothing of lines, so the file is fed to it one physical line
 * at a time: that bounds memory by the line limit, lets each line be checked
 * for NUL bytes and UTF-8 before parsing (a multi-byte character never spans
 * a line end), and tells us the line each record starts on — the first
 * non-blank line fed while no record is open.  libcsv's default of trimming
 * spaces from unquoted cells is switched off: RFC 4180 says spaces are part
 * of a field, and export must read back byte for byte.
 */
#include "st_csv.h"

#include <errno.h>
#include <stdlib.h>
#include <string.h>

#include <csv.h>

#include "st_grow.h"
#include "st_msg.h"

struct reader {
	const char *name;
	struct st_diag *diag;
	st_csv_record_fn fn;
	void *ctx;
	long line;          /* physical line being fed */
	long rec_line;      /* line the open record started on, 0 if none */
	char *buf;          /* the open record's cells, each NUL-terminated */
	size_t len, cap;
	size_t *offs;       /* start of each cell in buf */
	char **fields;      /* the cells handed to the callback */
	size_t nf, fcap, fields_cap;
	int stop;           /* callback's value, or -1 on our own error */
};

static int no_space(unsigned char c)
{
	(void)c;
	return 0;
}

const char *st_csv_unguard(const char *s)
{
	size_t k = 0;

	while (s[k] == '\'')
		k++;
	if (k > 0 && s[k] && strchr("=+-@", s[k]))
		return s + 1;
	return s;
}

static void on_field(void *s, size_t len, void *arg)
{
	struct reader *r = arg;

	if (r->stop)
		return;
	if (r->len + len + 1 > ST_CSV_MAX_LINE) {
		st_diag_msg(r->diag, ST_MSG_AT("%s:%ld: ", ST_MSG_CSV_RECORD_TOO_LONG), r->name,
			    r->rec_line, ST_CSV_MAX_LINE);
		r->stop = -1;
		return;
	}
	if (st_grow(&r->buf, &r->cap, r->len + len + 1, 1) ||
	    st_grow(&r->offs, &r->fcap, r->nf + 1, sizeof *r->offs)) {
		st_diag_msg(r->diag, ST_MSG_AT("%s:%ld: ", ST_MSG_OUT_OF_MEMORY), r->name,
			    r->rec_line);
		r->stop = -1;
		return;
	}
	/* a record that starts after a bare CR starts on the line being fed */
	if (!r->rec_line)
		r->rec_line = r->line;
	r->offs[r->nf++] = r->len;
	if (len)
		memcpy(r->buf + r->len, s, len);
	r->len += len;
	r->buf[r->len++] = '\0';
}

static void on_record(int c, void *arg)
{
	struct reader *r = arg;

	(void)c;
	if (!r->stop && r->nf) {
		if (st_grow(&r->fields, &r->fields_cap, r->nf, sizeof *r->fields)) {
			st_diag_msg(r->diag, ST_MSG_AT("%s:%ld: ", ST_MSG_OUT_OF_MEMORY), r->name,
			    r->rec_line);
			r->stop = -1;
		} else {
			for (size_t i = 0; i < r->nf; i++)
				r->fields[i] = (char *)st_csv_unguard(r->buf + r->offs[i]);
			r->stop = r->fn(r->ctx, r->rec_line, r->nf, r->fields);
		}
	}
	r->nf = 0;
	r->len = 0;
	r->rec_line = 0;
}

int st_utf8_valid(const char *str, size_t n, size_t *bad)
{
	const unsigned char *s = (const unsigned char *)str;
	size_t i = 0;

	while (i < n) {
		unsigned c = s[i];
		size_t k;
		unsigned cp, min;

		if (c < 0x80) {
			i++;
			continue;
		} else if (c >= 0xC2 && c <= 0xDF) {
			k = 1, cp = c & 0x1F, min = 0x80;
		} else if (c >= 0xE0 && c <= 0xEF) {
			k = 2, cp = c & 0x0F, min = 0x800;
		} else if (c >= 0xF0 && c <= 0xF4) {
			k = 3, cp = c & 0x07, min = 0x10000;
		} else {
			goto bad;
		}
		if (i + k >= n)
			goto bad;
		for (size_t j = 1; j <= k; j++) {
			if ((s[i + j] & 0xC0) != 0x80)
				goto bad;
			cp = cp << 6 | (s[i + j] & 0x3F);
		}
		if (cp < min || cp > 0x10FFFF || (cp >= 0xD800 && cp <= 0xDFFF))
			goto bad;
		i += k + 1;
	}
	return 1;
bad:
	if (bad)
		*bad = i;
	return 0;
}

/* feed one physical line (terminator included) to the parser */
static int feed(struct reader *r, struct csv_parser *p, char *line, size_t n)
{
	size_t bad, content = n;

	r->line++;
	if (r->line == 1 && n >= 3 && !memcmp(line, "\xEF\xBB\xBF", 3)) {
		line += 3;
		n -= 3;
		content = n;
	}
	if (memchr(line, '\0', n))
		return st_diag_msg(r->diag, ST_MSG_AT("%s:%ld: ", ST_MSG_CSV_NUL), r->name, r->line);
	if (!st_utf8_valid(line, n, &bad))
		return st_diag_msg(r->diag, ST_MSG_AT("%s:%ld: ", ST_MSG_NOT_UTF8), r->name, r->line,
				   bad + 1);
	while (content && (line[content - 1] == '\n' || line[content - 1] == '\r'))
		content--;
	if (!r->rec_line && content)
		r->rec_line = r->line;
	if (csv_parse(p, line, n, on_field, on_record, r) != n && !r->stop)
		return st_diag_msg(r->diag, ST_MSG_AT("%s:%ld: ", ST_MSG_CSV_QUOTES), r->name,
				   r->line);
	return r->stop;
}

static int read_lines(struct reader *r, struct csv_parser *p, FILE *f)
{
	const size_t cap = ST_CSV_MAX_LINE + 2;
	char *buf = malloc(cap);
	size_t start = 0, end = 0;
	int rc = 0, eof = 0;

	if (!buf)
		return st_diag_msg(r->diag, ST_MSG_AT("%s: ", ST_MSG_OUT_OF_MEMORY), r->name);
	while (!rc) {
		char *nl = memchr(buf + start, '\n', end - start);
		if (nl) {
			size_t n = (size_t)(nl - (buf + start)) + 1;
			rc = feed(r, p, buf + start, n);
			start += n;
			continue;
		}
		if (end - start > ST_CSV_MAX_LINE) {
			rc = st_diag_msg(r->diag, ST_MSG_AT("%s:%ld: ", ST_MSG_CSV_LINE_TOO_LONG),
					 r->name, r->line + 1, ST_CSV_MAX_LINE);
			break;
		}
		if (eof) {
			if (end > start)
				rc = feed(r, p, buf + start, end - start);
			break;
		}
		memmove(buf, buf + start, end - start);
		end -= start;
		start = 0;
		size_t got = fread(buf + end, 1, cap - end, f);
		end += got;
		if (got == 0) {
			if (ferror(f))
				rc = st_diag_msg(r->diag, ST_MSG_AT("%s: ", ST_MSG_READ_FAILED),
						 r->name, strerror(errno));
			eof = 1;
		}
	}
	free(buf);
	return rc;
}

int st_csv_read(const char *path, const char *name, st_csv_record_fn fn, void *ctx,
		struct st_diag *diag)
{
	struct reader r = { .name = name, .diag = diag, .fn = fn, .ctx = ctx };
	struct csv_parser p;
	FILE *f;
	int rc;

	if (!(f = fopen(path, "rb")))
		return st_diag_msg(diag, ST_MSG_AT("%s: ", ST_MSG_CANNOT_OPEN), name, strerror(errno));
	if (csv_init(&p, CSV_STRICT | CSV_STRICT_FINI | CSV_APPEND_NULL) != 0) {
		fclose(f);
		return st_diag_msg(diag, ST_MSG_AT("%s: ", ST_MSG_OUT_OF_MEMORY), name);
	}
	csv_set_space_func(&p, no_space);
	rc = read_lines(&r, &p, f);
	if (!rc && csv_fini(&p, on_field, on_record, &r) != 0)
		rc = st_diag_msg(diag, ST_MSG_AT("%s:%ld: ", ST_MSG_CSV_OPEN_QUOTE), name,
				 r.rec_line ? r.rec_line : r.line);
	if (!rc)
		rc = r.stop;
	csv_free(&p);
	fclose(f);
	free(r.buf);
	free(r.offs);
	free(r.fields);
	return rc;
}

int st_csv_put_field(FILE *f, const char *s)
{
	int guard, quote;

	if (!s || !*s)
		return 0;
	guard = st_csv_unguard(s) != s || strchr("=+-@", s[0]);
	quote = strpbrk(s, ",\"\r\n") != NULL;
	/* the apostrophe goes inside the quotes: a quote must open the field */
	if ((quote && fputc('"', f) == EOF) || (guard && fputc('\'', f) == EOF))
		return -1;
	if (!quote)
		return fputs(s, f) == EOF ? -1 : 0;
	for (; *s; s++) {
		if (*s == '"' && fputc('"', f) == EOF)
			return -1;
		if (fputc(*s, f) == EOF)
			return -1;
	}
	return fputc('"', f) == EOF ? -1 : 0;
}
