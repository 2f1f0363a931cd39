/*
 * st_facts — the facts document for one subject, read from the store.
 *
 * The evaluator never touches SQLite: it sees one subject's facts, read
 * here as plain C records (struct st_rec below) shaped like the small XML
 * document described here — the document itself is made from the records
 * only when asked for (st_facts_dom: XPath fallback, SAFETRACK_EVAL=xpath,
 * tests) — already reduced to what was knowable at the end of the
 * evaluation day:
 *   - a record whose own date (inspection date, hazard found, evaluation
 *     date, worker hired, certificate issued, accident occurred, meeting and
 *     drill date, letter signed) is after as-of is left out;
 *   - any other date or time attribute after as-of is left out (read as empty).
 * Empty values are absent attributes, so `@deadline` tests presence.
 * Scheduled dates (hazard deadline, evaluation rectify_deadline, certificate
 * expires, equipment next_test) are kept even when later than as-of: they
 * are set in advance, not events that happen.
 *
 *   <facts as-of="YYYY-MM-DD">
 *     <park id name established director safety_staff plan_signed plan_filed>
 *       <enterprise .../>                 every enterprise of the park (no children)
 *       <meeting id date kind minutes/>
 *       <drill id date><participant>ENTERPRISE-ID</participant>...</drill>
 *     </park>
 *   </facts>
 *
 *   <facts as-of="YYYY-MM-DD">
 *     <enterprise id name park principal employees hazchem major_hazard
 *                 major_hazard_owner status operating_since committee_member>
 *       <inspection id date kind inspectors item1 ... item13 notes/>
 *       <hazard .../> <evaluation .../> <project .../>
 *       <worker ...><certificate .../>...</worker>   certificates under their worker
 *       <equipment .../> <accident .../> <letter .../>
 *       <drill id date><participant>ID</participant></drill>   the park's drills it took part in
 *     </enterprise>
 *   </facts>
 *
 * Attribute names are the dossier's column names (INTERCHANGE §1); values
 * are the canonical export forms (yes/no, YYYY-MM-DD, YYYY-MM-DDTHH:MM).
 * Records appear in id order.
 */
#ifndef ST_FACTS_H
#define ST_FACTS_H

#include <sqlite3.h>
#include <libxml/tree.h>

#include "st_date.h"
#include "st_diag.h"
#include "st_rules.h"

/* One record of the facts, the form the evaluator reads: the element name
 * and attributes of the document above as plain C.  `val[i]` is the value
 * of column `col[i]`, NULL when absent (empty, or a date blanked as of the
 * day); `text` is the text content (a drill's <participant>), else NULL.
 * Children in document order: first, then next. */
struct st_rec {
	const char *name;            /* "hazard", or "voided-hazard" */
	const char *const *col;      /* column names, ncol of them */
	const char **val;
	st_day *day;                 /* val[i] as st_day_of_value reads it, parsed
					once (ST_DAY_UNPARSED until then) */
	int ncol;
	const char *text;
	struct st_rec *parent, *first, *last, *next;
	struct st_rec *run_next;     /* the first sibling after the run of siblings
					named as this one (records of a kind come
					together): a search by name skips runs */
	int kind;                    /* facts.c's kind of the record, -1 if unknown */
	void *dom;                   /* its node in st_facts_dom()'s document, or NULL */
};

/* one subject's facts: its records (root: the <facts> record, its only
 * child the subject), and the libxml2 document made from them on demand */
struct st_facts;

struct st_facts_reader;   /* prepared statements, reused across subjects */

/* prepare the reader on an open store; returns 0 or -1 with a message */
int st_facts_reader_new(sqlite3 *db, struct st_facts_reader **out, struct st_diag *diag);
/* finalize its statements and free it; NULL is fine */
void st_facts_reader_free(struct st_facts_reader *r);
/* Read only the columns named in names[0..n-1] (and those the facts
 * themselves need: id, the owner, the own date, voided, a certificate's
 * worker) instead of every column, before the reader's first read: a
 * column left out is absent from every record, as an empty value is.  For
 * a pack all of whose expressions are compiled (st_eval_columns).
 * Returns 0, or -1 when a kind's query could not be narrowed (the reader
 * then reads every column of that kind: still right, only slower). */
int st_facts_reader_columns(struct st_facts_reader *r, const char *const *names, size_t n);

/* Read the facts of one subject as of a day.  Returns 0 with new facts in
 * *out (caller frees with st_facts_free), 1 if there is no such subject,
 * -1 on a database error or when memory runs out (message in diag). */
int st_facts_read(struct st_facts_reader *r, enum st_scope kind, const char *id,
		  st_day as_of, struct st_facts **out, struct st_diag *diag);
/* The facts of a document in the form above (the tests write facts as
 * XML).  The records point into doc, which must outlive them.  Returns 0,
 * or -1 when memory runs out. */
int st_facts_from_doc(xmlDocPtr doc, struct st_facts **out);
/* free facts and their document; NULL is fine */
void st_facts_free(struct st_facts *f);

/* the <facts> record and the subject (<park> or <enterprise>), or NULL */
struct st_rec *st_facts_root(const struct st_facts *f);
struct st_rec *st_facts_subject(const struct st_facts *f);

/* The facts as a libxml2 document, built on first use and kept (owned by
 * f): each element's _private points to its record and each record's dom
 * to its element.  NULL when memory runs out. */
xmlDocPtr st_facts_dom(struct st_facts *f);

/* Build the facts document of one subject as of a day: st_facts_read, then
 * its document, taken over by the caller (xmlFreeDoc).  Returns as
 * st_facts_read. */
int st_facts_build(struct st_facts_reader *r, enum st_scope kind, const char *id,
		   st_day as_of, xmlDocPtr *out, struct st_diag *diag);

/* the value of a record's attribute (NULL when absent — absent is how facts
 * say "empty"); of an element of a document (valid while the document is) */
const char *st_rec_attr(const struct st_rec *rec, const char *name);
const char *st_facts_attr(xmlNodePtr node, const char *name);
/* the first child of r named `name`; the next sibling of r named as r is;
 * NULL when there is none */
struct st_rec *st_rec_child(const struct st_rec *r, const char *name);
/* st_day_of_value of an attribute (ST_DAY_NONE when absent or not a date),
 * parsed once per record */
st_day st_rec_day(const struct st_rec *r, const char *name);
/* the column of r called `name`, or -1 (r NULL, or no such column) */
int st_rec_col(const struct st_rec *r, const char *name);
st_day st_rec_day_at(const struct st_rec *r, int col);
#define ST_DAY_UNPARSED (INT32_MIN + 1)
struct st_rec *st_rec_next(const struct st_rec *r);

/* Reduce facts read as of a later day to what was knowable at the end of
 * `as_of`, in place, by the same rules as st_facts_read (the result equals
 * the facts read as of that day; the document, if made, is dropped and made
 * again on demand).  Lets one read of the store serve several evaluation
 * dates, latest first. */
void st_facts_restrict(struct st_facts *f, st_day as_of);

#endif
