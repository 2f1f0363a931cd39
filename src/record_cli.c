/*
 * record_cli.c — options, help and storing for the recording commands (see
 * st_record_cli.h).
 *
 * The options of `add KIND`, `hazard add` and `inspect` are generated from
 * the dossier's column table, so a column added there is at once importable,
 * exportable and recordable from the command line, validated the same way.
 */
#include "st_record_cli.h"

#include <getopt.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "st_cli.h"
#include "st_store.h"
#include "st_table.h"

/* 1 if word is one of the space-separated words of list */
static int in_list(const char *list, const char *word)
{
	size_t n = strlen(word);

	for (const char *p = list ? list : ""; *p;) {
		size_t len = strcspn(p, " ");
		if (len == n && !strncmp(p, word, n))
			return 1;
		p += len;
		p += *p == ' ';
	}
	return 0;
}

/* "operating_since" → "operating-since" in buf */
static const char *option_name(const char *col, char *buf, size_t n)
{
	snprintf(buf, n, "%s", col);
	for (char *p = buf; *p; p++)
		if (*p == '_')
			*p = '-';
	return buf;
}

static const char *metavar(const struct st_column *c, char *buf, size_t n)
{
	switch (c->type) {
	case ST_COL_DATE: return "DATE";
	case ST_COL_TIME: return "TIME";
	case ST_COL_BOOL: return "yes|no";
	case ST_COL_INT: return "N";
	case ST_COL_USCC: return "CODE";
	case ST_COL_REF: return "ID";
	case ST_COL_REFLIST: return "ID;ID...";
	case ST_COL_SET:
		snprintf(buf, n, "%s", c->values);
		for (char *p = buf; *p; p++)
			if (*p == ' ')
				*p = ';';
		return buf;
	case ST_COL_ENUM:
		snprintf(buf, n, "%s", c->values);
		for (char *p = buf; *p; p++)
			if (*p == ' ')
				*p = '|';
		return buf;
	case ST_COL_TEXT: break;
	}
	return "TEXT";
}

void st_record_help(FILE *f, enum st_kind kind, const char *skip)
{
	const struct st_kind_info *k = st_kind_info(kind);

	for (int i = 0; i < k->ncols; i++) {
		const struct st_column *c = &k->cols[i];
		char name[64], mv[128], opt[200];
		int required = c->required && !(i == 0 && k->id_prefix);

		if (in_list(skip, c->name))
			continue;
		snprintf(opt, sizeof opt, "--%s %s", option_name(c->name, name, sizeof name),
			 metavar(c, mv, sizeof mv));
		fprintf(f, "  %-34s %s%s%s\n", opt, c->label, required ? "（必填）" : "",
			i == 0 && k->id_prefix ? "（不填则自动生成）" : "");
	}
}

int st_record_parse(int argc, char **argv, enum st_kind kind, const char *skip,
		    const char **values, char **pos, int maxpos, int *npos,
		    const char *usage, const char *intro)
{
	const struct st_kind_info *k = st_kind_info(kind);
	struct option opts[ST_MAX_COLS + 2];
	char names[ST_MAX_COLS][64];
	int n = 0, c;

	for (int i = 0; i < k->ncols; i++) {
		if (in_list(skip, k->cols[i].name))
			continue;
		opts[n] = (struct option){ option_name(k->cols[i].name, names[i], sizeof names[i]),
					   required_argument, NULL, 1000 + i };
		n++;
	}
	opts[n++] = (struct option){ "help", no_argument, NULL, 'h' };
	opts[n] = (struct option){ NULL, 0, NULL, 0 };
	for (int i = 0; i < ST_MAX_COLS; i++)
		values[i] = NULL;
	*npos = 0;
	optind = 1;
	opterr = 0;
	while ((c = getopt_long(argc, argv, ":h", opts, NULL)) != -1) {
		if (c >= 1000) {
			if (values[c - 1000])
				return st_cli_usage(usage, "选项 --%s 重复", names[c - 1000]);
			values[c - 1000] = optarg;
		} else if (c == 'h') {
			printf("用法: %s\n\n%s\n选项:\n", usage, intro);
			st_record_help(stdout, kind, skip);
			return 2;
		} else if (c == ':') {
			return st_cli_usage(usage, "选项 %s 需要一个值", argv[optind - 1]);
		} else {
			return st_cli_usage(usage, "未知选项 '%s'", argv[optind - 1]);
		}
	}
	for (; optind < argc; optind++) {
		if (*npos == maxpos)
			return st_cli_usage(usage, "多余的参数 '%s'", argv[optind]);
		pos[(*npos)++] = argv[optind];
	}
	return 0;
}

int st_record_help_only(int argc, char **argv, const char *usage, const char *help)
{
	static const struct option opts[] = {
		{ "help", no_argument, NULL, 'h' },
		{ NULL, 0, NULL, 0 },
	};
	int c;

	optind = 1;
	opterr = 0;
	if ((c = getopt_long(argc, argv, ":h", opts, NULL)) != -1)
		return st_cli_option(c, argv, usage, help) == 0 ? 2 : 1;
	return 0;
}

/* the rules a recorded waiver may name (st_record_set_pack) */
static const struct st_pack *record_pack;

void st_record_set_pack(const struct st_pack *pack)
{
	record_pack = pack;
}

int st_record_save(sqlite3 *db, const char *command, enum st_kind kind,
		   const char *const *values, enum st_put *result)
{
	struct st_diag diag = ST_DIAG_INIT;
	struct st_recorder *r = NULL;
	int rc = 1, store_error = 1;   /* the messages are the store's, not "WHERE: ..." */
	int db_failed = 0;             /* the database failed, not the record */

	if (st_store_set_command(db, command) != 0) {
		st_cli_error("内存不足");
		return 1;
	}
	if (st_recorder_new(db, &r, &diag) || st_store_begin(db, &diag))
		goto out;
	st_recorder_set_pack(r, record_pack);
	store_error = 0;
	if (st_recorder_put(r, kind, values, "safetrack", result, &diag)) {
		db_failed = 1;
		st_store_rollback(db);
		goto out;
	}
	if (*result == ST_PUT_REJECTED) {
		st_store_rollback(db);
		goto out;
	}
	/* finalize before COMMIT: nothing may hold the write transaction open */
	st_recorder_free(r);
	r = NULL;
	store_error = 1;
	if (st_store_commit(db, &diag) == 0)
		rc = 0;
out:
	st_recorder_free(r);
	if (rc) {
		if (store_error)
			st_cli_print_errors(&diag);
		else
			st_cli_print_diag(&diag);
		/* a locked or full database must not read as if it took the
		 * record (a rejected record's message says so already) */
		if (store_error || db_failed)
			st_cli_error("未登记：数据库未作任何修改");
	}
	st_diag_release(&diag);
	return rc;
}

const char *st_record_verb(enum st_put result)
{
	switch (result) {
	case ST_PUT_INSERTED: return "已登记";
	case ST_PUT_UPDATED: return "已更新";
	case ST_PUT_UNCHANGED: return "与已有记录相同，未改动：";
	case ST_PUT_REJECTED: break;
	}
	return "未保存";
}

/* "5、7" : the items an inspection failed, in buf */
static const char *failed_items(const char *const *v, char *buf, size_t n)
{
	size_t k = 0;

	buf[0] = '\0';
	for (int i = 1; i <= 13; i++)
		if (v[4 + i] && !strcmp(v[4 + i], "fail") && k + 8 < n)
			k += (size_t)snprintf(buf + k, n - k, "%s%d", k ? "、" : "", i);
	return buf;
}

long st_record_list(FILE *f, sqlite3 *db, enum st_kind kind, const char *filter_col,
		    const char *filter_value, enum st_query_order order, const char *omit)
{
	return st_record_list_page(f, db, kind, filter_col, filter_value, order, omit, -1, 0);
}

/* the cells of one listed row: the listed columns, and an inspection's
 * failed items */
static void row_cells(enum st_kind kind, const char *const *v, const int *cols, int n,
		      const char **cells, char *failed, size_t failed_len)
{
	for (int i = 0; i < n; i++)
		cells[i] = v[cols[i]];
	if (kind == ST_INSPECTION)
		cells[n] = failed_items(v, failed, failed_len);
}

/* A page of at most this many rows is kept and printed as one table */
#define PAGE_KEPT 10000

/* The whole list is streamed in two passes inside one read transaction
 * (both passes see the same rows): the first measures the columns over the
 * rows in table order (no sort: widths do not depend on order), the second
 * prints them sorted.  Nothing is kept but the widths, so two million
 * workers list in the memory of one (they took 694 MiB when every row was
 * kept).  A page (--limit up to PAGE_KEPT) is read once and kept. */
long st_record_list_page(FILE *f, sqlite3 *db, enum st_kind kind, const char *filter_col,
			 const char *filter_value, enum st_query_order order, const char *omit,
			 long long limit, long long offset)
{
	const struct st_kind_info *k = st_kind_info(kind);
	const char *head[ST_MAX_COLS + 1], *cells[ST_MAX_COLS + 1];
	const char *const *v;
	int cols[ST_MAX_COLS], n = 0, r, own_txn = 0, keep;
	struct st_diag diag = ST_DIAG_INIT;
	struct st_query *q = NULL;
	struct st_table *t;
	char failed[64];
	long rows = 0, printed = 0;

	for (int i = 0; i < k->ncols; i++) {
		if (!in_list(k->listed, k->cols[i].name) || (omit && !strcmp(omit, k->cols[i].name)))
			continue;
		cols[n] = i;
		head[n++] = k->cols[i].label;
	}
	if (kind == ST_INSPECTION)
		head[n] = "不合格项";
	if (!(t = st_table_new(n + (kind == ST_INSPECTION), head))) {
		st_cli_error("内存不足");
		return -1;
	}
	if (sqlite3_get_autocommit(db)) {
		if (sqlite3_exec(db, "BEGIN", NULL, NULL, NULL) != SQLITE_OK) {
			st_diag_add(&diag, "数据库错误: %s", st_store_errmsg(db));
			goto fail;
		}
		own_txn = 1;
	}
	keep = limit >= 0 && limit <= PAGE_KEPT;
	if (st_query_new_page(db, kind, filter_col, filter_value, keep ? order : ST_ORDER_NONE,
			      limit, offset, &q, &diag))
		goto fail;
	while ((r = st_query_next(q, &v, &diag)) == 1) {
		row_cells(kind, v, cols, n, cells, failed, sizeof failed);
		if (keep && st_table_add(t, cells)) {
			st_diag_add(&diag, "内存不足");
			goto fail;
		}
		st_table_measure(t, cells, 40);
		rows++;
	}
	if (r < 0)
		goto fail;
	if (keep) {
		if (rows)
			st_table_print(t, f, 40);
		goto out;
	}
	st_query_free(q);
	if (st_query_new_page(db, kind, filter_col, filter_value, order, limit, offset, &q,
			      &diag))
		goto fail;
	if (rows)
		st_table_print_head(t, f, 40);
	while (printed < rows && (r = st_query_next(q, &v, &diag)) == 1) {
		row_cells(kind, v, cols, n, cells, failed, sizeof failed);
		st_table_print_row(t, f, cells, 40);
		printed++;
	}
	if (printed < rows)
		goto fail;
	goto out;
fail:
	if (!diag.count)
		st_diag_add(&diag, "数据库错误: %s", st_store_errmsg(db));
	st_cli_print_diag(&diag);
	st_diag_release(&diag);
	rows = -1;
out:
	st_query_free(q);
	if (own_txn)
		sqlite3_exec(db, "COMMIT", NULL, NULL, NULL);
	st_table_free(t);
	return rows;
}
