/*
 * checker.c — evaluate every subject of the store (see st_checker.h).
 *
 * Subjects are read with one statement and judged one at a time: the facts
 * document and the results of a subject are freed before the next is read,
 * so memory does not grow with the size of the park or province.
 */
#include "st_store.h"
#include "st_checker.h"
#include "st_alloc.h"

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
};

/* judge one subject at every date, latest first, from one read of the store */
static int run_subject(struct run *run, enum st_scope scope, const char *id)
{
	xmlDocPtr facts = NULL;
	int rc = 0;

	/* libxml2 2.9 can lose an allocation without failing the call: an
	 * attribute whose text could not be made comes back empty, and an
	 * empty date reads as a missing one.  Any failed allocation while the
	 * facts are built fails the subject (st_eval_subject does the same for
	 * the evaluation). */
	st_alloc_install();
	unsigned long failures = st_alloc_failures();
	int b = st_facts_build(run->reader, scope, id, run->dates[run->order[0]], &facts, run->diag);
	if (b != 0)
		return b < 0 ? -1 : 0;
	if (st_alloc_failures() != failures) {
		xmlFreeDoc(facts);
		return st_diag_add(run->diag, "内存不足（读取 %s 的记录时）", id);
	}
	for (size_t i = 0; i < run->ndates && rc == 0; i++) {
		st_day day = run->dates[run->order[i]];
		struct st_subject subject;
		if (i)
			st_facts_restrict(facts, day);
		if (st_eval_subject(run->pack, facts, day, run->filter->rule, &subject) != 0) {
			rc = st_diag_add(run->diag, "内存不足（评估 %s 时）", id);
		} else {
			rc = run->sink(run->arg, run->order[i], &subject);
			st_subject_release(&subject);
		}
	}
	xmlFreeDoc(facts);
	return rc;
}

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
	while (rc == 0 && (step = sqlite3_step(s)) == SQLITE_ROW)
		rc = run_subject(run, scope, (const char *)sqlite3_column_text(s, 0));
	if (rc == 0 && step != SQLITE_DONE)
		rc = st_diag_add(run->diag, "数据库错误：%s", st_store_errmsg(run->db));
	sqlite3_finalize(s);
	return rc;
}

int st_checker_run_dates(sqlite3 *db, const struct st_pack *pack, const st_day *dates,
			 size_t ndates, const struct st_check_filter *filter,
			 st_check_dates_sink sink, void *arg, struct st_diag *diag)
{
	static const struct st_check_filter none = { NULL, NULL, NULL };
	struct run run = { db, NULL, pack, dates, NULL, ndates, filter ? filter : &none,
			   sink, arg, diag };
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
	if (st_facts_reader_new(db, &run.reader, diag) != 0) {
		free(run.order);
		return -1;
	}
	rc = run_scope(&run, ST_SCOPE_PARK);
	if (rc == 0)
		rc = run_scope(&run, ST_SCOPE_ENTERPRISE);
	st_facts_reader_free(run.reader);
	free(run.order);
	return rc;
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

int st_checker_run(sqlite3 *db, const struct st_pack *pack, st_day as_of,
		   const struct st_check_filter *filter, st_check_sink sink, void *arg,
		   struct st_diag *diag)
{
	struct one_date o = { sink, arg };
	return st_checker_run_dates(db, pack, &as_of, 1, filter, one_date_sink, &o, diag);
}
