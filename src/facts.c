/*
 * facts.c — build one subject's facts document from the store (st_facts.h).
 *
 * Each record kind is described once, by the dossier's table of kinds
 * (st_kind_info, see below for what is taken from it): its table, the element it
 * becomes, its own date, and which of its other columns are event dates.
 * The "as of" reduction happens here, so that the evaluator stays pure and
 * a past date reproduces what was knowable then:
 *   - own date after as-of: the record is left out;
 *   - an event date after as-of: the attribute is left out (read as empty).
 * Scheduled dates — a hazard's deadline, an evaluation's rectification
 * deadline, a certificate's expiry, equipment's next test — are set in
 * advance and lie in the future by nature, so they are kept: dropping them
 * would make every pending deadline look missing.  Every other date or time
 * column of the dossier's table is an event date (a hazard's rectification
 * date too, which the hand-kept list before missed).  (The catalogue's field
 * rule speaks of dates at which something happened; this is how we read it.)
 *
 * Revision 2: a record voided on or before as-of must be absent for the
 * rules, one voided later counts fully, so that a past date reproduces what
 * was known then.  Since the facts of several dates are built once at the
 * latest and restricted (st_facts_restrict), a record voided in between
 * must come back at the earlier dates: so it is kept under another element
 * name, "voided-hazard" for a hazard, which no rule selects, with its
 * `voided` attribute; restricting to a day before that date renames it back.
 * The void columns never reach the rules otherwise.
 *
 * Statements are prepared once per reader and reused for every subject; the
 * queries are index lookups on the reference columns.
 * A park-wide check tells the reader which columns its pack can read
 * (st_facts_reader_columns, from st_eval_columns): the others are not
 * selected, and a record then lacks them as it lacks an empty value.
 *
 * The facts are plain C records (struct st_rec) in one arena per subject:
 * a row becomes a record with a copy of its values, nothing more.  The
 * libxml2 document the rules were once evaluated on is made from the
 * records only when something asks for it (st_facts_dom: an expression the
 * evaluator's compiled form does not cover, SAFETRACK_EVAL=xpath, tests).
 */
#include "st_store.h"
#include "st_facts.h"
#include "st_dossier.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#define VOIDED_PREFIX "voided-"
#define ARENA_CHUNK 16384

/* What the facts make of each kind of the dossier comes from its table
 * (st_kind_info): the element is the kind's singular name, the own date its
 * own_date column, the records of a subject those whose owner column names
 * it; the event dates are every other date or time column but the voided
 * date and these, which are set in advance (see above): */
static const char *const scheduled[] = { "deadline", "rectify_deadline", "expires", "next_test" };

/* a drill's participants: not a kind of the dossier, a list in a drill */
#define K_PARTICIPANT ST_KIND_COUNT
#define K__COUNT (ST_KIND_COUNT + 1)

static const char *element_of(int kind)
{
	return kind == K_PARTICIPANT ? "participant" : st_kind_info((enum st_kind)kind)->singular;
}

/* the own date column's name, or NULL: the record always exists */
static const char *own_date_of(int kind)
{
	const struct st_kind_info *info = kind < ST_KIND_COUNT ? st_kind_info((enum st_kind)kind) : NULL;

	return info && info->own_date >= 0 ? info->cols[info->own_date].name : NULL;
}

static int is_event_column(int kind, const char *col)
{
	const struct st_kind_info *info = kind < ST_KIND_COUNT ? st_kind_info((enum st_kind)kind) : NULL;

	for (int c = 0; info && c < info->ncols; c++) {
		if (info->cols[c].name[0] != col[0] || strcmp(info->cols[c].name, col))
			continue;
		if ((info->cols[c].type != ST_COL_DATE && info->cols[c].type != ST_COL_TIME) ||
		    c == info->own_date || c == info->voided)
			return 0;
		for (size_t i = 0; i < sizeof scheduled / sizeof *scheduled; i++)
			if (!strcmp(col, scheduled[i]))
				return 0;
		return 1;
	}
	return 0;
}

/* a park's drills' participants */
static const char participants_sql[] =
	"SELECT p.drill, p.enterprise FROM drill_participants p "
	"JOIN drills d ON d.id = p.drill WHERE d.park = ?1 ORDER BY p.drill, p.pos";
/* the enterprise's own drills, with itself as the only participant listed */
static const char enterprise_drills_sql[] =
	"SELECT d.* FROM drills d JOIN drill_participants p ON p.drill = d.id "
	"WHERE p.enterprise = ?1 ORDER BY d.id";
/* the park's enterprises, without their records */
static const char park_enterprises_sql[] = "SELECT * FROM enterprises WHERE park = ?1 ORDER BY id";

/* a query, prepared on first use, and what each of its columns is, worked
 * out then */
struct query {
	char sql[600];
	sqlite3_stmt *stmt;        /* NULL until first used */
	int kind;                  /* enum st_kind, or K_PARTICIPANT */
	int ncol;
	int own;                   /* column of the own date, or -1 */
	int voided;                /* column "voided", or -1 (parks, enterprises) */
	char **name;               /* column names (owned) */
	unsigned char *event;      /* 1: an event date, dropped when after as-of */
	unsigned char *skip;       /* 1: a column that never becomes an attribute */
	char *voided_element;      /* "voided-hazard" (owned) */
};

enum { Q_ENTERPRISE_DRILLS = K__COUNT, Q_PARK_ENTERPRISES, Q__COUNT };

struct st_facts_reader {
	sqlite3 *db;
	struct query q[Q__COUNT];
};

/* ---- the arena the records of one subject live in ------------------------- */

struct chunk {
	struct chunk *next;
	size_t used, size;
	max_align_t data[];
};

struct st_facts {
	struct chunk *chunks;
	struct st_rec *root;
	xmlDocPtr dom;             /* made on demand, owned */
	xmlDocPtr source;          /* st_facts_from_doc: the document read, not owned */
};

static void *arena_alloc(struct st_facts *f, size_t n)
{
	struct chunk *c = f->chunks;

	n = (n + sizeof(max_align_t) - 1) / sizeof(max_align_t) * sizeof(max_align_t);
	if (!c || c->size - c->used < n) {
		size_t size = n > ARENA_CHUNK ? n : ARENA_CHUNK;
		if (!(c = malloc(sizeof *c + size)))
			return NULL;
		c->size = size;
		c->used = 0;
		c->next = f->chunks;
		f->chunks = c;
	}
	void *p = (char *)c->data + c->used;
	c->used += n;
	return p;
}

static const char *arena_strdup(struct st_facts *f, const char *s, size_t len)
{
	char *d = arena_alloc(f, len + 1);
	if (d) {
		memcpy(d, s, len);
		d[len] = '\0';
	}
	return d;
}

static struct st_rec *new_rec(struct st_facts *f, struct st_rec *parent, const char *name,
			      int ncol)
{
	struct st_rec *r = arena_alloc(f, sizeof *r);

	if (!r)
		return NULL;
	memset(r, 0, sizeof *r);
	r->name = name;
	r->kind = -1;
	r->ncol = ncol;
	if (ncol && (!(r->val = arena_alloc(f, (size_t)ncol * sizeof *r->val)) ||
		     !(r->day = arena_alloc(f, (size_t)ncol * sizeof *r->day))))
		return NULL;
	for (int i = 0; i < ncol; i++) {
		r->val[i] = NULL;
		r->day[i] = ST_DAY_UNPARSED;
	}
	if (parent) {
		r->parent = parent;
		if (parent->last)
			parent->last->next = r;
		else
			parent->first = r;
		parent->last = r;
	}
	return r;
}

static void drop_dom(struct st_facts *f)
{
	if (f->dom) {
		xmlFreeDoc(f->dom);
		f->dom = NULL;
	}
}

void st_facts_free(struct st_facts *f)
{
	if (!f)
		return;
	drop_dom(f);
	for (struct chunk *c = f->chunks, *next; c; c = next) {
		next = c->next;
		free(c);
	}
	free(f);
}

struct st_rec *st_facts_root(const struct st_facts *f)
{
	return f ? f->root : NULL;
}

struct st_rec *st_facts_subject(const struct st_facts *f)
{
	return f && f->root ? f->root->first : NULL;
}

const char *st_rec_attr(const struct st_rec *r, const char *name)
{
	int c = st_rec_col(r, name);

	return c >= 0 ? r->val[c] : NULL;
}

static int same_name(const char *a, const char *b)
{
	return a == b || (a[0] == b[0] && !strcmp(a, b));
}

/* set run_next in r's subtree: for each child, the first sibling after its
 * run of same-named siblings */
static void mark_runs(struct st_rec *r)
{
	struct st_rec *start = r->first;

	while (start) {
		struct st_rec *end = start->next;
		while (end && same_name(end->name, start->name))
			end = end->next;
		for (struct st_rec *c = start; c != end; c = c->next) {
			c->run_next = end;
			if (c->first)
				mark_runs(c);
		}
		start = end;
	}
}

struct st_rec *st_rec_child(const struct st_rec *r, const char *name)
{
	for (struct st_rec *c = r ? r->first : NULL; c; c = c->run_next)
		if (same_name(c->name, name))
			return c;
	return NULL;
}

struct st_rec *st_rec_next(const struct st_rec *r)
{
	if (r->next && r->next != r->run_next)
		return r->next;
	for (struct st_rec *c = r->run_next; c; c = c->run_next)
		if (same_name(c->name, r->name))
			return c;
	return NULL;
}

st_day st_rec_day_at(const struct st_rec *r, int col)
{
	if (col < 0 || !r->val[col])
		return ST_DAY_NONE;
	if (r->day[col] == ST_DAY_UNPARSED)
		r->day[col] = st_day_of_value(r->val[col]);
	return r->day[col];
}

/* Which column of a record is `name`: the records of one query share their
 * column names, and the callers ask with the same few names, so the answer
 * is kept per thread by (names, name) and checked on use (a column array
 * freed and another made at its address reads differently).  Names are
 * unique within a record. */
#define COL_CACHE 64
static _Thread_local struct {
	const char *const *cols;
	const char *name;
	int col;
} col_cache[COL_CACHE];

int st_rec_col(const struct st_rec *r, const char *name)
{
	if (!r)
		return -1;
	size_t h = (((size_t)r->col >> 4) ^ ((size_t)name >> 3)) % COL_CACHE;
	int c = col_cache[h].col;
	if (col_cache[h].cols == r->col && col_cache[h].name == name && c < r->ncol &&
	    !strcmp(r->col[c], name))
		return c;
	for (c = 0; c < r->ncol; c++)
		if (r->col[c][0] == name[0] && !strcmp(r->col[c], name)) {
			col_cache[h].cols = r->col;
			col_cache[h].name = name;
			col_cache[h].col = c;
			return c;
		}
	return -1;
}

st_day st_rec_day(const struct st_rec *r, const char *name)
{
	return st_rec_day_at(r, st_rec_col(r, name));
}

static const char *const facts_cols[] = { "as-of" };

static struct st_facts *facts_new(st_day as_of)
{
	struct st_facts *f = calloc(1, sizeof *f);
	char day[11];

	if (!f)
		return NULL;
	if (!(f->root = new_rec(f, NULL, "facts", 1)) ||
	    !(f->root->val[0] = arena_strdup(f, st_date_format(as_of, day), 10))) {
		st_facts_free(f);
		return NULL;
	}
	f->root->col = facts_cols;
	return f;
}

/* ---- reading the store ------------------------------------------------------ */

static void query_release(struct query *q)
{
	sqlite3_finalize(q->stmt);
	for (int c = 0; q->name && c < q->ncol; c++)
		free(q->name[c]);
	free(q->name);
	free(q->event);
	free(q->skip);
	free(q->voided_element);
	q->stmt = NULL;
	q->name = NULL;
	q->event = q->skip = NULL;
	q->voided_element = NULL;
}

static int prepare(struct st_facts_reader *r, struct query *q, struct st_diag *diag)
{
	const char *element = element_of(q->kind), *own_date = own_date_of(q->kind);
	int kind = q->kind;

	if (sqlite3_prepare_v3(r->db, q->sql, -1, SQLITE_PREPARE_PERSISTENT, &q->stmt, NULL) !=
	    SQLITE_OK) {
		st_diag_add(diag, "数据库结构不符（%s）：%s", q->sql, st_store_errmsg(r->db));
		query_release(q);
		return -1;
	}
	q->own = -1;
	q->voided = -1;
	q->ncol = sqlite3_column_count(q->stmt);
	q->name = calloc((size_t)q->ncol + 1, sizeof *q->name);
	q->event = calloc((size_t)q->ncol + 1, 1);
	q->skip = calloc((size_t)q->ncol + 1, 1);
	q->voided_element = malloc(strlen(VOIDED_PREFIX) + strlen(element) + 1);
	if (!q->name || !q->event || !q->skip || !q->voided_element)
		goto oom;
	strcat(strcpy(q->voided_element, VOIDED_PREFIX), element);
	for (int c = 0; c < q->ncol; c++) {
		const char *col = sqlite3_column_name(q->stmt, c);
		if (!(q->name[c] = strdup(col)))
			goto oom;
		q->event[c] = (unsigned char)is_event_column(kind, col);
		if (own_date && !strcmp(col, own_date))
			q->own = c;
		if (!strcmp(col, "voided"))
			q->voided = c, q->skip[c] = 1;
		if (!strcmp(col, "void_reason"))
			q->skip[c] = 1;
	}
	return 0;
oom:
	query_release(q);   /* prepared again on the next use */
	return st_diag_add(diag, "内存不足");
}

/* query k of the reader, prepared now if this is its first use; NULL
 * after a message in diag */
static struct query *use(struct st_facts_reader *r, int k, struct st_diag *diag)
{
	struct query *q = &r->q[k];

	return q->stmt || prepare(r, q, diag) == 0 ? q : NULL;
}

#define SQL_FITS(x) (sizeof(x) <= sizeof((struct query *)0)->sql)
_Static_assert(SQL_FITS(participants_sql) && SQL_FITS(enterprise_drills_sql) &&
		       SQL_FITS(park_enterprises_sql),
	       "a fixed query longer than struct query's sql");

static void set_sql(struct query *q, const char *sql, int kind)
{
	snprintf(q->sql, sizeof q->sql, "%s", sql);
	q->kind = kind;
}

/* q's query of kind k's records, reading the columns `cols`: the subject
 * itself by its id, any other kind by its owner.  0, or -1 if it does not
 * fit (q->sql is then unchanged). */
static int kind_sql(struct query *q, int k, const char *cols)
{
	const struct st_kind_info *info = st_kind_info((enum st_kind)k);
	char sql[sizeof q->sql];
	int n;

	if (k == ST_PARK || k == ST_ENTERPRISE)
		n = snprintf(sql, sizeof sql, "SELECT %s FROM %s WHERE id = ?1", cols, info->table);
	else
		n = snprintf(sql, sizeof sql, "SELECT %s FROM %s WHERE %s = ?1 ORDER BY id", cols,
			     info->table, info->cols[info->owner].name);
	if (n < 0 || (size_t)n >= sizeof sql)
		return -1;
	memcpy(q->sql, sql, (size_t)n + 1);
	q->kind = k;
	return 0;
}

/* the columns facts.c itself reads by name: a record's id (certificates
 * find their worker by it, participants their drill) and a certificate's
 * worker */
static const char *const facts_reads[] = { "id", "worker" };

static int listed(const char *name, const char *const *names, size_t n)
{
	for (size_t i = 0; i < n; i++)
		if (names[i][0] == name[0] && !strcmp(names[i], name))
			return 1;
	return 0;
}

int st_facts_reader_columns(struct st_facts_reader *r, const char *const *names, size_t n)
{
	for (int k = 0; k < ST_KIND_COUNT; k++) {
		const struct st_kind_info *info = st_kind_info((enum st_kind)k);
		char cols[sizeof r->q[k].sql];
		size_t len = 0;

		if (r->q[k].stmt)
			return -1;   /* already read with the columns it had */
		cols[0] = '\0';
		for (int c = 0; c < info->ncols; c++) {
			const char *name = info->cols[c].name;
			if (c != info->owner && c != info->own_date && c != info->voided &&
			    !listed(name, facts_reads, sizeof facts_reads / sizeof *facts_reads) &&
			    !listed(name, names, n))
				continue;
			int w = snprintf(cols + len, sizeof cols - len, "%s%s", len ? "," : "", name);
			if (w < 0 || (size_t)w >= sizeof cols - len)
				return -1;
			len += (size_t)w;
		}
		if (kind_sql(&r->q[k], k, cols) != 0)
			return -1;
	}
	return 0;
}

/* The statements are prepared on first use (use()): a one-enterprise
 * command never needs the park's, and preparing all of them up front was a
 * tenth of its instructions (issue #14 target 2).  A store whose schema
 * does not fit is then reported by the first read that needs the table. */
int st_facts_reader_new(sqlite3 *db, struct st_facts_reader **out, struct st_diag *diag)
{
	struct st_facts_reader *r = calloc(1, sizeof *r);

	if (!r)
		return st_diag_add(diag, "内存不足");
	r->db = db;
	for (int k = 0; k < ST_KIND_COUNT; k++)
		kind_sql(&r->q[k], k, "*");
	set_sql(&r->q[K_PARTICIPANT], participants_sql, K_PARTICIPANT);
	set_sql(&r->q[Q_ENTERPRISE_DRILLS], enterprise_drills_sql, ST_DRILL);
	set_sql(&r->q[Q_PARK_ENTERPRISES], park_enterprises_sql, ST_ENTERPRISE);
	*out = r;
	return 0;
}

void st_facts_reader_free(struct st_facts_reader *r)
{
	if (!r)
		return;
	for (int k = 0; k < Q__COUNT; k++)
		query_release(&r->q[k]);
	free(r);
}

/* Is the date or time v after as_of (as st_day_of_value reads it)?  A value
 * shaped YYYY-MM-DD… orders as text the way its day does, and one that is
 * not a date reads as no date, which is never after: so only a value that
 * compares after as-of's own text needs parsing (to tell a real date from
 * "2026-02-30").  *day gets the day when it was parsed, else stays. */
#define DIGIT(c) ((unsigned)((c) - '0') < 10u)
static int after(const char *v, const char *as_of_text, st_day as_of, st_day *day)
{
	/* each test stops at the string's end: nothing past it is read */
	int shaped = DIGIT(v[0]) && DIGIT(v[1]) && DIGIT(v[2]) && DIGIT(v[3]) && v[4] == '-' &&
		     DIGIT(v[5]) && DIGIT(v[6]) && v[7] == '-' && DIGIT(v[8]) && DIGIT(v[9]);

	if (shaped && memcmp(v, as_of_text, 10) <= 0)
		return 0;
	*day = st_day_of_value(v);
	return *day != ST_DAY_NONE && *day > as_of;
}

/* Column c of the current row as text; NULL for an SQL NULL.  SQLite also
 * answers NULL when converting a number to text runs out of memory: that
 * sets *oom, so that a value lost to an allocation failure is never read
 * as an empty cell. */
static const char *column_text(sqlite3_stmt *s, int c, int *oom)
{
	const char *v = (const char *)sqlite3_column_text(s, c);

	if (!v && sqlite3_column_type(s, c) != SQLITE_NULL)
		*oom = 1;
	return v;
}

/* Append one record per row of q (bound, not yet stepped) under parent.
 * Returns the number of records added, or -1 on error. */
static int add_rows(struct st_facts_reader *r, struct st_facts *f, struct query *q,
		    struct st_rec *parent, st_day as_of, struct st_diag *diag)
{
	sqlite3_stmt *s = q->stmt;
	int n = 0, step;
	char as_of_text[11];

	st_date_format(as_of, as_of_text);
	while ((step = sqlite3_step(s)) == SQLITE_ROW) {
		int oom = 0;
		const char *own = q->own >= 0 ? column_text(s, q->own, &oom) : NULL;
		st_day own_day = ST_DAY_UNPARSED;
		if (oom)
			goto oom;
		if (own && after(own, as_of_text, as_of, &own_day))
			continue;
		const char *voided = q->voided >= 0 ? column_text(s, q->voided, &oom) : NULL;
		if (oom)
			goto oom;
		int gone = voided && st_day_of_value(voided) <= as_of;
		struct st_rec *e = new_rec(f, parent, gone ? q->voided_element :
							   element_of(q->kind), q->ncol);
		if (!e)
			goto oom;
		e->col = (const char *const *)q->name;
		e->kind = q->kind;
		if (gone && !(e->val[q->voided] = arena_strdup(f, voided, strlen(voided))))
			goto oom;
		for (int c = 0; c < q->ncol; c++) {
			if (q->skip[c])
				continue;
			const char *v = column_text(s, c, &oom);
			if (oom)
				goto oom;
			if (!v || !*v)
				continue;
			if (q->event[c] && after(v, as_of_text, as_of, &e->day[c]))
				continue;
			if (!(e->val[c] = arena_strdup(f, v, strlen(v))))
				goto oom;
		}
		if (q->own >= 0 && e->val[q->own])
			e->day[q->own] = own_day;
		n += !gone;
	}
	if (step != SQLITE_DONE) {
		st_diag_add(diag, "读取 %s 失败：%s", element_of(q->kind), st_store_errmsg(r->db));
		return -1;
	}
	return n;
oom:
	st_diag_add(diag, "内存不足");
	return -1;
}

static int query(struct st_facts_reader *r, struct st_facts *f, int k, const char *id,
		 struct st_rec *parent, st_day as_of, struct st_diag *diag)
{
	struct query *q = use(r, k, diag);
	int n;

	if (!q)
		return -1;
	sqlite3_reset(q->stmt);
	if (sqlite3_bind_text(q->stmt, 1, id, -1, SQLITE_STATIC) != SQLITE_OK)
		return st_diag_add(diag, "数据库错误：%s", st_store_errmsg(r->db));
	n = add_rows(r, f, q, parent, as_of, diag);
	sqlite3_reset(q->stmt);
	sqlite3_clear_bindings(q->stmt);
	return n;
}

const char *st_facts_attr(xmlNodePtr n, const char *name)
{
	for (xmlAttrPtr a = n ? n->properties : NULL; a; a = a->next)
		if (!strcmp((const char *)a->name, name))
			return a->children && a->children->content ?
				       (const char *)a->children->content : "";
	return NULL;
}

/* is r a record `name`, or a voided one ("voided-name")? */
static int is_record(const struct st_rec *r, const char *name)
{
	const char *e = r->name;

	if (!strncmp(e, VOIDED_PREFIX, sizeof VOIDED_PREFIX - 1))
		e += sizeof VOIDED_PREFIX - 1;
	return !strcmp(e, name);
}

static void unlink_rec(struct st_rec *c)
{
	struct st_rec *p = c->parent, *prev = NULL;

	for (struct st_rec *x = p->first; x && x != c; x = x->next)
		prev = x;
	if (prev)
		prev->next = c->next;
	else
		p->first = c->next;
	if (p->last == c)
		p->last = prev;
	c->next = NULL;
	c->parent = NULL;
}

static void append_rec(struct st_rec *parent, struct st_rec *c)
{
	c->parent = parent;
	c->next = NULL;
	if (parent->last)
		parent->last->next = c;
	else
		parent->first = c;
	parent->last = c;
}

static int worker_cmp(const void *key, const void *elem)
{
	const char *id = st_rec_attr(*(struct st_rec *const *)elem, "id");
	return strcmp(key, id ? id : "");
}

/* Move each certificate under the worker it names (certificate/@worker);
 * rules then reach a worker's certificates as its children.  Workers come
 * in id order, so each certificate finds its worker by binary search.  A
 * certificate whose worker was hired after as-of is dropped. */
static int nest_certificates(struct st_rec *ent, struct st_diag *diag)
{
	struct st_rec **workers = NULL, *c, *next, *prev = NULL;
	size_t n = 0, cap = 0;

	for (c = ent->first; c; c = c->next) {
		if (!is_record(c, "worker"))
			continue;
		if (n == cap) {
			struct st_rec **w = realloc(workers, (cap = cap ? cap * 2 : 64) * sizeof *w);
			if (!w) {
				free(workers);
				return st_diag_add(diag, "内存不足");
			}
			workers = w;
		}
		workers[n++] = c;
	}
	for (c = ent->first; c; c = next) {
		next = c->next;
		if (!is_record(c, "certificate")) {
			prev = c;
			continue;
		}
		const char *w = st_rec_attr(c, "worker");
		struct st_rec **worker = w && n ? bsearch(w, workers, n, sizeof *workers, worker_cmp) :
						  NULL;
		if (prev)
			prev->next = next;
		else
			ent->first = next;
		if (ent->last == c)
			ent->last = prev;
		if (worker)
			append_rec(*worker, c);
	}
	free(workers);
	return 0;
}

static const char *const no_cols[] = { NULL };

static struct st_rec *add_participant(struct st_facts *f, struct st_rec *drill, const char *id)
{
	struct st_rec *p = new_rec(f, drill, "participant", 0);

	if (p) {
		p->col = no_cols;
		p->kind = K_PARTICIPANT;
		if (!(p->text = arena_strdup(f, id, strlen(id))))
			return NULL;
	}
	return p;
}

/* give each drill under parent its participants */
static int add_participants(struct st_facts_reader *r, struct st_facts *f, struct st_rec *parent,
			    const char *park, struct st_diag *diag)
{
	struct query *q = use(r, K_PARTICIPANT, diag);
	struct st_rec *drill = parent->first;
	int step;

	if (!q)
		return -1;
	sqlite3_stmt *s = q->stmt;

	sqlite3_reset(s);
	sqlite3_bind_text(s, 1, park, -1, SQLITE_STATIC);
	while ((step = sqlite3_step(s)) == SQLITE_ROW) {
		int oom = 0;
		const char *d = column_text(s, 0, &oom);
		const char *e = column_text(s, 1, &oom);
		const char *cur = NULL;
		if (oom) {
			sqlite3_reset(s);
			return st_diag_add(diag, "内存不足");
		}
		if (!d)
			continue;  /* the schema forbids it; never compare with NULL */
		/* drills and participants both come in drill id order */
		while (drill && (!is_record(drill, "drill") || !(cur = st_rec_attr(drill, "id")) ||
				 strcmp(cur, d) < 0))
			drill = drill->next;
		if (!drill)
			break;
		if (strcmp(cur, d) == 0 && !add_participant(f, drill, e ? e : "")) {
			sqlite3_reset(s);
			return st_diag_add(diag, "内存不足");
		}
	}
	sqlite3_reset(s);
	if (step != SQLITE_DONE && step != SQLITE_ROW)
		return st_diag_add(diag, "读取演练参加单位失败：%s", st_store_errmsg(r->db));
	return 0;
}

int st_facts_read(struct st_facts_reader *r, enum st_scope kind, const char *id, st_day as_of,
		  struct st_facts **out, struct st_diag *diag)
{
	static const int enterprise_records[] = { ST_INSPECTION, ST_HAZARD, ST_EVALUATION, ST_PROJECT,
						  ST_WORKER, ST_CERTIFICATE, ST_EQUIPMENT,
						  ST_ACCIDENT, ST_LETTER, ST_LICENCE, ST_WAIVER };
	struct st_facts *f = facts_new(as_of);
	int n;

	if (!f)
		return st_diag_add(diag, "内存不足");
	int subject_kind = kind == ST_SCOPE_PARK ? ST_PARK : ST_ENTERPRISE;
	n = query(r, f, subject_kind, id, f->root, as_of, diag);
	if (n <= 0) {
		st_facts_free(f);
		return n == 0 ? 1 : -1;
	}
	struct st_rec *subject = f->root->last;

	if (kind == ST_SCOPE_PARK) {
		if (query(r, f, Q_PARK_ENTERPRISES, id, subject, as_of, diag) < 0 ||
		    query(r, f, ST_MEETING, id, subject, as_of, diag) < 0 ||
		    query(r, f, ST_DRILL, id, subject, as_of, diag) < 0 ||
		    query(r, f, ST_WAIVER, id, subject, as_of, diag) < 0 ||
		    add_participants(r, f, subject, id, diag) < 0)
			goto fail;
	} else {
		for (size_t i = 0; i < sizeof enterprise_records / sizeof *enterprise_records; i++) {
			int k = enterprise_records[i];
			if (query(r, f, k, id, subject, as_of, diag) < 0)
				goto fail;
		}
		if (nest_certificates(subject, diag) != 0 ||
		    query(r, f, Q_ENTERPRISE_DRILLS, id, subject, as_of, diag) < 0)
			goto fail;
		for (struct st_rec *c = subject->first; c; c = c->next)
			if (is_record(c, "drill") && !add_participant(f, c, id)) {
				st_diag_add(diag, "内存不足");
				goto fail;
			}
	}
	mark_runs(f->root);
	*out = f;
	return 0;
fail:
	st_facts_free(f);
	return -1;
}

/* ---- documents -------------------------------------------------------------- */

/* the kind of an element name, voided or not (*voided set accordingly), or -1 */
static int kind_of(const char *e, int *voided)
{
	*voided = !strncmp(e, VOIDED_PREFIX, sizeof VOIDED_PREFIX - 1);
	if (*voided)
		e += sizeof VOIDED_PREFIX - 1;
	for (int k = 0; k < K__COUNT; k++)
		if (!strcmp(element_of(k), e))
			return k;
	return -1;
}

static struct st_rec *from_node(struct st_facts *f, struct st_rec *parent, xmlNodePtr n)
{
	int ncol = 0, voided;

	for (xmlAttrPtr a = n->properties; a; a = a->next)
		ncol++;
	struct st_rec *r = new_rec(f, parent, (const char *)n->name, ncol);
	const char **col = ncol ? arena_alloc(f, (size_t)ncol * sizeof *col) : NULL;
	if (!r || (ncol && !col))
		return NULL;
	r->col = ncol ? col : no_cols;
	r->kind = kind_of(r->name, &voided);
	ncol = 0;
	for (xmlAttrPtr a = n->properties; a; a = a->next, ncol++) {
		col[ncol] = (const char *)a->name;
		r->val[ncol] = a->children && a->children->content ?
				       (const char *)a->children->content : "";
	}
	for (xmlNodePtr c = n->children; c; c = c->next) {
		if (c->type == XML_ELEMENT_NODE) {
			if (!from_node(f, r, c))
				return NULL;
		} else if ((c->type == XML_TEXT_NODE || c->type == XML_CDATA_SECTION_NODE) &&
			   c->content && !r->text) {
			r->text = (const char *)c->content;
		}
	}
	return r;
}

int st_facts_from_doc(xmlDocPtr doc, struct st_facts **out)
{
	struct st_facts *f = calloc(1, sizeof *f);
	xmlNodePtr root = xmlDocGetRootElement(doc);

	if (!f)
		return -1;
	f->source = doc;
	if (root && !(f->root = from_node(f, NULL, root))) {
		st_facts_free(f);
		return -1;
	}
	if (f->root)
		mark_runs(f->root);
	*out = f;
	return 0;
}

/* r and its descendants as elements under parent (the root when NULL);
 * `link`: each element's _private and each record's dom point to the other */
static xmlNodePtr to_node(xmlDocPtr doc, xmlNodePtr parent, struct st_rec *r, int link)
{
	xmlNodePtr e = xmlNewDocNode(doc, NULL, BAD_CAST r->name, NULL), t;

	if (!e)
		return NULL;
	if (parent)
		xmlAddChild(parent, e);
	else
		xmlDocSetRootElement(doc, e);
	if (link) {
		e->_private = r;
		r->dom = e;
	}
	for (int i = 0; i < r->ncol; i++)
		if (r->val[i] && !xmlNewProp(e, BAD_CAST r->col[i], BAD_CAST r->val[i]))
			return NULL;
	if (r->text) {
		if (!(t = xmlNewDocText(doc, BAD_CAST r->text)))
			return NULL;
		xmlAddChild(e, t);
	}
	for (struct st_rec *c = r->first; c; c = c->next)
		if (!to_node(doc, e, c, link))
			return NULL;
	return e;
}

static xmlDocPtr make_doc(struct st_facts *f, int link)
{
	xmlDocPtr doc = xmlNewDoc(BAD_CAST "1.0");

	if (doc && f->root && !to_node(doc, NULL, f->root, link)) {
		xmlFreeDoc(doc);
		doc = NULL;
	}
	return doc;
}

xmlDocPtr st_facts_dom(struct st_facts *f)
{
	if (!f->dom)
		f->dom = make_doc(f, 1);
	return f->dom;
}

int st_facts_build(struct st_facts_reader *r, enum st_scope kind, const char *id, st_day as_of,
		   xmlDocPtr *out, struct st_diag *diag)
{
	struct st_facts *f = NULL;
	int rc = st_facts_read(r, kind, id, as_of, &f, diag);

	if (rc != 0)
		return rc;
	/* not linked: the records go, the document stays */
	*out = make_doc(f, 0);
	st_facts_free(f);
	return *out ? 0 : st_diag_add(diag, "内存不足");
}

/* ---- as of an earlier day ------------------------------------------------------ */

/* drop r's event dates after as_of, then restrict its children */
static void restrict_rec(struct st_rec *r, st_day as_of)
{
	struct st_rec *c, *next;

	for (int i = 0; r->kind >= 0 && i < r->ncol; i++)
		if (r->val[i] && is_event_column(r->kind, r->col[i]) &&
		    st_day_of_value(r->val[i]) > as_of)
			r->val[i] = NULL;
	for (c = r->first; c; c = next) {
		next = c->next;
		if (c->kind < 0)
			continue;
		const char *own_date = own_date_of(c->kind), *element = element_of(c->kind);
		const char *own = own_date ? st_rec_attr(c, own_date) : NULL;
		if (own && st_day_of_value(own) > as_of) {
			unlink_rec(c);
			continue;
		}
		if (c->name != element && strcmp(c->name, element)) {
			/* voided after as_of: it counted then */
			for (int i = 0; i < c->ncol; i++)
				if (c->val[i] && !strcmp(c->col[i], "voided") &&
				    st_day_of_value(c->val[i]) > as_of) {
					c->val[i] = NULL;
					c->name = element;
				}
		}
		restrict_rec(c, as_of);
	}
}

void st_facts_restrict(struct st_facts *f, st_day as_of)
{
	char day[11];

	if (!f->root)
		return;
	drop_dom(f);
	st_date_format(as_of, day);
	for (int i = 0; i < f->root->ncol; i++)
		if (!strcmp(f->root->col[i], "as-of"))
			memcpy((char *)f->root->val[i], day, 10);
	restrict_rec(f->root, as_of);
	mark_runs(f->root);   /* records left out and renamed back change the runs */
}
