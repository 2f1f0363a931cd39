/*
 * http_api.c — the JSON API of HTTP.md §4: the session, the check document
 * (the same writer as `check --format json`), the chase list and the
 * enterprises, each limited to what the account sees.
 */
#include "st_http_page.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include <jansson.h>

#include "st_account.h"
#include "st_chase.h"
#include "st_directory.h"
#include "st_output.h"
#include "st_xlsx.h"

static void answer_json(struct st_req *r, int status, json_t *v)
{
	char *s = v ? json_dumps(v, JSON_COMPACT) : NULL;

	json_decref(v);
	if (!s) {
		st_web_error(r, 500, "内存不足");
		return;
	}
	st_req_answer(r, status, "application/json", s, strlen(s));
}

void st_api_session(struct st_req *r)
{
	const struct st_account *a = &r->session.account;

	answer_json(r, 200, json_pack("{s:s, s:s, s:s}", "user", a->name, "role",
				      st_role_name(a->role), "csrf", r->session.csrf));
}

static sqlite3 *need_db(struct st_req *r)
{
	struct st_diag diag = ST_DIAG_INIT;
	sqlite3 *db = st_web_db(r, &diag);

	st_diag_release(&diag);
	if (!db)
		st_web_error(r, 500, "数据库暂时无法使用，请稍后再试");
	return db;
}

void st_api_enterprises(struct st_req *r)
{
	struct st_diag diag = ST_DIAG_INIT;
	const struct st_account *a = &r->session.account;
	struct st_dir_entry *v;
	sqlite3 *db = need_db(r);
	json_t *arr;
	size_t n;

	if (!db)
		return;
	if (st_directory_list(db, 0, &v, &n, &diag)) {
		st_diag_release(&diag);
		st_web_error(r, 500, "数据库暂时无法使用，请稍后再试");
		return;
	}
	arr = json_array();
	for (size_t i = 0; arr && i < n; i++)
		if (st_access_sees_enterprise(a, v[i].id, v[i].park))
			json_array_append_new(arr, json_pack("{s:s, s:s, s:s, s:s}", "id", v[i].id,
							     "name", v[i].name, "park", v[i].park,
							     "status", v[i].status ? v[i].status : ""));
	st_directory_free(v, n);
	answer_json(r, 200, arr);
}

/* the park= and enterprise= of a query, checked against the account's
 * scope: 0, or -1 after answering (404 for what it may not see) */
static int scope_params(struct st_req *r, sqlite3 *db, struct st_check_filter *f)
{
	struct st_diag diag = ST_DIAG_INIT;
	const struct st_account *a = &r->session.account;
	char park[64];

	f->park = st_form_get(&r->query, "park");
	f->enterprise = st_form_get(&r->query, "enterprise");
	f->rule = st_form_get(&r->query, "rule");
	if (f->park && !*f->park)
		f->park = NULL;
	if (f->enterprise && !*f->enterprise)
		f->enterprise = NULL;
	if (f->rule && !*f->rule)
		f->rule = NULL;
	if (f->park && f->enterprise) {
		st_web_error(r, 422, "park 与 enterprise 只能选一个");
		return -1;
	}
	if (f->enterprise) {
		int rc = st_directory_enterprise_park(db, f->enterprise, park, sizeof park, &diag);
		st_diag_release(&diag);
		if (rc < 0) {
			st_web_error(r, 500, "数据库暂时无法使用，请稍后再试");
			return -1;
		}
		if (rc == 1 || !st_access_sees_enterprise(a, f->enterprise, park)) {
			st_web_error(r, 404, "没有这家企业");
			return -1;
		}
	} else if (f->park && a->role == ST_ROLE_ENTERPRISE) {
		st_web_error(r, 404, "没有这个园区");
		return -1;
	} else if (f->park && !st_access_sees_park(a, f->park)) {
		st_web_error(r, 404, "没有这个园区");
		return -1;
	}
	if (!f->enterprise)
		st_web_scope_filter(a, f);
	return 0;
}

struct check_sink {
	struct st_writer *w;
	const struct st_account *a;
};

static int write_subject(void *arg, const struct st_subject *s)
{
	struct check_sink *k = arg;

	if (!st_web_keep_subject((void *)k->a, s))
		return 0;
	return st_writer_subject(k->w, s) == 0 ? 0 : 2;
}

void st_api_check(struct st_req *r)
{
	struct st_diag diag = ST_DIAG_INIT;
	struct st_check_filter filter = { NULL, NULL, NULL };
	struct check_sink k = { NULL, &r->session.account };
	struct st_run_meta meta;
	sqlite3 *db = need_db(r);
	char *buf = NULL;
	size_t len = 0;
	st_day as_of;
	FILE *f;
	int rc = -1;

	if (!db || st_web_as_of(r, &as_of) || scope_params(r, db, &filter))
		return;
	if (filter.rule && !st_pack_find(r->web->pack, filter.rule)) {
		st_web_error(r, 404, "没有这条规则");
		return;
	}
	st_run_meta_init(&meta, r->web->pack, as_of);
	f = open_memstream(&buf, &len);
	if (f && st_writer_new(f, ST_FORMAT_JSON, &meta, 0, &k.w) == 0) {
		rc = st_web_check(r, as_of, &filter, write_subject, &k, &diag);
		if (rc == 0)
			rc = st_writer_finish(k.w);
		st_writer_free(k.w);
	}
	if (f && fclose(f))
		rc = -1;
	if (rc) {
		free(buf);
		st_web_error(r, 500, diag.count ? diag.line[0] : "核查失败");
		st_diag_release(&diag);
		return;
	}
	st_diag_release(&diag);
	st_req_answer(r, 200, "application/json", buf, len);
}

void st_api_overdue(struct st_req *r)
{
	struct st_check_filter filter = { NULL, NULL, NULL };
	const struct st_account *a = &r->session.account;
	const char *w = st_form_get(&r->query, "within");
	sqlite3 *db = need_db(r);
	const struct st_chase *l;
	struct st_web_chase *ref;
	long within = -1;
	st_day as_of;
	json_t *arr;
	char day[11];

	if (!db || st_web_as_of(r, &as_of))
		return;
	if (w && *w) {
		char *end;
		within = strtol(w, &end, 10);
		if (*w < '0' || *w > '9' || *end || within > 3660) {
			st_web_error(r, 422, "within 应为 0 到 3660 之间的天数");
			return;
		}
	}
	if (st_form_get(&r->query, "enterprise") || st_form_get(&r->query, "rule")) {
		st_web_error(r, 422, "督办清单只按 park 筛选");
		return;
	}
	if (scope_params(r, db, &filter))
		return;
	if (!(l = st_web_chase_get(r, as_of, within, &filter, ST_CHASE_WAIT, &ref)))
		return;
	arr = json_array();
	for (size_t i = 0; arr && i < l->n; i++) {
		const struct st_chase_item *it = &l->v[i];
		if (!st_web_keep_row(a, it))
			continue;
		json_array_append_new(arr, json_pack("{s:s, s:s, s:s, s:s, s:s, s:s, s:s}",
						     "kind", st_scope_name(it->kind),
						     "subject", it->subject, "name", it->name,
						     "rule", it->rule->id,
						     "status", st_status_name(it->status),
						     "due", st_date_format(it->due, day),
						     "detail", it->detail));
	}
	st_web_chase_put(ref);
	answer_json(r, 200, arr);
}

/* ---- /export/check.xlsx (HTTP.md §5) ---- */

struct xlsx_sink {
	struct st_xlsx *x;
	const struct st_account *a;
};

static int xlsx_subject(void *arg, const struct st_subject *s)
{
	struct xlsx_sink *k = arg;

	if (!st_web_keep_subject((void *)k->a, s))
		return 0;
	return st_xlsx_check_subject(k->x, s) == 0 ? 0 : 2;
}

void st_page_export_xlsx(struct st_req *r)
{
	struct st_diag diag = ST_DIAG_INIT;
	struct st_check_filter filter = { NULL, NULL, NULL };
	struct xlsx_sink k = { NULL, &r->session.account };
	struct st_run_meta meta;
	sqlite3 *db = need_db(r);
	const char *tmpdir = getenv("TMPDIR");
	char path[4200], day[11], *buf = NULL;
	size_t len = 0;
	st_day as_of;
	FILE *f;
	int fd, rc = -1;

	if (!db || st_web_as_of(r, &as_of))
		return;
	if (st_form_get(&r->query, "enterprise") || st_form_get(&r->query, "rule")) {
		st_web_error(r, 422, "导出只按 park 筛选");
		return;
	}
	if (scope_params(r, db, &filter))
		return;
	/* libxlsxwriter writes a file: a private temporary one, read back */
	snprintf(path, sizeof path, "%s/safetrack-xlsx-XXXXXX", tmpdir && *tmpdir ? tmpdir : "/tmp");
	if ((fd = mkstemp(path)) < 0) {
		st_web_error(r, 500, "无法生成 Excel 文件");
		return;
	}
	close(fd);
	st_run_meta_init(&meta, r->web->pack, as_of);
	if (st_xlsx_check_begin(path, db, &meta, &k.x, &diag) == 0) {
		rc = st_web_check(r, as_of, &filter, xlsx_subject, &k, &diag);
		if (rc)
			st_xlsx_abandon(k.x);
		else if (st_xlsx_finish(k.x, &diag))
			rc = -1;
	}
	if (rc == 0 && (f = fopen(path, "rb"))) {
		struct stat sb;
		if (fstat(fileno(f), &sb) == 0 && (buf = malloc((size_t)sb.st_size + 1)) &&
		    fread(buf, 1, (size_t)sb.st_size, f) == (size_t)sb.st_size)
			len = (size_t)sb.st_size;
		else
			rc = -1;
		fclose(f);
	} else {
		rc = -1;
	}
	unlink(path);
	st_diag_release(&diag);
	if (rc) {
		free(buf);
		st_web_error(r, 500, "无法生成 Excel 文件");
		return;
	}
	snprintf(r->disposition, sizeof r->disposition, "attachment; filename=check-%s.xlsx",
		 st_date_format(as_of, day));
	st_req_answer(r, 200, "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
		      buf, len);
}
