/*
 * st_generate — a synthetic, reproducible park dossier for tests and benchmarks.
 *
 * st_generate() writes the thirteen CSV files of INTERCHANGE §1 into a folder:
 * parks of about 500 enterprises each, and for every enterprise the records a
 * park safety office keeps over a span of calendar years (quarterly
 * inspections with their 13-item checklist, hazards found and closed or not,
 * safety evaluations, projects, workers and their training, certificates,
 * special equipment, accidents, responsibility letters), plus park meetings
 * and drills.  The rates aim at what a real park looks like: most obligations
 * met, a few percent missed in every way the rule catalogue can detect.
 *
 * The output depends only on the options: the same options give the same
 * bytes on every run and machine (integer arithmetic and a private PRNG, no
 * rand(), no clock).  Rows are written as they are made; memory is bounded by
 * one park's enterprises, whatever the number of enterprises.
 */
#ifndef ST_GENERATE_H
#define ST_GENERATE_H

#include <stdint.h>

#include "st_date.h"
#include "st_diag.h"
#include "st_dossier.h"

/* The files are the dossier's kinds (st_dossier.h): file st_kind_info(k)->file
 * with the header of its columns, written for k in enum st_kind order. */

#define ST_GENERATE_MAX_YEARS 50
#define ST_GENERATE_PARK_SIZE 500

struct st_generate_opts {
	unsigned long enterprises;  /* number of enterprises, >= 1 */
	int years;                  /* calendar years covered, 1..ST_GENERATE_MAX_YEARS */
	uint64_t seed;              /* any value */
	st_day until;               /* last day covered (records are dated on or before it) */
	unsigned park_size;         /* enterprises per park, >= 1 */
	/* called after each park with the enterprises written so far; may be NULL */
	void (*progress)(void *arg, unsigned long done, unsigned long total);
	void *progress_arg;
};

/* rows written per file (headers not counted) */
struct st_generate_stats {
	unsigned long rows[ST_KIND_COUNT];   /* by enum st_kind */
};

/* fill opts with the defaults: 1 enterprise, 1 year, seed 1, until
 * 2026-11-28 (a fixed date, so that the output never depends on the clock),
 * ST_GENERATE_PARK_SIZE enterprises per park, no progress callback */
void st_generate_opts_init(struct st_generate_opts *opts);

/* Write the dossier into the folder dir, which must exist; every one of the
 * thirteen files is created or truncated.  Returns 0 and, if stats is not
 * NULL, the row counts; or -1 with a message in diag (bad options, a file
 * that cannot be written).  On failure the files may be partly written. */
int st_generate(const char *dir, const struct st_generate_opts *opts,
		struct st_generate_stats *stats, struct st_diag *diag);

#endif
