/*
 * result_cache.c — subjects' results kept between checks (st_result_cache.h).
 *
 * A chained hash table from (kind, id) to a deep copy of the subject's
 * results.  Validity is checked once per run, not per subject: the as-of
 * date, the store's data_version (writes by other connections) and the
 * cache connection's total change count (writes on it that no forget call
 * accounted for); any of them moved empties the table.
 */
#include "st_result_cache.h"

#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#define DEFAULT_MAX 100000

struct entry {
	struct entry *next;
	struct st_subject s;
};

struct st_result_cache {
	sqlite3 *db;
	const struct st_pack *pack;
	sqlite3_stmt *data_version;   /* PRAGMA data_version */
	sqlite3_stmt *park_of;        /* an enterprise's park */
	struct entry **bucket;
	size_t nbuckets, n, max;
	st_day as_of;                 /* ST_DAY_NONE: nothing cached yet */
	sqlite3_int64 version, changes;
	size_t hits, misses;
};

static size_t hash(enum st_scope kind, const char *id)
{
	uint64_t h = 1469598103934665603u ^ (uint64_t)kind;

	for (; *id; id++)
		h = (h ^ (unsigned char)*id) * 1099511628211u;
	return (size_t)h;
}

static sqlite3_int64 data_version(struct st_result_cache *c)
{
	sqlite3_int64 v = -1;

	sqlite3_reset(c->data_version);
	if (sqlite3_step(c->data_version) == SQLITE_ROW)
		v = sqlite3_column_int64(c->data_version, 0);
	sqlite3_reset(c->data_version);
	return v;
}

int st_result_cache_new(sqlite3 *db, const struct st_pack *pack, size_t max_subjects,
			struct st_result_cache **out)
{
	struct st_result_cache *c = calloc(1, sizeof *c);

	*out = NULL;
	if (!c)
		return -1;
	c->db = db;
	c->pack = pack;
	c->max = max_subjects ? max_subjects : DEFAULT_MAX;
	c->nbuckets = 1024;
	c->as_of = ST_DAY_NONE;
	c->bucket = calloc(c->nbuckets, sizeof *c->bucket);
	if (!c->bucket ||
	    sqlite3_prepare_v2(db, "PRAGMA data_version", -1, &c->data_version, NULL) != SQLITE_OK ||
	    sqlite3_prepare_v2(db, "SELECT park FROM enterprises WHERE id = ?1", -1, &c->park_of,
			       NULL) != SQLITE_OK) {
		st_result_cache_free(c);
		return -1;
	}
	*out = c;
	return 0;
}

static void entry_free(struct entry *e)
{
	st_subject_release(&e->s);
	free(e);
}

void st_result_cache_clear(struct st_result_cache *c)
{
	for (size_t b = 0; b < c->nbuckets; b++) {
		struct entry *e = c->bucket[b], *next;
		for (; e; e = next) {
			next = e->next;
			entry_free(e);
		}
		c->bucket[b] = NULL;
	}
	c->n = 0;
}

void st_result_cache_free(struct st_result_cache *c)
{
	if (!c)
		return;
	if (c->bucket)
		st_result_cache_clear(c);
	free(c->bucket);
	sqlite3_finalize(c->data_version);
	sqlite3_finalize(c->park_of);
	free(c);
}

static struct entry **slot_of(struct st_result_cache *c, enum st_scope kind, const char *id)
{
	struct entry **p = &c->bucket[hash(kind, id) & (c->nbuckets - 1)];

	for (; *p; p = &(*p)->next)
		if ((*p)->s.kind == kind && !strcmp((*p)->s.id, id))
			break;
	return p;
}

static void drop(struct st_result_cache *c, enum st_scope kind, const char *id)
{
	struct entry **p = slot_of(c, kind, id), *e = *p;

	if (e) {
		*p = e->next;
		entry_free(e);
		c->n--;
	}
}

const struct st_subject *st_result_cache_get(struct st_result_cache *c, enum st_scope kind,
					     const char *id)
{
	struct entry *e = *slot_of(c, kind, id);

	if (e)
		c->hits++;
	else
		c->misses++;
	return e ? &e->s : NULL;
}

static char *dup_or_null(const char *s, int *oom)
{
	char *d = s ? strdup(s) : NULL;
	if (s && !d)
		*oom = 1;
	return d;
}

/* a deep copy of s into d; returns 0 or -1 (d then released) */
static int subject_copy(struct st_subject *d, const struct st_subject *s)
{
	int oom = 0;

	memset(d, 0, sizeof *d);
	d->kind = s->kind;
	d->id = dup_or_null(s->id, &oom);
	d->name = dup_or_null(s->name, &oom);
	d->park = dup_or_null(s->park, &oom);
	if (s->nresults && !(d->results = calloc(s->nresults, sizeof *d->results)))
		oom = 1;
	for (size_t i = 0; i < s->nresults && !oom; i++) {
		const struct st_result *r = &s->results[i];
		struct st_result *q = &d->results[i];
		d->nresults++;
		*q = *r;
		q->detail_zh = dup_or_null(r->detail_zh, &oom);
		q->detail_en = dup_or_null(r->detail_en, &oom);
		q->records = NULL;
		q->nrecords = 0;
		if (r->nrecords && !(q->records = calloc(r->nrecords, sizeof *q->records)))
			oom = 1;
		for (size_t k = 0; k < r->nrecords && !oom; k++, q->nrecords++)
			q->records[k] = dup_or_null(r->records[k], &oom);
	}
	if (oom)
		st_subject_release(d);
	return oom ? -1 : 0;
}

int st_result_cache_put(struct st_result_cache *c, const struct st_subject *s)
{
	struct entry **p, *e;

	if (!s->id)
		return 0;
	p = slot_of(c, s->kind, s->id);
	if (*p || c->n >= c->max)
		return 0;   /* already there (kept as is), or full: judged, not kept */
	if (!(e = calloc(1, sizeof *e)))
		return -1;
	if (subject_copy(&e->s, s) != 0) {
		free(e);
		return -1;
	}
	*p = e;
	c->n++;
	/* grow by doubling when the chains get long; a failed grow only costs speed */
	if (c->n > 2 * c->nbuckets) {
		size_t nb = c->nbuckets * 2;
		struct entry **b = calloc(nb, sizeof *b);
		if (b) {
			for (size_t i = 0; i < c->nbuckets; i++) {
				struct entry *x = c->bucket[i], *next;
				for (; x; x = next) {
					next = x->next;
					size_t h = hash(x->s.kind, x->s.id) & (nb - 1);
					x->next = b[h];
					b[h] = x;
				}
			}
			free(c->bucket);
			c->bucket = b;
			c->nbuckets = nb;
		}
	}
	return 0;
}

/* a write on the cache's connection up to now is accounted for */
static void accounted(struct st_result_cache *c)
{
	c->changes = sqlite3_total_changes64(c->db);
}

void st_result_cache_wrote_elsewhere(struct st_result_cache *c)
{
	accounted(c);
}

void st_result_cache_forget_enterprise(struct st_result_cache *c, const char *id)
{
	struct entry *e = *slot_of(c, ST_SCOPE_ENTERPRISE, id);

	if (e && e->s.park)
		drop(c, ST_SCOPE_PARK, e->s.park);   /* the park it was in */
	drop(c, ST_SCOPE_ENTERPRISE, id);
	/* and the park it is in now */
	sqlite3_reset(c->park_of);
	if (sqlite3_bind_text(c->park_of, 1, id, -1, SQLITE_TRANSIENT) == SQLITE_OK &&
	    sqlite3_step(c->park_of) == SQLITE_ROW && sqlite3_column_text(c->park_of, 0))
		drop(c, ST_SCOPE_PARK, (const char *)sqlite3_column_text(c->park_of, 0));
	sqlite3_reset(c->park_of);
	sqlite3_clear_bindings(c->park_of);
	accounted(c);
}

void st_result_cache_forget_park(struct st_result_cache *c, const char *id)
{
	drop(c, ST_SCOPE_PARK, id);
	for (size_t b = 0; b < c->nbuckets; b++) {
		struct entry **p = &c->bucket[b];
		while (*p) {
			struct entry *e = *p;
			if (e->s.kind == ST_SCOPE_ENTERPRISE && e->s.park && !strcmp(e->s.park, id)) {
				*p = e->next;
				entry_free(e);
				c->n--;
			} else {
				p = &e->next;
			}
		}
	}
	accounted(c);
}

void st_result_cache_stats(const struct st_result_cache *c, size_t *hits, size_t *misses)
{
	*hits = c->hits;
	*misses = c->misses;
}

int st_result_cache_run(struct st_result_cache *c, st_day as_of,
			const struct st_check_filter *filter, unsigned jobs, st_check_sink sink,
			void *arg, struct st_diag *diag)
{
	if (filter && filter->rule)
		return st_checker_run_jobs(c->db, c->pack, as_of, filter, jobs, sink, arg, diag);
	sqlite3_int64 v = data_version(c), changes = sqlite3_total_changes64(c->db);
	if (v < 0 || v != c->version || changes != c->changes || as_of != c->as_of) {
		st_result_cache_clear(c);
		c->version = v;
		c->changes = changes;
		c->as_of = as_of;
	}
	return st_checker_run_with_cache(c->db, c->pack, as_of, filter, jobs, c, sink, arg, diag);
}
