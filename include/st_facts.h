/*
 * st_facts — the facts document for one subject, read from the store.
 *
 * The evaluator never touches SQLite: it sees one small XML document per
 * subject, built here, already reduced to what was knowable at the end of
 * the evaluation day:
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

struct st_facts_reader;   /* prepared statements, reused across subjects */

/* prepare the reader on an open store; returns 0 or -1 with a message */
int st_facts_reader_new(sqlite3 *db, struct st_facts_reader **out, struct st_diag *diag);
/* finalize its statements and free it; NULL is fine */
void st_facts_reader_free(struct st_facts_reader *r);

/* Build the facts document of one subject as of a day.  Returns 0 with a
 * new document in *out (caller frees with xmlFreeDoc), 1 if there is no such
 * subject, -1 on a database error (message in diag). */
int st_facts_build(struct st_facts_reader *r, enum st_scope kind, const char *id,
		   st_day as_of, xmlDocPtr *out, struct st_diag *diag);

/* the value of an attribute of a facts element, not copied (valid while
 * the document is); NULL when absent — absent is how facts say "empty" */
const char *st_facts_attr(xmlNodePtr node, const char *name);

/* Reduce a facts document built as of a later day to what was knowable at
 * the end of `as_of`, in place, by the same rules as st_facts_build (the
 * result equals a document built as of that day).  Lets one read of the
 * store serve several evaluation dates, latest first. */
void st_facts_restrict(xmlDocPtr facts, st_day as_of);

#endif
