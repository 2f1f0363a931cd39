/*
 * st_output — write results as tsv, xml, json or a Chinese text summary.
 *
 * A writer is streamed: begin, one call per subject, finish.  Nothing is
 * kept between subjects except counters, so output of a whole province
 * needs no more memory than one subject.  Formats:
 *   tsv   INTERCHANGE §2, exactly (English detail)
 *   xml   docs/results-xml.md, the document report templates read
 *   json  the same content as xml, written with jansson
 *   text  a readable Chinese summary; colour only when asked (a tty)
 */
#ifndef ST_OUTPUT_H
#define ST_OUTPUT_H

#include <stdio.h>

#include "st_date.h"
#include "st_eval.h"
#include "st_rules.h"

enum st_format { ST_FORMAT_TEXT, ST_FORMAT_TSV, ST_FORMAT_XML, ST_FORMAT_JSON };

/* the format by name ("text", "tsv", "xml", "json"); returns 0 or -1 */
int st_format_parse(const char *name, enum st_format *out);

struct st_run_meta {
	st_day as_of;
	const struct st_pack *pack;
	char generated[20];    /* local time of the run, YYYY-MM-DDTHH:MM:SS */
};

/* fill meta for a run now */
void st_run_meta_init(struct st_run_meta *meta, const struct st_pack *pack, st_day as_of);

struct st_writer;

/* start writing to f (not closed by the writer).  color: 1 to colour text
 * output.  Returns 0 and a writer freed with st_writer_free, or -1. */
int st_writer_new(FILE *f, enum st_format format, const struct st_run_meta *meta, int color,
		  struct st_writer **out);
/* write one subject's results; returns 0 or -1 on a write error */
int st_writer_subject(struct st_writer *w, const struct st_subject *s);
/* write what ends the document and flush; returns 0 or -1 on a write error */
int st_writer_finish(struct st_writer *w);
/* free the writer (after finish, or to abandon it); NULL is fine */
void st_writer_free(struct st_writer *w);
/* counts of results by status so far */
const size_t *st_writer_counts(const struct st_writer *w);

#endif
