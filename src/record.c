/*
 * record.c — the recording layer (see st_record.h): create, edit, void and
 * the hazard lifecycle, each in one transaction, on top of the one
 * validation there is (st_recorder_put) and with the history's who and why.
 *
 * st_recorder_put() reports problems as "WHERE: column NAME: 中文说明"
 * (st_dossier.h); this module passes a WHERE of its own and reads each line
 * back into a (column, message) pair, so that a form shows the import's
 * own words beside the field they are about.
 */
#include "st_record.h"
#include "st_msg.h"

#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "st_date.h"
#include "st_store.h"

#define WHERE "safetrack"

/* ---- results ---- */

void st_record_result_release(struct st_record_result *r)
{
	st_values_free(r->values, r->ncols);
	for (size_t i = 0; i < r->nerrors; i++) {
		free(r->errors[i].column);
		free(r->errors[i].message);
		free(r->errors[i].message_en);
	}
	free(r->errors);
	for (size_t i = 0; i < r->nwarnings; i++) {
		free(r->warnings[i]);
		free(r->warnings_en[i]);
	}
	free(r->warnings);
	free(r->warnings_en);
	*r = (struct st_record_result)ST_RECORD_RESULT_INIT;
}

const char *st_record_value(const struct st_record_result *r, const char *column)
{
	int c;

	if (!r->values || (c = st_column_find(st_kind_info(r->kind), column)) < 0)
		return NULL;
	return r->values[c];
}

void st_record_errors_to_diag(const struct st_record_result *r, struct st_diag *diag)
{
	for (size_t i = 0; i < r->nerrors; i++) {
		const struct st_field_error *e = &r->errors[i];
		if (e->column)
			st_diag_msg(diag, "column %s: %s%.0s", "column %s: %.0s%s", e->column,
				    e->message, e->message_en);
		else
			st_diag_msg(diag, "%s%.0s", "%.0s%s", e->message, e->message_en);
	}
}

/* add an error (column may be NULL), a message of st_msg.h; returns the
 * status to return */
static int add_error(struct st_record_result *r, enum st_record_status status,
		     const char *column, const char *zh, const char *en, ...) ST_MSG_FORMAT(4);

static int add_error(struct st_record_result *r, enum st_record_status status,
		     const char *column, const char *zh, const char *en, ...)
{
	struct st_field_error *e = realloc(r->errors, (r->nerrors + 1) * sizeof *e);
	char msg[2][1024];
	va_list ap;

	/* out of memory: the status still says that something failed */
	if (r->status == ST_RECORD_OK || status == ST_RECORD_FAILED)
		r->status = status;
	if (!e)
		return r->status;
	r->errors = e;
	va_start(ap, en);
	vsnprintf(msg[0], sizeof msg[0], zh, ap);
	va_end(ap);
	va_start(ap, en);
	vsnprintf(msg[1], sizeof msg[1], en, ap);
	va_end(ap);
	e = &r->errors[r->nerrors];
	e->column = column ? strdup(column) : NULL;
	e->message = strdup(msg[0]);
	e->message_en = strdup(msg[1]);
	if (e->message && e->message_en && (!column || e->column))
		r->nerrors++;
	else
		free(e->column), free(e->message), free(e->message_en);
	return r->status;
}

/* a warning, a message of st_msg.h */
static void add_warning(struct st_record_result *r, const char *zh, const char *en, ...)
	ST_MSG_FORMAT(2);

static void add_warning(struct st_record_result *r, const char *zh, const char *en, ...)
{
	char **w, *t[2];
	char msg[2][1024];
	va_list ap;

	if (!(w = realloc(r->warnings, (r->nwarnings + 1) * sizeof *w)))
		return;
	r->warnings = w;
	if (!(w = realloc(r->warnings_en, (r->nwarnings + 1) * sizeof *w)))
		return;
	r->warnings_en = w;
	va_start(ap, en);
	vsnprintf(msg[0], sizeof msg[0], zh, ap);
	va_end(ap);
	va_start(ap, en);
	vsnprintf(msg[1], sizeof msg[1], en, ap);
	va_end(ap);
	t[0] = strdup(msg[0]);
	t[1] = strdup(msg[1]);
	if (!t[0] || !t[1]) {
		free(t[0]);
		free(t[1]);
		return;
	}
	r->warnings[r->nwarnings] = t[0];
	r->warnings_en[r->nwarnings++] = t[1];
}

/* a recorder's line without "WHERE: " and "column NAME: "; NAME into col
 * ("" if the line names none) */
static const char *line_message(const char *t, char col[64])
{
	static const char prefix[] = WHERE ": ", colp[] = "column ";

	if (!strncmp(t, prefix, sizeof prefix - 1))
		t += sizeof prefix - 1;
	if (!strncmp(t, colp, sizeof colp - 1)) {
		const char *name = t + sizeof colp - 1, *end = strstr(name, ": ");
		if (end && end > name && end - name < 64) {
			memcpy(col, name, (size_t)(end - name));
			col[end - name] = '\0';
			return end + 2;
		}
	}
	*col = '\0';
	return t;
}

/* turn the recorder's lines into field errors */
static void take_diag(struct st_record_result *r, const struct st_diag *diag,
		      enum st_record_status status)
{
	for (size_t i = 0; i < st_diag_kept(diag); i++) {
		/* the English line where the message has one, else the Chinese */
		const char *en = st_diag_line_en(diag, i);
		char col[64], col_en[64];
		const char *zh = line_message(diag->line[i], col);
		en = line_message(en ? en : diag->line[i], col_en);
		add_error(r, status, *col ? col : NULL, "%s%.0s", "%.0s%s", zh, en);
	}
	if (diag->count > st_diag_kept(diag))
		add_error(r, status, NULL, ST_MSG_MORE_ERRORS, diag->count - st_diag_kept(diag));
	if (!diag->count && status != ST_RECORD_OK && !r->nerrors)
		add_error(r, status, NULL, ST_MSG_NOT_SAVED);
}

/* ---- the transaction around one change ---- */

struct op {
	sqlite3 *db;
	enum st_kind kind;
	const struct st_kind_info *info;
	const struct st_change *ch;
	struct st_record_result *res;
	st_day today;
	int began;
	char *owned[ST_MAX_COLS];   /* ids resolved from names */
};

static int op_begin(struct op *o, sqlite3 *db, enum st_kind kind, const char *name,
		    const struct st_change *ch, struct st_record_result *res)
{
	struct st_diag diag = ST_DIAG_INIT;

	st_record_result_release(res);
	res->kind = kind;
	res->ncols = st_kind_info(kind)->ncols;
	*o = (struct op){ db, kind, st_kind_info(kind), ch, res, 0, 0, { 0 } };
	if (!ch || !ch->who || !*ch->who)
		return add_error(res, ST_RECORD_INVALID, NULL, ST_MSG_NO_AUTHOR);
	if (ch->today) {
		if (st_date_parse_iso(ch->today, &o->today))
			return add_error(res, ST_RECORD_INVALID, NULL, ST_MSG_BAD_TODAY, ch->today);
	} else {
		o->today = st_today();
	}
	if (st_store_set_command(db, ch->command ? ch->command : name) ||
	    st_store_set_author(db, ch->who, ch->why && *ch->why ? ch->why : NULL))
		return add_error(res, ST_RECORD_FAILED, NULL, ST_MSG_OUT_OF_MEMORY);
	if (st_store_begin(db, &diag)) {
		take_diag(res, &diag, ST_RECORD_FAILED);
		st_diag_release(&diag);
		return res->status;
	}
	o->began = 1;
	return ST_RECORD_OK;
}

/* commit if all went well, else roll back; load the stored record */
static int op_end(struct op *o, const char *id)
{
	struct st_diag diag = ST_DIAG_INIT;

	if (o->began && o->res->status == ST_RECORD_OK) {
		if (st_store_commit(o->db, &diag))
			take_diag(o->res, &diag, ST_RECORD_FAILED);
	} else if (o->began) {
		st_store_rollback(o->db);
	}
	if (o->res->status == ST_RECORD_OK && id) {
		int rc = st_record_load(o->db, o->kind, id, &o->res->values, &diag);
		if (rc)
			take_diag(o->res, &diag, ST_RECORD_FAILED);
		if (rc > 0)
			add_error(o->res, ST_RECORD_FAILED, NULL, ST_MSG_LOST_AFTER_SAVE, id);
	}
	st_diag_release(&diag);
	st_store_set_author(o->db, NULL, NULL);
	for (int i = 0; i < ST_MAX_COLS; i++)
		free(o->owned[i]);
	return o->res->status;
}

/* ---- guard rails, on the stored (canonical) values ---- */

static int col(const struct op *o, const char *name)
{
	return st_column_find(o->info, name);
}

/* a date column after tomorrow, unless forced */
static void guard_future(struct op *o, int c, const char *value)
{
	char today[16], shown[16];
	st_day d;

	if (c < 0 || !value || (o->ch->force & ST_FORCE_FUTURE))
		return;
	d = st_day_of_value(value);
	if (d == ST_DAY_NONE || d <= o->today + 1)
		return;
	snprintf(shown, sizeof shown, "%.10s", value);
	add_error(o->res, ST_RECORD_INVALID, o->info->cols[c].name, ST_MSG_FUTURE_DATE,
		  o->info->cols[c].label, o->info->cols[c].name, shown,
		  st_date_format(o->today, today));
}

/* one text from a query with up to three text parameters; NULL if no row */
static char *query_text(sqlite3 *db, const char *sql, const char *a, const char *b,
			const char *c, int *failed)
{
	sqlite3_stmt *st = NULL;
	char *out = NULL;
	int rc;

	if (sqlite3_prepare_v2(db, sql, -1, &st, NULL) != SQLITE_OK) {
		*failed = 1;
		return NULL;
	}
	sqlite3_bind_text(st, 1, a, -1, SQLITE_STATIC);
	if (b)
		sqlite3_bind_text(st, 2, b, -1, SQLITE_STATIC);
	if (c)
		sqlite3_bind_text(st, 3, c, -1, SQLITE_STATIC);
	rc = sqlite3_step(st);
	if (rc == SQLITE_ROW && sqlite3_column_text(st, 0))
		out = strdup((const char *)sqlite3_column_text(st, 0));
	else if (rc != SQLITE_ROW && rc != SQLITE_DONE)
		*failed = 1;
	sqlite3_finalize(st);
	return out;
}

/* changed: which columns this call set (NULL: all of them, a new record) */
static void guard_rails(struct op *o, char **v, const int *changed)
{
	const struct st_kind_info *k = o->info;
	int failed = 0;

	/* the record's own date, and the dates that say something was done */
	static const char *const done[] = { "closed", "rectified", "voided" };
	if (k->own_date >= 0 && (!changed || changed[k->own_date]))
		guard_future(o, k->own_date, v[k->own_date]);
	for (size_t i = 0; i < sizeof done / sizeof *done; i++) {
		int c = col(o, done[i]);
		if (c >= 0 && (!changed || changed[c]))
			guard_future(o, c, v[c]);
	}

	if (o->kind == ST_INSPECTION && !(o->ch->force & ST_FORCE_DUPLICATE) &&
	    (!changed || changed[ST_COL_INSPECTION_enterprise] || changed[ST_COL_INSPECTION_date] ||
	     changed[ST_COL_INSPECTION_kind])) {
		const char *const key[] = { v[ST_COL_INSPECTION_enterprise], v[ST_COL_INSPECTION_date],
					    v[ST_COL_INSPECTION_kind], v[ST_COL_id] };
		sqlite3_stmt *st = NULL;
		char *other = NULL;
		if (sqlite3_prepare_v2(o->db, "SELECT id FROM inspections WHERE enterprise = ?1"
				       " AND date = ?2 AND kind = ?3 AND id <> ?4 ORDER BY id",
				       -1, &st, NULL) == SQLITE_OK) {
			for (int i = 0; i < 4; i++)
				sqlite3_bind_text(st, i + 1, key[i], -1, SQLITE_STATIC);
			if (sqlite3_step(st) == SQLITE_ROW)
				other = strdup((const char *)sqlite3_column_text(st, 0));
		} else {
			failed = 1;
		}
		sqlite3_finalize(st);
		if (other)
			add_error(o->res, ST_RECORD_INVALID, k->cols[ST_COL_INSPECTION_date].name,
				  ST_MSG_DUPLICATE_INSPECTION, v[ST_COL_INSPECTION_enterprise],
				  v[ST_COL_INSPECTION_date], other);
		free(other);
	}

	const char *insp = o->kind == ST_HAZARD ? v[ST_COL_HAZARD_inspection] : NULL;
	const char *item = o->kind == ST_HAZARD ? v[ST_COL_HAZARD_item] : NULL;
	if (insp && item) {
		const struct st_column *ic = &st_kind_info(ST_INSPECTION)->cols[ST_ITEM_COL];
		char sql[96], *result;
		/* validation has held item to 1 … ST_ITEMS */
		snprintf(sql, sizeof sql, "SELECT \"%s\" FROM inspections WHERE id = ?1",
			 ic[atoi(item) - 1].name);
		result = query_text(o->db, sql, insp, NULL, NULL, &failed);
		if (result && strcmp(result, "fail"))
			add_error(o->res, ST_RECORD_INVALID, k->cols[ST_COL_HAZARD_item].name,
				  ST_MSG_HAZARD_ITEM_NOT_FAILED, insp, item,
				  strcmp(result, "pass") ? "不适用" : "合格", result);
		free(result);
	}

	/* a closed enterprise: stored, but said */
	int e = -1;
	for (int i = 0; i < k->ncols && e < 0; i++)
		if (k->cols[i].type == ST_COL_REF && k->cols[i].ref == ST_ENTERPRISE)
			e = i;
	if (o->kind == ST_ENTERPRISE)
		e = ST_COL_id;
	if (e >= 0 && v[e] && o->kind != ST_ENTERPRISE) {
		char *status = query_text(o->db, "SELECT status FROM enterprises WHERE id = ?1", v[e],
					  NULL, NULL, &failed);
		if (status && !strcmp(status, "closed"))
			add_warning(o->res, ST_MSG_CLOSED_ENTERPRISE, v[e]);
		free(status);
	}
	if (failed)
		add_error(o->res, ST_RECORD_FAILED, NULL, ST_MSG_DB_ERROR, st_store_errmsg(o->db));
}

/* ---- storing ---- */

/* validate and store values (ncols of them) inside the open transaction;
 * then run the guard rails on what was stored */
static void store(struct op *o, const char *const *values, const int *changed)
{
	struct st_diag diag = ST_DIAG_INIT;
	struct st_recorder *w = o->ch->recorder;
	char **stored = NULL;
	int rc;

	if (w)
		st_recorder_forget_rejected(w);   /* a change of its own */
	else
		st_recorder_new(o->db, &w, &diag);
	if (w)
		st_recorder_set_pack(w, o->ch->pack);
	if (!w || st_recorder_put(w, o->kind, values, WHERE, &o->res->put, &diag)) {
		take_diag(o->res, &diag, ST_RECORD_FAILED);
	} else if (o->res->put == ST_PUT_REJECTED) {
		take_diag(o->res, &diag, ST_RECORD_INVALID);
	}
	if (w != o->ch->recorder)
		st_recorder_free(w);
	st_diag_release(&diag);
	if (o->res->status != ST_RECORD_OK)
		return;
	rc = st_record_load(o->db, o->kind, values[ST_COL_id], &stored, &diag);
	if (rc == 0)
		guard_rails(o, stored, changed);
	else
		take_diag(o->res, &diag, ST_RECORD_FAILED);
	st_values_free(stored, o->info->ncols);
	st_diag_release(&diag);
}

/* fields → values[] over base (may be NULL); marks changed[]; 0 or -1 */
static int apply_fields(struct op *o, const struct st_field *fields, size_t n,
			const char **values, int *changed, int allow_id)
{
	int bad = 0;

	for (size_t i = 0; i < n; i++) {
		int c = fields[i].column ? col(o, fields[i].column) : -1;
		if (c < 0) {
			add_error(o->res, ST_RECORD_INVALID, fields[i].column, ST_MSG_NO_SUCH_COLUMN,
				  o->info->label, o->info->singular,
				  fields[i].column ? fields[i].column : "");
			bad = 1;
			continue;
		}
		if (c == ST_COL_id && !allow_id) {
			add_error(o->res, ST_RECORD_INVALID, o->info->cols[ST_COL_id].name,
				  ST_MSG_ID_FIXED);
			bad = 1;
			continue;
		}
		values[c] = fields[i].value && *fields[i].value ? fields[i].value : NULL;
		changed[c] = 1;
		/* an enterprise or park by name; an unknown one is left to the
		 * validation, which says it does not exist */
		const struct st_column *cd = &o->info->cols[c];
		if (values[c] && cd->type == ST_COL_REF &&
		    (cd->ref == ST_ENTERPRISE || cd->ref == ST_PARK)) {
			struct st_diag diag = ST_DIAG_INIT;
			char *id = NULL;
			int rc = st_record_resolve(o->db, cd->ref, values[c], &id, &diag);
			if (rc == 0) {
				free(o->owned[c]);
				values[c] = o->owned[c] = id;
			} else if (rc != 1) {
				char msg[2048] = "", msg_en[2048] = "";
				for (size_t l = 0; l < st_diag_kept(&diag); l++) {
					const char *en = st_diag_line_en(&diag, l);
					snprintf(msg + strlen(msg), sizeof msg - strlen(msg), "%s%s",
						 l ? "\n" : "", diag.line[l]);
					snprintf(msg_en + strlen(msg_en), sizeof msg_en - strlen(msg_en),
						 "%s%s", l ? "\n" : "", en ? en : diag.line[l]);
				}
				add_error(o->res, rc < 0 ? ST_RECORD_FAILED : ST_RECORD_INVALID,
					  cd->name, "%s%.0s", "%.0s%s", msg, msg_en);
				bad = 1;
			}
			st_diag_release(&diag);
		}
	}
	return bad ? -1 : 0;
}

/* 1 if a record of kind with this id exists, 0 if not, -1 on error */
static int record_exists(struct op *o, const char *id, char ***values)
{
	struct st_diag diag = ST_DIAG_INIT;
	int rc = st_record_load(o->db, o->kind, id, values, &diag);

	if (rc < 0)
		take_diag(o->res, &diag, ST_RECORD_FAILED);
	st_diag_release(&diag);
	return rc < 0 ? -1 : rc == 0;
}

int st_record_create(sqlite3 *db, enum st_kind kind, const struct st_field *fields,
		     size_t nfields, const struct st_change *ch, struct st_record_result *res)
{
	const char *values[ST_MAX_COLS] = { 0 };
	int changed[ST_MAX_COLS] = { 0 };
	char *id = NULL, **old = NULL;
	struct op o;

	if (op_begin(&o, db, kind, "create", ch, res))
		return op_end(&o, NULL);
	if (apply_fields(&o, fields, nfields, values, changed, 1))
		return op_end(&o, NULL);
	if (!values[ST_COL_id] && o.info->id_prefix) {
		struct st_diag diag = ST_DIAG_INIT;
		if (!(id = st_record_new_id(db, kind, values, &diag)))
			take_diag(res, &diag, ST_RECORD_FAILED);
		st_diag_release(&diag);
		values[ST_COL_id] = id;
	} else if (values[ST_COL_id]) {
		int rc = record_exists(&o, values[ST_COL_id], &old);
		if (rc > 0)
			add_error(res, ST_RECORD_INVALID, o.info->cols[ST_COL_id].name, ST_MSG_EXISTS,
				  o.info->label, o.info->singular, values[ST_COL_id]);
		st_values_free(old, o.info->ncols);
	}
	if (res->status == ST_RECORD_OK)
		store(&o, values, NULL);
	if (res->status == ST_RECORD_OK) {
		sqlite3_stmt *st = NULL;
		if (sqlite3_prepare_v2(db, "INSERT OR REPLACE INTO created (tbl, id, at, command, who, why)"
				       " VALUES (?1, ?2, strftime('%Y-%m-%dT%H:%M:%S', 'now', 'localtime'),"
				       " st_command(), st_who(), st_why())", -1, &st, NULL) != SQLITE_OK ||
		    sqlite3_bind_text(st, 1, o.info->table, -1, SQLITE_STATIC) ||
		    sqlite3_bind_text(st, 2, values[ST_COL_id], -1, SQLITE_STATIC) ||
		    sqlite3_step(st) != SQLITE_DONE)
			add_error(res, ST_RECORD_FAILED, NULL, ST_MSG_DB_ERROR, st_store_errmsg(db));
		sqlite3_finalize(st);
	}
	int rc = op_end(&o, values[ST_COL_id]);
	free(id);
	return rc;
}

/* load the record to change; 0, or the status (reported) */
static int load_for_change(struct op *o, const char *id, char ***old)
{
	int rc = id ? record_exists(o, id, old) : 0;

	if (rc < 0)
		return o->res->status;
	if (rc == 0)
		return add_error(o->res, ST_RECORD_NOT_FOUND, NULL, ST_MSG_NOT_FOUND, o->info->label,
				 o->info->singular, id ? id : "");
	return 0;
}

/* edit the loaded record old with (column, value) pairs already applied in
 * values; store it unless something was refused */
static int finish_change(struct op *o, char **old, const char **values, const int *changed)
{
	if (o->res->status == ST_RECORD_OK)
		store(o, values, changed);
	int rc = op_end(o, old[ST_COL_id]);
	st_values_free(old, o->info->ncols);
	return rc;
}

int st_record_edit(sqlite3 *db, enum st_kind kind, const char *id,
		   const struct st_field *fields, size_t nfields, const struct st_change *ch,
		   struct st_record_result *res)
{
	const char *values[ST_MAX_COLS] = { 0 };
	int changed[ST_MAX_COLS] = { 0 };
	char **old = NULL;
	struct op o;

	if (op_begin(&o, db, kind, "edit", ch, res) || load_for_change(&o, id, &old))
		return op_end(&o, NULL);
	for (int i = 0; i < o.info->ncols; i++)
		values[i] = old[i];
	if (!nfields)
		add_error(res, ST_RECORD_INVALID, NULL, ST_MSG_NOTHING_TO_CHANGE);
	apply_fields(&o, fields, nfields, values, changed, 0);
	return finish_change(&o, old, values, changed);
}

int st_record_void(sqlite3 *db, enum st_kind kind, const char *id, const char *date,
		   const struct st_change *ch, struct st_record_result *res)
{
	const char *values[ST_MAX_COLS] = { 0 };
	int changed[ST_MAX_COLS] = { 0 };
	char **old = NULL, today[16];
	struct op o;
	int cv, cr;

	if (op_begin(&o, db, kind, "void", ch, res))
		return op_end(&o, NULL);
	cv = col(&o, "voided");
	cr = col(&o, "void_reason");
	if (cv < 0 || cr < 0) {
		add_error(res, ST_RECORD_INVALID, NULL, ST_MSG_CANNOT_VOID, o.info->label,
			  o.info->singular);
		return op_end(&o, NULL);
	}
	if (!ch->why || !*ch->why) {
		add_error(res, ST_RECORD_INVALID, o.info->cols[cr].name, ST_MSG_VOID_NEEDS_REASON);
		return op_end(&o, NULL);
	}
	if (load_for_change(&o, id, &old))
		return op_end(&o, NULL);
	if (old[cv]) {
		add_error(res, ST_RECORD_INVALID, o.info->cols[cv].name, ST_MSG_ALREADY_VOIDED,
			  o.info->label, o.info->singular, old[ST_COL_id], old[cv],
			  old[cr] ? old[cr] : "");
		st_values_free(old, o.info->ncols);
		return op_end(&o, NULL);
	}
	for (int i = 0; i < o.info->ncols; i++)
		values[i] = old[i];
	values[cv] = date ? date : st_date_format(o.today, today);
	values[cr] = ch->why;
	changed[cv] = changed[cr] = 1;
	return finish_change(&o, old, values, changed);
}

/* ---- the hazard lifecycle ---- */

const int st_hazard_four[ST_HAZARD_FOUR] = {
	ST_COL_HAZARD_measures, ST_COL_HAZARD_funds, ST_COL_HAZARD_owner, ST_COL_HAZARD_deadline
};

enum st_hazard_state st_hazard_state(const char *const *v)
{
	if (v[ST_COL_HAZARD_voided])
		return ST_HAZARD_VOIDED;
	if (v[ST_COL_HAZARD_closed])
		return ST_HAZARD_CLOSED;
	if (v[ST_COL_HAZARD_rectified])
		return ST_HAZARD_RECTIFIED;
	for (size_t i = 0; i < ST_HAZARD_FOUR; i++)
		if (!v[st_hazard_four[i]])
			return ST_HAZARD_REGISTERED;
	return ST_HAZARD_PLANNED;
}

const char *st_hazard_state_label(enum st_hazard_state s)
{
	switch (s) {
	case ST_HAZARD_REGISTERED: return "已登记（四落实未完成）";
	case ST_HAZARD_PLANNED: return "四落实已完成，整改中";
	case ST_HAZARD_RECTIFIED: return "企业已整改，待验收销号";
	case ST_HAZARD_CLOSED: return "已销号";
	case ST_HAZARD_VOIDED: return "已作废";
	}
	return "";
}

/* begin a lifecycle step on hazard id; 0 with old loaded, else the status */
static int hazard_begin(struct op *o, sqlite3 *db, const char *id, const char *name,
			const struct st_change *ch, struct st_record_result *res, char ***old,
			const char **values)
{
	if (op_begin(o, db, ST_HAZARD, name, ch, res) || load_for_change(o, id, old))
		return -1;
	for (int i = 0; i < o->info->ncols; i++)
		values[i] = (*old)[i];
	if (st_hazard_state((const char *const *)*old) == ST_HAZARD_VOIDED) {
		add_error(res, ST_RECORD_INVALID, NULL, ST_MSG_HAZARD_VOIDED, id);
		return -1;
	}
	return 0;
}

static int hazard_fail(struct op *o, char **old)
{
	st_values_free(old, o->info->ncols);
	return op_end(o, NULL);
}

int st_hazard_rectify(sqlite3 *db, const char *id, const char *date, const char *note,
		      const struct st_change *ch, struct st_record_result *res)
{
	const char *values[ST_MAX_COLS] = { 0 };
	int changed[ST_MAX_COLS] = { 0 };
	char **old = NULL, today[16];
	struct op o;

	if (hazard_begin(&o, db, id, "hazard rectify", ch, res, &old, values))
		return hazard_fail(&o, old);
	const int cr = ST_COL_HAZARD_rectified, cn = ST_COL_HAZARD_rectification;
	const int cc = ST_COL_HAZARD_closed;
	if (old[cc])
		add_error(res, ST_RECORD_INVALID, NULL, ST_MSG_HAZARD_CLOSED, id, old[cc]);
	if (!note || !*note)
		add_error(res, ST_RECORD_INVALID, o.info->cols[cn].name, ST_MSG_RECTIFY_NEEDS_NOTE);
	if (res->status != ST_RECORD_OK)
		return hazard_fail(&o, old);
	values[cr] = date ? date : st_date_format(o.today, today);
	values[cn] = note;
	changed[cr] = changed[cn] = 1;
	return finish_change(&o, old, values, changed);
}

int st_hazard_close(sqlite3 *db, const char *id, const char *date, const char *verified_by,
		    const struct st_change *ch, struct st_record_result *res)
{
	const char *values[ST_MAX_COLS] = { 0 };
	int changed[ST_MAX_COLS] = { 0 };
	char **old = NULL;
	struct op o;

	if (hazard_begin(&o, db, id, "hazard close", ch, res, &old, values))
		return hazard_fail(&o, old);
	const int cc = ST_COL_HAZARD_closed, cv = ST_COL_HAZARD_verified_by;
	const int cg = ST_COL_HAZARD_grade;
	if (old[cc]) {
		add_error(res, ST_RECORD_INVALID, NULL, ST_MSG_HAZARD_CLOSED, id, old[cc]);
		return hazard_fail(&o, old);
	}
	if (!date || !*date)
		add_error(res, ST_RECORD_INVALID, o.info->cols[cc].name, ST_MSG_REQUIRED);
	if (verified_by && *verified_by)
		values[cv] = verified_by;
	if (old[cg] && !strcmp(old[cg], "major")) {
		char missing[160] = "", missing_en[160] = "";
		for (size_t i = 0; i < ST_HAZARD_FOUR; i++) {
			int c = st_hazard_four[i];
			if (old[c])
				continue;
			snprintf(missing + strlen(missing), sizeof missing - strlen(missing),
				 "%s%s", *missing ? "、" : "", o.info->cols[c].label);
			snprintf(missing_en + strlen(missing_en), sizeof missing_en - strlen(missing_en),
				 "%s%s", *missing_en ? ", " : "", o.info->cols[c].name);
		}
		if (*missing)
			add_error(res, ST_RECORD_INVALID, NULL, ST_MSG_MAJOR_INCOMPLETE, id, missing,
				  missing_en);
		if (!values[cv])
			add_error(res, ST_RECORD_INVALID, o.info->cols[cv].name,
				  ST_MSG_MAJOR_NEEDS_VERIFIER);
	}
	if (res->status != ST_RECORD_OK)
		return hazard_fail(&o, old);
	values[cc] = date;
	changed[cc] = changed[cv] = 1;
	return finish_change(&o, old, values, changed);
}

int st_hazard_reopen(sqlite3 *db, const char *id, const struct st_change *ch,
		     struct st_record_result *res)
{
	const char *values[ST_MAX_COLS] = { 0 };
	int changed[ST_MAX_COLS] = { 0 };
	char **old = NULL;
	struct op o;
	static const int cleared[] = {
		ST_COL_HAZARD_closed, ST_COL_HAZARD_verified_by, ST_COL_HAZARD_rectified,
		ST_COL_HAZARD_rectification
	};

	if (hazard_begin(&o, db, id, "hazard reopen", ch, res, &old, values))
		return hazard_fail(&o, old);
	enum st_hazard_state s = st_hazard_state((const char *const *)old);
	if (s != ST_HAZARD_CLOSED && s != ST_HAZARD_RECTIFIED)
		add_error(res, ST_RECORD_INVALID, NULL, ST_MSG_HAZARD_NOT_DONE, id);
	if (!ch->why || !*ch->why)
		add_error(res, ST_RECORD_INVALID, NULL, ST_MSG_REOPEN_NEEDS_REASON);
	if (res->status != ST_RECORD_OK)
		return hazard_fail(&o, old);
	for (size_t i = 0; i < sizeof cleared / sizeof *cleared; i++) {
		int c = cleared[i];
		values[c] = NULL;
		changed[c] = 1;
	}
	return finish_change(&o, old, values, changed);
}

/* ---- history ---- */

struct hist {
	int ncols;
	char **prev;           /* the version before, to compare */
	char changed[ST_MAX_COLS * 24];
};

static int emit(const struct st_kind_info *k, struct hist *h, const char *at, const char *who,
		const char *why, const char *command, const char *const *values,
		st_version_fn fn, void *ctx, struct st_diag *diag)
{
	size_t n = 0;
	struct st_version v = { at, who, why, command, h->changed, values };

	h->changed[0] = '\0';
	if (h->prev) {
		for (int i = 0; i < k->ncols; i++) {
			const char *a = h->prev[i], *b = values[i];
			if ((!a) != (!b) || (a && strcmp(a, b)))
				n += (size_t)snprintf(h->changed + n, sizeof h->changed - n, "%s%s",
						      n ? " " : "", k->cols[i].name);
		}
	} else {
		h->prev = calloc((size_t)k->ncols, sizeof *h->prev);
		if (!h->prev)
			return st_diag_add(diag, "内存不足");
	}
	for (int i = 0; i < k->ncols; i++) {
		free(h->prev[i]);
		h->prev[i] = values[i] ? strdup(values[i]) : NULL;
	}
	return fn(ctx, &v);
}

int st_record_history(sqlite3 *db, enum st_kind kind, const char *id, st_version_fn fn,
		      void *ctx, struct st_diag *diag)
{
	const struct st_kind_info *k = st_kind_info(kind);
	struct hist h = { k->ncols, NULL, "" };
	sqlite3_stmt *st = NULL, *cr = NULL;
	sqlite3_str *s = sqlite3_str_new(db);
	char *sql, **cur = NULL;
	char *pat = NULL, *pwho = NULL, *pwhy = NULL, *pcmd = NULL;
	int n = 0, rc, stop = 0, ok = 0;

	/* old versions, oldest first: each row's own who/when/why is the change
	 * that replaced it, so the row before it says who made it */
	sqlite3_str_appendall(s, "SELECT at, who, why, command, action");
	for (int i = 0; i < k->ncols; i++)
		sqlite3_str_appendf(s, ", json_extract(old, '$.\"%w\"')", k->cols[i].name);
	sqlite3_str_appendall(s, " FROM history WHERE tbl = ?1 AND id = ?2 ORDER BY seq");
	if (!(sql = sqlite3_str_finish(s)))
		return st_diag_add(diag, "内存不足");
	rc = sqlite3_prepare_v2(db, sql, -1, &st, NULL);
	sqlite3_free(sql);
	if (rc != SQLITE_OK ||
	    sqlite3_prepare_v2(db, "SELECT at, who, why, command FROM created WHERE tbl = ?1 AND id = ?2",
			       -1, &cr, NULL) != SQLITE_OK) {
		st_diag_add(diag, "数据库错误: %s", st_store_errmsg(db));
		goto out;
	}
	sqlite3_bind_text(st, 1, k->table, -1, SQLITE_STATIC);
	sqlite3_bind_text(st, 2, id, -1, SQLITE_STATIC);
	sqlite3_bind_text(cr, 1, k->table, -1, SQLITE_STATIC);
	sqlite3_bind_text(cr, 2, id, -1, SQLITE_STATIC);
#define DUP(i, stmt) (sqlite3_column_text(stmt, i) ? strdup((const char *)sqlite3_column_text(stmt, i)) : NULL)
	if ((rc = sqlite3_step(cr)) == SQLITE_ROW) {
		pat = DUP(0, cr), pwho = DUP(1, cr), pwhy = DUP(2, cr), pcmd = DUP(3, cr);
	} else if (rc != SQLITE_DONE) {
		st_diag_add(diag, "数据库错误: %s", st_store_errmsg(db));
		goto out;
	}
	while (!stop && (rc = sqlite3_step(st)) == SQLITE_ROW) {
		const char *vals[ST_MAX_COLS];
		for (int i = 0; i < k->ncols; i++)
			vals[i] = (const char *)sqlite3_column_text(st, 5 + i);
		n++;
		if (emit(k, &h, pat, pwho, pwhy, pcmd, vals, fn, ctx, diag))
			stop = 1;
		free(pat), free(pwho), free(pwhy), free(pcmd);
		pat = DUP(0, st), pwho = DUP(1, st), pwhy = DUP(2, st), pcmd = DUP(3, st);
	}
#undef DUP
	if (!stop && rc != SQLITE_DONE) {
		st_diag_add(diag, "数据库错误: %s", st_store_errmsg(db));
		goto out;
	}
	if (!stop) {
		rc = st_record_load(db, kind, id, &cur, diag);
		if (rc < 0)
			goto out;
		if (rc == 0) {
			n++;
			emit(k, &h, pat, pwho, pwhy, pcmd, (const char *const *)cur, fn, ctx, diag);
		} else if (n) {
			/* deleted: a last version with no values */
			const char *none[ST_MAX_COLS] = { 0 };
			n++;
			emit(k, &h, pat, pwho, pwhy, pcmd, none, fn, ctx, diag);
		}
	}
	ok = 1;
out:
	st_values_free(cur, k->ncols);
	st_values_free(h.prev, k->ncols);
	free(pat), free(pwho), free(pwhy), free(pcmd);
	sqlite3_finalize(st);
	sqlite3_finalize(cr);
	return ok ? n : -1;
}

/* ---- names ---- */

/* up to five "ID  NAME" lines of the rows of st (id, name) */
static int candidates(sqlite3_stmt *st, struct st_diag *diag, int *n)
{
	int rc;

	*n = 0;
	while ((rc = sqlite3_step(st)) == SQLITE_ROW) {
		if (++*n <= 5)
			st_diag_add(diag, "  %s  %s", (const char *)sqlite3_column_text(st, 0),
				    (const char *)sqlite3_column_text(st, 1));
	}
	return rc == SQLITE_DONE ? 0 : -1;
}

/* the number of two-character pieces of text that name contains */
static int shared_pairs(const char *text, const char *name)
{
	int n = 0;

	for (const char *p = text; *p;) {
		size_t a = 1, b = 1;
		while ((p[a] & 0xC0) == 0x80)
			a++;
		if (!p[a])
			break;
		while ((p[a + b] & 0xC0) == 0x80)
			b++;
		char pair[16];
		if (a + b < sizeof pair) {
			memcpy(pair, p, a + b);
			pair[a + b] = '\0';
			n += strstr(name, pair) != NULL;
		}
		p += a;
	}
	return n;
}

/* up to five records whose names share most two-character pieces with
 * text, as "  ID  NAME" lines under "可能是：" */
static int similar(sqlite3 *db, const struct st_kind_info *k, const char *text,
		   struct st_diag *diag)
{
	struct { char id[64], name[192]; int score; } best[5];
	sqlite3_stmt *st = NULL;
	char *sql = sqlite3_mprintf("SELECT id, name FROM \"%w\" ORDER BY id", k->table);
	int nbest = 0, rc;

	if (!sql || sqlite3_prepare_v2(db, sql, -1, &st, NULL) != SQLITE_OK) {
		sqlite3_free(sql);
		return -1;
	}
	sqlite3_free(sql);
	while ((rc = sqlite3_step(st)) == SQLITE_ROW) {
		const char *id = (const char *)sqlite3_column_text(st, 0);
		const char *name = (const char *)sqlite3_column_text(st, 1);
		int score = shared_pairs(text, name), at = nbest;
		if (score == 0)
			continue;
		while (at > 0 && best[at - 1].score < score)
			at--;
		if (at >= 5)
			continue;
		if (nbest < 5)
			nbest++;
		memmove(&best[at + 1], &best[at], (size_t)(nbest - 1 - at) * sizeof best[0]);
		snprintf(best[at].id, sizeof best[at].id, "%s", id);
		snprintf(best[at].name, sizeof best[at].name, "%s", name);
		best[at].score = score;
	}
	sqlite3_finalize(st);
	if (rc != SQLITE_DONE)
		return -1;
	if (nbest)
		st_diag_msg(diag, ST_MSG_NAME_SIMILAR);
	for (int i = 0; i < nbest; i++)
		st_diag_add(diag, "  %s  %s", best[i].id, best[i].name);
	return 0;
}

/* prepare sql (freed here) with text bound as ?1; 0 or -1 */
static int lookup(sqlite3 *db, char *sql, const char *text, sqlite3_stmt **st)
{
	int rc = sql ? sqlite3_prepare_v2(db, sql, -1, st, NULL) : SQLITE_NOMEM;

	sqlite3_free(sql);
	if (rc != SQLITE_OK)
		return -1;
	sqlite3_bind_text(*st, 1, text, -1, SQLITE_STATIC);
	return 0;
}

int st_record_resolve(sqlite3 *db, enum st_kind kind, const char *text, char **id,
		      struct st_diag *diag)
{
	const struct st_kind_info *k = st_kind_info(kind);
	sqlite3_stmt *st = NULL;
	int rc, n = 0, named = kind == ST_ENTERPRISE || kind == ST_PARK;

	*id = NULL;
	if (!text || !*text) {
		st_diag_msg(diag, ST_MSG_NAME_MISSING, k->label, k->singular);
		return 1;
	}
	/* the id exactly as typed first: what forms and the API send, found
	 * through the primary key (a name is found by reading every row:
	 * 20,000 enterprises made each web write take milliseconds) */
	if (lookup(db, sqlite3_mprintf("SELECT id FROM \"%w\" WHERE id = ?1", k->table), text, &st))
		goto failed;
	if ((rc = sqlite3_step(st)) == SQLITE_ROW) {
		*id = strdup((const char *)sqlite3_column_text(st, 0));
		sqlite3_finalize(st);
		return *id ? 0 : st_diag_add(diag, "内存不足");
	}
	sqlite3_finalize(st);
	st = NULL;
	if (rc != SQLITE_DONE)
		goto failed;
	/* the id as typed, or an enterprise code in any letter case; then the
	 * full name; then a fragment of the name */
	if (lookup(db, sqlite3_mprintf(named ? "SELECT id, name FROM \"%w\" WHERE id = ?1 OR id = upper(?1)"
						" UNION SELECT id, name FROM \"%w\" WHERE name = ?1"
						" ORDER BY 1" :
						"SELECT id, id FROM \"%w\" WHERE id = ?1",
			       k->table, k->table), text, &st))
		goto failed;
	if ((rc = sqlite3_step(st)) == SQLITE_ROW) {
		*id = strdup((const char *)sqlite3_column_text(st, 0));
		/* two enterprises cannot share a code, but two may share a name */
		if (sqlite3_step(st) == SQLITE_ROW) {
			free(*id);
			*id = NULL;
			sqlite3_reset(st);
			st_diag_msg(diag, ST_MSG_NAME_SHARED, k->label, k->singular, text);
			if (candidates(st, diag, &n))
				goto failed;
			sqlite3_finalize(st);
			return 2;
		}
		sqlite3_finalize(st);
		return *id ? 0 : st_diag_add(diag, "内存不足");
	}
	if (rc != SQLITE_DONE)
		goto failed;
	sqlite3_finalize(st);
	st = NULL;
	if (!named) {
		st_diag_msg(diag, ST_MSG_NOT_FOUND, k->label, k->singular, text);
		return 1;
	}
	if (lookup(db, sqlite3_mprintf("SELECT id, name FROM \"%w\" WHERE instr(name, ?1) > 0"
				       " OR instr(id, upper(?1)) > 0 ORDER BY id", k->table), text, &st))
		goto failed;
	if ((rc = sqlite3_step(st)) == SQLITE_ROW) {
		*id = strdup((const char *)sqlite3_column_text(st, 0));
		if (sqlite3_step(st) != SQLITE_ROW) {
			sqlite3_finalize(st);
			return *id ? 0 : st_diag_add(diag, "内存不足");
		}
		free(*id);
		*id = NULL;
		sqlite3_reset(st);
		st_diag_msg(diag, ST_MSG_NAME_AMBIGUOUS, text, k->label, k->singular);
		if (candidates(st, diag, &n))
			goto failed;
		if (n > 5)
			st_diag_msg(diag, ST_MSG_NAME_COUNT, n);
		rc = 2;
	} else if (rc == SQLITE_DONE) {
		st_diag_msg(diag, ST_MSG_NAME_UNKNOWN, k->label, k->singular, text);
		if (similar(db, k, text, diag))
			goto failed;
		rc = 1;
	} else {
		goto failed;
	}
	sqlite3_finalize(st);
	st_diag_msg(diag, ST_MSG_NAME_LIST, k->label, k->singular, k->table);
	return rc;
failed:
	st_diag_add(diag, "数据库错误: %s", st_store_errmsg(db));
	sqlite3_finalize(st);
	return -1;
}
