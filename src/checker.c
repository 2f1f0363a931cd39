/*
 * checker.c — evaluate every subject of the store (see st_checker.h).
 *
 * Subjects are read with one statement and judged one at a time: the facts
 * document and the results of a subject are freed before the next is read,
 * so memory does not grow with the size of the park or province.
 */
#include "st_checker.h"

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

static int run_scope(sqlite3 *db, struct st_facts_reader *reader, const struct st_pack *pack,
		     st_day as_of, enum st_scope scope, const struct st_check_filter *filter,
		     st_check_sink sink, void *arg, struct st_diag *diag)
{
	int which = filter->enterprise ? 2 : filter->park ? 1 : 0;
	const char *sql = subject_sql[scope][which];
	sqlite3_stmt *s = NULL;
	int rc = 0, step;

	if (!sql)
		return 0;   /* --enterprise: no park rows */
	if (sqlite3_prepare_v2(db, sql, -1, &s, NULL) != SQLITE_OK)
		return st_diag_add(diag, "数据库错误：%s", sqlite3_errmsg(db));
	if (which)
		sqlite3_bind_text(s, 1, which == 2 ? filter->enterprise : filter->park, -1,
				  SQLITE_STATIC);
	while (rc == 0 && (step = sqlite3_step(s)) == SQLITE_ROW) {
		const char *id = (const char *)sqlite3_column_text(s, 0);
		xmlDocPtr facts = NULL;
		struct st_subject subject;

		int b = st_facts_build(reader, scope, id, as_of, &facts, diag);
		if (b != 0) {
			rc = b < 0 ? -1 : 0;
			continue;
		}
		if (st_eval_subject(pack, facts, as_of, filter->rule, &subject) != 0) {
			rc = st_diag_add(diag, "内存不足（评估 %s 时）", id);
		} else {
			rc = sink(arg, &subject);
			st_subject_release(&subject);
		}
		xmlFreeDoc(facts);
	}
	if (rc == 0 && step != SQLITE_DONE)
		rc = st_diag_add(diag, "数据库错误：%s", sqlite3_errmsg(db));
	sqlite3_finalize(s);
	return rc;
}

int st_checker_run(sqlite3 *db, const struct st_pack *pack, st_day as_of,
		   const struct st_check_filter *filter, st_check_sink sink, void *arg,
		   struct st_diag *diag)
{
	static const struct st_check_filter none = { NULL, NULL, NULL };
	struct st_facts_reader *reader = NULL;
	int rc;

	if (!filter)
		filter = &none;
	if (filter->enterprise &&
	    !exists(db, "SELECT 1 FROM enterprises WHERE id = ?1", filter->enterprise))
		return st_diag_add(diag, "企业 %s 不存在", filter->enterprise);
	if (filter->park && !exists(db, "SELECT 1 FROM parks WHERE id = ?1", filter->park))
		return st_diag_add(diag, "园区 %s 不存在", filter->park);
	if (filter->rule && !st_pack_find(pack, filter->rule))
		return st_diag_add(diag, "规则 %s 不存在", filter->rule);
	if (st_facts_reader_new(db, &reader, diag) != 0)
		return -1;
	rc = run_scope(db, reader, pack, as_of, ST_SCOPE_PARK, filter, sink, arg, diag);
	if (rc == 0)
		rc = run_scope(db, reader, pack, as_of, ST_SCOPE_ENTERPRISE, filter, sink, arg, diag);
	st_facts_reader_free(reader);
	return rc;
}
