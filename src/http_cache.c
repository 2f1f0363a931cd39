/*
 * http_cache.c — chase lists shared between requests (see st_http_page.h).
 *
 * Evaluating a park of 500 enterprises takes seconds; the dashboard is the
 * page everyone opens first.  A list is kept with a stamp of the store's
 * files (size and modification time of the database and its WAL), so that
 * any committed change — from this server or from the command line —
 * makes the next request compute it afresh.  A few lists are kept (one per
 * scope and day), the least recently used dropped first; an entry is freed
 * when the last request using it lets go.
 */
#include "st_http_page.h"

#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include "st_account.h"

#define SLOTS 8

struct st_web_chase {
	char key[200];
	char stamp[128];
	struct st_chase list;
	int refs;            /* requests using it, plus one while cached */
	unsigned long used;  /* LRU clock */
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
		free(e);
	}
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

const struct st_chase *st_web_chase_get(struct st_req *r, st_day as_of, long within,
					const struct st_check_filter *f, struct st_web_chase **ref)
{
	struct st_diag diag = ST_DIAG_INIT;
	struct st_web_chase *e;
	char key[200], stamp[128];
	sqlite3 *db = st_web_db(r, &diag);

	*ref = NULL;
	if (!db) {
		st_diag_release(&diag);
		st_web_error(r, 500, "数据库暂时无法使用，请稍后再试");
		return NULL;
	}
	snprintf(key, sizeof key, "%d|%ld|%s|%s|%s", (int)as_of, within, f->park ? f->park : "",
		 f->enterprise ? f->enterprise : "", f->rule ? f->rule : "");
	stamp_of(r->web->db_path, stamp, sizeof stamp);
	pthread_mutex_lock(&lock);
	e = lookup(key, stamp);
	pthread_mutex_unlock(&lock);
	if (e) {
		*ref = e;
		return &e->list;
	}
	/* one computation at a time: the requests that queue behind it find
	 * its result; different scopes wait too, which bounds the memory and
	 * CPU a burst of requests can take */
	pthread_mutex_lock(&compute_lock);
	stamp_of(r->web->db_path, stamp, sizeof stamp);
	pthread_mutex_lock(&lock);
	e = lookup(key, stamp);
	pthread_mutex_unlock(&lock);
	if (!e && (e = calloc(1, sizeof *e))) {
		snprintf(e->key, sizeof e->key, "%s", key);
		snprintf(e->stamp, sizeof e->stamp, "%s", stamp);
		e->refs = 1;
		if (st_chase_run(db, r->web->pack, as_of, within, f, NULL, NULL, &e->list, &diag)) {
			free(e);
			e = NULL;
			pthread_mutex_unlock(&compute_lock);
			st_web_error(r, 500, diag.count ? diag.line[0] : "核查失败");
			st_diag_release(&diag);
			return NULL;
		}
		pthread_mutex_lock(&lock);
		store(e);
		pthread_mutex_unlock(&lock);
	}
	pthread_mutex_unlock(&compute_lock);
	st_diag_release(&diag);
	if (!e) {
		st_web_error(r, 500, "内存不足");
		return NULL;
	}
	*ref = e;
	return &e->list;
}

int st_web_keep_row(const struct st_account *a, const struct st_chase_item *it)
{
	if (it->kind == ST_SCOPE_PARK)
		return st_access_sees_park(a, it->subject);
	return st_access_sees_enterprise(a, it->subject, it->park);
}
