/*
 * checker.c — evaluate every subject of the store (see st_checker.h).
 *
 * Subjects are read with one statement and judged one at a time: the facts
 * document and the results of a subject are freed before the next is read,
 * so memory does not grow with the size of the park or province.  With
 * several jobs, worker threads judge subjects on their own connections and
 * the calling thread hands the results to the sink in the one-thread order.
 */
#include "st_store.h"
#include "st_checker.h"
#include "st_alloc.h"
#include "st_result_cache.h"

#include <pthread.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include <libxml/parser.h>
#include <libxml/tree.h>

#include "st_facts.h"

static const char *const subject_sql[2][3] = {
	/* [scope][filter: none, park, enterprise] */
	[ST_SCOPE_PARK] = { "SELECT id FROM parks ORDER BY id",
			    "SELECT id FROM parks WHERE id = ?1",
			    NULL },
	[ST_SCOPE_ENTERPRISE] = { "SELECT id FROM enterprises ORDER BY id",
				  "SELECT id FROM enterprises WHERE park = ?1 ORDER BY id",
				  "SELECT id FROM enterprises WHERE id = ?1" },
};

static int exists(sqlite3 *db, const char *sql, const char *id)
{
	sqlite3_stmt *s = NULL;
	int found = 0;

	if (sqlite3_prepare_v2(db, sql, -1, &s, NULL) == SQLITE_OK &&
	    sqlite3_bind_text(s, 1, id, -1, SQLITE_STATIC) == SQLITE_OK)
		found = sqlite3_step(s) == SQLITE_ROW;
	sqlite3_finalize(s);
	return found;
}

struct run {
	sqlite3 *db;
	struct st_facts_reader *reader;
	const struct st_pack *pack;
	const st_day *dates;
	size_t *order;             /* indexes into dates, latest first */
	size_t ndates;
	const struct st_check_filter *filter;
	st_check_dates_sink sink;
	void *arg;
	struct st_diag *diag;
	struct pool *pool;         /* NULL: this thread judges every subject itself */
	struct st_result_cache *cache;   /* results kept between runs, or NULL */
	char **cols;               /* the columns the pack can read (st_eval_columns),
				      or NULL: every column */
	size_t ncols;
};

/* a facts reader on db reading the columns the run needs */
static int reader_new(const struct run *run, sqlite3 *db, struct st_facts_reader **out,
		      struct st_diag *diag)
{
	if (st_facts_reader_new(db, out, diag) != 0)
		return -1;
	if (run->cols)
		/* -1: some kind is read whole, which is right too */
		(void)st_facts_reader_columns(*out, (const char *const *)run->cols, run->ncols);
	return 0;
}

/* what to do with a subject's result at one date: hand it to the sink at
 * once (one thread) or keep it for the sink (a worker thread) */
typedef int (*result_fn)(void *arg, size_t date, struct st_subject *subject);

/* judge one subject at every date, latest first, from one read of the store */
static int judge(const struct run *run, struct st_facts_reader *reader, enum st_scope scope,
		 const char *id, result_fn fn, void *arg, struct st_diag *diag)
{
	struct st_facts *facts = NULL;
	int rc = 0;

	/* libxml2 2.9 can lose an allocation without failing the call: an
	 * attribute whose text could not be made comes back empty, and an
	 * empty date reads as a missing one.  Any failed allocation while the
	 * facts are built fails the subject (st_eval_subject does the same for
	 * the evaluation); the count is per thread. */
	st_alloc_install();
	unsigned long failures = st_alloc_failures();
	int b = st_facts_read(reader, scope, id, run->dates[run->order[0]], &facts, diag);
	if (b != 0)
		return b < 0 ? -1 : 0;
	if (st_alloc_failures() != failures) {
		st_facts_free(facts);
		return st_diag_add(diag, "内存不足（读取 %s 的记录时）", id);
	}
	for (size_t i = 0; i < run->ndates && rc == 0; i++) {
		st_day day = run->dates[run->order[i]];
		struct st_subject subject;
		if (i)
			st_facts_restrict(facts, day);
		if (st_eval_facts(run->pack, facts, day, run->filter->rule, &subject) != 0)
			rc = st_diag_add(diag, "内存不足（评估 %s 时）", id);
		else
			rc = fn(arg, run->order[i], &subject);
	}
	st_facts_free(facts);
	return rc;
}

/* hand a freshly judged subject to the sink, keeping a copy in the cache */
static int sink_fresh(const struct run *run, size_t date, const struct st_subject *subject)
{
	if (run->cache && st_result_cache_put(run->cache, subject) != 0)
		return st_diag_add(run->diag, "内存不足");
	return run->sink(run->arg, date, subject);
}

static int sink_now(void *arg, size_t date, struct st_subject *subject)
{
	const struct run *run = arg;
	int rc = sink_fresh(run, date, subject);
	st_subject_release(subject);
	return rc;
}

/* ---- threads --------------------------------------------------------------
 *
 * The calling thread reads the subjects' ids and puts them, in order, into a
 * ring of slots; workers take the slots in that order, judge the subject on
 * their own connection and reader, and keep the results in the slot; the
 * calling thread hands each slot's results to the sink in ring order, then
 * frees the slot for the next id.  One mutex guards the ring's counters and
 * the slots' states; the judging itself runs unlocked. */

enum slot_state { SLOT_FREE, SLOT_QUEUED, SLOT_TAKEN, SLOT_DONE };

struct slot {
	enum slot_state state;
	enum st_scope scope;
	char *id;
	int rc;                       /* judge()'s; messages in diag */
	const struct st_subject *cached;  /* served from the cache, not judged */
	struct st_subject *subjects;  /* [ndates], n of them filled */
	size_t *date;                 /* [ndates]: the date index of each */
	size_t n;
	struct st_diag diag;
};

struct worker {
	struct pool *pool;
	sqlite3 *db;
	struct st_facts_reader *reader;
	pthread_t thread;
	int started;
};

struct pool {
	const struct run *run;
	pthread_mutex_t mu;
	pthread_cond_t work;          /* a slot was queued, or the run ends */
	pthread_cond_t done;          /* a slot was judged */
	struct slot *slots;
	size_t nslots;
	size_t head, take, emit;      /* sequence numbers: next to queue, judge, emit */
	int closed;                   /* no more subjects will be queued */
	int stop;                     /* the run is over: workers leave */
	struct worker *workers;
	size_t nworkers;
};

static int keep_result(void *arg, size_t date, struct st_subject *subject)
{
	struct slot *slot = arg;
	slot->date[slot->n] = date;
	slot->subjects[slot->n++] = *subject;
	return 0;
}

static void *work(void *arg)
{
	struct worker *w = arg;
	struct pool *pool = w->pool;

	pthread_mutex_lock(&pool->mu);
	for (;;) {
		while (!pool->stop && !pool->closed && pool->take == pool->head)
			pthread_cond_wait(&pool->work, &pool->mu);
		if (pool->stop || pool->take == pool->head)
			break;
		struct slot *slot = &pool->slots[pool->take++ % pool->nslots];
		if (slot->state != SLOT_QUEUED)
			continue;   /* served from the cache */
		slot->state = SLOT_TAKEN;
		pthread_mutex_unlock(&pool->mu);
		slot->rc = judge(pool->run, w->reader, slot->scope, slot->id, keep_result, slot,
				 &slot->diag);
		pthread_mutex_lock(&pool->mu);
		slot->state = SLOT_DONE;
		pthread_cond_broadcast(&pool->done);
	}
	pthread_mutex_unlock(&pool->mu);
	return NULL;
}

static void slot_clear(struct slot *slot)
{
	for (size_t i = 0; i < slot->n; i++)
		st_subject_release(&slot->subjects[i]);
	slot->n = 0;
	free(slot->id);
	slot->id = NULL;
	st_diag_release(&slot->diag);
	slot->rc = 0;
	slot->cached = NULL;
	slot->state = SLOT_FREE;
}

/* wait for the oldest queued subject, hand its results to the sink, free
 * its slot; returns the sink's value or -1 (the worker's messages copied) */
static int emit_one(struct pool *pool)
{
	const struct run *run = pool->run;
	struct slot *slot = &pool->slots[pool->emit % pool->nslots];
	int rc;

	pthread_mutex_lock(&pool->mu);
	while (slot->state != SLOT_DONE)
		pthread_cond_wait(&pool->done, &pool->mu);
	pthread_mutex_unlock(&pool->mu);
	rc = slot->rc;
	for (size_t i = 0; i < st_diag_kept(&slot->diag); i++)
		st_diag_add(run->diag, "%s", slot->diag.line[i]);
	if (slot->cached)
		rc = run->sink(run->arg, 0, slot->cached);
	for (size_t i = 0; i < slot->n && rc == 0; i++)
		rc = sink_fresh(run, slot->date[i], &slot->subjects[i]);
	pthread_mutex_lock(&pool->mu);
	slot_clear(slot);
	pool->emit++;
	/* cached slots are done without a worker: never let a worker take a
	 * sequence number already emitted (its slot may hold a newer one) */
	if (pool->take < pool->emit)
		pool->take = pool->emit;
	pthread_mutex_unlock(&pool->mu);
	return rc;
}

/* queue one subject, first emitting the oldest when every slot is in use;
 * a subject served from the cache takes its turn in the ring, judged */
static int queue_subject(struct pool *pool, enum st_scope scope, const char *id,
			 const struct st_subject *cached)
{
	int rc = 0;

	if (pool->head - pool->emit == pool->nslots && (rc = emit_one(pool)) != 0)
		return rc;
	struct slot *slot = &pool->slots[pool->head % pool->nslots];
	if (!cached && !(slot->id = strdup(id)))
		return st_diag_add(pool->run->diag, "内存不足");
	slot->scope = scope;
	slot->cached = cached;
	pthread_mutex_lock(&pool->mu);
	if (cached) {
		/* workers take queued slots in ring order: this one is skipped */
		slot->state = SLOT_DONE;
	} else {
		slot->state = SLOT_QUEUED;
		pthread_cond_signal(&pool->work);
	}
	pool->head++;
	pthread_mutex_unlock(&pool->mu);
	return 0;
}

static void pool_stop(struct pool *pool)
{
	pthread_mutex_lock(&pool->mu);
	pool->stop = 1;
	pthread_cond_broadcast(&pool->work);
	pthread_mutex_unlock(&pool->mu);
}

static void pool_free(struct pool *pool)
{
	pool_stop(pool);
	for (size_t i = 0; i < pool->nworkers; i++) {
		struct worker *w = &pool->workers[i];
		if (w->started)
			pthread_join(w->thread, NULL);
		st_facts_reader_free(w->reader);
		if (w->db) {
			sqlite3_exec(w->db, "COMMIT", NULL, NULL, NULL);
			st_store_close(w->db);
		}
	}
	for (size_t i = 0; i < pool->nslots; i++) {
		slot_clear(&pool->slots[i]);
		free(pool->slots[i].subjects);
		free(pool->slots[i].date);
	}
	free(pool->slots);
	free(pool->workers);
	pthread_cond_destroy(&pool->work);
	pthread_cond_destroy(&pool->done);
	pthread_mutex_destroy(&pool->mu);
	free(pool);
}

/* Start up to `jobs` workers on their own connections.  NULL when fewer
 * than two could be had (or memory ran out): the caller then runs alone. */
static struct pool *pool_new(const struct run *run, unsigned jobs)
{
	const char *path = sqlite3_db_filename(run->db, "main");
	struct pool *pool;

	if (jobs < 2 || !path || !*path || !(pool = calloc(1, sizeof *pool)))
		return NULL;
	pool->run = run;
	pthread_mutex_init(&pool->mu, NULL);
	pthread_cond_init(&pool->work, NULL);
	pthread_cond_init(&pool->done, NULL);
	pool->nslots = 4 * (size_t)jobs;
	pool->slots = calloc(pool->nslots, sizeof *pool->slots);
	pool->workers = calloc(jobs, sizeof *pool->workers);
	if (!pool->slots || !pool->workers)
		goto fail;
	for (size_t i = 0; i < pool->nslots; i++) {
		struct slot *slot = &pool->slots[i];
		slot->subjects = calloc(run->ndates, sizeof *slot->subjects);
		slot->date = calloc(run->ndates, sizeof *slot->date);
		if (!slot->subjects || !slot->date)
			goto fail;
	}
	/* libxml2 sets its globals up once, and the allocator hooks are
	 * installed, before any thread uses it */
	xmlInitParser();
	if (st_alloc_install() != 0)
		goto fail;
	for (unsigned i = 0; i < jobs; i++) {
		struct worker *w = &pool->workers[pool->nworkers];
		struct st_diag quiet = ST_DIAG_INIT;
		w->pool = pool;
		/* a connection that cannot be had means fewer threads, not an error;
		   only this worker's thread uses it: no SQLite mutex */
		if (st_store_open_flags(path, ST_STORE_READ, ST_STORE_ONE_THREAD, &w->db,
					&quiet) != 0 ||
		    sqlite3_exec(w->db, "BEGIN", NULL, NULL, NULL) != SQLITE_OK ||
		    reader_new(run, w->db, &w->reader, &quiet) != 0) {
			st_diag_release(&quiet);
			st_store_close(w->db);
			w->db = NULL;
			break;
		}
		pool->nworkers++;
	}
	if (pool->nworkers < 2)
		goto fail;
	for (size_t i = 0; i < pool->nworkers; i++) {
		struct worker *w = &pool->workers[i];
		if (pthread_create(&w->thread, NULL, work, w) != 0)
			break;
		w->started = 1;
	}
	if (!pool->workers[0].started)
		goto fail;
	return pool;
fail:
	pool_free(pool);
	return NULL;
}

/* ---- the run --------------------------------------------------------------- */

static int run_scope(struct run *run, enum st_scope scope)
{
	const struct st_check_filter *filter = run->filter;
	int which = filter->enterprise ? 2 : filter->park ? 1 : 0;
	const char *sql = subject_sql[scope][which];
	sqlite3_stmt *s = NULL;
	int rc = 0, step = SQLITE_DONE;

	if (!sql)
		return 0;   /* --enterprise: no park rows */
	if (sqlite3_prepare_v2(run->db, sql, -1, &s, NULL) != SQLITE_OK)
		return st_diag_add(run->diag, "数据库错误：%s", st_store_errmsg(run->db));
	if (which)
		sqlite3_bind_text(s, 1, which == 2 ? filter->enterprise : filter->park, -1,
				  SQLITE_STATIC);
	while (rc == 0 && (step = sqlite3_step(s)) == SQLITE_ROW) {
		const char *id = (const char *)sqlite3_column_text(s, 0);
		const struct st_subject *hit = run->cache ?
			st_result_cache_get(run->cache, scope, id) : NULL;
		if (run->pool)
			rc = queue_subject(run->pool, scope, id, hit);
		else if (hit)
			rc = run->sink(run->arg, 0, hit);
		else
			rc = judge(run, run->reader, scope, id, sink_now, run, run->diag);
	}
	if (rc == 0 && step != SQLITE_DONE)
		rc = st_diag_add(run->diag, "数据库错误：%s", st_store_errmsg(run->db));
	sqlite3_finalize(s);
	return rc;
}

unsigned st_checker_default_jobs(void)
{
	/* $SAFETRACK_JOBS (1-64) caps the threads where the cores are shared
	 * (a server beside other work, a test counting allocations in order) */
	const char *env = getenv("SAFETRACK_JOBS");
	char *end;
	long n;

	if (env && *env && (n = strtol(env, &end, 10)) >= 1 && n <= 64 && !*end)
		return (unsigned)n;
	n = sysconf(_SC_NPROCESSORS_ONLN);
	return n < 1 ? 1 : n > 64 ? 64 : (unsigned)n;
}

static int run_dates(sqlite3 *db, const struct st_pack *pack, const st_day *dates,
		     size_t ndates, const struct st_check_filter *filter, unsigned jobs,
		     struct st_result_cache *cache, st_check_dates_sink sink, void *arg,
		     struct st_diag *diag)
{
	static const struct st_check_filter none = { NULL, NULL, NULL };
	struct run run = { db, NULL, pack, dates, NULL, ndates, filter ? filter : &none,
			   sink, arg, diag, NULL, cache, NULL, 0 };
	int rc;

	filter = run.filter;
	if (!ndates)
		return 0;
	if (filter->enterprise &&
	    !exists(db, "SELECT 1 FROM enterprises WHERE id = ?1", filter->enterprise))
		return st_diag_add(diag, "企业 %s 不存在", filter->enterprise);
	if (filter->park && !exists(db, "SELECT 1 FROM parks WHERE id = ?1", filter->park))
		return st_diag_add(diag, "园区 %s 不存在", filter->park);
	if (filter->rule && !st_pack_find(pack, filter->rule))
		return st_diag_add(diag, "规则 %s 不存在", filter->rule);
	if (!(run.order = malloc(ndates * sizeof *run.order)))
		return st_diag_add(diag, "内存不足");
	/* latest first: a handful of dates, so insertion sort */
	for (size_t i = 0; i < ndates; i++) {
		size_t k = i;
		for (; k > 0 && dates[run.order[k - 1]] < dates[i]; k--)
			run.order[k] = run.order[k - 1];
		run.order[k] = i;
	}
	if (jobs == 0)
		jobs = st_checker_default_jobs();
	if (jobs > 64)
		jobs = 64;
	/* Read only the columns the pack can read (issue #14: 3% of the
	 * instructions of a 500-enterprise check went to columns no rule reads); not
	 * for one enterprise, where working the set out would cost more than
	 * it saves.  1 (XPath may read any column) or no memory: all of them. */
	if (!filter->enterprise && st_eval_columns(pack, &run.cols, &run.ncols) != 0)
		run.cols = NULL;
	/* one subject: threads would only cost their connections */
	if (jobs > 1 && !filter->enterprise)
		run.pool = pool_new(&run, jobs);
	/* the reader prepares its statements (and SQLite reads the schema):
	 * made only when some subject is to be judged on this thread */
	if (!run.pool && reader_new(&run, db, &run.reader, diag) != 0) {
		st_eval_columns_free(run.cols, run.ncols);
		free(run.order);
		return -1;
	}
	rc = run_scope(&run, ST_SCOPE_PARK);
	if (rc == 0)
		rc = run_scope(&run, ST_SCOPE_ENTERPRISE);
	if (run.pool) {
		struct pool *pool = run.pool;
		pthread_mutex_lock(&pool->mu);
		pool->closed = 1;
		pthread_cond_broadcast(&pool->work);
		pthread_mutex_unlock(&pool->mu);
		while (rc == 0 && pool->emit != pool->head)
			rc = emit_one(pool);
		pool_free(pool);
	}
	st_facts_reader_free(run.reader);
	st_eval_columns_free(run.cols, run.ncols);
	free(run.order);
	return rc;
}

int st_checker_run_dates_jobs(sqlite3 *db, const struct st_pack *pack, const st_day *dates,
			      size_t ndates, const struct st_check_filter *filter, unsigned jobs,
			      st_check_dates_sink sink, void *arg, struct st_diag *diag)
{
	return run_dates(db, pack, dates, ndates, filter, jobs, NULL, sink, arg, diag);
}

int st_checker_run_dates(sqlite3 *db, const struct st_pack *pack, const st_day *dates,
			 size_t ndates, const struct st_check_filter *filter,
			 st_check_dates_sink sink, void *arg, struct st_diag *diag)
{
	return st_checker_run_dates_jobs(db, pack, dates, ndates, filter, 1, sink, arg, diag);
}

struct one_date {
	st_check_sink sink;
	void *arg;
};

static int one_date_sink(void *arg, size_t date, const struct st_subject *subject)
{
	struct one_date *o = arg;
	(void)date;
	return o->sink(o->arg, subject);
}

int st_checker_run_jobs(sqlite3 *db, const struct st_pack *pack, st_day as_of,
			const struct st_check_filter *filter, unsigned jobs, st_check_sink sink,
			void *arg, struct st_diag *diag)
{
	struct one_date o = { sink, arg };
	return st_checker_run_dates_jobs(db, pack, &as_of, 1, filter, jobs, one_date_sink, &o,
					 diag);
}

int st_checker_run_with_cache(sqlite3 *db, const struct st_pack *pack, st_day as_of,
			      const struct st_check_filter *filter, unsigned jobs,
			      struct st_result_cache *cache, st_check_sink sink, void *arg,
			      struct st_diag *diag)
{
	struct one_date o = { sink, arg };
	return run_dates(db, pack, &as_of, 1, filter, jobs, cache, one_date_sink, &o, diag);
}

int st_checker_run(sqlite3 *db, const struct st_pack *pack, st_day as_of,
		   const struct st_check_filter *filter, st_check_sink sink, void *arg,
		   struct st_diag *diag)
{
	return st_checker_run_jobs(db, pack, as_of, filter, 1, sink, arg, diag);
}
