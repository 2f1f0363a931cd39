/*
 * st_csv — reading and writing the dossier's CSV files.
 *
 * Reading goes through libcsv (RFC 4180, strict quoting) behind a line
 * reader that first makes sure the file is text: UTF-8 (a leading BOM is
 * dropped), no NUL bytes, no physical line longer than ST_CSV_MAX_LINE.
 * Each record is handed over with the physical line it starts on, so that
 * messages can say `FILE:LINE` even when a quoted cell spans lines.
 *
 * Writing quotes a field only when RFC 4180 needs it and guards against
 * spreadsheet formula injection: a cell that starts with = + - or @ (after
 * any number of apostrophes) is written with one more leading apostrophe,
 * and reading removes exactly one, so that the round trip is lossless.
 */
#ifndef ST_CSV_H
#define ST_CSV_H

#include <stddef.h>
#include <stdio.h>

#include "st_diag.h"

#define ST_CSV_MAX_LINE (1024 * 1024)   /* bytes per physical line or record */

/* Called once per record (the header is the first).  fields[0..n-1] are
 * NUL-terminated, formula guard removed, "" for an empty cell; they belong
 * to the reader and are valid until the callback returns.  line is the
 * physical line the record starts on.  Return 0 to go on, non-zero to stop
 * reading (st_csv_read then returns that value). */
typedef int (*st_csv_record_fn)(void *ctx, long line, size_t n, char **fields);

/* Read the CSV file at path; `name` is how messages call it ("parks.csv").
 * Returns 0 after the last record, the callback's non-zero value if it
 * stopped, or -1 with a message in diag when the file cannot be read or is
 * not a text CSV file (NUL byte, invalid UTF-8, line too long, bad quoting). */
int st_csv_read(const char *path, const char *name, st_csv_record_fn fn, void *ctx,
		struct st_diag *diag);

/* s without one guarding apostrophe if s is "'" + "'"* + one of = + - @;
 * otherwise s itself.  Returns a pointer into s. */
const char *st_csv_unguard(const char *s);

/* Write one field: guarded against formula injection, quoted if it holds a
 * comma, a quote, CR or LF.  NULL is written as an empty field.  Returns 0,
 * or -1 if the stream reported an error. */
int st_csv_put_field(FILE *f, const char *s);

/* 1 if the n bytes at s are valid UTF-8 (no overlong forms, no surrogates),
 * else 0 with the 0-based offset of the first bad byte in *bad */
int st_utf8_valid(const char *s, size_t n, size_t *bad);

#endif
