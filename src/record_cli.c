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
#include <pwd.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "st_cli.h"
#include "st_store.h"
#include "st_table.h"
#include "st_values.h"

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

		if (st_word_listed(skip, c->name))
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
		if (st_word_listed(skip, k->cols[i].name))
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
			const char *known[ST_MAX_COLS + 1];
			char dashed[ST_MAX_COLS + 1][68];
			for (int i = 0; i < n; i++) {
				snprintf(dashed[i], sizeof dashed[i], "--%s", opts[i].name);
				known[i] = dashed[i];
			}
			return st_cli_unknown_option(usage, argv[optind - 1], known, (size_t)n);
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

void st_record_cli_change(struct st_change *ch, const char *command, const char *why,
			  unsigned force)
{
	static char name[64];
	const char *who = getenv("SAFETRACK_USER");

	if (!who || !*who) {
		struct passwd *pw = getpwuid(geteuid());
		if (pw && pw->pw_name && *pw->pw_name) {
			snprintf(name, sizeof name, "%s", pw->pw_name);
		} else {
			const char *env = getenv("USER");
			if (env && *env)
				snprintf(name, sizeof name, "%s", env);
			else
				snprintf(name, sizeof name, "uid %ld", (long)geteuid());
		}
		who = name;
	}
	*ch = (struct st_change){ who, why, command, force, NULL, record_pack, NULL };
}

int st_record_take_common(int *argc, char **argv, const char **reason, unsigned *force,
			  const char *usage)
{
	int n = 1;

	if (reason)
		*reason = NULL;
	*force = 0;
	for (int i = 1; i < *argc; i++) {
		const char *a = argv[i];
		if (!strcmp(a, "--")) {
			while (i < *argc)
				argv[n++] = argv[i++];
			break;
		}
		if (!strcmp(a, "--force")) {
			*force = ST_FORCE_FUTURE | ST_FORCE_DUPLICATE;
		} else if (reason && !strcmp(a, "--reason")) {
			if (i + 1 >= *argc)
				return st_cli_usage(usage, "选项 --reason 需要一个值");
			*reason = argv[++i];
		} else if (reason && !strncmp(a, "--reason=", 9)) {
			*reason = a + 9;
		} else {
			argv[n++] = argv[i];
		}
	}
	*argc = n;
	argv[n] = NULL;
	return 0;
}

int st_record_cli_report(const struct st_record_result *res, const char *undone)
{
	for (size_t i = 0; i < res->nerrors; i++) {
		if (res->errors[i].column)
			st_cli_error("column %s: %s", res->errors[i].column, res->errors[i].message);
		else
			st_cli_error("%s", res->errors[i].message);
	}
	/* a locked or full database must not read as if it took the change
	 * (a refused record's messages say so already) */
	if (res->status == ST_RECORD_FAILED)
		st_cli_error("%s：数据库未作任何修改", undone);
	for (size_t i = 0; i < res->nwarnings; i++)
		st_cli_error("注意：%s", res->warnings[i]);
	return res->status == ST_RECORD_OK ? 0 : 1;
}

int st_record_save(sqlite3 *db, const char *command, enum st_kind kind,
		   const char *const *values, unsigned force, struct st_record_result *res)
{
	const struct st_kind_info *k = st_kind_info(kind);
	struct st_field fields[ST_MAX_COLS];
	struct st_change ch;
	size_t n = 0;

	for (int i = 0; i < k->ncols; i++)
		if (values[i])
			fields[n++] = (struct st_field){ k->cols[i].name, values[i] };
	st_record_cli_change(&ch, command, NULL, force);
	st_record_create(db, kind, fields, n, &ch, res);
	return st_record_cli_report(res, "未登记");
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
	for (int i = 0; i < ST_ITEMS; i++)
		if (v[ST_ITEM_COL + i] && !strcmp(v[ST_ITEM_COL + i], "fail") && k + 8 < n)
			k += (size_t)snprintf(buf + k, n - k, "%s%d", k ? "、" : "", i + 1);
	return buf;
}

/* what a table cell shows for column c: an enumerated value's Chinese
 * label (docs/values.md), anything else as stored */
const char *st_record_shown(const struct st_column *c, const char *v)
{
	const char *zh;

	if (v && (c->type == ST_COL_ENUM || c->type == ST_COL_BOOL) && (zh = st_value_label(v)))
		return zh;
	return v;
}

long st_record_list(FILE *f, sqlite3 *db, enum st_kind kind, const char *filter_col,
		    const char *filter_value, enum st_query_order order, const char *omit,
		    int open_only)
{
	return st_record_list_page(f, db, kind, filter_col, filter_value, order, omit, open_only,
				   -1, 0);
}

/* what one listing needs between rows */
struct lister {
	const struct st_kind_info *k;
	enum st_kind kind;
	int cols[ST_MAX_COLS + 1], n;   /* listed columns; -1: the enterprise's name */
	int name_at, ent;               /* where the name goes, the column it is of */
	int closed, voided, open_only;
	sqlite3_stmt *names;
	const char *cells[ST_MAX_COLS + 2];
	char failed[64];
};

/* the cells of row v into l->cells; 0 if the row is not listed (open
 * only).  The enterprise's name stays valid until row_done(). */
static int row_cells(struct lister *l, const char *const *v)
{
	/* open: not closed, not voided */
	if (l->open_only && ((l->closed >= 0 && v[l->closed]) || (l->voided >= 0 && v[l->voided])))
		return 0;
	for (int i = 0; i < l->n; i++)
		l->cells[i] = l->cols[i] >= 0 ? st_record_shown(&l->k->cols[l->cols[i]], v[l->cols[i]])
					      : NULL;
	if (l->names && v[l->ent]) {
		sqlite3_bind_text(l->names, 1, v[l->ent], -1, SQLITE_STATIC);
		if (sqlite3_step(l->names) == SQLITE_ROW)
			l->cells[l->name_at] = (const char *)sqlite3_column_text(l->names, 0);
	}
	if (l->kind == ST_INSPECTION)
		l->cells[l->n] = failed_items(v, l->failed, sizeof l->failed);
	return 1;
}

static void row_done(struct lister *l)
{
	if (l->names)
		sqlite3_reset(l->names);
}

/* A page of at most this many rows is kept and printed as one table */
#define PAGE_KEPT 10000

/* The list is streamed in two passes inside one read transaction (both
 * passes see the same rows): the first measures the columns, the second
 * prints.  Nothing is kept but the widths, so two million workers list in
 * the memory of one (they took 694 MiB when every row was kept).  The
 * first pass of a whole list reads in table order, without the sort
 * (widths do not depend on order).  A page of up to PAGE_KEPT rows is read
 * once and kept. */
long st_record_list_page(FILE *f, sqlite3 *db, enum st_kind kind, const char *filter_col,
			 const char *filter_value, enum st_query_order order, const char *omit,
			 int open_only, long long limit, long long offset)
{
	struct lister l = { .k = st_kind_info(kind), .kind = kind, .name_at = -1, .ent = -1,
			    .open_only = open_only };
	const struct st_kind_info *k = l.k;
	const char *head[ST_MAX_COLS + 2];
	const char *const *v;
	struct st_diag diag = ST_DIAG_INIT;
	struct st_query *q = NULL;
	struct st_table *t;
	int r, own_txn = 0, keep = limit >= 0 && limit <= PAGE_KEPT;
	int window = limit >= 0 || offset > 0;
	long long seen = 0;
	long rows = 0, printed = 0;

	l.closed = st_column_find(k, "closed");
	l.voided = st_column_find(k, "voided");
	for (int i = 0; i < k->ncols; i++) {
		if (!st_word_listed(k->listed, k->cols[i].name) || (omit && !strcmp(omit, k->cols[i].name)))
			continue;
		l.cols[l.n] = i;
		head[l.n++] = k->cols[i].label;
		/* the enterprise's name beside its code */
		if (k->cols[i].type == ST_COL_REF && k->cols[i].ref == ST_ENTERPRISE && l.name_at < 0) {
			l.ent = i;
			l.name_at = l.n;
			l.cols[l.n] = -1;
			head[l.n++] = "企业名称";
		}
	}
	if (kind == ST_INSPECTION)
		head[l.n] = "不合格项";
	if (!(t = st_table_new(l.n + (kind == ST_INSPECTION), head))) {
		st_cli_error("内存不足");
		return -1;
	}
	if (sqlite3_get_autocommit(db)) {
		if (sqlite3_exec(db, "BEGIN", NULL, NULL, NULL) != SQLITE_OK)
			goto fail;
		own_txn = 1;
	}
	if (l.name_at >= 0 &&
	    sqlite3_prepare_v2(db, "SELECT name FROM enterprises WHERE id = ?", -1, &l.names, NULL))
		goto fail;
	/* pass 1: the rows of the page (all rows: a page of everything) */
	if (st_query_new(db, kind, filter_col, filter_value, window ? order : ST_ORDER_NONE, &q,
			 &diag))
		goto fail;
	while ((limit < 0 || rows < limit) && (r = st_query_next(q, &v, &diag)) == 1) {
		if (!row_cells(&l, v))
			continue;
		if (seen++ >= offset) {
			if (keep && st_table_add(t, l.cells)) {
				row_done(&l);
				st_diag_add(&diag, "内存不足");
				goto fail;
			}
			st_table_measure(t, l.cells, 40);
			rows++;
		}
		row_done(&l);
	}
	if (diag.count)
		goto fail;
	if (keep) {
		if (rows)
			st_table_print(t, f, 40);
		goto out;
	}
	/* pass 2: the same rows again, in order, printed */
	st_query_free(q);
	if (st_query_new(db, kind, filter_col, filter_value, order, &q, &diag))
		goto fail;
	if (rows)
		st_table_print_head(t, f, 40);
	seen = 0;
	while (printed < rows && (r = st_query_next(q, &v, &diag)) == 1) {
		if (!row_cells(&l, v))
			continue;
		if (seen++ >= offset) {
			st_table_print_row(t, f, l.cells, 40);
			printed++;
		}
		row_done(&l);
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
	sqlite3_finalize(l.names);
	st_query_free(q);
	if (own_txn)
		sqlite3_exec(db, "COMMIT", NULL, NULL, NULL);
	st_table_free(t);
	return rows;
}
