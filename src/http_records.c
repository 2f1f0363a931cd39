/*
 * http_records.c — recording through the web (HTTP.md §3): the inspection
 * form, registering a hazard, a hazard's page (四落实 edit, close, void,
 * evidence photos), and a form for every record kind (/records/KIND).
 *
 * Field names are the dossier's column names.  Every change goes through
 * the recording layer (st_record.h: the same checks and words as an import
 * and the command line, one transaction, guard rails), recorded in the
 * history with the account as who, the reason where one is asked, and the
 * command "web".  A refused form answers 422 with every typed value kept
 * and each message beside its field; nothing is stored.
 */
#include "st_http_page.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include <jansson.h>

#include "st_account.h"
#include "st_directory.h"
#include "st_dossier.h"
#include "st_evidence.h"
#include "st_record.h"
#include "st_rules.h"
#include "st_store.h"
#include "st_values.h"

/* what saving a record said, column by column */
struct outcome {
	char *error[ST_MAX_COLS];   /* the message beside each field, or NULL */
	char *general;              /* a message about the record as a whole */
	char *error_en[ST_MAX_COLS], *general_en;   /* the same in English (the JSON API) */
	char *id;                   /* the stored record's id */
};

static void outcome_release(struct outcome *o)
{
	for (int i = 0; i < ST_MAX_COLS; i++) {
		free(o->error[i]);
		free(o->error_en[i]);
	}
	free(o->general);
	free(o->general_en);
	free(o->id);
	memset(o, 0, sizeof *o);
}

static void append(char **dst, const char *text)
{
	size_t a = *dst ? strlen(*dst) : 0, b = strlen(text);
	char *s = realloc(*dst, a + b + 2);

	if (!s)
		return;
	if (a)
		s[a++] = '\n';
	memcpy(s + a, text, b + 1);
	*dst = s;
}

/* the change's who, why and command */
static struct st_change change_of(struct st_req *r, const char *why)
{
	struct st_change ch = { r->session.account.name, why, "web", 0, NULL, r->web->pack, NULL };
	return ch;
}

/* What the recording layer said, put beside the form's fields: 0 stored
 * (o->id set), 422 refused, 404 no such record, 500 the store failed. */
static int outcome_of(const struct st_kind_info *k, struct st_record_result *res,
		      struct outcome *o)
{
	memset(o, 0, sizeof *o);
	if (res->status == ST_RECORD_OK) {
		const char *id = st_record_value(res, "id");
		o->id = strdup(id ? id : "");
		return o->id ? 0 : 500;
	}
	for (size_t i = 0; i < res->nerrors; i++) {
		int col = res->errors[i].column ? st_column_find(k, res->errors[i].column) : -1;
		append(col >= 0 ? &o->error[col] : &o->general, res->errors[i].message);
		if (res->errors[i].message_en)
			append(col >= 0 ? &o->error_en[col] : &o->general_en,
			       res->errors[i].message_en);
	}
	return res->status == ST_RECORD_INVALID ? 422 : res->status == ST_RECORD_NOT_FOUND ? 404
										    : 500;
}

/* the fields of values[] that are set (an edit: only those sent) */
static size_t fields_of(const struct st_kind_info *k, const char **values, struct st_field *f)
{
	size_t n = 0;

	for (int i = 0; i < k->ncols; i++)
		if (values[i]) {
			f[n].column = k->cols[i].name;
			f[n].value = values[i];
			n++;
		}
	return n;
}

static void owner_of(const struct st_kind_info *k, const char **values, const char **enterprise,
		     const char **park);

/* Give the shared connection back after a write to a record of kind k
 * with values (column order): its results are judged again, the
 * enterprise's or, for a park's own record (a drill shows in each
 * participant's facts), the park's and all its enterprises'. */
static void wrote(struct st_req *r, const struct st_kind_info *k, const char **values)
{
	const char *ent, *park;

	owner_of(k, values, &ent, &park);
	if (park && *park)
		st_web_write_end(r, ST_WROTE_PARK, park);
	else if (ent && *ent)
		st_web_write_end(r, ST_WROTE_ENTERPRISE, ent);
	else
		st_web_write_end(r, ST_WROTE_UNKNOWN, NULL);
}

/* Create a record of kind from values (column order; an empty id is
 * generated where the kind allows). */
static int save(struct st_req *r, enum st_kind kind, const char **values, struct outcome *o)
{
	struct st_diag diag = ST_DIAG_INIT;
	struct st_record_result res = ST_RECORD_RESULT_INIT;
	const struct st_kind_info *k = st_kind_info(kind);
	struct st_change ch = change_of(r, NULL);
	struct st_field f[ST_MAX_COLS];
	sqlite3 *db;
	size_t n;
	int rc;

	if (values[ST_COL_id] && !*values[ST_COL_id])
		values[ST_COL_id] = NULL;
	n = fields_of(k, values, f);
	db = st_web_write_begin(r);
	ch.recorder = st_web_write_recorder(r);
	st_record_create(db, kind, f, n, &ch, &res);
	wrote(r, k, values);
	st_diag_release(&diag);
	rc = outcome_of(k, &res, o);
	st_record_result_release(&res);
	return rc;
}

/* What the account may do to a record of enterprise (or, for a park's own
 * records, park): 0, or 403/404 (500: the store failed).  An enterprise or
 * park that does not exist hides nothing: an account that may record gets
 * its form back with the store's message beside the field. */
static int decide(struct st_req *r, enum st_action act, const char *enterprise, const char *park)
{
	struct st_diag diag = ST_DIAG_INIT;
	const struct st_account *a = &r->session.account;
	char p[64];

	if (enterprise && *enterprise) {
		sqlite3 *db = st_web_db(r, &diag);
		int rc = db ? st_directory_enterprise_park(db, enterprise, p, sizeof p, &diag) : -1;
		st_diag_release(&diag);
		if (rc < 0)
			return 500;
		if (rc == 0)
			return st_access_decide(a, act, enterprise, p);
	} else if (park && *park) {
		return st_access_decide(a, act, NULL, park);
	}
	if (act == ST_ACT_VIEW)
		return 0;
	return a->role == ST_ROLE_ADMIN || a->role == ST_ROLE_OFFICER ? 0 : 403;
}

/* 1 if the enterprise exists */
static int enterprise_exists(struct st_req *r, const char *id)
{
	struct st_diag diag = ST_DIAG_INIT;
	sqlite3 *db = st_web_db(r, &diag);
	char p[64];
	int rc = db ? st_directory_enterprise_park(db, id, p, sizeof p, &diag) : -1;

	st_diag_release(&diag);
	return rc == 0;
}

static void refuse(struct st_req *r, int status)
{
	if (status == 404)
		st_web_error(r, 404, "没有这条记录");
	else if (status == 403)
		st_web_error(r, 403, "本账户不能做这项修改");
	else
		st_web_error(r, 500, "数据库暂时无法使用，请稍后再试");
}

/* <field name label type required value error> with <option/>s for an enum */
static void field_node(xmlNodePtr parent, const struct st_column *c, const char *value,
		       const char *error, int id_optional)
{
	static const char *const types[] = { "text", "text", "number", "date", "datetime-local",
					     "bool", "enum", "text", "text", "text" };
	xmlNodePtr f = st_web_text(parent, "field", NULL);

	st_web_attr(f, "name", c->name);
	st_web_attr(f, "label", c->label);
	st_web_attr(f, "type", types[c->type]);
	if (c->required && !id_optional)
		st_web_attr(f, "required", "yes");
	st_web_attr(f, "value", value);
	if (error)
		st_web_text(f, "error", error);
	if (c->type == ST_COL_ENUM && c->values) {
		const char *p = c->values;
		while (*p) {
			size_t n = strcspn(p, " ");
			char v[64];
			xmlNodePtr opt;
			snprintf(v, sizeof v, "%.*s", (int)n, p);
			opt = st_web_text(f, "option", NULL);
			st_web_attr(opt, "value", v);
			st_web_attr(opt, "label", st_value_label(v));
			p += n;
			while (*p == ' ')
				p++;
		}
	}
}

/* the values of kind's columns from a form (NULL where not sent) */
static void form_values(const struct st_form *form, const struct st_kind_info *k,
			const char **values)
{
	for (int i = 0; i < k->ncols; i++)
		values[i] = st_form_get(form, k->cols[i].name);
}

/* ---- /records/KIND: a form for every kind ---- */

static void record_form(struct st_req *r, int status, enum st_kind kind, const char **values,
			const struct outcome *o)
{
	const struct st_kind_info *k = st_kind_info(kind);
	xmlNodePtr root, form;
	char title[128], action[128];
	xmlDocPtr doc;

	snprintf(title, sizeof title, "登记%s", k->label);
	snprintf(action, sizeof action, kind == ST_HAZARD ? "/hazards" : "/records/%s", k->table);
	doc = st_web_page(r, title, &root);
	if (doc) {
		form = st_web_text(root, "record-form", NULL);
		st_web_attr(form, "action", action);
		st_web_attr(form, "kind", k->table);
		if (o && o->general)
			st_web_text(form, "error", o->general);
		for (int i = 0; i < k->ncols; i++) {
			if (k->voided >= 0 && (i == k->voided || i == k->voided + 1))
				continue;   /* voiding has its own action */
			field_node(form, &k->cols[i], values ? values[i] : NULL,
				   o ? o->error[i] : NULL, i == ST_COL_id && k->id_prefix);
		}
	}
	st_web_render(r, status, ST_STYLE_FORM, doc);
}

static int kind_of_path(const char *path, const char *prefix)
{
	int kind = st_kind_find(path + strlen(prefix));
	if (kind < 0 || strcmp(st_kind_info(kind)->table, path + strlen(prefix)) ||
	    kind == ST_PARK || kind == ST_ENTERPRISE)
		return -1;   /* parks and enterprises come with the dossier */
	return kind;
}

/* the record's owner columns */
static void owner_of(const struct st_kind_info *k, const char **values, const char **enterprise,
		     const char **park)
{
	int e = st_column_find(k, "enterprise"), p = st_column_find(k, "park");
	*enterprise = e >= 0 ? values[e] : NULL;
	*park = p >= 0 ? values[p] : NULL;
}

void st_page_record_new(struct st_req *r)
{
	int kind = kind_of_path(r->path, "/records/");
	const struct st_kind_info *k;
	const char *values[ST_MAX_COLS] = { 0 }, *ent, *park;
	int rc;

	if (kind < 0) {
		st_web_error(r, 404, "没有这类记录");
		return;
	}
	k = st_kind_info(kind);
	form_values(&r->query, k, values);   /* prefilled from the query */
	owner_of(k, values, &ent, &park);
	if ((rc = decide(r, ST_ACT_RECORD, ent, park))) {
		refuse(r, rc);
		return;
	}
	record_form(r, 200, kind, values, NULL);
}

static const char *record_href(enum st_kind kind, const char *id, char *buf, size_t size)
{
	if (kind == ST_INSPECTION)
		snprintf(buf, size, "/inspections/%s", id);
	else if (kind == ST_HAZARD)
		snprintf(buf, size, "/hazards/%s", id);
	else
		snprintf(buf, size, "/records/%s/%s", st_kind_info(kind)->table, id);
	return buf;
}

static void create_record(struct st_req *r, enum st_kind kind)
{
	const struct st_kind_info *k = st_kind_info(kind);
	const char *values[ST_MAX_COLS] = { 0 }, *ent, *park;
	struct outcome o;
	char href[300];
	int rc;

	form_values(&r->form, k, values);
	if (k->voided >= 0)
		values[k->voided] = values[k->voided + 1] = NULL;
	owner_of(k, values, &ent, &park);
	if ((rc = decide(r, ST_ACT_RECORD, ent, park))) {
		refuse(r, rc);
		return;
	}
	rc = save(r, kind, values, &o);
	if (rc == 0) {
		st_web_cache_clear();
		st_req_redirect(r, record_href(kind, o.id, href, sizeof href));
	} else if (rc == 422) {
		record_form(r, 422, kind, values, &o);
	} else {
		st_web_error(r, 500, o.general ? o.general : "数据库暂时无法使用，请稍后再试");
	}
	outcome_release(&o);
}

void st_page_record_post(struct st_req *r)
{
	int kind = kind_of_path(r->path, "/records/");

	if (kind < 0) {
		st_web_error(r, 404, "没有这类记录");
		return;
	}
	create_record(r, kind);
}

/* a stored record shown field by field: /records/KIND/ID */
static void show_record(struct st_req *r, enum st_kind kind, const char *id)
{
	struct st_diag diag = ST_DIAG_INIT;
	const struct st_kind_info *k = st_kind_info(kind);
	sqlite3 *db = st_web_db(r, &diag);
	const char *ent, *park;
	char **values = NULL, title[128];
	xmlNodePtr root, rec;
	xmlDocPtr doc;
	int rc = db ? st_record_load(db, kind, id, &values, &diag) : -1;

	st_diag_release(&diag);
	if (rc) {
		refuse(r, rc == 1 ? 404 : 500);
		return;
	}
	owner_of(k, (const char **)values, &ent, &park);
	if ((rc = decide(r, ST_ACT_VIEW, ent, park))) {
		st_values_free(values, k->ncols);
		refuse(r, 404);
		return;
	}
	snprintf(title, sizeof title, "%s %s", k->label, id);
	doc = st_web_page(r, title, &root);
	if (doc) {
		rec = st_web_text(root, "record", NULL);
		st_web_attr(rec, "kind", k->table);
		for (int i = 0; i < k->ncols; i++)
			field_node(rec, &k->cols[i], values[i], NULL, 0);
	}
	st_values_free(values, k->ncols);
	st_web_render(r, 200, ST_STYLE_FORM, doc);
}

void st_page_record_show(struct st_req *r)
{
	const char *rest = r->path + strlen("/records/");
	const char *slash = strchr(rest, '/');
	char table[32];
	int kind;

	if (!slash || (size_t)(slash - rest) >= sizeof table) {
		st_web_error(r, 404, "没有这条记录");
		return;
	}
	snprintf(table, sizeof table, "%.*s", (int)(slash - rest), rest);
	kind = st_kind_find(table);
	if (kind < 0 || strcmp(st_kind_info(kind)->table, table)) {
		st_web_error(r, 404, "没有这条记录");
		return;
	}
	show_record(r, kind, slash + 1);
}

/* ---- the inspection form ---- */

static void inspection_form(struct st_req *r, int status, const char **values,
			    const struct outcome *o)
{
	const struct st_kind_info *k = st_kind_info(ST_INSPECTION);
	static const char *const plain[] = { "id", "date", "kind", "inspectors", "notes" };
	xmlNodePtr root, form;
	xmlDocPtr doc = st_web_page(r, "季度安全检查", &root);
	int ent = st_column_find(k, "enterprise");

	if (doc) {
		form = st_web_text(root, "inspection-form", NULL);
		st_web_attr(form, "enterprise", values[ent]);
		if (o && o->general)
			st_web_text(form, "error", o->general);
		if (o && o->error[ent])
			st_web_text(form, "enterprise-error", o->error[ent]);
		for (size_t i = 0; i < sizeof plain / sizeof plain[0]; i++) {
			int c = st_column_find(k, plain[i]);
			field_node(form, &k->cols[c], values[c], o ? o->error[c] : NULL, c == ST_COL_id);
		}
		for (int n = 1; n <= ST_ITEMS; n++) {
			char name[16], rid[16];
			const struct st_rule *rule;
			int c;
			xmlNodePtr it;
			snprintf(name, sizeof name, "item%d", n);
			snprintf(rid, sizeof rid, "CHK-%02d", n);
			c = st_column_find(k, name);
			rule = st_pack_find(r->web->pack, rid);
			it = st_web_text(form, "item", NULL);
			st_web_attr(it, "n", name + 4);
			st_web_attr(it, "name", name);
			st_web_attr(it, "title", rule && rule->title ? rule->title : k->cols[c].label);
			st_web_attr(it, "value", values[c]);
			snprintf(name, sizeof name, "note%d", n);
			st_web_attr(it, "note", st_form_get(&r->form, name));
			if (o && o->error[c])
				st_web_text(it, "error", o->error[c]);
		}
	}
	st_web_render(r, status, ST_STYLE_INSPECTION, doc);
}

void st_page_inspection_new(struct st_req *r)
{
	const struct st_kind_info *k = st_kind_info(ST_INSPECTION);
	const char *values[ST_MAX_COLS] = { 0 };
	const char *ent = st_form_get(&r->query, "enterprise");
	char today[11];
	int rc;

	if (!ent || !*ent) {
		st_web_error(r, 404, "请从企业页面打开检查表（缺少 enterprise）");
		return;
	}
	rc = enterprise_exists(r, ent) ? decide(r, ST_ACT_RECORD, ent, NULL) : 404;
	if (rc) {
		refuse(r, rc);
		return;
	}
	values[st_column_find(k, "enterprise")] = ent;
	values[st_column_find(k, "date")] = st_date_format(st_today(), today);
	values[st_column_find(k, "kind")] = "quarterly";
	inspection_form(r, 200, values, NULL);
}

/* The notes column: what was typed as notes, then each failed item's own
 * note as "第N项：…" on its own line. */
static char *inspection_notes(const struct st_form *f)
{
	const char *notes = st_form_get(f, "notes");
	char *out = notes && *notes ? strdup(notes) : NULL;

	for (int n = 1; n <= ST_ITEMS; n++) {
		char name[16], line[1200];
		const char *v, *note;
		snprintf(name, sizeof name, "item%d", n);
		v = st_form_get(f, name);
		snprintf(name, sizeof name, "note%d", n);
		note = st_form_get(f, name);
		if (!v || !note || !*note || (strcmp(v, "fail") && strcmp(v, "不合格")))
			continue;
		snprintf(line, sizeof line, "第%d项：%s", n, note);
		append(&out, line);
	}
	return out;
}

void st_page_inspection_post(struct st_req *r)
{
	const struct st_kind_info *k = st_kind_info(ST_INSPECTION);
	const char *values[ST_MAX_COLS] = { 0 };
	int ent = st_column_find(k, "enterprise"), notes = st_column_find(k, "notes");
	char *combined, href[300];
	struct outcome o;
	int rc;

	form_values(&r->form, k, values);
	if (k->voided >= 0)
		values[k->voided] = values[k->voided + 1] = NULL;
	if ((rc = decide(r, ST_ACT_RECORD, values[ent], NULL))) {
		refuse(r, rc);
		return;
	}
	combined = inspection_notes(&r->form);
	values[notes] = combined;
	rc = save(r, ST_INSPECTION, values, &o);
	if (rc == 0) {
		st_web_cache_clear();
		st_req_redirect(r, record_href(ST_INSPECTION, o.id, href, sizeof href));
	} else if (rc == 422) {
		values[notes] = st_form_get(&r->form, "notes");   /* as typed */
		inspection_form(r, 422, values, &o);
	} else {
		st_web_error(r, 500, o.general ? o.general : "数据库暂时无法使用，请稍后再试");
	}
	free(combined);
	outcome_release(&o);
}

/* /inspections/ID: the items, and for each failed one the offer to
 * register its hazard, prefilled */
void st_page_inspection_show(struct st_req *r)
{
	struct st_diag diag = ST_DIAG_INIT;
	const struct st_kind_info *k = st_kind_info(ST_INSPECTION);
	const char *id = r->path + strlen("/inspections/");
	sqlite3 *db = st_web_db(r, &diag);
	char **values = NULL, title[160];
	xmlNodePtr root, insp;
	xmlDocPtr doc;
	int rc = db ? st_record_load(db, ST_INSPECTION, id, &values, &diag) : -1;
	int ent = st_column_find(k, "enterprise");

	st_diag_release(&diag);
	if (rc) {
		refuse(r, rc == 1 ? 404 : 500);
		return;
	}
	if ((rc = decide(r, ST_ACT_VIEW, values[ent], NULL))) {
		st_values_free(values, k->ncols);
		refuse(r, 404);
		return;
	}
	snprintf(title, sizeof title, "检查记录 %s", id);
	doc = st_web_page(r, title, &root);
	if (doc) {
		insp = st_web_text(root, "inspection", NULL);
		st_web_attr(insp, "may-record",
			    decide(r, ST_ACT_RECORD, values[ent], NULL) == 0 ? "yes" : NULL);
		for (int i = 0; i < k->ncols; i++)
			if (strncmp(k->cols[i].name, "item", 4))
				field_node(insp, &k->cols[i], values[i], NULL, 0);
		for (int n = 1; n <= ST_ITEMS; n++) {
			char name[16], rid[16];
			const struct st_rule *rule;
			xmlNodePtr it = st_web_text(insp, "item", NULL);
			snprintf(name, sizeof name, "item%d", n);
			snprintf(rid, sizeof rid, "CHK-%02d", n);
			rule = st_pack_find(r->web->pack, rid);
			st_web_attr(it, "n", name + 4);
			st_web_attr(it, "title", rule && rule->title ? rule->title : name);
			st_web_attr(it, "value", values[st_column_find(k, name)]);
		}
	}
	st_values_free(values, k->ncols);
	st_web_render(r, 200, ST_STYLE_INSPECTION, doc);
}

/* ---- hazards ---- */

void st_page_hazard_new(struct st_req *r)
{
	const struct st_kind_info *k = st_kind_info(ST_HAZARD);
	const char *values[ST_MAX_COLS] = { 0 };
	char today[11];
	int rc;

	form_values(&r->query, k, values);   /* enterprise, inspection, item */
	if (!values[st_column_find(k, "found")])
		values[st_column_find(k, "found")] = st_date_format(st_today(), today);
	if ((rc = decide(r, ST_ACT_RECORD, values[st_column_find(k, "enterprise")], NULL))) {
		refuse(r, rc);
		return;
	}
	record_form(r, 200, ST_HAZARD, values, NULL);
}

void st_page_hazard_post(struct st_req *r)
{
	create_record(r, ST_HAZARD);
}

struct ev_ctx {
	xmlNodePtr parent;
};

/* one version of the hazard's history: who, when, why, what changed */
static int version_node(void *arg, const struct st_version *v)
{
	struct ev_ctx *c = arg;
	xmlNodePtr x = st_web_text(c->parent, "version", NULL);

	st_web_attr(x, "at", v->at);
	st_web_attr(x, "who", v->who);
	st_web_attr(x, "why", v->why);
	st_web_attr(x, "command", v->command);
	st_web_attr(x, "changed", v->changed);
	return 0;
}

static int ev_node(void *arg, const struct st_evidence_info *e)
{
	struct ev_ctx *c = arg;
	xmlNodePtr x = st_web_text(c->parent, "photo", NULL);
	char num[32];

	snprintf(num, sizeof num, "%lld", e->id);
	st_web_attr(x, "id", num);
	st_web_attr(x, "type", e->type);
	st_web_attr(x, "caption", e->caption);
	st_web_attr(x, "added", e->added);
	st_web_attr(x, "added-by", e->added_by);
	return 0;
}

/* the hazard's values, and what the account may do; 0, or an answer */
static int load_hazard(struct st_req *r, const char *id, char ***values, enum st_action act)
{
	struct st_diag diag = ST_DIAG_INIT;
	const struct st_kind_info *k = st_kind_info(ST_HAZARD);
	sqlite3 *db = st_web_db(r, &diag);
	int rc = db ? st_record_load(db, ST_HAZARD, id, values, &diag) : -1;

	st_diag_release(&diag);
	if (rc)
		return rc == 1 ? 404 : 500;
	/* first whether it may be seen (else 404), then whether changed */
	rc = decide(r, ST_ACT_VIEW, (*values)[st_column_find(k, "enterprise")], NULL);
	if (!rc && act != ST_ACT_VIEW)
		rc = decide(r, act, (*values)[st_column_find(k, "enterprise")], NULL);
	if (rc) {
		st_values_free(*values, k->ncols);
		*values = NULL;
	}
	return rc;
}

static void hazard_page(struct st_req *r, int status, const char *id, const char **typed,
			const struct outcome *o, const char *form_name)
{
	struct st_diag diag = ST_DIAG_INIT;
	const struct st_kind_info *k = st_kind_info(ST_HAZARD);
	char **values = NULL, title[160];
	xmlNodePtr root, hz, ev;
	xmlDocPtr doc;
	int rc = load_hazard(r, id, &values, ST_ACT_VIEW), ent = st_column_find(k, "enterprise");
	struct ev_ctx c;

	if (rc) {
		refuse(r, rc == 500 ? 500 : 404);
		return;
	}
	snprintf(title, sizeof title, "事故隐患 %s", id);
	doc = st_web_page(r, title, &root);
	if (doc) {
		hz = st_web_text(root, "hazard", NULL);
		st_web_attr(hz, "id", id);
		st_web_attr(hz, "may-rectify", decide(r, ST_ACT_RECTIFY, values[ent], NULL) ? NULL : "yes");
		st_web_attr(hz, "may-verify", decide(r, ST_ACT_VERIFY, values[ent], NULL) ? NULL : "yes");
		st_web_attr(hz, "form", form_name);
		if (o && o->general)
			st_web_text(hz, "error", o->general);
		for (int i = 0; i < k->ncols; i++) {
			const char *v = typed && typed[i] ? typed[i] : values[i];
			field_node(hz, &k->cols[i], v, o ? o->error[i] : NULL, 0);
		}
		ev = st_web_text(hz, "evidence", NULL);
		c.parent = ev;
		sqlite3 *db = st_web_db(r, &diag);
		if (db)
			st_evidence_list(db, id, ev_node, &c, &diag);
		c.parent = st_web_text(hz, "history", NULL);
		if (db)
			st_record_history(db, ST_HAZARD, id, version_node, &c, &diag);
	}
	st_diag_release(&diag);
	st_values_free(values, k->ncols);
	st_web_render(r, status, ST_STYLE_HAZARD, doc);
}

static const char *hazard_id(struct st_req *r, const char *suffix, char *buf, size_t size)
{
	const char *id = r->path + strlen("/hazards/");
	size_t n = strlen(id) - strlen(suffix);

	snprintf(buf, size, "%.*s", (int)n, id);
	return buf;
}

void st_page_hazard_show(struct st_req *r)
{
	hazard_page(r, 200, r->path + strlen("/hazards/"), NULL, NULL, NULL);
}

/* The columns an enterprise account may change (HTTP.md §1): the
 * rectification, never closing or verifying. */
static int rectify_column(const char *name)
{
	return !strcmp(name, "measures") || !strcmp(name, "funds") || !strcmp(name, "owner") ||
	       !strcmp(name, "deadline");
}

enum hazard_op { OP_EDIT, OP_CLOSE, OP_VOID, OP_REOPEN, OP_RECTIFY };

/* Change hazard id as the account may (act), through the recording layer:
 * a patch of the fields sent, or a step of its lifecycle. */
static void hazard_change(struct st_req *r, const char *id, const char **sent,
			  enum st_action act, enum hazard_op op, const char *why,
			  const char *form_name)
{
	struct st_diag diag = ST_DIAG_INIT;
	struct st_record_result res = ST_RECORD_RESULT_INIT;
	const struct st_kind_info *k = st_kind_info(ST_HAZARD);
	struct st_change ch = change_of(r, why);
	struct st_field f[ST_MAX_COLS];
	char **stored = NULL, href[300];
	sqlite3 *db;
	struct outcome o;
	int rc = load_hazard(r, id, &stored, act);

	if (rc) {
		refuse(r, rc);
		return;
	}
	/* the hazard's enterprise, before and (an edit may move it) after */
	int ec = st_column_find(k, "enterprise");
	char *before = stored[ec] ? strdup(stored[ec]) : NULL;
	const char *after = op == OP_EDIT && sent[ec] ? sent[ec] : before;
	st_values_free(stored, k->ncols);
	db = st_web_write_begin(r);
	ch.recorder = st_web_write_recorder(r);
	st_diag_release(&diag);
	switch (op) {
	case OP_EDIT:
		st_record_edit(db, ST_HAZARD, id, f, fields_of(k, sent, f), &ch, &res);
		break;
	case OP_CLOSE:
		st_hazard_close(db, id, sent[st_column_find(k, "closed")],
				sent[st_column_find(k, "verified_by")], &ch, &res);
		break;
	case OP_VOID:
		st_record_void(db, ST_HAZARD, id, NULL, &ch, &res);
		break;
	case OP_REOPEN:
		st_hazard_reopen(db, id, &ch, &res);
		break;
	case OP_RECTIFY:
		st_hazard_rectify(db, id, sent[st_column_find(k, "rectified")],
				  sent[st_column_find(k, "rectification")], &ch, &res);
		break;
	}
	if (before && after && !strcmp(before, after))
		st_web_write_end(r, ST_WROTE_ENTERPRISE, before);
	else
		st_web_write_end(r, ST_WROTE_UNKNOWN, NULL);
	free(before);
	rc = outcome_of(k, &res, &o);
	st_record_result_release(&res);
	if (rc == 0) {
		st_web_cache_clear();
		st_req_redirect(r, record_href(ST_HAZARD, id, href, sizeof href));
	} else if (rc == 422) {
		hazard_page(r, 422, id, sent, &o, form_name);
	} else {
		refuse(r, rc);
	}
	outcome_release(&o);
}

void st_page_hazard_edit(struct st_req *r)
{
	const struct st_kind_info *k = st_kind_info(ST_HAZARD);
	const char *sent[ST_MAX_COLS] = { 0 };
	enum st_action act = ST_ACT_RECTIFY;
	const char *id = r->path + strlen("/hazards/");

	form_values(&r->form, k, sent);
	sent[0] = NULL;
	/* the enterprise marks it rectified: a step of the lifecycle */
	if (sent[st_column_find(k, "rectified")] || sent[st_column_find(k, "rectification")]) {
		hazard_change(r, id, sent, ST_ACT_RECTIFY, OP_RECTIFY, NULL, "rectify");
		return;
	}
	for (int i = 1; i < k->ncols; i++)
		if (sent[i] && !rectify_column(k->cols[i].name))
			act = ST_ACT_RECORD;   /* anything else is an officer's edit */
	hazard_change(r, id, sent, act, OP_EDIT, NULL, "edit");
}

/* POST /hazards/ID/reopen with a reason: an officer takes back a closing
 * or a rectification */
void st_page_hazard_reopen(struct st_req *r)
{
	const char *sent[ST_MAX_COLS] = { 0 };
	const char *reason = st_form_get(&r->form, "reason");
	char id[200];

	hazard_id(r, "/reopen", id, sizeof id);
	hazard_change(r, id, sent, ST_ACT_VERIFY, OP_REOPEN, reason, "reopen");
}

/* A close or void form missing what it needs: first whether the account
 * may do it at all (404/403), then 422 with the message beside `column`
 * (or above the forms when column is NULL). */
static void hazard_missing(struct st_req *r, const char *id, const char **sent,
			   const char *column, const char *message, const char *form_name)
{
	const struct st_kind_info *k = st_kind_info(ST_HAZARD);
	char **stored = NULL;
	struct outcome o;
	int rc = load_hazard(r, id, &stored, ST_ACT_VERIFY);

	if (rc) {
		refuse(r, rc);
		return;
	}
	st_values_free(stored, k->ncols);
	memset(&o, 0, sizeof o);
	if (column)
		o.error[st_column_find(k, column)] = strdup(message);
	else
		o.general = strdup(message);
	hazard_page(r, 422, id, sent, &o, form_name);
	outcome_release(&o);
}

void st_page_hazard_close(struct st_req *r)
{
	const struct st_kind_info *k = st_kind_info(ST_HAZARD);
	const char *sent[ST_MAX_COLS] = { 0 };
	const char *closed = st_form_get(&r->form, "closed");
	char id[200];

	hazard_id(r, "/close", id, sizeof id);
	if (!closed || !*closed) {
		/* an empty date would reopen it: say so beside the field */
		sent[st_column_find(k, "verified_by")] = st_form_get(&r->form, "verified_by");
		hazard_missing(r, id, sent, "closed", "销号日期必填", "close");
		return;
	}
	sent[st_column_find(k, "closed")] = closed;
	sent[st_column_find(k, "verified_by")] = st_form_get(&r->form, "verified_by");
	hazard_change(r, id, sent, ST_ACT_VERIFY, OP_CLOSE, NULL, "close");
}

void st_page_hazard_void(struct st_req *r)
{
	const struct st_kind_info *k = st_kind_info(ST_HAZARD);
	const char *sent[ST_MAX_COLS] = { 0 };
	const char *reason = st_form_get(&r->form, "reason");
	char id[200];

	hazard_id(r, "/void", id, sizeof id);
	if (k->voided < 0 || !reason || !*reason) {
		hazard_missing(r, id, sent, NULL, "作废须说明原因（reason）", "void");
		return;
	}
	hazard_change(r, id, sent, ST_ACT_VERIFY, OP_VOID, reason, "void");
}

void st_page_hazard_evidence(struct st_req *r)
{
	struct st_diag diag = ST_DIAG_INIT;
	const struct st_kind_info *k = st_kind_info(ST_HAZARD);
	const struct st_form_field *photo = st_form_field(&r->form, "photo");
	char id[200], **stored = NULL, href[300];
	sqlite3 *db;
	long long eid;
	int rc;

	hazard_id(r, "/evidence", id, sizeof id);
	if ((rc = load_hazard(r, id, &stored, ST_ACT_RECTIFY))) {
		refuse(r, rc);
		return;
	}
	st_values_free(stored, k->ncols);
	/* photos are in no subject's facts */
	db = st_web_write_begin(r);
	rc = st_evidence_add(db, id, photo ? photo->value : "", photo ? photo->len : 0,
			     st_form_get(&r->form, "caption"), r->session.account.name, time(NULL),
			     &eid, &diag);
	st_web_write_end(r, ST_WROTE_NO_SUBJECT, NULL);
	if (rc) {
		struct outcome o;
		memset(&o, 0, sizeof o);
		o.general = strdup(diag.count ? diag.line[0] : "照片未保存");
		st_diag_release(&diag);
		hazard_page(r, 422, id, NULL, &o, "evidence");
		outcome_release(&o);
		return;
	}
	st_diag_release(&diag);
	st_req_redirect(r, record_href(ST_HAZARD, id, href, sizeof href));
}

/* /evidence/N: the photo, with the type it was checked to be */
void st_page_evidence_get(struct st_req *r)
{
	struct st_diag diag = ST_DIAG_INIT;
	const struct st_kind_info *k = st_kind_info(ST_HAZARD);
	const char *num = r->path + strlen("/evidence/");
	char hazard[200], type[32], *end, **stored = NULL;
	long long id = strtoll(num, &end, 10);
	sqlite3 *db = st_web_db(r, &diag);
	void *data = NULL;
	size_t len = 0;
	int rc;

	if (!db || !*num || *end || id <= 0) {
		st_diag_release(&diag);
		refuse(r, db ? 404 : 500);
		return;
	}
	rc = st_evidence_get(db, id, hazard, sizeof hazard, type, sizeof type, &data, &len, &diag);
	st_diag_release(&diag);
	if (rc) {
		refuse(r, rc == 1 ? 404 : 500);
		return;
	}
	/* a photo of a hazard the account may not see does not exist */
	if ((rc = load_hazard(r, hazard, &stored, ST_ACT_VIEW))) {
		free(data);
		refuse(r, 404);
		return;
	}
	st_values_free(stored, k->ncols);
	snprintf(r->disposition, sizeof r->disposition, "inline; filename=evidence-%lld.%s", id,
		 strcmp(type, "image/png") ? "jpg" : "png");
	st_req_answer(r, 200, strcmp(type, "image/png") ? "image/jpeg" : "image/png", data, len);
}

/* ---- POST /api/v1/records/KIND (HTTP.md §4) ---- */

static void api_errors(struct st_req *r, const struct st_kind_info *k, const struct outcome *o,
		       const char *general)
{
	json_t *errs = json_array(), *doc;
	char *s;

	/* "message" in Chinese as HTTP.md §4 has it; "message_en" beside it
	 * where the recording layer wrote one */
	for (int i = 0; errs && o && i < k->ncols; i++)
		if (o->error[i]) {
			json_t *e = json_pack("{s:s, s:s}", "field", k->cols[i].name, "message",
					      o->error[i]);
			if (e && o->error_en[i])
				json_object_set_new(e, "message_en", json_string(o->error_en[i]));
			json_array_append_new(errs, e);
		}
	if (errs && (general || (o && o->general))) {
		json_t *e = json_pack("{s:n, s:s}", "field", "message",
				      general ? general : o->general);
		if (e && !general && o->general_en)
			json_object_set_new(e, "message_en", json_string(o->general_en));
		json_array_append_new(errs, e);
	}
	doc = json_pack("{s:o}", "errors", errs);
	s = doc ? json_dumps(doc, JSON_COMPACT) : NULL;
	json_decref(doc);
	st_req_answer(r, 422, "application/json", s, s ? strlen(s) : 0);
}

void st_api_record_post(struct st_req *r)
{
	int kind = kind_of_path(r->path, "/api/v1/records/");
	const struct st_kind_info *k;
	const char *values[ST_MAX_COLS] = { 0 }, *ent, *park;
	char num[ST_MAX_COLS][32];
	json_error_t jerr;
	json_t *obj, *v;
	const char *key;
	struct outcome o;
	int rc;

	if (kind < 0) {
		st_web_error(r, 404, "没有这类记录");
		return;
	}
	k = st_kind_info(kind);
	obj = json_loadb(r->body ? r->body : "", r->body_len, JSON_REJECT_DUPLICATES, &jerr);
	if (!obj || !json_is_object(obj)) {
		json_decref(obj);
		api_errors(r, k, NULL, "请求体应为一个 JSON 对象，键为档案的列名");
		return;
	}
	json_object_foreach(obj, key, v) {
		int c = st_column_find(k, key);
		if (c < 0 || (k->voided >= 0 && (c == k->voided || c == k->voided + 1))) {
			char msg[200];
			snprintf(msg, sizeof msg, "%s没有这一列：%.60s", k->label, key);
			json_decref(obj);
			api_errors(r, k, NULL, msg);
			return;
		}
		if (json_is_string(v))
			values[c] = json_string_value(v);
		else if (json_is_integer(v)) {
			snprintf(num[c], sizeof num[c], "%" JSON_INTEGER_FORMAT, json_integer_value(v));
			values[c] = num[c];
		} else if (!json_is_null(v)) {
			char msg[200];
			snprintf(msg, sizeof msg, "列 %s 的值应为文本或整数", k->cols[c].name);
			json_decref(obj);
			api_errors(r, k, NULL, msg);
			return;
		}
	}
	owner_of(k, values, &ent, &park);
	if ((rc = decide(r, ST_ACT_RECORD, ent, park))) {
		json_decref(obj);
		refuse(r, rc);
		return;
	}
	rc = save(r, kind, values, &o);
	json_decref(obj);
	if (rc == 0) {
		json_t *doc = json_pack("{s:s}", "id", o.id);
		char *s = doc ? json_dumps(doc, JSON_COMPACT) : NULL;
		json_decref(doc);
		st_web_cache_clear();
		st_req_answer(r, 201, "application/json", s, s ? strlen(s) : 0);
	} else if (rc == 422) {
		api_errors(r, k, &o, NULL);
	} else {
		st_web_error(r, 500, o.general ? o.general : "数据库暂时无法使用，请稍后再试");
	}
	outcome_release(&o);
}
