/*
 * http_report.c — the reports of `safetrack report` at the paths of HTTP.md
 * §5, rendered by report.c with the same templates, for what the account
 * sees: the park report for a park it sees, the enterprise report for an
 * enterprise it sees, the quarterly report for a park it sees.
 */
#include "st_http_page.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "st_account.h"
#include "st_directory.h"
#include "st_report.h"

static void render(struct st_req *r, struct st_report_input *in, enum st_report_kind kind,
		   const char *arg)
{
	struct st_diag diag = ST_DIAG_INIT;
	char *buf = NULL;
	size_t len = 0;
	FILE *f = open_memstream(&buf, &len);
	int rc = -1;

	if (f) {
		rc = st_report_render(in, kind, arg, NULL, f, &diag);
		if (fclose(f))
			rc = -1;
	}
	if (rc) {
		free(buf);
		st_web_error(r, 500, diag.count ? diag.line[0] : "报告生成失败");
		st_diag_release(&diag);
		return;
	}
	st_diag_release(&diag);
	r->inline_style = 1;   /* the reports carry their print CSS inline */
	st_req_answer(r, 200, "text/html; charset=utf-8", buf, len);
}

/* the store, as_of and the park= of the query (or the only park), checked
 * against the account; 0 or -1 after answering */
static int report_input(struct st_req *r, struct st_report_input *in, int need_park)
{
	struct st_diag diag = ST_DIAG_INIT;
	const char *park = st_form_get(&r->query, "park");

	memset(in, 0, sizeof *in);
	in->pack = r->web->pack;
	if (!(in->db = st_web_db(r, &diag))) {
		st_diag_release(&diag);
		st_web_error(r, 500, "数据库暂时无法使用，请稍后再试");
		return -1;
	}
	if (st_web_as_of(r, &in->as_of))
		return -1;
	in->park = park && *park ? park : NULL;
	if (!need_park)
		return 0;
	if (!in->park) {
		/* no park given: the only one, if the account sees it (report.c
		 * says which when there are several) */
		struct st_dir_entry *v;
		size_t n;
		if (st_directory_list(in->db, 1, &v, &n, &diag)) {
			st_diag_release(&diag);
			st_web_error(r, 500, "数据库暂时无法使用，请稍后再试");
			return -1;
		}
		if (n == 1 && st_access_sees_park(&r->session.account, v[0].id)) {
			st_directory_free(v, n);
			return 0;
		}
		st_directory_free(v, n);
		st_web_error(r, n == 1 ? 404 : 422, n == 1 ? "没有这个园区" : "请用 park= 指定园区");
		return -1;
	}
	if (!st_access_sees_park(&r->session.account, in->park)) {
		st_web_error(r, 404, "没有这个园区");
		return -1;
	}
	return 0;
}

void st_page_report_park(struct st_req *r)
{
	struct st_report_input in;

	if (report_input(r, &in, 1) == 0)
		render(r, &in, ST_REPORT_PARK, NULL);
}

void st_page_report_quarter(struct st_req *r)
{
	struct st_report_input in;
	const char *q = r->path + strlen("/reports/quarter/");
	int y, n;

	if (st_report_parse_quarter(q, &y, &n)) {
		st_web_error(r, 404, "没有这个季度（应为 YYYY-Qn）");
		return;
	}
	if (report_input(r, &in, 1) == 0)
		render(r, &in, ST_REPORT_QUARTER, q);
}

void st_page_report_enterprise(struct st_req *r)
{
	struct st_diag diag = ST_DIAG_INIT;
	struct st_report_input in;
	const char *id = r->path + strlen("/reports/enterprise/");
	char park[64];
	int rc;

	if (report_input(r, &in, 0))
		return;
	rc = st_directory_enterprise_park(in.db, id, park, sizeof park, &diag);
	st_diag_release(&diag);
	if (rc < 0) {
		st_web_error(r, 500, "数据库暂时无法使用，请稍后再试");
		return;
	}
	if (rc == 1 || !st_access_sees_enterprise(&r->session.account, id, park)) {
		st_web_error(r, 404, "没有这家企业");
		return;
	}
	in.park = park;
	render(r, &in, ST_REPORT_ENTERPRISE, id);
}
