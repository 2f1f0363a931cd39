/*
 * http_cache.c — the server's shared store connection, its result cache,
 * and the chase lists shared between requests (see st_http_page.h).
 *
 * The checker judges a subject in about a millisecond of CPU, so a park of
 * 500 enterprises takes seconds when every request judges it anew.  The
 * server therefore keeps one st_result_cache holding today's results of
 * every subject, on one connection of its own ("the shared connection"):
 *
 *   - Every write of the server (records, hazards, evidence, sessions,
 *     login failures, calendar tokens) goes through that connection
 *     (st_web_write_begin / _end), and each write that touches a subject
 *     tells the cache which one (forget_enterprise / forget_park), so only
 *     that subject and its park are judged again.  A write the cache was
 *     not told about, or any write by another process (an import, the
 *     command line), empties the cache: correct, only slower.
 *   - A background thread ("warming") judges the parks one by one at
 *     start-up, after midnight and after an outside change, holding the
 *     lock for one park at a time so that writes and pages interleave.
 *     While a dashboard's scope is not warm yet, the dashboard says so and
 *     refreshes itself instead of making its visitor wait (docs/web.md);
 *     that scope's park is warmed next.
 *   - One mutex guards the connection, the cache and the warming state:
 *     the cache is not thread-safe and a write must not interleave with a
 *     run on the same connection.
 *
 * Chase lists (the dashboard's and /api/v1/overdue's) are kept on top of
 * that, with a stamp of the store's files (size and modification time of
 * the database and its WAL), so that an unchanged store answers without
 * taking the lock at all.  Other dates than today do not use the result
 * cache (it holds one date): they are judged on the worker's connection.
 */
#include "st_http_page.h"

#include <pthread.h>
#include <stdatomic.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <time.h>

#include "st_account.h"
#include "st_directory.h"
#include "st_dossier.h"
#include "st_result_cache.h"
#include "st_store.h"

/* ---- the shared connection and the warming thread ---- */

struct st_web_store {
	pthread_mutex_t mu;
	atomic_int waiting;             /* requests waiting for mu: warming yields */
	pthread_cond_t wake;            /* the warming thread: work, or stop */
	pthread_cond_t warmed;          /* a park was judged */
	pthread_t thread;
	int started, stop;
	sqlite3 *db;
	const struct st_pack *pack;
	struct st_result_cache *cache;
	struct st_recorder *recorder;   /* the recording layer's statements, kept */
	sqlite3_stmt *version_st;       /* PRAGMA data_version */
	sqlite3_int64 version, changes; /* the store the warm state describes */
	st_day day;                     /* and the date; ST_DAY_NONE: none yet */
	struct st_dir_entry *parks;
	size_t nparks, nwarm;
	unsigned char *warm;            /* per park: judged since the last reset */
	size_t wanted;                  /* a park a visitor waits for, or nparks */
	int announced;                  /* the warm notice given for this state */
	struct timespec since;          /* when warming began */
	void (*notice)(void *arg, const char *message);
	void *notice_arg;
};

/* a request takes the lock; the warming thread steps aside for it */
static void store_lock(struct st_web_store *s)
{
	atomic_fetch_add(&s->waiting, 1);
	pthread_mutex_lock(&s->mu);
	atomic_fetch_sub(&s->waiting, 1);
}

static sqlite3_int64 data_version(struct st_web_store *s)
{
	sqlite3_int64 v = -1;

	sqlite3_reset(s->version_st);
	if (sqlite3_step(s->version_st) == SQLITE_ROW)
		v = sqlite3_column_int64(s->version_st, 0);
	sqlite3_reset(s->version_st);
	return v;
}

/* Under the lock: start the warm state over when the date changed or the
 * store changed behind the cache's back (the cache itself empties then). */
static void refresh(struct st_web_store *s)
{
	struct st_diag diag = ST_DIAG_INIT;
	st_day today = st_today();
	sqlite3_int64 v = data_version(s), ch = sqlite3_total_changes64(s->db);

	if (today == s->day && v == s->version && ch == s->changes)
		return;
	st_directory_free(s->parks, s->nparks);
	free(s->warm);
	s->parks = NULL;
	s->warm = NULL;
	s->nparks = s->nwarm = 0;
	if (st_directory_list(s->db, 1, &s->parks, &s->nparks, &diag) == 0 &&
	    !(s->warm = calloc(s->nparks + 1, 1))) {
		st_directory_free(s->parks, s->nparks);
		s->parks = NULL;
		s->nparks = 0;
	}
	st_diag_release(&diag);
	s->wanted = s->nparks;
	s->day = today;
	s->version = v;
	s->changes = ch;
	s->announced = 0;
	clock_gettime(CLOCK_MONOTONIC, &s->since);
	pthread_cond_signal(&s->wake);
}

static size_t park_index(const struct st_web_store *s, const char *park)
{
	for (size_t i = 0; i < s->nparks; i++)
		if (!strcmp(s->parks[i].id, park))
			return i;
	return s->nparks;
}

/* Under the lock: is the scope of f judged (most of it cached)?  If not,
 * its park is warmed next. */
static int scope_warm(struct st_web_store *s, const struct st_check_filter *f)
{
	size_t i;

	if (f->enterprise)
		return 1;       /* one enterprise: judged at once */
	if (!f->park) {
		if (s->nwarm == s->nparks)
			return 1;
		for (i = 0; i < s->nparks && s->warm[i]; i++)
			;
	} else if ((i = park_index(s, f->park)) == s->nparks || s->warm[i]) {
		return 1;       /* no such park: the checker says so at once */
	}
	s->wanted = i;
	pthread_cond_signal(&s->wake);
	return 0;
}

/* the warming run's sink: the subject is kept already; stop (1) as soon
 * as a request waits for the lock, so that it waits for one subject at
 * most, not a park (the run is taken up again, cached subjects served) */
static int yield_sink(void *arg, const struct st_subject *subject)
{
	struct st_web_store *s = arg;
	(void)subject;
	return atomic_load(&s->waiting) > 0;
}

static void *warm_thread(void *arg)
{
	struct st_web_store *s = arg;
	char msg[200];

	pthread_mutex_lock(&s->mu);
	while (!s->stop) {
		size_t i;
		refresh(s);
		i = s->wanted < s->nparks && !s->warm[s->wanted] ? s->wanted : 0;
		while (i < s->nparks && s->warm[i])
			i++;
		if (i == s->nparks) {
			struct timespec now, until;
			if (!s->announced && s->notice) {
				clock_gettime(CLOCK_MONOTONIC, &now);
				snprintf(msg, sizeof msg, "今日核查结果已备好：%zu 个园区，用时 %.1f 秒",
					 s->nparks,
					 (double)(now.tv_sec - s->since.tv_sec) +
						 (double)(now.tv_nsec - s->since.tv_nsec) / 1e9);
				s->notice(s->notice_arg, msg);
			}
			s->announced = 1;
			/* look again for a new day or an outside change */
			clock_gettime(CLOCK_REALTIME, &until);
			until.tv_sec += 10;
			pthread_cond_timedwait(&s->wake, &s->mu, &until);
			continue;
		}
		struct st_check_filter f = { NULL, s->parks[i].id, NULL };
		struct st_diag diag = ST_DIAG_INIT;
		int rc = st_result_cache_run(s->cache, s->day, &f, 0, yield_sink, s, &diag);
		st_diag_release(&diag);
		if (rc > 0) {
			/* requests wait: let them all in, then go on */
			pthread_mutex_unlock(&s->mu);
			for (int k = 0; k < 100 && atomic_load(&s->waiting) > 0; k++)
				nanosleep(&(struct timespec){ 0, 1000 * 1000 }, NULL);
			pthread_mutex_lock(&s->mu);
			continue;
		}
		/* a failed run leaves the park to the requests, which report why */
		s->warm[i] = 1;
		s->nwarm++;
		if (s->wanted == i)
			s->wanted = s->nparks;
		pthread_cond_broadcast(&s->warmed);
		/* let waiting requests in between two parks */
		pthread_mutex_unlock(&s->mu);
		nanosleep(&(struct timespec){ 0, 2 * 1000 * 1000 }, NULL);
		pthread_mutex_lock(&s->mu);
	}
	pthread_mutex_unlock(&s->mu);
	return NULL;
}

int st_web_store_open(const struct st_server_opts *o, struct st_web_store **out,
		      struct st_diag *diag)
{
	struct st_web_store *s = calloc(1, sizeof *s);

	*out = NULL;
	if (!s)
		return st_diag_add(diag, "内存不足");
	pthread_mutex_init(&s->mu, NULL);
	pthread_cond_init(&s->wake, NULL);
	pthread_cond_init(&s->warmed, NULL);
	atomic_init(&s->waiting, 0);
	s->pack = o->pack;
	s->day = ST_DAY_NONE;
	s->notice = o->notice;
	s->notice_arg = o->notice_arg;
	if (st_store_open(o->db_path, ST_STORE_READ, &s->db, diag)) {
		st_web_store_close(s);
		return -1;
	}
	/* a person waiting for a page can wait longer than a batch command
	 * for another writer (an import, a slow disk under fsync) */
	sqlite3_busy_timeout(s->db, 20000);
	if (sqlite3_prepare_v2(s->db, "PRAGMA data_version", -1, &s->version_st, NULL) != SQLITE_OK ||
	    st_result_cache_new(s->db, s->pack, 0, &s->cache) ||
	    st_recorder_new(s->db, &s->recorder, diag)) {
		st_diag_add(diag, "内存不足");
		st_web_store_close(s);
		return -1;
	}
	if (pthread_create(&s->thread, NULL, warm_thread, s)) {
		st_diag_add(diag, "无法启动后台核查线程");
		st_web_store_close(s);
		return -1;
	}
	s->started = 1;
	*out = s;
	return 0;
}

void st_web_store_close(struct st_web_store *s)
{
	if (!s)
		return;
	if (s->started) {
		pthread_mutex_lock(&s->mu);
		s->stop = 1;
		pthread_cond_signal(&s->wake);
		pthread_mutex_unlock(&s->mu);
		pthread_join(s->thread, NULL);
	}
	st_result_cache_free(s->cache);
	st_recorder_free(s->recorder);
	sqlite3_finalize(s->version_st);
	st_store_close(s->db);
	st_directory_free(s->parks, s->nparks);
	free(s->warm);
	pthread_cond_destroy(&s->wake);
	pthread_cond_destroy(&s->warmed);
	pthread_mutex_destroy(&s->mu);
	free(s);
}

sqlite3 *st_web_write_begin(struct st_req *r)
{
	struct st_web_store *s = r->web->store;

	store_lock(s);
	refresh(s);
	return s->db;
}

struct st_recorder *st_web_write_recorder(struct st_req *r)
{
	return r->web->store->recorder;
}

void st_web_write_end(struct st_req *r, enum st_web_wrote what, const char *id)
{
	struct st_web_store *s = r->web->store;

	switch (what) {
	case ST_WROTE_ENTERPRISE:
		st_result_cache_forget_enterprise(s->cache, id);
		break;
	case ST_WROTE_PARK:
		st_result_cache_forget_park(s->cache, id);
		break;
	case ST_WROTE_NO_SUBJECT:
		/* sessions, accounts, evidence: in no subject's facts */
		st_result_cache_wrote_elsewhere(s->cache);
		break;
	case ST_WROTE_UNKNOWN:
		st_result_cache_clear(s->cache);
		s->day = ST_DAY_NONE;   /* warm again */
		break;
	}
	/* the warm state still describes the store: this write is accounted for */
	if (s->day != ST_DAY_NONE)
		s->changes = sqlite3_total_changes64(s->db);
	pthread_mutex_unlock(&s->mu);
}

int st_web_check(struct st_req *r, st_day as_of, const struct st_check_filter *f,
		 st_check_sink sink, void *arg, struct st_diag *diag)
{
	struct st_web_store *s = r->web->store;
	int rc;

	if (as_of != st_today() || f->rule) {
		sqlite3 *db = st_web_db(r, diag);
		return db ? st_checker_run_jobs(db, r->web->pack, as_of, f, 1, sink, arg, diag) : -1;
	}
	store_lock(s);
	refresh(s);
	rc = st_result_cache_run(s->cache, as_of, f, 1, sink, arg, diag);
	pthread_mutex_unlock(&s->mu);
	return rc;
}

/* ---- chase lists ---- */

#define SLOTS 8
#define PAGES 16

/* a page rendered from a list for one session (the page carries the
 * account and its CSRF token, nothing else that the list does not say) */
struct page_memo {
	char session[ST_TOKEN_HEX + 1];
	char *html;
	size_t len;
	unsigned long used;
};

struct st_web_chase {
	char key[200];
	char stamp[128];
	struct st_chase list;
	int refs;            /* requests using it, plus one while cached */
	unsigned long used;  /* LRU clock */
	struct page_memo page[PAGES];
};

static pthread_mutex_t lock = PTHREAD_MUTEX_INITIALIZER;
static pthread_mutex_t compute_lock = PTHREAD_MUTEX_INITIALIZER;
static struct st_web_chase *slot[SLOTS];
static unsigned long clock_now;

static void stamp_of(const char *db_path, char *out, size_t size)
{
	struct stat a, b;
	char wal[4200];

	memset(&a, 0, sizeof a);
	memset(&b, 0, sizeof b);
	snprintf(wal, sizeof wal, "%s-wal", db_path);
	stat(db_path, &a);
	stat(wal, &b);
	snprintf(out, size, "%lld.%ld:%lld/%lld.%ld:%lld", (long long)a.st_mtim.tv_sec,
		 a.st_mtim.tv_nsec, (long long)a.st_size, (long long)b.st_mtim.tv_sec,
		 b.st_mtim.tv_nsec, (long long)b.st_size);
}

static void unref(struct st_web_chase *e)
{
	if (--e->refs == 0) {
		st_chase_release(&e->list);
		for (int i = 0; i < PAGES; i++)
			free(e->page[i].html);
		free(e);
	}
}

char *st_web_chase_page(struct st_web_chase *e, const char *session, size_t *len)
{
	char *copy = NULL;

	pthread_mutex_lock(&lock);
	for (int i = 0; i < PAGES; i++)
		if (e->page[i].html && !strcmp(e->page[i].session, session)) {
			if ((copy = malloc(e->page[i].len + 1))) {
				memcpy(copy, e->page[i].html, e->page[i].len + 1);
				*len = e->page[i].len;
			}
			e->page[i].used = ++clock_now;
			break;
		}
	pthread_mutex_unlock(&lock);
	return copy;
}

void st_web_chase_keep_page(struct st_web_chase *e, const char *session, const char *html,
			    size_t len)
{
	char *copy = malloc(len + 1);
	int victim = 0;

	if (!copy || strlen(session) > ST_TOKEN_HEX) {
		free(copy);
		return;   /* not kept: rendered again next time */
	}
	memcpy(copy, html, len);
	copy[len] = '\0';
	pthread_mutex_lock(&lock);
	for (int i = 0; i < PAGES; i++) {
		if (!e->page[i].html || !strcmp(e->page[i].session, session)) {
			victim = i;
			break;
		}
		if (e->page[i].used < e->page[victim].used)
			victim = i;
	}
	free(e->page[victim].html);
	snprintf(e->page[victim].session, sizeof e->page[victim].session, "%s", session);
	e->page[victim].html = copy;
	e->page[victim].len = len;
	e->page[victim].used = ++clock_now;
	pthread_mutex_unlock(&lock);
}

void st_web_chase_put(struct st_web_chase *ref)
{
	if (!ref)
		return;
	pthread_mutex_lock(&lock);
	unref(ref);
	pthread_mutex_unlock(&lock);
}

void st_web_cache_clear(void)
{
	pthread_mutex_lock(&lock);
	for (int i = 0; i < SLOTS; i++)
		if (slot[i]) {
			unref(slot[i]);
			slot[i] = NULL;
		}
	pthread_mutex_unlock(&lock);
}

/* the cached entry for key and stamp, referenced, or NULL; under lock */
static struct st_web_chase *lookup(const char *key, const char *stamp)
{
	for (int i = 0; i < SLOTS; i++)
		if (slot[i] && !strcmp(slot[i]->key, key) && !strcmp(slot[i]->stamp, stamp)) {
			slot[i]->refs++;
			slot[i]->used = ++clock_now;
			return slot[i];
		}
	return NULL;
}

/* keep e, replacing an entry with the same key or the least recently used */
static void store(struct st_web_chase *e)
{
	int victim = 0;

	for (int i = 0; i < SLOTS; i++) {
		if (!slot[i] || !strcmp(slot[i]->key, e->key)) {
			victim = i;
			break;
		}
		if (slot[i]->used < slot[victim]->used)
			victim = i;
	}
	if (slot[victim])
		unref(slot[victim]);
	e->refs++;
	e->used = ++clock_now;
	slot[victim] = e;
}

/* judge the list into e: today's through the result cache, under the
 * store's lock (1: the scope is still warming and wait is 0), other dates
 * on the worker's connection; -1 with a message in diag */
static int judge(struct st_req *r, st_day as_of, long within, const struct st_check_filter *f,
		 int wait, struct st_web_chase *e, struct st_diag *diag)
{
	struct st_web_store *s = r->web->store;
	int rc;

	st_chase_begin(&e->list, as_of, within, NULL, NULL);
	if (as_of != st_today()) {
		sqlite3 *db = st_web_db(r, diag);
		if (!db)
			return -1;
		pthread_mutex_lock(&compute_lock);
		rc = st_checker_run_jobs(db, r->web->pack, as_of, f, 0, st_chase_collect, &e->list,
					 diag);
		pthread_mutex_unlock(&compute_lock);
		return st_chase_finish(&e->list, rc, diag);
	}
	store_lock(s);
	refresh(s);
	if (!wait && !scope_warm(s, f)) {
		/* a small store is judged in moments: wait a second for it
		 * before saying it is being judged */
		struct timespec until;
		clock_gettime(CLOCK_REALTIME, &until);
		until.tv_sec += 1;
		while (!scope_warm(s, f))
			if (pthread_cond_timedwait(&s->warmed, &s->mu, &until)) {
				pthread_mutex_unlock(&s->mu);
				return 1;
			}
	}
	rc = st_result_cache_run(s->cache, as_of, f, 1, st_chase_collect, &e->list, diag);
	pthread_mutex_unlock(&s->mu);
	return st_chase_finish(&e->list, rc, diag);
}

/* judge, then add the major hazards when asked */
static int compute(struct st_req *r, st_day as_of, long within, const struct st_check_filter *f,
		   int flags, struct st_web_chase *e, struct st_diag *diag)
{
	int rc = judge(r, as_of, within, f, flags & ST_CHASE_WAIT, e, diag);
	sqlite3 *db;

	if (rc || !(flags & ST_CHASE_MAJOR))
		return rc;
	if (!(db = st_web_db(r, diag)) || st_chase_add_major_hazards(db, f, &e->list, diag)) {
		st_chase_release(&e->list);
		return -1;
	}
	return 0;
}

const struct st_chase *st_web_chase_get(struct st_req *r, st_day as_of, long within,
					const struct st_check_filter *f, int flags,
					struct st_web_chase **ref)
{
	struct st_diag diag = ST_DIAG_INIT;
	struct st_web_chase *e;
	char key[200], stamp[128];
	int rc;

	*ref = NULL;
	snprintf(key, sizeof key, "%d|%d|%ld|%s|%s|%s", flags & ST_CHASE_MAJOR, (int)as_of, within,
		 f->park ? f->park : "",
		 f->enterprise ? f->enterprise : "", f->rule ? f->rule : "");
	stamp_of(r->web->db_path, stamp, sizeof stamp);
	pthread_mutex_lock(&lock);
	e = lookup(key, stamp);
	pthread_mutex_unlock(&lock);
	if (e) {
		*ref = e;
		return &e->list;
	}
	if (!(e = calloc(1, sizeof *e))) {
		st_web_error(r, 500, "内存不足");
		return NULL;
	}
	snprintf(e->key, sizeof e->key, "%s", key);
	/* the stamp before the run: a write during it makes the next request
	 * judge again rather than keep a list that may miss it */
	snprintf(e->stamp, sizeof e->stamp, "%s", stamp);
	e->refs = 1;
	rc = compute(r, as_of, within, f, flags, e, &diag);
	if (rc) {
		free(e);
		if (rc < 0)
			st_web_error(r, 500, diag.count ? diag.line[0] : "核查失败");
		st_diag_release(&diag);
		return NULL;
	}
	st_diag_release(&diag);
	pthread_mutex_lock(&lock);
	store(e);
	pthread_mutex_unlock(&lock);
	*ref = e;
	return &e->list;
}

int st_web_keep_row(const struct st_account *a, const struct st_chase_item *it)
{
	if (it->kind == ST_SCOPE_PARK)
		return st_access_sees_park(a, it->subject);
	return st_access_sees_enterprise(a, it->subject, it->park);
}
