/*
 * chase.c — the chase list (see st_chase.h): the checker's results reduced
 * to what an officer must chase, sorted by due date.  An overdue item's due
 * date is before the evaluation date and a due-soon one's on or after it,
 * so one sort by date gives "most late first, then soonest due".
 */
#include "st_chase.h"

#include <stdlib.h>
#include <string.h>

static char *dup(const char *s)
{
	return strdup(s ? s : "");
}

/* the result's record ids, each followed by a newline */
static char *join_records(const struct st_result *r)
{
	size_t len = 1;
	char *out, *p;

	for (size_t k = 0; k < r->nrecords; k++)
		len += strlen(r->records[k]) + 1;
	if (!(out = p = malloc(len)))
		return NULL;
	for (size_t k = 0; k < r->nrecords; k++) {
		size_t n = strlen(r->records[k]);
		memcpy(p, r->records[k], n);
		p += n;
		*p++ = '\n';
	}
	*p = '\0';
	return out;
}

int st_chase_collect(void *arg, const struct st_subject *s)
{
	struct st_chase *l = arg;

	if (l->keep && !l->keep(l->keep_arg, s))
		return 0;
	for (size_t i = 0; i < s->nresults; i++) {
		const struct st_result *r = &s->results[i];
		int take = r->status == ST_OVERDUE ||
			   (l->within < 0 ? r->status == ST_DUE_SOON :
			    (r->status == ST_DUE_SOON || r->status == ST_PASS) &&
				    r->due != ST_DAY_NONE && r->due <= l->as_of + l->within);
		if (!take)
			continue;
		if (l->n == l->cap) {
			size_t cap = l->cap ? l->cap * 2 : 64;
			struct st_chase_item *v = realloc(l->v, cap * sizeof *v);
			if (!v)
				return l->oom = 1;
			l->v = v;
			l->cap = cap;
		}
		struct st_chase_item *it = &l->v[l->n];
		it->status = r->status == ST_PASS ? ST_DUE_SOON : r->status;
		it->due = r->due;
		it->rule = r->rule;
		it->kind = s->kind;
		it->subject = dup(s->id);
		it->name = dup(s->name);
		it->park = dup(s->park);
		it->detail = dup(r->detail_zh);
		it->hazard = NULL;
		it->found = ST_DAY_NONE;
		it->records = join_records(r);
		l->n++;
		l->overdue += it->status == ST_OVERDUE;
		if (!it->subject || !it->name || !it->park || !it->detail || !it->records)
			return l->oom = 1;
	}
	return 0;
}

/* most late first: the earliest due date; ties by subject and rule */
static int item_cmp(const void *a, const void *b)
{
	const struct st_chase_item *x = a, *y = b;

	if (x->due != y->due)
		return x->due < y->due ? -1 : 1;
	int c = strcmp(x->subject, y->subject);
	return c ? c : strcmp(x->rule->id, y->rule->id);
}

void st_chase_begin(struct st_chase *out, st_day as_of, long within, st_chase_keep keep,
		    void *keep_arg)
{
	memset(out, 0, sizeof *out);
	out->as_of = as_of;
	out->within = within;
	out->keep = keep;
	out->keep_arg = keep_arg;
}

int st_chase_finish(struct st_chase *out, int rc, struct st_diag *diag)
{
	if (rc != 0) {
		if (out->oom)
			st_diag_add(diag, "内存不足");
		st_chase_release(out);
		return -1;
	}
	qsort(out->v, out->n, sizeof *out->v, item_cmp);
	return 0;
}

int st_chase_run(sqlite3 *db, const struct st_pack *pack, st_day as_of, long within,
		 const struct st_check_filter *filter, st_chase_keep keep, void *keep_arg,
		 struct st_chase *out, struct st_diag *diag)
{
	st_chase_begin(out, as_of, within, keep, keep_arg);
	/* over one thread per core: the order st_chase_collect sees is the same */
	return st_chase_finish(out, st_checker_run_jobs(db, pack, as_of, filter, 0,
							st_chase_collect, out, diag),
			       diag);
}

void st_chase_release(struct st_chase *c)
{
	for (size_t i = 0; i < c->n; i++) {
		free(c->v[i].subject);
		free(c->v[i].name);
		free(c->v[i].park);
		free(c->v[i].detail);
		free(c->v[i].records);
		free(c->v[i].hazard);
	}
	free(c->v);
	c->v = NULL;
	c->n = c->cap = c->overdue = c->major = 0;
}

/* ---- the dashboard: open major hazards on their own ---- */

/* the dashboard's order: group 0 (overdue, major hazards) by due date with
 * no date after the dated ones, then group 1 (due soon) by date */
static int group_of(const struct st_chase_item *it)
{
	return it->status == ST_OVERDUE || it->hazard ? 0 : 1;
}

static int major_cmp(const void *a, const void *b)
{
	const struct st_chase_item *x = a, *y = b;
	int gx = group_of(x), gy = group_of(y);

	if (gx != gy)
		return gx - gy;
	if (x->due != y->due) {
		if (x->due == ST_DAY_NONE || y->due == ST_DAY_NONE)
			return x->due == ST_DAY_NONE ? 1 : -1;
		return x->due < y->due ? -1 : 1;
	}
	int c = strcmp(x->subject, y->subject);
	if (c)
		return c;
	if (!x->hazard != !y->hazard)
		return x->hazard ? -1 : 1;
	return x->hazard ? strcmp(x->hazard, y->hazard) : strcmp(x->rule->id, y->rule->id);
}

/* is id (len bytes) an open major hazard of subject listed from first on? */
static int is_listed(const struct st_chase *l, size_t first, const char *subject, const char *id,
		     size_t len)
{
	for (size_t i = first; i < l->n; i++)
		if (strlen(l->v[i].hazard) == len && !memcmp(l->v[i].hazard, id, len) &&
		    !strcmp(l->v[i].subject, subject))
			return 1;
	return 0;
}

/* does detail sentence seg (len bytes) speak of a listed major hazard of
 * the row's subject ("重大隐患 ID（…")? */
static int major_sentence(const struct st_chase *l, size_t first, const char *subject,
			  const char *seg, size_t len)
{
	static const char lead[] = "重大";
	const char *sp, *paren;

	if (len < sizeof lead - 1 || memcmp(seg, lead, sizeof lead - 1))
		return 0;
	if (!(sp = memchr(seg, ' ', len)) || !(paren = strstr(sp, "（")) || paren > seg + len)
		return 0;
	return is_listed(l, first, subject, sp + 1, (size_t)(paren - sp - 1));
}

/* Take the open major hazards listed on their own out of an obligation row
 * that names records (HAZ-RECTIFY-DEADLINE names its hazards): 1 when the
 * row named nothing else to chase (it goes), 0 when it stays — changed
 * when it named some: its detail without their sentences, its due date
 * and status those of the earliest deadline left among its open hazards
 * (read with deadline_st); -1 when memory runs out. */
static int strip(sqlite3_stmt *deadline_st, struct st_chase *l, size_t first,
		 struct st_chase_item *it)
{
	const char *p;
	char *records, *q, *detail, *d;
	size_t listed = 0, total = 0;
	st_day due = ST_DAY_NONE;

	for (p = it->records; *p; total++) {
		const char *nl = strchr(p, '\n');
		listed += is_listed(l, first, it->subject, p, (size_t)(nl - p));
		p = nl + 1;
	}
	if (!listed)
		return 0;
	if (listed == total)
		return 1;
	if (!(records = q = malloc(strlen(it->records) + 1)) ||
	    !(detail = d = malloc(strlen(it->detail) + 1))) {
		free(records);
		return -1;
	}
	for (p = it->records; *p;) {
		const char *nl = strchr(p, '\n');
		size_t n = (size_t)(nl - p);
		if (!is_listed(l, first, it->subject, p, n)) {
			memcpy(q, p, n + 1);
			q += n + 1;
			/* its deadline, while it is open */
			sqlite3_reset(deadline_st);
			if (sqlite3_bind_text(deadline_st, 1, p, (int)n, SQLITE_TRANSIENT) == SQLITE_OK &&
			    sqlite3_bind_text(deadline_st, 2, it->subject, -1, SQLITE_TRANSIENT) ==
				    SQLITE_OK &&
			    sqlite3_step(deadline_st) == SQLITE_ROW) {
				st_day day;
				const unsigned char *t = sqlite3_column_text(deadline_st, 0);
				if (t && st_date_parse((const char *)t, &day) == 0 &&
				    (due == ST_DAY_NONE || day < due))
					due = day;
			}
			sqlite3_reset(deadline_st);
		}
		p = nl + 1;
	}
	*q = '\0';
	/* the detail's sentences are separated by "；" */
	for (p = it->detail; *p;) {
		const char *end = strstr(p, "；");
		size_t n = end ? (size_t)(end - p) : strlen(p);
		if (!major_sentence(l, first, it->subject, p, n)) {
			if (d > detail) {
				memcpy(d, "；", strlen("；"));
				d += strlen("；");
			}
			memcpy(d, p, n);
			d += n;
		}
		p += n;
		if (end)
			p += strlen("；");
	}
	*d = '\0';
	free(it->records);
	free(it->detail);
	it->records = records;
	it->detail = detail;
	if (due == ST_DAY_NONE)
		return 1;   /* only hazards closed (late) are left: nothing to chase */
	it->due = due;
	it->status = due < l->as_of ? ST_OVERDUE : ST_DUE_SOON;
	return 0;
}

static char *col(sqlite3_stmt *st, int i)
{
	const unsigned char *t = sqlite3_column_text(st, i);
	return strdup(t ? (const char *)t : "");
}

int st_chase_add_major_hazards(sqlite3 *db, const struct st_check_filter *filter,
			       struct st_chase *l, struct st_diag *diag)
{
	/* three statements, so that each scope reads through its index: a
	 * park's enterprises, then each one's hazards */
	static const char cols[] =
		"SELECT h.id, h.enterprise, e.name, e.park, h.found, h.deadline, h.description,"
		" h.rectified FROM enterprises e CROSS JOIN hazards h ON h.enterprise = e.id"
		" WHERE h.grade = 'major' AND h.found <= ?1"
		" AND (h.closed IS NULL OR h.closed > ?1) AND (h.voided IS NULL OR h.voided > ?1)";
	char sql[sizeof cols + 32];
	snprintf(sql, sizeof sql, "%s%s", cols,
		 filter && filter->enterprise ? " AND e.id = ?3" :
		 filter && filter->park ? " AND e.park = ?2" : "");
	sqlite3_stmt *st = NULL;
	char day[11];
	size_t first = l->n, kept;
	int rc;

	rc = sqlite3_prepare_v2(db, sql, -1, &st, NULL);
	if (rc == SQLITE_OK)
		rc = sqlite3_bind_text(st, 1, st_date_format(l->as_of, day), -1, SQLITE_TRANSIENT);
	if (rc == SQLITE_OK && filter && filter->enterprise)
		rc = sqlite3_bind_text(st, 3, filter->enterprise, -1, SQLITE_STATIC);
	else if (rc == SQLITE_OK && filter && filter->park)
		rc = sqlite3_bind_text(st, 2, filter->park, -1, SQLITE_STATIC);
	while ((rc == SQLITE_OK || rc == SQLITE_ROW) && (rc = sqlite3_step(st)) == SQLITE_ROW) {
		struct st_chase_item *it;
		const unsigned char *dl = sqlite3_column_text(st, 5);
		const unsigned char *rect = sqlite3_column_text(st, 7);
		st_day due = ST_DAY_NONE, found = ST_DAY_NONE;
		char *detail = NULL;
		size_t len;

		if (l->n == l->cap) {
			size_t cap = l->cap ? l->cap * 2 : 64;
			struct st_chase_item *v = realloc(l->v, cap * sizeof *v);
			if (!v) {
				rc = SQLITE_NOMEM;
				break;
			}
			l->v = v;
			l->cap = cap;
		}
		if (dl)
			st_date_parse((const char *)dl, &due);
		st_date_parse((const char *)sqlite3_column_text(st, 4), &found);
		it = &l->v[l->n];
		memset(it, 0, sizeof *it);
		it->kind = ST_SCOPE_ENTERPRISE;
		it->status = due != ST_DAY_NONE && due < l->as_of ? ST_OVERDUE : ST_DUE_SOON;
		it->due = due;
		it->found = found;
		it->hazard = col(st, 0);
		it->subject = col(st, 1);
		it->name = col(st, 2);
		it->park = col(st, 3);
		it->records = strdup("");
		/* what it is, and where its rectification stands */
		{
			static const char pre[] = "（企业已于 ", post[] = " 登记整改完成，待核验销号）";
			const char *desc = (const char *)sqlite3_column_text(st, 6);
			len = strlen(desc ? desc : "") + sizeof pre + sizeof post + 16;
			if ((detail = malloc(len)))
				snprintf(detail, len, "%s%s%s%s", desc ? desc : "", rect ? pre : "",
					 rect ? (const char *)rect : "", rect ? post : "");
		}
		it->detail = detail;
		l->n++;
		if (!it->hazard || !it->subject || !it->name || !it->park || !it->records ||
		    !it->detail) {
			rc = SQLITE_NOMEM;
			break;
		}
	}
	if (rc != SQLITE_DONE) {
		if (rc == SQLITE_NOMEM)
			st_diag_add(diag, "内存不足");
		else
			st_diag_add(diag, "读取重大隐患失败：%s", sqlite3_errmsg(db));
		sqlite3_finalize(st);
		return -1;
	}
	sqlite3_finalize(st);
	/* each major hazard is named once: by its own row */
	if (sqlite3_prepare_v2(db,
			       "SELECT deadline FROM hazards WHERE id = ?1 AND enterprise = ?2"
			       " AND closed IS NULL",
			       -1, &st, NULL) != SQLITE_OK)
		return st_diag_add(diag, "读取重大隐患失败：%s", sqlite3_errmsg(db));
	kept = 0;
	l->overdue = 0;
	for (size_t i = 0; i < l->n; i++) {
		struct st_chase_item *it = &l->v[i];
		/* out of memory (-1): the row stays as it was */
		int gone = !it->hazard && first < l->n ? strip(st, l, first, it) : 0;
		if (gone > 0) {
			free(it->subject);
			free(it->name);
			free(it->park);
			free(it->detail);
			free(it->records);
			continue;
		}
		l->major += it->hazard != NULL;
		l->overdue += it->status == ST_OVERDUE;
		l->v[kept++] = *it;
	}
	sqlite3_finalize(st);
	l->n = kept;
	qsort(l->v, l->n, sizeof *l->v, major_cmp);
	return 0;
}
