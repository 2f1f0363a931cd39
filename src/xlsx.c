/*
 * xlsx.c — check results and the chase list as .xlsx (see st_xlsx.h).
 *
 * A sheet is opened for a park the first time one of its subjects arrives;
 * rows go down each sheet in order, which is what constant-memory mode asks.
 * Sheet names are the parks' names cut to Excel's 31 characters with the
 * characters Excel forbids replaced, made unique with the park id when two
 * collide.  Clause references are written as the regulation words them
 * (st_report_rule_clause_zh: a national rule names its statute), statuses in Chinese.
 */
#include "st_xlsx.h"

#include <stdlib.h>
#include <string.h>

#include <xlsxwriter.h>

#include "st_report.h"

#define MAX_SHEETS 256

struct sheet {
	char *park;              /* park id */
	lxw_worksheet *ws;
	lxw_row_t row;           /* next row to write */
};

struct st_xlsx {
	lxw_workbook *wb;
	sqlite3 *db;
	const struct st_run_meta *meta;
	lxw_format *head, *text, *wrap, *status[ST_STATUS__COUNT];
	struct sheet sheets[MAX_SHEETS];
	size_t nsheets;
	const char *const *columns;
	const double *widths;
	int ncolumns;
	int failed;
};

/* background and text colour of each status, as in the reports' badges */
static const struct {
	enum st_status status;
	uint32_t bg, fg;
} colours[] = {
	{ ST_PASS, 0xE3F1E0, 0x1D5E20 },       { ST_DUE_SOON, 0xFFF4D6, 0x7A5200 },
	{ ST_NOT_CHECKED, 0xE7E3F4, 0x4A3B8C }, { ST_FAIL, 0xFDE3E1, 0xA4161A },
	{ ST_OVERDUE, 0xB3261E, 0xFFFFFF },    { ST_ERROR, 0x1A1A1A, 0xFFFFFF },
	{ ST_NOT_APPLICABLE, 0xF0F0F0, 0x666666 },
};

static const char *const check_columns[] = {
	"对象类型", "对象编号", "名称", "规则", "规则名称", "条款", "状态", "期限",
	"逾期天数（负数为剩余）", "说明", "整改要求",
};
static const double check_widths[] = { 8, 22, 28, 24, 30, 22, 10, 12, 8, 60, 60 };

static const char *const chase_columns[] = {
	"状态", "逾期天数（负数为剩余）", "期限", "对象类型", "对象编号", "名称", "规则",
	"规则名称", "条款", "说明", "应做",
};
static const double chase_widths[] = { 10, 12, 12, 8, 22, 28, 24, 30, 22, 60, 60 };

static int workbook_error(struct st_diag *diag, lxw_error e)
{
	return st_diag_add(diag, "写出 Excel 文件失败：%s", lxw_strerror(e));
}

static struct st_xlsx *xlsx_new(const char *path, sqlite3 *db, const char *const *columns,
				const double *widths, int ncolumns, struct st_diag *diag)
{
	lxw_workbook_options opt = { .constant_memory = LXW_TRUE, .tmpdir = NULL };
	struct st_xlsx *x = calloc(1, sizeof *x);

	if (!x) {
		st_diag_add(diag, "内存不足");
		return NULL;
	}
	if (!(x->wb = workbook_new_opt(path, &opt))) {
		st_diag_add(diag, "%s: 无法创建 Excel 文件", path);
		free(x);
		return NULL;
	}
	x->db = db;
	x->columns = columns;
	x->widths = widths;
	x->ncolumns = ncolumns;
	x->head = workbook_add_format(x->wb);
	format_set_bold(x->head);
	format_set_bg_color(x->head, 0xE6EDF4);
	format_set_border(x->head, LXW_BORDER_THIN);
	format_set_text_wrap(x->head);
	x->text = workbook_add_format(x->wb);
	format_set_align(x->text, LXW_ALIGN_VERTICAL_TOP);
	x->wrap = workbook_add_format(x->wb);
	format_set_text_wrap(x->wrap);
	format_set_align(x->wrap, LXW_ALIGN_VERTICAL_TOP);
	for (size_t i = 0; i < sizeof colours / sizeof colours[0]; i++) {
		lxw_format *f = workbook_add_format(x->wb);
		format_set_bg_color(f, colours[i].bg);
		format_set_font_color(f, colours[i].fg);
		format_set_align(f, LXW_ALIGN_VERTICAL_TOP);
		x->status[colours[i].status] = f;
	}
	for (int s = 0; s < ST_STATUS__COUNT; s++)
		if (!x->status[s])
			x->status[s] = x->text;   /* a status added later: plain */
	return x;
}

/* the park's name, or its id when it has none */
static char *park_name(sqlite3 *db, const char *park)
{
	sqlite3_stmt *st = NULL;
	char *name = NULL;

	if (db && sqlite3_prepare_v2(db, "SELECT name FROM parks WHERE id = ?1", -1, &st, NULL) ==
			  SQLITE_OK &&
	    sqlite3_bind_text(st, 1, park, -1, SQLITE_TRANSIENT) == SQLITE_OK &&
	    sqlite3_step(st) == SQLITE_ROW && sqlite3_column_text(st, 0))
		name = strdup((const char *)sqlite3_column_text(st, 0));
	sqlite3_finalize(st);
	return name ? name : strdup(park);
}

/* Excel's rules for a sheet name: 1-31 characters, none of []:*?/\ ; cut
 * at a UTF-8 character boundary */
static void sheet_title(const char *name, char *out, size_t size)
{
	size_t n = 0, chars = 0;

	for (const unsigned char *p = (const unsigned char *)name; *p && chars < 31;) {
		size_t len = *p < 0x80 ? 1 : *p >= 0xF0 ? 4 : *p >= 0xE0 ? 3 : *p >= 0xC0 ? 2 : 1;
		if (n + len + 1 > size)
			break;
		if (len == 1 && strchr("[]:*?/\\'", *p))
			out[n++] = '_';
		else
			for (size_t i = 0; i < len && p[i]; i++)
				out[n++] = (char)p[i];
		p += len;
		chars++;
	}
	out[n] = '\0';
	if (!n)
		snprintf(out, size, "园区");
}

static struct sheet *sheet_for(struct st_xlsx *x, const char *park)
{
	char title[128];

	for (size_t i = 0; i < x->nsheets; i++)
		if (!strcmp(x->sheets[i].park, park))
			return &x->sheets[i];
	if (x->nsheets == MAX_SHEETS)
		return NULL;
	struct sheet *s = &x->sheets[x->nsheets];
	char *name = park_name(x->db, park);
	if (!name || !(s->park = strdup(park))) {
		free(name);
		return NULL;
	}
	sheet_title(name, title, sizeof title);
	free(name);
	if (workbook_get_worksheet_by_name(x->wb, title) ||
	    workbook_validate_sheet_name(x->wb, title) != LXW_NO_ERROR) {
		/* taken, or not acceptable: the park id is unique */
		sheet_title(park, title, sizeof title);
	}
	if (!(s->ws = workbook_add_worksheet(x->wb, title))) {
		free(s->park);
		return NULL;
	}
	x->nsheets++;
	for (int c = 0; c < x->ncolumns; c++) {
		worksheet_set_column(s->ws, (lxw_col_t)c, (lxw_col_t)c, x->widths[c], NULL);
		worksheet_write_string(s->ws, 0, (lxw_col_t)c, x->columns[c], x->head);
	}
	worksheet_freeze_panes(s->ws, 1, 0);
	s->row = 1;
	return s;
}

static void put(struct st_xlsx *x, struct sheet *s, int col, const char *v, lxw_format *f)
{
	if (v && *v && worksheet_write_string(s->ws, s->row, (lxw_col_t)col, v, f) != LXW_NO_ERROR)
		x->failed = 1;
}

static void put_num(struct st_xlsx *x, struct sheet *s, int col, double v)
{
	if (worksheet_write_number(s->ws, s->row, (lxw_col_t)col, v, x->text) != LXW_NO_ERROR)
		x->failed = 1;
}

/* six cells from col: 对象类型, 对象编号, 名称, 规则, 规则名称, 条款 */
static void put_subject_rule(struct st_xlsx *x, struct sheet *sh, int col, enum st_scope kind,
			     const char *id, const char *name, const struct st_rule *rule)
{
	char clause[256];

	put(x, sh, col, kind == ST_SCOPE_PARK ? "园区" : "企业", x->text);
	put(x, sh, col + 1, id, x->text);
	put(x, sh, col + 2, name, x->text);
	put(x, sh, col + 3, rule->id, x->text);
	put(x, sh, col + 4, rule->title, x->text);
	put(x, sh, col + 5, st_report_rule_clause_zh(rule, clause, sizeof clause), x->text);
}

int st_xlsx_check_begin(const char *path, sqlite3 *db, const struct st_run_meta *meta,
			struct st_xlsx **out, struct st_diag *diag)
{
	struct st_xlsx *x = xlsx_new(path, db, check_columns, check_widths,
				     (int)(sizeof check_columns / sizeof check_columns[0]), diag);

	if (!x)
		return -1;
	x->meta = meta;
	*out = x;
	return 0;
}

int st_xlsx_check_subject(struct st_xlsx *x, const struct st_subject *s)
{
	struct sheet *sh = sheet_for(x, s->kind == ST_SCOPE_PARK ? s->id : s->park ? s->park : "");
	char day[11];

	if (!sh)
		return x->failed = -1;
	for (size_t i = 0; i < s->nresults; i++, sh->row++) {
		const struct st_result *r = &s->results[i];
		put_subject_rule(x, sh, 0, s->kind, s->id, s->name, r->rule);
		put(x, sh, 6, st_status_name_zh(r->status), x->status[r->status]);
		if (r->due != ST_DAY_NONE) {
			put(x, sh, 7, st_date_format(r->due, day), x->text);
			/* days late (positive) or left (negative) as of the run */
			if (x->meta && (r->status == ST_OVERDUE || r->status == ST_DUE_SOON))
				put_num(x, sh, 8, (double)(x->meta->as_of - r->due));
		}
		put(x, sh, 9, r->detail_zh, x->wrap);
		if (st_status_is_finding(r->status))
			put(x, sh, 10, r->rule->remediation, x->wrap);
	}
	return x->failed ? -1 : 0;
}

static void xlsx_free(struct st_xlsx *x)
{
	for (size_t i = 0; i < x->nsheets; i++)
		free(x->sheets[i].park);
	free(x);
}

void st_xlsx_abandon(struct st_xlsx *x)
{
	if (!x)
		return;
	/* libxlsxwriter has no way to drop a workbook unwritten: write it
	 * (the caller removes the temporary) and free it */
	workbook_close(x->wb);
	xlsx_free(x);
}

int st_xlsx_finish(struct st_xlsx *x, struct st_diag *diag)
{
	lxw_error e;
	int failed = x->failed;

	if (!x->nsheets && !sheet_for(x, ""))
		failed = 1;
	for (size_t i = 0; i < x->nsheets; i++)
		worksheet_autofilter(x->sheets[i].ws, 0, 0, x->sheets[i].row - 1,
				     (lxw_col_t)(x->ncolumns - 1));
	e = workbook_close(x->wb);
	xlsx_free(x);
	if (e != LXW_NO_ERROR)
		return workbook_error(diag, e);
	if (failed)
		return st_diag_add(diag, "写出 Excel 文件失败");
	return 0;
}

int st_xlsx_overdue(const char *path, sqlite3 *db, const struct st_chase *c,
		    struct st_diag *diag)
{
	struct st_xlsx *x = xlsx_new(path, db, chase_columns, chase_widths,
				     (int)(sizeof chase_columns / sizeof chase_columns[0]), diag);
	char day[11];

	if (!x)
		return -1;
	for (size_t i = 0; i < c->n; i++) {
		const struct st_chase_item *it = &c->v[i];
		struct sheet *sh = sheet_for(x, it->kind == ST_SCOPE_PARK ? it->subject : it->park);
		if (!sh) {
			x->failed = 1;
			break;
		}
		long days = (long)(c->as_of - it->due);
		put(x, sh, 0, st_status_name_zh(it->status), x->status[it->status]);
		put_num(x, sh, 1, (double)days);
		put(x, sh, 2, st_date_format(it->due, day), x->text);
		put_subject_rule(x, sh, 3, it->kind, it->subject, it->name, it->rule);
		put(x, sh, 9, it->detail, x->wrap);
		put(x, sh, 10, it->rule->remediation, x->wrap);
		sh->row++;
	}
	return st_xlsx_finish(x, diag);
}
