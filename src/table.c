/*
 * table.c — plain-text tables with East Asian wide characters (see st_table.h).
 *
 * wcwidth() would need a UTF-8 locale, which scripts and cron jobs often do
 * not have; the dossier's text is UTF-8 whatever the locale, so widths come
 * from the Unicode East Asian Width ranges that matter here (CJK, Hangul,
 * full-width forms), everything else counting one column.
 */
#include "st_table.h"

#include <stdlib.h>
#include <string.h>

struct st_table {
	int ncols;
	char **cells;        /* (rows + 1) * ncols, row 0 is the header */
	size_t rows, cap;    /* rows including the header */
	int *width;          /* streaming: widths measured so far, header's included */
};

/* decode one UTF-8 character at s; returns the bytes it takes (a broken
 * sequence decodes as '?' and never runs past the terminating NUL) */
static int decode(const unsigned char *s, unsigned *cp)
{
	int n = s[0] < 0xC0 ? 1 : s[0] < 0xE0 ? 2 : s[0] < 0xF0 ? 3 : 4;

	*cp = n == 1 ? s[0] : s[0] & (0x7Fu >> n);
	for (int i = 1; i < n; i++) {
		if ((s[i] & 0xC0) != 0x80) {
			*cp = '?';
			return i;
		}
		*cp = *cp << 6 | (s[i] & 0x3Fu);
	}
	return n;
}

static int char_width(unsigned cp)
{
	if ((cp >= 0x1100 && cp <= 0x115F) || (cp >= 0x2E80 && cp <= 0x303E) ||
	    (cp >= 0x3041 && cp <= 0x33FF) || (cp >= 0x3400 && cp <= 0x4DBF) ||
	    (cp >= 0x4E00 && cp <= 0x9FFF) || (cp >= 0xA000 && cp <= 0xA4CF) ||
	    (cp >= 0xAC00 && cp <= 0xD7A3) || (cp >= 0xF900 && cp <= 0xFAFF) ||
	    (cp >= 0xFE30 && cp <= 0xFE4F) || (cp >= 0xFF00 && cp <= 0xFF60) ||
	    (cp >= 0xFFE0 && cp <= 0xFFE6) || (cp >= 0x20000 && cp <= 0x3FFFD))
		return 2;
	return 1;
}

int st_display_width(const char *s)
{
	int w = 0;
	unsigned cp;

	while (*s) {
		s += decode((const unsigned char *)s, &cp);
		w += char_width(cp);
	}
	return w;
}

struct st_table *st_table_new(int ncols, const char *const *head)
{
	struct st_table *t = calloc(1, sizeof *t);

	if (!t)
		return NULL;
	t->ncols = ncols;
	if (!(t->width = calloc((size_t)ncols, sizeof *t->width)) || st_table_add(t, head)) {
		st_table_free(t);
		return NULL;
	}
	return t;
}

int st_table_add(struct st_table *t, const char *const *cells)
{
	if (t->rows == t->cap) {
		size_t cap = t->cap ? t->cap * 2 : 16;
		char **c = realloc(t->cells, cap * (size_t)t->ncols * sizeof *c);
		if (!c)
			return -1;
		t->cells = c;
		t->cap = cap;
	}
	char **row = t->cells + t->rows * (size_t)t->ncols;
	for (int i = 0; i < t->ncols; i++) {
		row[i] = strdup(cells[i] ? cells[i] : "");
		if (!row[i]) {
			while (i-- > 0)
				free(row[i]);
			return -1;
		}
	}
	t->rows++;
	return 0;
}

size_t st_table_rows(const struct st_table *t)
{
	return t->rows ? t->rows - 1 : 0;
}

/* print s padded to `width` columns, cut to `max` columns with "…" */
static void put_cell(FILE *f, const char *s, int width, int max, int last)
{
	int w = 0, cut = st_display_width(s) > max;
	unsigned cp;

	while (*s) {
		int n = decode((const unsigned char *)s, &cp);
		int cw = char_width(cp);
		if (cut && w + cw > max - 1) {
			fputs("…", f);
			w++;
			break;
		}
		if (cp == '\n' || cp == '\t' || cp == '\r')
			fputc(' ', f);
		else
			fwrite(s, 1, (size_t)n, f);
		w += cw;
		s += n;
	}
	if (!last)
		fprintf(f, "%*s", width - w + 2, "");
}

/* one line: cells padded to width[], no trailing blanks */
static void print_line(FILE *f, int ncols, const char *const *row, const int *width, int max_width)
{
	int last = ncols - 1;

	while (last > 0 && (!row[last] || !*row[last]))
		last--;
	for (int i = 0; i <= last; i++)
		put_cell(f, row[i] ? row[i] : "", width[i], max_width, i == last);
	fputc('\n', f);
}

static void measure(int *width, int ncols, const char *const *row, int max_width)
{
	for (int i = 0; i < ncols; i++) {
		int w = row[i] ? st_display_width(row[i]) : 0;
		w = w > max_width ? max_width : w;
		if (w > width[i])
			width[i] = w;
	}
}

void st_table_print(const struct st_table *t, FILE *f, int max_width)
{
	int *width = calloc((size_t)t->ncols, sizeof *width);

	if (!width)
		return;
	for (size_t r = 0; r < t->rows; r++)
		measure(width, t->ncols, (const char *const *)t->cells + r * (size_t)t->ncols,
			max_width);
	for (size_t r = 0; r < t->rows; r++)
		print_line(f, t->ncols, (const char *const *)t->cells + r * (size_t)t->ncols,
			   width, max_width);
	free(width);
}

void st_table_measure(struct st_table *t, const char *const *cells, int max_width)
{
	measure(t->width, t->ncols, cells, max_width);
}

void st_table_print_head(struct st_table *t, FILE *f, int max_width)
{
	measure(t->width, t->ncols, (const char *const *)t->cells, max_width);
	print_line(f, t->ncols, (const char *const *)t->cells, t->width, max_width);
}

void st_table_print_row(const struct st_table *t, FILE *f, const char *const *cells,
			int max_width)
{
	print_line(f, t->ncols, cells, t->width, max_width);
}

void st_table_free(struct st_table *t)
{
	if (!t)
		return;
	for (size_t i = 0; i < t->rows * (size_t)t->ncols; i++)
		free(t->cells[i]);
	free(t->cells);
	free(t->width);
	free(t);
}
