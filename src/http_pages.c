/*
 * http_pages.c — the route table and the pages that need no record logic:
 * login, logout, health, static files, the dashboard and the enterprise
 * page (HTTP.md §2, §5).  Each page reads the request, asks the library,
 * and hands a document to its template.
 */
#include "st_http_page.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "st_account.h"
#include "st_calendar.h"
#include "st_chase.h"
#include "st_directory.h"
#include "st_dossier.h"
#include "st_report.h"

/* ---- health and static files ---- */

static void page_healthz(struct st_req *r)
{
	r->cacheable = 1;
	st_req_text(r, 200, "ok");
}

static void page_static(struct st_req *r, const char *data, size_t len, const char *type)
{
	char *copy = malloc(len + 1);
	if (copy)
		memcpy(copy, data, len);
	r->cacheable = 1;
	st_req_answer(r, copy ? 200 : 500, type, copy, copy ? len : 0);
}

static void page_css(struct st_req *r)
{
	page_static(r, r->web->css, r->web->css_len, "text/css; charset=utf-8");
}

static void page_js(struct st_req *r)
{
	page_static(r, r->web->js, r->web->js_len, "text/javascript; charset=utf-8");
}

/* ---- login and logout (HTTP.md §2) ---- */

static void login_form(struct st_req *r, int status, const char *user, const char *next,
		       const char *error)
{
	xmlNodePtr root, form;
	xmlDocPtr doc = st_web_page(r, "登录", &root);

	if (doc) {
		form = st_web_text(root, "login", NULL);
		st_web_attr(form, "user", user);
		st_web_attr(form, "next", next && st_http_local_path(next) ? next : NULL);
		if (error)
			st_web_text(form, "error", error);
	}
	st_web_render(r, status, ST_STYLE_LOGIN, doc);
}

static void page_login(struct st_req *r)
{
	login_form(r, 200, NULL, st_form_get(&r->query, "next"), NULL);
}

/* the login's writes on the shared connection, saying they touch no subject */
static sqlite3 *login_write_begin(void *arg)
{
	return st_web_write_begin(arg);
}

static void login_write_end(void *arg)
{
	st_web_write_end(arg, ST_WROTE_NO_SUBJECT, NULL);
}

static void page_login_post(struct st_req *r)
{
	struct st_diag diag = ST_DIAG_INIT;
	const char *user = st_form_get(&r->form, "user");
	const char *pw = st_form_get(&r->form, "password");
	const char *next = st_form_get(&r->form, "next");
	const struct st_login_writer w = { login_write_begin, login_write_end, r };
	sqlite3 *db = st_web_db(r, &diag);
	struct st_session s;
	enum st_login res;
	int rc;

	if (!db) {
		st_diag_release(&diag);
		st_web_error(r, 500, "数据库暂时无法使用，请稍后再试");
		return;
	}
	if (!user || !pw || !*user || strlen(user) > ST_NAME_MAX) {
		login_form(r, 401, user, next, "用户名或密码错误");
		return;
	}
	/* the password is verified holding nothing; its writes (failures,
	 * the session) go through the shared connection */
	res = st_account_login_with(db, &w, user, pw, time(NULL), &diag);
	if (res == ST_LOGIN_THROTTLED) {
		login_form(r, 429, user, next, "该用户登录失败次数过多，请 15 分钟后再试");
	} else if (res == ST_LOGIN_BAD) {
		login_form(r, 401, user, next, "用户名或密码错误");
	} else if (res == ST_LOGIN_OK) {
		db = st_web_write_begin(r);
		rc = st_session_create(db, user, time(NULL), &s, &diag);
		/* a session id the browser had before is never reused: the new
		 * cookie replaces it (session fixation) */
		if (rc == 0 && r->has_session)
			st_session_end(db, r->session.token, &diag);
		st_web_write_end(r, ST_WROTE_NO_SUBJECT, NULL);
		if (rc == 0) {
			snprintf(r->cookie, sizeof r->cookie,
				 "st_session=%s; HttpOnly; SameSite=Lax; Path=/%s", s.token,
				 r->web->tls ? "; Secure" : "");
			st_session_release(&s);
			st_req_redirect(r, next && st_http_local_path(next) ? next : "/");
		} else {
			st_web_error(r, 500, "数据库暂时无法使用，请稍后再试");
		}
	} else {
		st_web_error(r, 500, "数据库暂时无法使用，请稍后再试");
	}
	st_diag_release(&diag);
}

static void page_logout(struct st_req *r)
{
	struct st_diag diag = ST_DIAG_INIT;
	sqlite3 *db = st_web_write_begin(r);
	int rc = st_session_end(db, r->session.token, &diag);

	st_web_write_end(r, ST_WROTE_NO_SUBJECT, NULL);
	if (rc) {
		st_diag_release(&diag);
		st_web_error(r, 500, "数据库暂时无法使用，请稍后再试");
		return;
	}
	snprintf(r->cookie, sizeof r->cookie,
		 "st_session=; HttpOnly; SameSite=Lax; Path=/; Max-Age=0%s",
		 r->web->tls ? "; Secure" : "");
	st_req_redirect(r, "/login");
}

/* ---- what the account sees ---- */

int st_web_keep_subject(void *arg, const struct st_subject *s)
{
	const struct st_account *a = arg;

	if (s->kind == ST_SCOPE_PARK)
		return st_access_sees_park(a, s->id);
	return st_access_sees_enterprise(a, s->id, s->park);
}

void st_web_scope_filter(const struct st_account *a, struct st_check_filter *f)
{
	/* narrow the checker's run to the account's scope where one id says it */
	if (a->role == ST_ROLE_ENTERPRISE)
		f->enterprise = a->enterprise;
	else if (a->role == ST_ROLE_OFFICER && a->nparks == 1 && !f->park)
		f->park = a->parks[0];
}

int st_web_as_of(struct st_req *r, st_day *as_of)
{
	const char *s = st_form_get(&r->query, "as_of");

	if (!s || !*s) {
		*as_of = st_today();
		return 0;
	}
	if (st_date_parse(s, as_of)) {
		st_web_error(r, 422, "评估日 as_of 应为 YYYY-MM-DD 格式的有效日期");
		return -1;
	}
	return 0;
}

/* ---- the dashboard ---- */

#define DASHBOARD_ROWS 100

/* today's results of the account's scope are still being judged in the
 * background (after start-up, midnight, or a change by another program):
 * say so, and look again in a few seconds */
static void warming_page(struct st_req *r)
{
	xmlNodePtr root;
	xmlDocPtr doc = st_web_page(r, "督办看板", &root);

	if (doc)
		st_web_text(root, "warming", "正在核查各企业今日的情况，稍候本页将自动刷新。");
	st_web_render(r, 200, ST_STYLE_DASHBOARD, doc);
}

static void page_dashboard(struct st_req *r)
{
	struct st_check_filter filter = { NULL, NULL, NULL };
	const struct st_account *a = &r->session.account;
	const struct st_chase *l;
	struct st_web_chase *ref;
	xmlNodePtr root, dash;
	xmlDocPtr doc;
	st_day as_of;
	size_t overdue = 0, soon = 0, major = 0, shown = 0;
	char day[11], num[32];

	if (st_web_as_of(r, &as_of))
		return;
	st_web_scope_filter(a, &filter);
	if (!(l = st_web_chase_get(r, as_of, -1, &filter, ST_CHASE_MAJOR, &ref))) {
		if (!r->status)
			warming_page(r);
		return;
	}
	/* the page depends on the list, the account and its session's CSRF
	 * token: rendered once per session while the list stands */
	{
		size_t len;
		char *html = st_web_chase_page(ref, r->session.token, &len);
		if (html) {
			st_web_chase_put(ref);
			st_req_answer(r, 200, "text/html; charset=utf-8", html, len);
			return;
		}
	}
	doc = st_web_page(r, "督办看板", &root);
	if (doc) {
		dash = st_web_text(root, "dashboard", NULL);
		st_web_attr(dash, "as-of", st_date_format(as_of, day));
		for (size_t i = 0; i < l->n; i++) {
			const struct st_chase_item *it = &l->v[i];
			xmlNodePtr x;
			char href[300];
			long days = (long)(as_of - it->due);
			if (!st_web_keep_row(a, it))
				continue;
			/* overdue: every row past its date, major hazards too */
			if (it->hazard)
				major++;
			if (it->status == ST_OVERDUE)
				overdue++;
			else if (!it->hazard)
				soon++;
			if (shown++ >= DASHBOARD_ROWS)
				continue;
			x = st_web_text(dash, "item", NULL);
			st_web_attr(x, "status", st_status_name(it->status));
			st_web_attr(x, "status-zh", st_status_name_zh(it->status));
			st_web_attr(x, "kind", st_scope_name(it->kind));
			st_web_attr(x, "subject", it->subject);
			st_web_attr(x, "name", it->name);
			if (it->due != ST_DAY_NONE) {
				st_web_attr(x, "due", st_date_format(it->due, day));
				snprintf(num, sizeof num, "%ld", days < 0 ? -days : days);
				st_web_attr(x, "days", num);
			}
			if (it->hazard) {
				/* an open major hazard: its page is where it is acted on */
				st_web_attr(x, "hazard", it->hazard);
				if (it->found != ST_DAY_NONE)
					st_web_attr(x, "found", st_date_format(it->found, day));
				snprintf(href, sizeof href, "/hazards/%s", it->hazard);
				st_web_attr(x, "href", href);
				st_web_text(x, "detail", it->detail);
				continue;
			}
			st_web_attr(x, "rule", it->rule->id);
			st_web_attr(x, "title", it->rule->title);
			if (it->kind == ST_SCOPE_PARK)
				snprintf(href, sizeof href, "/reports/park?park=%s", it->subject);
			else
				snprintf(href, sizeof href, "/enterprises/%s", it->subject);
			st_web_attr(x, "href", href);
			st_web_text(x, "detail", it->detail);
			st_web_text(x, "todo", it->rule->remediation);
		}
		snprintf(num, sizeof num, "%zu", overdue);
		st_web_attr(dash, "overdue", num);
		snprintf(num, sizeof num, "%zu", soon);
		st_web_attr(dash, "due-soon", num);
		snprintf(num, sizeof num, "%zu", major);
		st_web_attr(dash, "major", num);
		snprintf(num, sizeof num, "%zu", shown > DASHBOARD_ROWS ? shown - DASHBOARD_ROWS : 0);
		st_web_attr(dash, "omitted", num);
	}
	st_web_render(r, 200, ST_STYLE_DASHBOARD, doc);
	if (r->status == 200 && r->out)
		st_web_chase_keep_page(ref, r->session.token, r->out, r->out_len);
	st_web_chase_put(ref);
}

/* ---- one enterprise (一企一档) ---- */

/* <NAME><row COLUMN=value …/>…</NAME>: the enterprise's records of kind,
 * newest first (an enterprise has tens of them a year) */
static void add_records(sqlite3 *db, xmlNodePtr parent, enum st_kind kind, const char *id,
			const char *name, struct st_diag *diag)
{
	const struct st_kind_info *k = st_kind_info(kind);
	struct st_query *q = NULL;
	const char *const *v;
	xmlNodePtr list = st_web_text(parent, name, NULL);
	xmlNodePtr first = NULL;

	if (st_query_new(db, kind, "enterprise", id, ST_ORDER_DATE, &q, diag))
		return;
	while (st_query_next(q, &v, diag) == 1) {
		xmlNodePtr row = xmlNewNode(NULL, BAD_CAST "row");
		for (int i = 0; i < k->ncols; i++)
			if (strncmp(k->cols[i].name, "item", 4))
				st_web_attr(row, k->cols[i].name, v[i]);
		/* newest first: each row goes before the earlier ones */
		if (first)
			xmlAddPrevSibling(first, row);
		else
			xmlAddChild(list, row);
		first = row;
	}
	st_query_free(q);
}

static void page_enterprise(struct st_req *r)
{
	struct st_diag diag = ST_DIAG_INIT;
	const char *id = r->path + strlen("/enterprises/");
	sqlite3 *db = st_web_db(r, &diag);
	struct st_report_input in;
	xmlDocPtr rep = NULL, doc;
	xmlNodePtr root;
	char park[64];
	int rc;

	if (!db) {
		st_diag_release(&diag);
		st_web_error(r, 500, "数据库暂时无法使用，请稍后再试");
		return;
	}
	rc = st_directory_enterprise_park(db, id, park, sizeof park, &diag);
	if (rc < 0) {
		st_diag_release(&diag);
		st_web_error(r, 500, "数据库暂时无法使用，请稍后再试");
		return;
	}
	/* an enterprise the account may not see does not exist for it */
	if (rc == 1 || st_access_decide(&r->session.account, ST_ACT_VIEW, id, park)) {
		st_web_error(r, 404, "没有这家企业");
		return;
	}
	memset(&in, 0, sizeof in);
	in.db = db;
	in.pack = r->web->pack;
	in.park = park;
	if (st_web_as_of(r, &in.as_of))
		return;
	if (st_report_enterprise_doc(&in, id, &rep, &diag)) {
		st_web_error(r, 500, diag.count ? diag.line[0] : "核查失败");
		st_diag_release(&diag);
		return;
	}
	doc = st_web_page(r, "企业档案", &root);
	if (doc) {
		xmlAddChild(root, xmlDocCopyNode(xmlDocGetRootElement(rep), doc, 1));
		if (st_access_decide(&r->session.account, ST_ACT_RECORD, id, park) == 0)
			st_web_attr(root, "may-record", "yes");
		add_records(db, root, ST_HAZARD, id, "hazards", &diag);
		add_records(db, root, ST_INSPECTION, id, "inspections", &diag);
	}
	xmlFreeDoc(rep);
	st_diag_release(&diag);
	st_web_render(r, 200, ST_STYLE_ENTERPRISE, doc);
}

/* ---- the account's page and its calendar feed ---- */

static void account_page(struct st_req *r, const char *new_token)
{
	xmlNodePtr root, acc;
	xmlDocPtr doc = st_web_page(r, "我的账户", &root);

	if (doc) {
		acc = st_web_text(root, "account-page", NULL);
		if (new_token) {
			char url[300];
			/* the feed's address as the browser reached this server */
			const char *host = MHD_lookup_connection_value(r->conn, MHD_HEADER_KIND, "Host");
			snprintf(url, sizeof url, "%s://%s/calendar.ics?token=%s",
				 r->web->tls ? "https" : "http", host ? host : "127.0.0.1", new_token);
			st_web_attr(acc, "calendar-url", url);
		}
	}
	st_web_render(r, 200, ST_STYLE_ACCOUNT, doc);
}

static void page_account(struct st_req *r)
{
	account_page(r, NULL);
}

static void page_account_calendar(struct st_req *r)
{
	struct st_diag diag = ST_DIAG_INIT;
	char token[ST_TOKEN_HEX + 1];
	sqlite3 *db = st_web_write_begin(r);
	int rc = st_account_calendar_token(db, r->session.account.name, token, &diag);

	st_web_write_end(r, ST_WROTE_NO_SUBJECT, NULL);
	if (rc) {
		st_diag_release(&diag);
		st_web_error(r, 500, "数据库暂时无法使用，请稍后再试");
		return;
	}
	account_page(r, token);
}

/* /calendar.ics?token=…: no session (a calendar application fetches it);
 * the token names the account, and a wrong one is 404 */
static void page_calendar(struct st_req *r)
{
	struct st_diag diag = ST_DIAG_INIT;
	struct st_check_filter filter = { NULL, NULL, NULL };
	struct st_account a;
	struct st_chase l;
	sqlite3 *db = st_web_db(r, &diag);
	char *ics = NULL;
	int rc;

	if (!db) {
		st_diag_release(&diag);
		st_web_error(r, 500, "数据库暂时无法使用，请稍后再试");
		return;
	}
	rc = st_account_by_calendar(db, st_form_get(&r->query, "token"), &a, &diag);
	if (rc) {
		st_diag_release(&diag);
		st_web_error(r, rc > 0 ? 404 : 500, rc > 0 ? "没有这个日历" : "数据库暂时无法使用，请稍后再试");
		return;
	}
	st_web_scope_filter(&a, &filter);
	/* what is overdue now and every deadline of the coming year */
	st_chase_begin(&l, st_today(), 366, st_web_keep_subject, &a);
	rc = st_chase_finish(&l, st_web_check(r, st_today(), &filter, st_chase_collect, &l, &diag),
			     &diag);
	if (rc == 0) {
		rc = st_calendar_ics(&l, &ics, &diag);
		st_chase_release(&l);
	}
	st_account_release(&a);
	st_diag_release(&diag);
	if (rc) {
		st_web_error(r, 500, "日历生成失败");
		return;
	}
	snprintf(r->disposition, sizeof r->disposition, "inline; filename=safetrack.ics");
	st_req_answer(r, 200, "text/calendar; charset=utf-8", ics, strlen(ics));
}

/* ---- the route table ---- */

const struct st_route st_web_routes[] = {
	{ "GET", "/healthz", 0, 0, 0, page_healthz },
	{ "GET", "/static/web.css", 0, 0, 0, page_css },
	{ "GET", "/static/web.js", 0, 0, 0, page_js },
	{ "GET", "/login", 0, 0, 0, page_login },
	{ "POST", "/login", 0, 0, 0, page_login_post },
	{ "POST", "/logout", 0, 1, 0, page_logout },
	{ "GET", "/", 0, 1, 0, page_dashboard },
	{ "GET", "/enterprises/", 1, 1, 0, page_enterprise },
	{ "GET", "/reports/park", 0, 1, 0, st_page_report_park },
	{ "GET", "/reports/enterprise/", 1, 1, 0, st_page_report_enterprise },
	{ "GET", "/reports/quarter/", 1, 1, 0, st_page_report_quarter },
	{ "GET", "/inspections/new", 0, 1, 0, st_page_inspection_new },
	{ "POST", "/inspections", 0, 1, 0, st_page_inspection_post },
	{ "GET", "/inspections/", 1, 1, 0, st_page_inspection_show },
	{ "GET", "/hazards/new", 0, 1, 0, st_page_hazard_new },
	{ "POST", "/hazards", 0, 1, 0, st_page_hazard_post },
	{ "GET", "/hazards/", 1, 1, 0, st_page_hazard_show },
	{ "POST", "/hazards/", 1, 1, 0, st_page_hazard_edit },
	{ "POST", "/hazards/*/close", 0, 1, 0, st_page_hazard_close },
	{ "POST", "/hazards/*/void", 0, 1, 0, st_page_hazard_void },
	{ "POST", "/hazards/*/reopen", 0, 1, 0, st_page_hazard_reopen },
	{ "POST", "/hazards/*/evidence", 0, 1, 1, st_page_hazard_evidence },
	{ "GET", "/evidence/", 1, 1, 0, st_page_evidence_get },
	{ "GET", "/records/", 1, 1, 0, st_page_record_new },
	{ "POST", "/records/", 1, 1, 0, st_page_record_post },
	{ "GET", "/records/", 2, 1, 0, st_page_record_show },
	{ "POST", "/api/v1/records/", 1, 1, 0, st_api_record_post },
	{ "GET", "/export/check.xlsx", 0, 1, 0, st_page_export_xlsx },
	{ "GET", "/account", 0, 1, 0, page_account },
	{ "POST", "/account/calendar", 0, 1, 0, page_account_calendar },
	{ "GET", "/calendar.ics", 0, 0, 0, page_calendar },
	{ "GET", "/api/v1/session", 0, 1, 0, st_api_session },
	{ "GET", "/api/v1/enterprises", 0, 1, 0, st_api_enterprises },
	{ "GET", "/api/v1/check", 0, 1, 0, st_api_check },
	{ "GET", "/api/v1/overdue", 0, 1, 0, st_api_overdue },
	{ NULL, NULL, 0, 0, 0, NULL },
};
