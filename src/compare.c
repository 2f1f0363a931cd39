/*
 * compare.c — what-if: the same store judged under two rule packs (see
 * st_compare.h).
 *
 * The other pack's run goes first and is kept as one small entry per
 * result (the rule's id, borrowed from that pack, its status and due) and
 * one per subject; the current pack's run then meets the subjects in the
 * same order — the checker's order depends on the store only — and merges
 * each subject's results with the stored ones by rule id (both in id order).
 */
#include "st_compare.h"

#include <stdlib.h>
#include <string.h>

struct kept_result {
	const char *rule;             /* borrowed from the other pack */
	st_day due;
	unsigned char status;
};

struct kept_subject {
	char *id;
	enum st_scope kind;
	size_t first, n;
};

struct kept {
	struct kept_result *r;
	size_t nr, cr;
	struct kept_subject *s;
	size_t ns, cs, next;          /* next: the subject the second run is at */
	st_compare_sink sink;
	void *arg;
	const char *rule;             /* the rule filter, or NULL */
	int failed;                   /* out of memory, or the runs disagree */
};

static int keep(void *arg, const struct st_subject *s)
{
	struct kept *k = arg;

	if (k->ns == k->cs) {
		size_t c = k->cs ? 2 * k->cs : 64;
		struct kept_subject *n = realloc(k->s, c * sizeof *n);
		if (!n)
			return k->failed = 1;
		k->s = n, k->cs = c;
	}
	if (k->nr + s->nresults > k->cr) {
		size_t c = k->cr ? 2 * k->cr : 1024;
		while (c < k->nr + s->nresults)
			c *= 2;
		struct kept_result *n = realloc(k->r, c * sizeof *n);
		if (!n)
			return k->failed = 1;
		k->r = n, k->cr = c;
	}
	struct kept_subject *ks = &k->s[k->ns];
	if (!(ks->id = strdup(s->id)))
		return k->failed = 1;
	ks->kind = s->kind, ks->first = k->nr, ks->n = s->nresults;
	k->ns++;
	for (size_t i = 0; i < s->nresults; i++) {
		if (k->rule && strcmp(k->rule, s->results[i].rule->id))
			continue;
		k->r[k->nr++] = (struct kept_result){ s->results[i].rule->id, s->results[i].due,
						      (unsigned char)s->results[i].status };
		ks->n = k->nr - ks->first;
	}
	if (k->rule)
		ks->n = k->nr - ks->first;
	return 0;
}

static int emit(struct kept *k, const struct st_subject *s, const struct st_result *a,
		const struct kept_result *b)
{
	struct st_compare_row row = { s->kind, s->id, a ? a->rule->id : b->rule, a != NULL,
				      b != NULL, a ? a->status : ST_NOT_APPLICABLE,
				      b ? (enum st_status)b->status : ST_NOT_APPLICABLE,
				      a ? a->due : ST_DAY_NONE, b ? b->due : ST_DAY_NONE };
	if (a && b && a->status == (enum st_status)b->status && a->due == b->due)
		return 0;
	return k->sink(k->arg, &row);
}

static int merge(void *arg, const struct st_subject *s)
{
	struct kept *k = arg;
	int rc = 0;

	if (k->next >= k->ns || strcmp(k->s[k->next].id, s->id) || k->s[k->next].kind != s->kind)
		return k->failed = 2;   /* the store changed between the two runs */
	const struct kept_subject *ks = &k->s[k->next++];
	const struct kept_result *b = k->r + ks->first;
	size_t i = 0, j = 0;
	while (rc == 0 && (i < s->nresults || j < ks->n)) {
		int c = i == s->nresults ? 1 : j == ks->n ? -1 :
			strcmp(s->results[i].rule->id, b[j].rule);
		if (c < 0)
			rc = emit(k, s, &s->results[i++], NULL);
		else if (c > 0)
			rc = emit(k, s, NULL, &b[j++]);
		else
			rc = emit(k, s, &s->results[i++], &b[j++]);
	}
	return rc;
}

int st_compare_run(sqlite3 *db, const struct st_pack *pack, const struct st_pack *other,
		   st_day as_of, const struct st_check_filter *filter, unsigned jobs,
		   st_compare_sink sink, void *arg, struct st_diag *diag)
{
	struct kept k = { 0 };
	struct st_check_filter f = filter ? *filter : (struct st_check_filter){ NULL, NULL, NULL };
	int rc;

	k.sink = sink, k.arg = arg;
	/* a rule filter names a rule of the current pack (the checker says so
	 * otherwise); when the other pack lacks it, that side runs unfiltered
	 * and keeps nothing, so the rule shows as missing there */
	k.rule = f.rule;
	if (f.rule && st_pack_find(pack, f.rule) && !st_pack_find(other, f.rule))
		f.rule = NULL;
	rc = st_checker_run_jobs(db, other, as_of, &f, jobs, keep, &k, diag);
	f.rule = k.rule;
	if (rc == 0 && !k.failed)
		rc = st_checker_run_jobs(db, pack, as_of, &f, jobs, merge, &k, diag);
	if (k.failed == 1)
		rc = st_diag_add(diag, "内存不足");
	else if (k.failed == 2)
		rc = st_diag_add(diag, "两次核查之间数据库发生了变化，请重新运行");
	for (size_t i = 0; i < k.ns; i++)
		free(k.s[i].id);
	free(k.s);
	free(k.r);
	return rc;
}

int st_compare_load_other(const struct st_pack *pack, const char *rules_dir,
			  const char *tailoring, struct st_pack **out, struct st_diag *diag)
{
	return rules_dir ? st_pack_load(rules_dir, pack->tailoring, out, diag)
			 : st_pack_load(pack->dir, tailoring, out, diag);
}

/* ---- the summary ---------------------------------------------------------------- */

static int by_id(const void *a, const void *b)
{
	return strcmp(((const struct st_compare_rule *)a)->id,
		      ((const struct st_compare_rule *)b)->id);
}

int st_compare_summary_init(struct st_compare_summary *sum, const struct st_pack *pack,
			    const struct st_pack *other, struct st_diag *diag)
{
	size_t i = 0, j = 0;

	memset(sum, 0, sizeof *sum);
	if (!(sum->rules = calloc(pack->nrules + other->nrules + 1, sizeof *sum->rules)))
		return st_diag_add(diag, "内存不足");
	/* both packs are sorted by id: merge them */
	while (i < pack->nrules || j < other->nrules) {
		struct st_compare_rule *r = &sum->rules[sum->nrules++];
		int c = i == pack->nrules ? 1 : j == other->nrules ? -1 :
			strcmp(pack->rules[i].id, other->rules[j].id);
		if (c <= 0)
			r->rule = &pack->rules[i++];
		if (c >= 0)
			r->other_rule = &other->rules[j++];
		r->id = r->rule ? r->rule->id : r->other_rule->id;
	}
	return 0;
}

const struct st_compare_rule *st_compare_summary_find(const struct st_compare_summary *sum,
						      const char *id)
{
	struct st_compare_rule key = { .id = id };

	return sum->nrules ? bsearch(&key, sum->rules, sum->nrules, sizeof key, by_id) : NULL;
}

int st_compare_summary_add(struct st_compare_summary *sum, const struct st_compare_row *row)
{
	struct st_compare_rule *r = (struct st_compare_rule *)st_compare_summary_find(sum, row->rule);

	if (!r)   /* a rule of neither pack: cannot come from st_compare_run */
		return 0;
	if (!sum->last || sum->last_kind != row->kind || strcmp(sum->last, row->subject)) {
		char *id = strdup(row->subject);
		if (!id)
			return 1;
		free(sum->last);
		sum->last = id, sum->last_kind = row->kind;
		sum->subjects++;
		sum->subjects_of[row->kind == ST_SCOPE_PARK ? ST_SCOPE_PARK : ST_SCOPE_ENTERPRISE]++;
	}
	if (!r->changed++)
		sum->rules_changed++;
	r->n[row->has ? row->status : ST_COMPARE_NONE]
	    [row->has_other ? row->other_status : ST_COMPARE_NONE]++;
	sum->changed++;
	return 0;
}

void st_compare_summary_release(struct st_compare_summary *sum)
{
	free(sum->rules);
	free(sum->last);
	memset(sum, 0, sizeof *sum);
}
