/*
 * xlsx_check.c — the check table as a workbook (see st_xlsx_check.h).
 * Columns: 类别, 编号, 名称, 园区, 规则, 规则名称, 状态, 截止日期, 说明; a first
 * sheet row with the evaluation date and the rule pack.
 */
#include "st_xlsx_check.h"

#include <stdio.h>
#include <stdlib.h>

#include <xlsxwriter.h>

struct st_xlsx_check {
	lxw_workbook *wb;
	lxw_worksheet *ws;
	lxw_format *head, *bad;
	lxw_row_t row;
	int failed;
};

static const char *const heads[] = { "类别", "编号", "名称", "园区", "规则", "规则名称", "状态",
				     "截止日期", "说明" };
static const double widths[] = { 8, 22, 30, 10, 26, 36, 10, 12, 70 };

int st_xlsx_check_new(const char *path, const struct st_run_meta *meta,
		      struct st_xlsx_check **out, struct st_diag *diag)
{
	struct st_xlsx_check *x = calloc(1, sizeof *x);
	char day[11], title[300];

	if (!x)
		return st_diag_add(diag, "内存不足");
	x->wb = workbook_new(path);
	x->ws = x->wb ? workbook_add_worksheet(x->wb, "核查结果") : NULL;
	if (!x->ws) {
		if (x->wb)
			workbook_close(x->wb);
		free(x);
		return st_diag_add(diag, "无法生成 Excel 文件");
	}
	x->head = workbook_add_format(x->wb);
	format_set_bold(x->head);
	format_set_bg_color(x->head, 0xDDE5EE);
	x->bad = workbook_add_format(x->wb);
	format_set_font_color(x->bad, 0xA31515);
	format_set_bold(x->bad);
	snprintf(title, sizeof title, "安全生产合规核查  评估日 %s  规则包 %s %s", st_date_format(meta->as_of, day),
		 meta->pack && meta->pack->title ? meta->pack->title : "",
		 meta->pack && meta->pack->version ? meta->pack->version : "");
	worksheet_write_string(x->ws, 0, 0, title, x->head);
	for (int c = 0; c < 9; c++) {
		worksheet_write_string(x->ws, 1, (lxw_col_t)c, heads[c], x->head);
		worksheet_set_column(x->ws, (lxw_col_t)c, (lxw_col_t)c, widths[c], NULL);
	}
	worksheet_freeze_panes(x->ws, 2, 0);
	x->row = 2;
	*out = x;
	return 0;
}

int st_xlsx_check_subject(struct st_xlsx_check *x, const struct st_subject *s)
{
	char day[11];

	for (size_t i = 0; i < s->nresults; i++) {
		const struct st_result *r = &s->results[i];
		lxw_format *f = st_status_is_finding(r->status) ? x->bad : NULL;
		lxw_error e = worksheet_write_string(x->ws, x->row, 0, s->kind == ST_SCOPE_PARK ? "园区" : "企业", NULL);
		e |= worksheet_write_string(x->ws, x->row, 1, s->id, NULL);
		e |= worksheet_write_string(x->ws, x->row, 2, s->name ? s->name : "", NULL);
		e |= worksheet_write_string(x->ws, x->row, 3, s->park ? s->park : s->id, NULL);
		e |= worksheet_write_string(x->ws, x->row, 4, r->rule->id, NULL);
		e |= worksheet_write_string(x->ws, x->row, 5, r->rule->title ? r->rule->title : "", NULL);
		e |= worksheet_write_string(x->ws, x->row, 6, st_status_name_zh(r->status), f);
		if (r->due != ST_DAY_NONE)
			e |= worksheet_write_string(x->ws, x->row, 7, st_date_format(r->due, day), NULL);
		e |= worksheet_write_string(x->ws, x->row, 8, r->detail_zh ? r->detail_zh : "", NULL);
		if (e != LXW_NO_ERROR) {
			x->failed = 1;
			return -1;
		}
		x->row++;
	}
	return 0;
}

int st_xlsx_check_finish(struct st_xlsx_check *x, struct st_diag *diag)
{
	lxw_error e;
	int failed;

	if (!x)
		return -1;
	if (x->row > 2)
		worksheet_autofilter(x->ws, 1, 0, x->row - 1, 8);
	failed = x->failed;
	e = workbook_close(x->wb);
	free(x);
	if (failed || e != LXW_NO_ERROR)
		return st_diag_add(diag, "无法写出 Excel 文件: %s", lxw_strerror(e));
	return 0;
}
