/*
 * fuzz_csv.c — the dossier CSV reader and writer (st_csv.h).
 *
 * The input is one CSV file as a spreadsheet might save it: any bytes, NUL
 * bytes, invalid UTF-8, long lines and broken quoting included.  The reader
 * must either reject it with a FILE:LINE message or hand over records whose
 * cells are valid UTF-8.  Every record it accepts is then written back with
 * st_csv_put_field (formula guard and quoting) and read again: the cells
 * must come back byte for byte, and no written cell may start with one of
 * = + - @ (the spreadsheet formula injection the writer guards against).
 */
#include "fuzz.h"

#include "st_csv.h"

struct csv_fuzz {
	FILE *out;             /* the records written back */
	size_t records;
	/* on the second pass: the cells expected, in order, and where we are */
	char **want;
	size_t nwant, at;
	int header_seen;
};

static void csv_append(struct csv_fuzz *c, const char *s)
{
	char **w = realloc(c->want, (c->nwant + 1) * sizeof *w);

	FUZZ_CHECK(w != NULL);
	c->want = w;
	/* malloc, not strdup: the replay test counts allocations through malloc */
	FUZZ_CHECK((c->want[c->nwant] = malloc(strlen(s) + 1)) != NULL);
	strcpy(c->want[c->nwant++], s);
}

/* first pass: check each record and write it back */
static int csv_first(void *ctx, long line, size_t n, char **fields)
{
	struct csv_fuzz *c = ctx;

	FUZZ_CHECK(line >= 1 && n >= 1);
	/* a lone empty cell is written as an empty line, which CSV cannot tell
	 * from no record at all: nothing to compare */
	if (n == 1 && !fields[0][0])
		return 0;
	for (size_t i = 0; i < n; i++) {
		FUZZ_CHECK(st_utf8_valid(fields[i], strlen(fields[i]), NULL));
		FUZZ_CHECK((i == 0 || fputc(',', c->out) != EOF) &&
			   st_csv_put_field(c->out, fields[i]) == 0);
		csv_append(c, fields[i]);
	}
	FUZZ_CHECK(fputc('\n', c->out) != EOF);
	csv_append(c, "\n");   /* record boundary marker */
	c->records++;
	return 0;
}

/* second pass: the written file reads back as the same cells */
static int csv_second(void *ctx, long line, size_t n, char **fields)
{
	struct csv_fuzz *c = ctx;

	(void)line;
	if (!c->header_seen) {
		FUZZ_CHECK(n == 1 && !strcmp(fields[0], "h"));
		c->header_seen = 1;
		return 0;
	}
	for (size_t i = 0; i < n; i++) {
		FUZZ_CHECK(c->at < c->nwant);
		FUZZ_CHECK(!strcmp(c->want[c->at], fields[i]));
		c->at++;
	}
	FUZZ_CHECK(c->at < c->nwant && !strcmp(c->want[c->at], "\n"));
	c->at++;
	return 0;
}

/* no cell of the written file starts with a formula character: scan the
 * raw text cell by cell (a cell starts after a separator, a line end or an
 * opening quote) */
static void csv_check_guarded(const char *path)
{
	FILE *f = fopen(path, "rb");
	int c, quoted = 0, start = 1;

	FUZZ_CHECK(f != NULL);
	while ((c = fgetc(f)) != EOF) {
		if (start && !quoted && c == '"') {
			quoted = 1;
			continue;   /* the cell's text starts after the quote */
		}
		if (start)
			FUZZ_CHECK(c == 0 || !strchr("=+-@", c));
		start = 0;
		if (quoted) {
			if (c == '"') {
				int d = fgetc(f);
				if (d == '"')
					continue;
				quoted = 0;
				if (d == EOF)
					break;
				c = d;
			} else {
				continue;
			}
		}
		if (c == ',' || c == '\n')
			start = 1;
	}
	fclose(f);
}

int FUZZ_ENTRY(const uint8_t *data, size_t size)
{
	static char in[300], out[300];
	struct st_diag diag = ST_DIAG_INIT;
	struct csv_fuzz c = { 0 };
	int rc;

	if (!in[0]) {
		snprintf(in, sizeof in, "%s/in.csv", fuzz_dir());
		snprintf(out, sizeof out, "%s/out.csv", fuzz_dir());
	}
	fuzz_write(in, data, size);
	FUZZ_CHECK((c.out = fopen(out, "wb")) != NULL);
	FUZZ_CHECK(fputs("h\n", c.out) != EOF);
	rc = st_csv_read(in, "in.csv", csv_first, &c, &diag);
	FUZZ_CHECK(fclose(c.out) == 0);
	if (rc != 0) {
		FUZZ_CHECK(rc == -1 && diag.count > 0 && !strncmp(diag.line[0], "in.csv:", 7));
	} else {
		FUZZ_CHECK(diag.count == 0);
		csv_check_guarded(out);
		FUZZ_CHECK(st_csv_read(out, "out.csv", csv_second, &c, &diag) == 0);
		FUZZ_CHECK(diag.count == 0 && c.at == c.nwant);
	}
	for (size_t i = 0; i < c.nwant; i++)
		free(c.want[i]);
	free(c.want);
	st_diag_release(&diag);
	return 0;
}
