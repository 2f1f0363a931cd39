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
 * Revision 2: a record voided on or before as-of must be absent for the
 * rules, one voided later counts fully, so that a past date reproduces what
 * was known then.  Since the facts of several dates are built once at the
 * latest and restricted (st_facts_restrict), a record voided in between
 * must come back at the earlier dates: so it is kept under another element
 * name, "voided-hazard" for a hazard, which no rule selects, with its
 * `voided` attribute; restricting to a day before that date renames it back.
 * The void columns never reach the rules otherwise.
 *
 * Statements are prepared once per reader and reused for every subject; the
 * queries are index lookups on the reference columns.
 */
#include "st_store.h"
#include "st_facts.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#define VOIDED_PREFIX "voided-"

enum { K_PARK, K_ENTERPRISE, K_INSPECTION, K_HAZARD, K_EVALUATION, K_PROJECT,
       K_WORKER, K_CERTIFICATE, K_EQUIPMENT, K_ACCIDENT, K_LETTER, K_MEETING,
       K_DRILL, K_PARTICIPANT, K_LICENCE, K_WAIVER, K__COUNT };

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
	/* revision 2: a licence's expiry is scheduled; so is a waiver's */
	[K_LICENCE] = { "licence", "SELECT * FROM licences WHERE enterprise = ?1 ORDER BY id",
			"issued", { "renewal_applied" } },
	/* the waivers of the subject (park or enterprise); st_eval applies them */
	[K_WAIVER] = { "waiver", "SELECT * FROM waivers WHERE subject = ?1 ORDER BY id",
		       "approved", { NULL } },
};

/* the enterprise's own drills, with itself as the only participant listed */
static const char enterprise_drills_sql[] =
	"SELECT d.* FROM drills d JOIN drill_participants p ON p.drill = d.id "
	"WHERE p.enterprise = ?1 ORDER BY d.id";
/* the park's enterprises, without their records */
static const char park_enterprises_sql[] = "SELECT * FROM enterprises WHERE park = ?1 ORDER BY id";

/* a prepared query and what each of its columns is, worked out once */
struct query {
	sqlite3_stmt *stmt;
	const struct kind *kind;
	int ncol;
	int own;                   /* column of the own date, or -1 */
	int voided;                /* column "voided", or -1 (parks, enterprises) */
	const xmlChar **name;      /* column names, from the reader's dictionary */
	unsigned char *event;      /* 1: an event date, dropped when after as-of */
	unsigned char *skip;       /* 1: a column that never becomes an attribute */
	const xmlChar *element;         /* "hazard", from the dictionary */
	const xmlChar *voided_element;  /* "voided-hazard" */
	const xmlChar *voided_attr;     /* "voided" */
};

enum { Q_ENTERPRISE_DRILLS = K__COUNT, Q_PARK_ENTERPRISES, Q__COUNT };

struct st_facts_reader {
	sqlite3 *db;
	xmlDictPtr dict;           /* element and attribute names, shared by every document */
	struct query q[Q__COUNT];
};

static int is_event_column(const struct kind *k, const char *col)
{
	for (int i = 0; i < 7 && k->events[i]; i++)
		if (strcmp(k->events[i], col) == 0)
			return 1;
	return 0;
}

static int prepare(struct st_facts_reader *r, struct query *q, const char *sql,
		   const struct kind *k, struct st_diag *diag)
{
	if (sqlite3_prepare_v3(r->db, sql, -1, SQLITE_PREPARE_PERSISTENT, &q->stmt, NULL) !=
	    SQLITE_OK)
		return st_diag_add(diag, "数据库结构不符（%s）：%s", sql, st_store_errmsg(r->db));
	q->kind = k;
	q->own = -1;
	q->voided = -1;
	q->ncol = sqlite3_column_count(q->stmt);
	q->name = calloc((size_t)q->ncol + 1, sizeof *q->name);
	q->event = calloc((size_t)q->ncol + 1, 1);
	q->skip = calloc((size_t)q->ncol + 1, 1);
	if (!q->name || !q->event || !q->skip)
		return st_diag_add(diag, "内存不足");
	char vname[64];
	snprintf(vname, sizeof vname, "%s%s", VOIDED_PREFIX, k->element);
	if (!(q->voided_element = xmlDictLookup(r->dict, BAD_CAST vname, -1)) ||
	    !(q->element = xmlDictLookup(r->dict, BAD_CAST k->element, -1)) ||
	    !(q->voided_attr = xmlDictLookup(r->dict, BAD_CAST "voided", -1)))
		return st_diag_add(diag, "内存不足");
	for (int c = 0; c < q->ncol; c++) {
		const char *col = sqlite3_column_name(q->stmt, c);
		if (!(q->name[c] = xmlDictLookup(r->dict, BAD_CAST col, -1)))
			return st_diag_add(diag, "内存不足");
		q->event[c] = (unsigned char)is_event_column(k, col);
		if (k->own_date && !strcmp(col, k->own_date))
			q->own = c;
		if (!strcmp(col, "voided"))
			q->voided = c, q->skip[c] = 1;
		if (!strcmp(col, "void_reason"))
			q->skip[c] = 1;
	}
	return 0;
}

int st_facts_reader_new(sqlite3 *db, struct st_facts_reader **out, struct st_diag *diag)
{
	struct st_facts_reader *r = calloc(1, sizeof *r);
	int rc = 0;

	if (!r || !(r->dict = xmlDictCreate())) {
		free(r);
		return st_diag_add(diag, "内存不足");
	}
	r->db = db;
	for (int k = 0; k < K__COUNT && rc == 0; k++)
		rc = prepare(r, &r->q[k], kinds[k].sql, &kinds[k], diag);
	if (rc == 0)
		rc = prepare(r, &r->q[Q_ENTERPRISE_DRILLS], enterprise_drills_sql, &kinds[K_DRILL],
			     diag);
	if (rc == 0)
		rc = prepare(r, &r->q[Q_PARK_ENTERPRISES], park_enterprises_sql,
			     &kinds[K_ENTERPRISE], diag);
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
	for (int k = 0; k < Q__COUNT; k++) {
		sqlite3_finalize(r->q[k].stmt);
		free(r->q[k].name);
		free(r->q[k].event);
		free(r->q[k].skip);
	}
	xmlDictFree(r->dict);
	free(r);
}


/* a new attribute named by a string of the document's dictionary: the
 * "EatName" form takes the name as it is, where xmlNewProp would look it
 * up in the dictionary again for every attribute of every record */
static xmlAttrPtr new_attr(xmlNodePtr e, const xmlChar *dict_name, const char *value)
{
	return xmlNewNsPropEatName(e, NULL, (xmlChar *)dict_name, BAD_CAST value);
}

/* Append one element per row of q (bound, not yet stepped) under parent.
 * Returns the number of rows added, or -1 on error. */
static int add_rows(struct st_facts_reader *r, struct query *q, xmlNodePtr parent, st_day as_of,
		    struct st_diag *diag)
{
	sqlite3_stmt *s = q->stmt;
	int n = 0, step;

	while ((step = sqlite3_step(s)) == SQLITE_ROW) {
		const char *own = q->own >= 0 ? (const char *)sqlite3_column_text(s, q->own) : NULL;
		if (own && st_day_of_value(own) > as_of)
			continue;
		const char *voided = q->voided >= 0 ?
			(const char *)sqlite3_column_text(s, q->voided) : NULL;
		int gone = voided && st_day_of_value(voided) <= as_of;
		/* names from the dictionary, taken as they are (see new_attr) */
		xmlNodePtr e = xmlNewDocNodeEatName(parent->doc, NULL,
						    (xmlChar *)(gone ? q->voided_element :
								       q->element), NULL);
		if (!e)
			goto oom;
		xmlAddChild(parent, e);
		if (gone && !new_attr(e, q->voided_attr, voided))
			goto oom;
		for (int c = 0; c < q->ncol; c++) {
			if (q->skip[c])
				continue;
			const char *v = (const char *)sqlite3_column_text(s, c);
			if (!v || !*v || (q->event[c] && st_day_of_value(v) > as_of))
				continue;
			if (!new_attr(e, q->name[c], v))
				goto oom;
		}
		n += !gone;
	}
	if (step != SQLITE_DONE) {
		st_diag_add(diag, "读取 %s 失败：%s", q->kind->element, st_store_errmsg(r->db));
		return -1;
	}
	return n;
oom:
	st_diag_add(diag, "内存不足");
	return -1;
}

static int query(struct st_facts_reader *r, struct query *q, const char *id, xmlNodePtr parent,
		 st_day as_of, struct st_diag *diag)
{
	int n;

	sqlite3_reset(q->stmt);
	if (sqlite3_bind_text(q->stmt, 1, id, -1, SQLITE_STATIC) != SQLITE_OK)
		return st_diag_add(diag, "数据库错误：%s", st_store_errmsg(r->db));
	n = add_rows(r, q, parent, as_of, diag);
	sqlite3_reset(q->stmt);
	sqlite3_clear_bindings(q->stmt);
	return n;
}

const char *st_facts_attr(xmlNodePtr n, const char *name)
{
	for (xmlAttrPtr a = n ? n->properties : NULL; a; a = a->next)
		if (!strcmp((const char *)a->name, name))
			return a->children && a->children->content ?
				       (const char *)a->children->content : "";
	return NULL;
}


/* is n an element `name`, or a voided one ("voided-name")? */
static int is_record(xmlNodePtr n, const char *name)
{
	const char *e = (const char *)n->name;

	if (n->type != XML_ELEMENT_NODE)
		return 0;
	if (!strncmp(e, VOIDED_PREFIX, sizeof VOIDED_PREFIX - 1))
		e += sizeof VOIDED_PREFIX - 1;
	return !strcmp(e, name);
}

static xmlNodePtr find_by_id(xmlNodePtr parent, const char *element, const char *id)
{
	for (xmlNodePtr c = parent->children; c; c = c->next) {
		const char *v;
		if (is_record(c, element) && (v = st_facts_attr(c, "id")) && !strcmp(v, id))
			return c;
	}
	return NULL;
}

static int worker_cmp(const void *key, const void *elem)
{
	const char *id = st_facts_attr(*(xmlNodePtr const *)elem, "id");
	return strcmp(key, id ? id : "");
}

/* Move each <certificate> under the <worker> it names (certificate/@worker);
 * rules then reach a worker's certificates as its children.  Workers come
 * in id order, so each certificate finds its worker by binary search. */
static int nest_certificates(xmlNodePtr ent, struct st_diag *diag)
{
	xmlNodePtr *workers = NULL, c, next;
	size_t n = 0, cap = 0;

	for (c = ent->children; c; c = c->next) {
		if (!is_record(c, "worker"))
			continue;
		if (n == cap) {
			xmlNodePtr *w = realloc(workers, (cap = cap ? cap * 2 : 64) * sizeof *w);
			if (!w) {
				free(workers);
				return st_diag_add(diag, "内存不足");
			}
			workers = w;
		}
		workers[n++] = c;
	}
	for (c = ent->children; c; c = next) {
		next = c->next;
		if (!is_record(c, "certificate"))
			continue;
		const char *w = st_facts_attr(c, "worker");
		xmlNodePtr *worker = w && n ? bsearch(w, workers, n, sizeof *workers, worker_cmp) : NULL;
		xmlUnlinkNode(c);
		if (worker)
			xmlAddChild(*worker, c);
		else
			xmlFreeNode(c);   /* its worker was hired after as-of */
	}
	free(workers);
	return 0;
}

/* give each <drill> under parent its <participant> children */
static int add_participants(struct st_facts_reader *r, xmlNodePtr parent, const char *park,
			    struct st_diag *diag)
{
	sqlite3_stmt *s = r->q[K_PARTICIPANT].stmt;
	xmlNodePtr drill = NULL;
	int step;

	sqlite3_reset(s);
	sqlite3_bind_text(s, 1, park, -1, SQLITE_STATIC);
	while ((step = sqlite3_step(s)) == SQLITE_ROW) {
		const char *d = (const char *)sqlite3_column_text(s, 0);
		const char *e = (const char *)sqlite3_column_text(s, 1);
		const char *cur = drill ? st_facts_attr(drill, "id") : NULL;
		if (!cur || strcmp(cur, d))
			drill = find_by_id(parent, "drill", d);
		if (drill && !xmlNewTextChild(drill, NULL, BAD_CAST "participant", BAD_CAST e)) {
			sqlite3_reset(s);
			return st_diag_add(diag, "内存不足");
		}
	}
	sqlite3_reset(s);
	if (step != SQLITE_DONE)
		return st_diag_add(diag, "读取演练参加单位失败：%s", st_store_errmsg(r->db));
	return 0;
}

int st_facts_build(struct st_facts_reader *r, enum st_scope kind, const char *id, st_day as_of,
		   xmlDocPtr *out, struct st_diag *diag)
{
	static const int enterprise_records[] = { K_INSPECTION, K_HAZARD, K_EVALUATION, K_PROJECT,
						  K_WORKER, K_CERTIFICATE, K_EQUIPMENT,
						  K_ACCIDENT, K_LETTER, K_LICENCE, K_WAIVER };
	xmlDocPtr doc = xmlNewDoc(BAD_CAST "1.0");
	xmlNodePtr root = NULL;

	if (doc) {
		/* names come from one dictionary instead of a copy per attribute */
		doc->dict = r->dict;
		xmlDictReference(r->dict);
		root = xmlNewDocNode(doc, NULL, BAD_CAST "facts", NULL);
	}
	char day[11];
	int n;

	if (!root) {
		xmlFreeDoc(doc);
		return st_diag_add(diag, "内存不足");
	}
	xmlDocSetRootElement(doc, root);
	xmlNewProp(root, BAD_CAST "as-of", BAD_CAST st_date_format(as_of, day));

	int subject_kind = kind == ST_SCOPE_PARK ? K_PARK : K_ENTERPRISE;
	n = query(r, &r->q[subject_kind], id, root, as_of, diag);
	if (n <= 0) {
		xmlFreeDoc(doc);
		return n == 0 ? 1 : -1;
	}
	xmlNodePtr subject = xmlGetLastChild(root);

	if (kind == ST_SCOPE_PARK) {
		if (query(r, &r->q[Q_PARK_ENTERPRISES], id, subject, as_of, diag) < 0 ||
		    query(r, &r->q[K_MEETING], id, subject, as_of, diag) < 0 ||
		    query(r, &r->q[K_DRILL], id, subject, as_of, diag) < 0 ||
		    query(r, &r->q[K_WAIVER], id, subject, as_of, diag) < 0 ||
		    add_participants(r, subject, id, diag) < 0)
			goto fail;
	} else {
		for (size_t i = 0; i < sizeof enterprise_records / sizeof *enterprise_records; i++) {
			int k = enterprise_records[i];
			if (query(r, &r->q[k], id, subject, as_of, diag) < 0)
				goto fail;
		}
		if (nest_certificates(subject, diag) != 0 ||
		    query(r, &r->q[Q_ENTERPRISE_DRILLS], id, subject, as_of, diag) < 0)
			goto fail;
		for (xmlNodePtr c = subject->children; c; c = c->next)
			if (is_record(c, "drill") &&
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

/* the kind of an element, voided or not (*voided set accordingly) */
static const struct kind *kind_of(const xmlChar *element, int *voided)
{
	const char *e = (const char *)element;

	*voided = !strncmp(e, VOIDED_PREFIX, sizeof VOIDED_PREFIX - 1);
	if (*voided)
		e += sizeof VOIDED_PREFIX - 1;
	for (int k = 0; k < K__COUNT; k++)
		if (!strcmp(kinds[k].element, e))
			return &kinds[k];
	return NULL;
}

/* drop e's event dates after as_of, then restrict its children */
static void restrict_element(xmlNodePtr e, const struct kind *k, st_day as_of)
{
	xmlAttrPtr a = e->properties, next_a;
	xmlNodePtr c, next;

	for (; a; a = next_a) {
		next_a = a->next;
		if (is_event_column(k, (const char *)a->name) && a->children &&
		    st_day_of_value((const char *)a->children->content) > as_of)
			xmlRemoveProp(a);
	}
	for (c = e->children; c; c = next) {
		next = c->next;
		int voided = 0;
		const struct kind *ck = c->type == XML_ELEMENT_NODE ? kind_of(c->name, &voided) : NULL;
		if (!ck)
			continue;
		const char *own = ck->own_date ? st_facts_attr(c, ck->own_date) : NULL;
		if (own && st_day_of_value(own) > as_of) {
			xmlUnlinkNode(c);
			xmlFreeNode(c);
			continue;
		}
		if (voided) {
			xmlAttrPtr v = xmlHasProp(c, BAD_CAST "voided");
			/* voided after as_of: it counted then */
			if (v && v->children &&
			    st_day_of_value((const char *)v->children->content) > as_of) {
				xmlRemoveProp(v);
				xmlNodeSetName(c, BAD_CAST ck->element);
			}
		}
		restrict_element(c, ck, as_of);
	}
}

void st_facts_restrict(xmlDocPtr facts, st_day as_of)
{
	xmlNodePtr root = xmlDocGetRootElement(facts);
	char day[11];

	if (!root)
		return;
	xmlSetProp(root, BAD_CAST "as-of", BAD_CAST st_date_format(as_of, day));
	for (xmlNodePtr c = root->children; c; c = c->next) {
		int voided;
		const struct kind *k = c->type == XML_ELEMENT_NODE ? kind_of(c->name, &voided) : NULL;
		if (k)
			restrict_element(c, k, as_of);
	}
}
