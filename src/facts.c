/*
 * facts.c — build one subject's facts document from the store (st_facts.h).
 *
 * Each record kind is described once in `kinds[]`: its table, the element it
 * becomes, its own date, and which of its other columns are event dates.
 * The "as of" reduction happens here, so that the evaluator stays pure and
 * a past date reproduces what was knowable then:
 *   - own date after as-of: the record is left out;
 *   - an event date after as-of: the attribute is left out (read as empty).
 * Scheduled dates — a hazard's deadline, an evaluation's rectification
 * deadline, a certificate's expiry, equipment's next test — are set in
 * advance and lie in the future by nature, so they are kept: dropping them
 * would make every pending deadline look missing.  (The catalogue's field
 * rule speaks of dates at which something happened; this is how we read it.)
 *
 * Statements are prepared once per reader and reused for every subject; the
 * queries are index lookups on the reference columns.
 */
#include "st_facts.h"

#include <stdlib.h>
#include <string.h>

enum { K_PARK, K_ENTERPRISE, K_INSPECTION, K_HAZARD, K_EVALUATION, K_PROJECT,
       K_WORKER, K_CERTIFICATE, K_EQUIPMENT, K_ACCIDENT, K_LETTER, K_MEETING,
       K_DRILL, K_PARTICIPANT, K__COUNT };

struct kind {
	const char *element;
	const char *sql;           /* one bound parameter: the subject's id */
	const char *own_date;      /* NULL: the record always exists */
	const char *events[7];     /* other event-date columns, NULL-terminated */
};

static const struct kind kinds[K__COUNT] = {
	[K_PARK] = { "park", "SELECT * FROM parks WHERE id = ?1", NULL,
		     { "established", "plan_signed", "plan_filed" } },
	[K_ENTERPRISE] = { "enterprise", "SELECT * FROM enterprises WHERE id = ?1", NULL,
			   { "operating_since" } },
	[K_INSPECTION] = { "inspection",
			   "SELECT * FROM inspections WHERE enterprise = ?1 ORDER BY id",
			   "date", { NULL } },
	[K_HAZARD] = { "hazard", "SELECT * FROM hazards WHERE enterprise = ?1 ORDER BY id",
		       "found", { "closed" } },
	[K_EVALUATION] = { "evaluation",
			   "SELECT * FROM evaluations WHERE enterprise = ?1 ORDER BY id",
			   "date", { "rectified" } },
	[K_PROJECT] = { "project", "SELECT * FROM projects WHERE enterprise = ?1 ORDER BY id",
			NULL, { "design_approved", "construction_start", "contractor_letter",
				"pre_evaluation_filed", "accepted", "production_start" } },
	[K_WORKER] = { "worker", "SELECT * FROM workers WHERE enterprise = ?1 ORDER BY id",
		       "hired", { "level1", "level2", "level3", "assigned" } },
	[K_CERTIFICATE] = { "certificate",
			    "SELECT * FROM certificates WHERE enterprise = ?1 ORDER BY id",
			    "issued", { NULL } },
	[K_EQUIPMENT] = { "equipment",
			  "SELECT * FROM equipment WHERE enterprise = ?1 ORDER BY id",
			  NULL, { "last_test" } },
	[K_ACCIDENT] = { "accident", "SELECT * FROM accidents WHERE enterprise = ?1 ORDER BY id",
			 "occurred", { "reported", "form_filed", "investigation_closed" } },
	[K_LETTER] = { "letter", "SELECT * FROM letters WHERE enterprise = ?1 ORDER BY id",
		       "signed", { NULL } },
	[K_MEETING] = { "meeting", "SELECT * FROM meetings WHERE park = ?1 ORDER BY id",
			"date", { NULL } },
	/* a park's drills; an enterprise's facts get only the drills it took part in */
	[K_DRILL] = { "drill", "SELECT * FROM drills WHERE park = ?1 ORDER BY id",
		      "date", { NULL } },
	[K_PARTICIPANT] = { "participant",
			    "SELECT p.drill, p.enterprise FROM drill_participants p "
			    "JOIN drills d ON d.id = p.drill WHERE d.park = ?1 "
			    "ORDER BY p.drill, p.pos", NULL, { NULL } },
};

/* the enterprise's own drills, with itself as the only participant listed */
static const char enterprise_drills_sql[] =
	"SELECT d.* FROM drills d JOIN drill_participants p ON p.drill = d.id "
	"WHERE p.enterprise = ?1 ORDER BY d.id";
/* the park's enterprises, without their records */
static const char park_enterprises_sql[] = "SELECT * FROM enterprises WHERE park = ?1 ORDER BY id";

struct st_facts_reader {
	sqlite3 *db;
	sqlite3_stmt *stmt[K__COUNT];
	sqlite3_stmt *enterprise_drills, *park_enterprises;
};

static int prepare(sqlite3 *db, const char *sql, sqlite3_stmt **out, struct st_diag *diag)
{
	if (sqlite3_prepare_v3(db, sql, -1, SQLITE_PREPARE_PERSISTENT, out, NULL) != SQLITE_OK)
		return st_diag_add(diag, "数据库结构不符（%s）：%s", sql, sqlite3_errmsg(db));
	return 0;
}

int st_facts_reader_new(sqlite3 *db, struct st_facts_reader **out, struct st_diag *diag)
{
	struct st_facts_reader *r = calloc(1, sizeof *r);
	int rc = 0;

	if (!r)
		return st_diag_add(diag, "内存不足");
	r->db = db;
	for (int k = 0; k < K__COUNT && rc == 0; k++)
		rc = prepare(db, kinds[k].sql, &r->stmt[k], diag);
	if (rc == 0)
		rc = prepare(db, enterprise_drills_sql, &r->enterprise_drills, diag);
	if (rc == 0)
		rc = prepare(db, park_enterprises_sql, &r->park_enterprises, diag);
	if (rc != 0) {
		st_facts_reader_free(r);
		return -1;
	}
	*out = r;
	return 0;
}

void st_facts_reader_free(struct st_facts_reader *r)
{
	if (!r)
		return;
	for (int k = 0; k < K__COUNT; k++)
		sqlite3_finalize(r->stmt[k]);
	sqlite3_finalize(r->enterprise_drills);
	sqlite3_finalize(r->park_enterprises);
	free(r);
}

/* the day of a stored date or time, or ST_DAY_NONE */
static st_day value_day(const char *v)
{
	st_day d;
	st_minute t;

	if (st_date_parse_iso(v, &d) == 0)
		return d;
	if (st_time_parse(v, &t) == 0)
		return st_time_day(t);
	return ST_DAY_NONE;
}

static int is_event_column(const struct kind *k, const char *col)
{
	for (int i = 0; i < 7 && k->events[i]; i++)
		if (strcmp(k->events[i], col) == 0)
			return 1;
	return 0;
}

/* Append one element per row of the statement `s` (bound, not yet stepped)
 * under parent.  Returns the number of rows added, or -1 on error. */
static int add_rows(struct st_facts_reader *r, sqlite3_stmt *s, const struct kind *k,
		    xmlNodePtr parent, st_day as_of, struct st_diag *diag)
{
	int n = 0, step, ncol = sqlite3_column_count(s);

	while ((step = sqlite3_step(s)) == SQLITE_ROW) {
		if (k->own_date) {
			for (int c = 0; c < ncol; c++) {
				const char *v = (const char *)sqlite3_column_text(s, c);
				if (v && strcmp(sqlite3_column_name(s, c), k->own_date) == 0 &&
				    value_day(v) > as_of)
					goto next;
			}
		}
		xmlNodePtr e = xmlNewChild(parent, NULL, BAD_CAST k->element, NULL);
		if (!e)
			goto oom;
		for (int c = 0; c < ncol; c++) {
			const char *v = (const char *)sqlite3_column_text(s, c);
			const char *col = sqlite3_column_name(s, c);
			if (!v || !*v)
				continue;
			if (is_event_column(k, col) && value_day(v) > as_of)
				continue;
			if (!xmlNewProp(e, BAD_CAST col, BAD_CAST v))
				goto oom;
		}
		n++;
next:;
	}
	if (step != SQLITE_DONE) {
		st_diag_add(diag, "读取 %s 失败：%s", k->element, sqlite3_errmsg(r->db));
		return -1;
	}
	return n;
oom:
	st_diag_add(diag, "内存不足");
	return -1;
}

static int query(struct st_facts_reader *r, sqlite3_stmt *s, const struct kind *k,
		 const char *id, xmlNodePtr parent, st_day as_of, struct st_diag *diag)
{
	int n;

	sqlite3_reset(s);
	if (sqlite3_bind_text(s, 1, id, -1, SQLITE_STATIC) != SQLITE_OK)
		return st_diag_add(diag, "数据库错误：%s", sqlite3_errmsg(r->db));
	n = add_rows(r, s, k, parent, as_of, diag);
	sqlite3_reset(s);
	sqlite3_clear_bindings(s);
	return n;
}

static xmlNodePtr find_by_id(xmlNodePtr parent, const char *element, const char *id)
{
	for (xmlNodePtr c = parent->children; c; c = c->next) {
		if (c->type != XML_ELEMENT_NODE || strcmp((const char *)c->name, element))
			continue;
		xmlChar *v = xmlGetProp(c, BAD_CAST "id");
		int same = v && strcmp((const char *)v, id) == 0;
		xmlFree(v);
		if (same)
			return c;
	}
	return NULL;
}

/* Move each <certificate> under the <worker> it names (certificate/@worker);
 * rules then reach a worker's certificates as its children. */
static void nest_certificates(xmlNodePtr ent)
{
	xmlNodePtr c = ent->children, next;

	for (; c; c = next) {
		next = c->next;
		if (c->type != XML_ELEMENT_NODE || strcmp((const char *)c->name, "certificate"))
			continue;
		xmlChar *w = xmlGetProp(c, BAD_CAST "worker");
		xmlNodePtr worker = w ? find_by_id(ent, "worker", (const char *)w) : NULL;
		xmlFree(w);
		xmlUnlinkNode(c);
		if (worker)
			xmlAddChild(worker, c);
		else
			xmlFreeNode(c);   /* its worker was hired after as-of */
	}
}

/* give each <drill> under parent its <participant> children */
static int add_participants(struct st_facts_reader *r, xmlNodePtr parent, const char *park,
			    struct st_diag *diag)
{
	sqlite3_stmt *s = r->stmt[K_PARTICIPANT];
	xmlNodePtr drill = NULL;
	int step;

	sqlite3_reset(s);
	sqlite3_bind_text(s, 1, park, -1, SQLITE_STATIC);
	while ((step = sqlite3_step(s)) == SQLITE_ROW) {
		const char *d = (const char *)sqlite3_column_text(s, 0);
		const char *e = (const char *)sqlite3_column_text(s, 1);
		xmlChar *cur = drill ? xmlGetProp(drill, BAD_CAST "id") : NULL;
		if (!cur || strcmp((const char *)cur, d))
			drill = find_by_id(parent, "drill", d);
		xmlFree(cur);
		if (drill && !xmlNewTextChild(drill, NULL, BAD_CAST "participant", BAD_CAST e)) {
			sqlite3_reset(s);
			return st_diag_add(diag, "内存不足");
		}
	}
	sqlite3_reset(s);
	if (step != SQLITE_DONE)
		return st_diag_add(diag, "读取演练参加单位失败：%s", sqlite3_errmsg(r->db));
	return 0;
}

int st_facts_build(struct st_facts_reader *r, enum st_scope kind, const char *id, st_day as_of,
		   xmlDocPtr *out, struct st_diag *diag)
{
	static const int enterprise_records[] = { K_INSPECTION, K_HAZARD, K_EVALUATION, K_PROJECT,
						  K_WORKER, K_CERTIFICATE, K_EQUIPMENT,
						  K_ACCIDENT, K_LETTER };
	xmlDocPtr doc = xmlNewDoc(BAD_CAST "1.0");
	xmlNodePtr root = doc ? xmlNewDocNode(doc, NULL, BAD_CAST "facts", NULL) : NULL;
	char day[11];
	int n;

	if (!root) {
		xmlFreeDoc(doc);
		return st_diag_add(diag, "内存不足");
	}
	xmlDocSetRootElement(doc, root);
	xmlNewProp(root, BAD_CAST "as-of", BAD_CAST st_date_format(as_of, day));

	int subject_kind = kind == ST_SCOPE_PARK ? K_PARK : K_ENTERPRISE;
	n = query(r, r->stmt[subject_kind], &kinds[subject_kind], id, root, as_of, diag);
	if (n <= 0) {
		xmlFreeDoc(doc);
		return n == 0 ? 1 : -1;
	}
	xmlNodePtr subject = xmlGetLastChild(root);

	if (kind == ST_SCOPE_PARK) {
		if (query(r, r->park_enterprises, &kinds[K_ENTERPRISE], id, subject, as_of, diag) < 0 ||
		    query(r, r->stmt[K_MEETING], &kinds[K_MEETING], id, subject, as_of, diag) < 0 ||
		    query(r, r->stmt[K_DRILL], &kinds[K_DRILL], id, subject, as_of, diag) < 0 ||
		    add_participants(r, subject, id, diag) < 0)
			goto fail;
	} else {
		for (size_t i = 0; i < sizeof enterprise_records / sizeof *enterprise_records; i++) {
			int k = enterprise_records[i];
			if (query(r, r->stmt[k], &kinds[k], id, subject, as_of, diag) < 0)
				goto fail;
		}
		nest_certificates(subject);
		if (query(r, r->enterprise_drills, &kinds[K_DRILL], id, subject, as_of, diag) < 0)
			goto fail;
		for (xmlNodePtr c = subject->children; c; c = c->next)
			if (c->type == XML_ELEMENT_NODE && !strcmp((const char *)c->name, "drill") &&
			    !xmlNewTextChild(c, NULL, BAD_CAST "participant", BAD_CAST id)) {
				st_diag_add(diag, "内存不足");
				goto fail;
			}
	}
	*out = doc;
	return 0;
fail:
	xmlFreeDoc(doc);
	return -1;
}
