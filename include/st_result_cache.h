/*
 * st_result_cache — a subject's results kept between checks, for a
 * long-lived process (the web server's dashboards).
 *
 * A check of a park judges every subject anew: about 1 ms of CPU per
 * enterprise, half a second for a park of 500.  Between two requests most
 * subjects have not changed, so the cache keeps each subject's results of
 * the last run and hands them out again while they are still right.  A
 * subject's results are dropped:
 *   - when the evaluation date changes (the whole cache: results are kept
 *     for one as-of date at a time);
 *   - when the caller says it wrote to that subject:
 *     st_result_cache_forget_enterprise() / _park() after the write;
 *   - for every subject, when the store changed otherwise: a write on
 *     another connection (another process, e.g. an import; or another
 *     connection of this one) seen through PRAGMA data_version, or a write
 *     on the cache's own connection that was not followed by a forget call
 *     (sqlite3_total_changes64 moved since the cache last looked).
 * So a stale result can only be served if the caller writes on the cache's
 * connection, forgets the wrong subject, and nothing else moved: the
 * subjects a write touches are listed with the forget functions below.
 *
 * The results are the evaluator's own, copied: a cached run gives exactly
 * what st_checker_run gives, in the same order (tests/test_result_cache.c
 * compares them over generated parks at several dates, with writes between
 * the runs).  A run with a rule filter bypasses the cache.  The pack must
 * outlive the cache, and a cache serves one pack and one connection only.
 *
 * Not thread-safe: one thread uses a cache at a time (a run may itself use
 * several threads, see st_checker_run_jobs).
 */
#ifndef ST_RESULT_CACHE_H
#define ST_RESULT_CACHE_H

#include <stddef.h>
#include <sqlite3.h>

#include "st_checker.h"

struct st_result_cache;

/* A cache for results of `pack` read on `db`, keeping at most max_subjects
 * subjects (0: 100000; further subjects are judged but not kept).
 * Returns 0, or -1 when memory runs out. */
int st_result_cache_new(sqlite3 *db, const struct st_pack *pack, size_t max_subjects,
			struct st_result_cache **out);
/* free it and every result it holds; NULL is fine */
void st_result_cache_free(struct st_result_cache *c);

/* After committing a write on the cache's connection to an enterprise row or
 * to any record of that enterprise (inspection, hazard, worker, ...): drop
 * that enterprise's results and its park's (the park's facts list its
 * enterprises).  The write is then accounted for: it no longer empties the
 * whole cache. */
void st_result_cache_forget_enterprise(struct st_result_cache *c, const char *id);
/* After a write to a park row or to a park's meeting or drill (with its
 * participants): drop the park's results and every one of its enterprises'
 * (a drill shows in each participant's facts).  Accounted for as above. */
void st_result_cache_forget_park(struct st_result_cache *c, const char *id);
/* After a write on the cache's connection that is in no subject's facts
 * (sessions, accounts, evidence photos): nothing is dropped; the write is
 * accounted for as above. */
void st_result_cache_wrote_elsewhere(struct st_result_cache *c);
/* drop everything */
void st_result_cache_clear(struct st_result_cache *c);

/* st_checker_run_jobs on the cache's connection and pack, serving each
 * subject's results from the cache while valid and keeping the new ones.
 * Same arguments, order, return values and messages. */
int st_result_cache_run(struct st_result_cache *c, st_day as_of,
			const struct st_check_filter *filter, unsigned jobs, st_check_sink sink,
			void *arg, struct st_diag *diag);

/* counts since the cache was made: subjects served from it, judged anew */
void st_result_cache_stats(const struct st_result_cache *c, size_t *hits, size_t *misses);

/* ---- for checker.c ---- */

/* the valid results of subject id, or NULL */
const struct st_subject *st_result_cache_get(struct st_result_cache *c, enum st_scope kind,
					     const char *id);
/* keep a copy of s (a subject judged at the cache's date); returns 0 or -1 */
int st_result_cache_put(struct st_result_cache *c, const struct st_subject *s);
/* a cached run: checker.c calls back with the cache in hand */
int st_checker_run_with_cache(sqlite3 *db, const struct st_pack *pack, st_day as_of,
			      const struct st_check_filter *filter, unsigned jobs,
			      struct st_result_cache *cache, st_check_sink sink, void *arg,
			      struct st_diag *diag);

#endif
