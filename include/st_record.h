/*
 * st_record — the recording layer: every change a person makes to the
 * park's records, from the command line or the web, goes through here.
 *
 * A front end never writes SQL: it hands over column → text pairs (the
 * dossier's English column names, or their Chinese labels), and gets back
 * either the record as stored (cleaned and normalised: canonical dates,
 * English enum values, the generated id) or field-level errors, each with
 * the column it is about and a Chinese message fit to show beside the form
 * field.  Validation is st_recorder_put()'s (st_dossier.h): the same checks
 * and the same words as an import.
 *
 * Every call runs in one transaction (BEGIN IMMEDIATE .. COMMIT) and either
 * changes the store completely or not at all.  Every change lands in the
 * history with who made it (an account name, or the operating-system user
 * on the command line), when, why (optional) and the command; st_record_history()
 * reads it back, version by version, with what changed.
 *
 * The hazard lifecycle (HAZ-FOUR-IMPLEMENTATIONS, HAZ-RECTIFY-DEADLINE):
 *
 *   registered ──(四落实: measures, funds, owner, deadline)──▶ planned
 *   planned ──st_hazard_rectify (enterprise: date + note)──▶ rectified
 *   rectified or planned ──st_hazard_close (officer: date + verified_by)──▶ closed
 *   closed or rectified ──st_hazard_reopen (reason)──▶ registered/planned again
 *
 * A major hazard closes only when its 四落实 are complete and verified_by is
 * given.  Guard rails (st_change.force overrides the first two):
 *   - a record's own date (and a hazard's rectified/closed date) after
 *     tomorrow is refused (ST_FORCE_FUTURE);
 *   - a second inspection of the same enterprise, date and kind is refused
 *     (ST_FORCE_DUPLICATE);
 *   - a hazard linked to an inspection item that passed (or was not
 *     applicable) in that inspection is refused;
 *   - a record on a closed enterprise is stored with a warning.
 *
 * This module never prints and never exits.
 */
#ifndef ST_RECORD_H
#define ST_RECORD_H

#include <stddef.h>
#include <sqlite3.h>

#include "st_dossier.h"

struct st_pack;

/* one column → text pair of a create or an edit */
struct st_field {
	const char *column;   /* English column name (ASCII case ignored, '-' for '_')
				 or Chinese label, as st_column_find() reads it */
	const char *value;    /* text; NULL or "" clears the column (edit) */
};

/* who is changing what, and why */
struct st_change {
	const char *who;      /* account name or OS user; NULL or "" is refused */
	const char *why;      /* optional reason (required by void and reopen) */
	const char *command;  /* what made the change, for the history ("edit",
				 "web"); NULL: the operation's own name */
	unsigned force;       /* ST_FORCE_* */
	const char *today;    /* YYYY-MM-DD the guard rails count from; NULL:
				 the local date */
	const struct st_pack *pack;  /* the rules a waiver may name (borrowed);
				 NULL refuses waivers (st_recorder_set_pack) */
	struct st_recorder *recorder;  /* a recorder on the same connection that
				 the caller keeps between changes (its statements
				 prepared once: a server), or NULL: one per change */
};

#define ST_FORCE_FUTURE    1u   /* accept a date after tomorrow */
#define ST_FORCE_DUPLICATE 2u   /* accept a second inspection on the same day and kind */

/* one message: column is NULL for the record as a whole */
struct st_field_error {
	char *column;         /* English column name, as in the dossier */
	char *message;        /* Chinese, without the column ("必填，不能为空") */
	char *message_en;     /* the same in English ("required, cannot be
			       * empty"): the message's English text (st_msg.h),
			       * or the Chinese where it has none (a database
			       * failure quoting SQLite); never NULL */
};

enum st_record_status {
	ST_RECORD_OK = 0,       /* stored (or unchanged): values hold the record */
	ST_RECORD_INVALID = 1,  /* refused: errors say why; nothing written */
	ST_RECORD_NOT_FOUND = 2,/* no record of that kind with that id */
	ST_RECORD_FAILED = -1,  /* the database failed: errors[0] says how */
};

/* What a call did.  Initialise with ST_RECORD_RESULT_INIT; free with
 * st_record_result_release() (also before reuse). */
struct st_record_result {
	enum st_record_status status;
	enum st_kind kind;
	enum st_put put;               /* ST_PUT_INSERTED / UPDATED / UNCHANGED */
	char **values;                 /* the stored record, st_kind_info(kind)->cols
					  order, NULL for empty; NULL unless OK */
	int ncols;
	struct st_field_error *errors; /* status != OK */
	size_t nerrors;
	char **warnings;               /* stored, but worth saying (closed enterprise) */
	size_t nwarnings;
	char **warnings_en;            /* the same in English, nwarnings of them */
};

#define ST_RECORD_RESULT_INIT \
	{ ST_RECORD_OK, ST_PARK, ST_PUT_UNCHANGED, NULL, 0, NULL, 0, NULL, 0, NULL }

void st_record_result_release(struct st_record_result *r);

/* the stored value of `column` in an OK result (NULL if empty or unknown) */
const char *st_record_value(const struct st_record_result *r, const char *column);

/* the errors as "column NAME: message" lines (or the message alone), for a
 * front end that shows them as a list; the English text beside each line
 * (st_diag_line_en) */
void st_record_errors_to_diag(const struct st_record_result *r, struct st_diag *diag);

/* Create a record of kind from fields.  The id may be left out where the
 * kind generates one (st_kind_info(kind)->id_prefix).  An id that exists
 * already is refused (use st_record_edit). */
int st_record_create(sqlite3 *db, enum st_kind kind, const struct st_field *fields,
		     size_t nfields, const struct st_change *ch, struct st_record_result *res);

/* Patch a record: only the given fields change; a field with an empty value
 * is cleared (refused if required).  The id cannot be changed.  Nothing
 * differs: status OK, put ST_PUT_UNCHANGED, nothing written. */
int st_record_edit(sqlite3 *db, enum st_kind kind, const char *id,
		   const struct st_field *fields, size_t nfields, const struct st_change *ch,
		   struct st_record_result *res);

/* Void a record from `date` (NULL: today) with ch->why as the reason
 * (required): the record stays, with its `voided` date and `void_reason`,
 * and the checker ignores it from that date on.  Kinds without a voided
 * column (parks, enterprises) are refused. */
int st_record_void(sqlite3 *db, enum st_kind kind, const char *id, const char *date,
		   const struct st_change *ch, struct st_record_result *res);

/* Names wherever an id is taken.  Resolve what a person typed for an
 * enterprise (its code in any letter case, its full name, or a fragment of
 * the name that only one enterprise has) or a park (id or name) to the id.
 * Returns 0 with *id (the caller frees it), 1 if there is no such record, 2
 * if more than one matches (diag: the problem, then up to five candidates
 * as "  ID  名称" lines, then where to see them all), -1 on a database error.
 * Other kinds: the id as given, if the record exists.
 * st_record_create and st_record_edit resolve the enterprise and park
 * columns this way themselves. */
int st_record_resolve(sqlite3 *db, enum st_kind kind, const char *text, char **id,
		      struct st_diag *diag);

/* The hazard lifecycle. */
enum st_hazard_state {
	ST_HAZARD_REGISTERED,   /* 四落实 incomplete */
	ST_HAZARD_PLANNED,      /* 四落实 complete, not rectified */
	ST_HAZARD_RECTIFIED,    /* rectified by the enterprise, not yet verified */
	ST_HAZARD_CLOSED,       /* closed (verified) */
	ST_HAZARD_VOIDED,       /* voided */
};
/* 四落实, the columns a hazard's rectification plan needs: measures, funds,
 * the person responsible (owner), the deadline */
#define ST_HAZARD_FOUR 4
extern const int st_hazard_four[ST_HAZARD_FOUR];
/* the state of a hazard from its values (st_kind_info(ST_HAZARD) order) */
enum st_hazard_state st_hazard_state(const char *const *values);
/* "已登记" "四落实已完成" "已整改待验收" "已销号" "已作废" */
const char *st_hazard_state_label(enum st_hazard_state s);

/* The enterprise reports the hazard rectified on `date` (NULL: today) with
 * a note on what was done (required): columns rectified, rectification. */
int st_hazard_rectify(sqlite3 *db, const char *id, const char *date, const char *note,
		      const struct st_change *ch, struct st_record_result *res);

/* An officer closes (销号) the hazard on `date` (required), verified by
 * `verified_by` (may be NULL for a general hazard that names none; required,
 * with complete 四落实, for a major one).  A closed hazard is refused. */
int st_hazard_close(sqlite3 *db, const char *id, const char *date, const char *verified_by,
		    const struct st_change *ch, struct st_record_result *res);

/* Reopen a rectified or closed hazard with ch->why as the reason (required):
 * closed, verified_by, rectified and rectification are cleared; the earlier
 * version stays in the history. */
int st_hazard_reopen(sqlite3 *db, const char *id, const struct st_change *ch,
		     struct st_record_result *res);

/* One version of a record in its history, oldest first.  values are the
 * record as it was after the change (ncols of them, NULL for empty; all
 * NULL when the change deleted it).  changed lists the columns that differ
 * from the version before (space-separated; "" for the first version). */
struct st_version {
	const char *at;        /* 'YYYY-MM-DDTHH:MM:SS' local time, or NULL if unknown */
	const char *who;       /* NULL if unknown (an import, an older program) */
	const char *why;
	const char *command;
	const char *changed;
	const char *const *values;
};

typedef int (*st_version_fn)(void *ctx, const struct st_version *v);

/* Call fn for every version of the record, oldest first; fn returns 0 to go
 * on.  Returns the number of versions (0: no such record, now or ever), or
 * -1 with a message in diag. */
int st_record_history(sqlite3 *db, enum st_kind kind, const char *id, st_version_fn fn,
		      void *ctx, struct st_diag *diag);

#endif
