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

static int collect(void *arg, const struct st_subject *s)
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
		l->n++;
		l->overdue += it->status == ST_OVERDUE;
		if (!it->subject || !it->name || !it->park || !it->detail)
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

int st_chase_run(sqlite3 *db, const struct st_pack *pack, st_day as_of, long within,
		 const struct st_check_filter *filter, st_chase_keep keep, void *keep_arg,
		 struct st_chase *out, struct st_diag *diag)
{
	memset(out, 0, sizeof *out);
	out->as_of = as_of;
	out->within = within;
	out->keep = keep;
	out->keep_arg = keep_arg;
	/* over one thread per core: the order collect sees is the same */
	if (st_checker_run_jobs(db, pack, as_of, filter, 0, collect, out, diag) != 0) {
		if (out->oom)
			st_diag_add(diag, "内存不足");
		st_chase_release(out);
		return -1;
	}
	qsort(out->v, out->n, sizeof *out->v, item_cmp);
	return 0;
}

void st_chase_release(struct st_chase *c)
{
	for (size_t i = 0; i < c->n; i++) {
		free(c->v[i].subject);
		free(c->v[i].name);
		free(c->v[i].park);
		free(c->v[i].detail);
	}
	free(c->v);
	c->v = NULL;
	c->n = c->cap = c->overdue = 0;
}
