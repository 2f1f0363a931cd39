/*
 * st_dossier — the park dossier (INTERCHANGE §1): record kinds, the
 * validation of one record, import and export.
 *
 * Every way a record enters the store — a dossier row, `inspect`, `hazard`,
 * `add` — goes through st_recorder_put(): one kind, one value per column as
 * text, the same checks, the same messages, the same upsert (so that a
 * replaced record lands in the history).  Import is that function called
 * for every row of every file in one transaction.
 *
 * The column lists of st_columns.h, expanded into kinds[] in dossier.c, are
 * the single description of the columns: names, order (the export order),
 * types, required flags, enum values, references and the Chinese header
 * aliases documented in docs/dossier.md.  Code names a column by its index
 * constant (values[ST_COL_HAZARD_deadline]), never by a number.
 */
#ifndef ST_DOSSIER_H
#define ST_DOSSIER_H

#include <sqlite3.h>

#include "st_columns.h"
#include "st_diag.h"

/* record kinds, in dependency order: a kind only refers to earlier ones */
enum st_kind {
	ST_PARK, ST_ENTERPRISE, ST_INSPECTION, ST_HAZARD, ST_EVALUATION, ST_PROJECT,
	ST_WORKER, ST_CERTIFICATE, ST_EQUIPMENT, ST_ACCIDENT, ST_MEETING, ST_DRILL,
	ST_LETTER, ST_LICENCE, ST_WAIVER, ST_KIND_COUNT
};

enum st_col_type {
	ST_COL_TEXT,     /* free text */
	ST_COL_USCC,     /* unified social credit code (enterprise id) */
	ST_COL_INT,      /* integer in [min, max] */
	ST_COL_DATE,     /* YYYY-MM-DD (also YYYY/M/D) */
	ST_COL_TIME,     /* YYYY-MM-DDTHH:MM (also YYYY-MM-DD HH:MM) */
	ST_COL_BOOL,     /* yes/no (also 是/否) */
	ST_COL_ENUM,     /* one of `values` */
	ST_COL_REF,      /* id of a record of kind `ref` */
	ST_COL_REFLIST,  /* ';'-separated ids of kind `ref` (drill participants) */
	ST_COL_SET,      /* ';'-separated values of `values`, each at most once;
			  * stored in the order of `values` (hazchem_activity) */
};

struct st_column {
	const char *name;         /* CSV column and SQL column */
	enum st_col_type type;
	int required;
	const char *label;        /* Chinese header alias and display label */
	const char *values;       /* ST_COL_ENUM: allowed values, space-separated */
	enum st_kind ref;         /* ST_COL_REF, ST_COL_REFLIST */
	long long min, max;       /* ST_COL_INT */
};

struct st_kind_info {
	const char *table;        /* "inspections" */
	const char *file;         /* "inspections.csv" */
	const char *singular;     /* "inspection", as `add` names it */
	const char *label;        /* "检查记录" */
	const char *id_prefix;    /* for generated ids ("INSP"), NULL: id required */
	int owner;                /* column of the enterprise (or park) it belongs to, -1 */
	int own_date;             /* column of the record's own date, -1 */
	const char *listed;       /* the columns `list` shows, space-separated */
	const struct st_column *cols;  /* cols[0] is always "id" */
	int ncols;
	int voided;               /* column "voided" (then "void_reason"), -1 for
				   * parks and enterprises, which are never voided */
};

#define ST_MAX_COLS 32           /* no kind has more columns */

/* the checklist items (ST_ITEMS, st_columns.h) are columns ST_ITEM_COL … */
#define ST_ITEM_COL ST_COL_INSPECTION_item1
_Static_assert(ST_COL_INSPECTION_item13 == ST_ITEM_COL + ST_ITEMS - 1,
	       "the checklist items are consecutive columns");
/* the items' names, st_items[0] for item1 */
extern const char *const st_items[ST_ITEMS];

/* the description of a kind (static, never freed) */
const struct st_kind_info *st_kind_info(enum st_kind kind);
/* the kind whose table, singular, file name or Chinese label is `name`; -1 if none */
int st_kind_find(const char *name);
/* the column of `info` called `name`: its English name (ASCII case ignored,
 * '-' taken as '_') or its Chinese label; -1 if none */
int st_column_find(const struct st_kind_info *info, const char *name);

/* What st_recorder_put did with a record. */
enum st_put {
	ST_PUT_INSERTED,   /* a new record */
	ST_PUT_UPDATED,    /* replaced an existing record (old one in history) */
	ST_PUT_UNCHANGED,  /* identical to the stored record: nothing written */
	ST_PUT_REJECTED,   /* invalid: messages in diag, nothing written */
};

struct st_recorder;   /* prepared statements and this batch's rejected ids */

/* prepare a recorder on an open store; returns 0 or -1 with a message */
int st_recorder_new(sqlite3 *db, struct st_recorder **out, struct st_diag *diag);
/* finalize and free; NULL is fine */
void st_recorder_free(struct st_recorder *w);
/* forget the ids put() rejected so far (a recorder kept for the next,
 * unrelated change; its prepared statements stay) */
void st_recorder_forget_rejected(struct st_recorder *w);

/* Validate one record and insert or replace it.  values[i] is the text of
 * column i of st_kind_info(kind)->cols (NULL or "" for empty; typed values
 * may carry surrounding blanks).  `where` prefixes every message (e.g.
 * "inspections.csv:17" or "safetrack"); messages read
 * "WHERE: column NAME: 中文说明".  A reference that does not resolve is an
 * error, unless it names a record that this recorder rejected earlier (that
 * record's message is enough): the row is then rejected silently.
 * Returns 0 with *result set (ST_PUT_REJECTED included), or -1 on a
 * database failure (message in diag). */
int st_recorder_put(struct st_recorder *w, enum st_kind kind, const char *const *values,
		  const char *where, enum st_put *result, struct st_diag *diag);

/* Revision 2: the rule pack a waiver's `rule` must name (borrowed; NULL, the
 * default, refuses every waiver with a message saying so) */
struct st_pack;
void st_recorder_set_pack(struct st_recorder *w, const struct st_pack *pack);

/* note that a record of `kind` with this id was rejected by the caller
 * (e.g. a duplicate row), so references to it are not reported again */
int st_recorder_reject(struct st_recorder *w, enum st_kind kind, const char *id);

/* Reading records back, as canonical text (integers in decimal, NULL for
 * empty), columns in st_kind_info(kind)->cols order. */
struct st_query;

/* ST_ORDER_NONE: table order, no sort (when only the set of rows matters) */
enum st_query_order { ST_ORDER_ID, ST_ORDER_DATE, ST_ORDER_NONE };

/* Prepare a query over the records of kind: all of them if filter_col is
 * NULL, else those whose column filter_col equals filter_value (for drills,
 * filter_col "participants" selects the drills an enterprise took part in).
 * ST_ORDER_DATE orders by the kind's own date, then id.  Returns 0, or -1
 * with a message (unknown column, database error). */
int st_query_new(sqlite3 *db, enum st_kind kind, const char *filter_col,
		 const char *filter_value, enum st_query_order order, struct st_query **out,
		 struct st_diag *diag);
/* Step: 1 with *values pointing at ncols strings (NULL = empty) valid until
 * the next call, 0 at the end, -1 on error (message in diag). */
int st_query_next(struct st_query *q, const char *const **values, struct st_diag *diag);
/* finalize and free; NULL is fine */
void st_query_free(struct st_query *q);

/* Load one record by id into values[0..ncols-1] (strings the caller frees
 * with st_values_free).  Returns 0, 1 if there is no such record, -1 on a
 * database error. */
int st_record_load(sqlite3 *db, enum st_kind kind, const char *id, char ***values,
		   struct st_diag *diag);
/* free what st_record_load returned; NULL is fine */
void st_values_free(char **values, int n);

/* A new id for a record of kind: PREFIX-OWNER[-DATE]-N with the smallest
 * N >= 1 not taken, from the record's owner and own date values.  Returns
 * a string the caller frees, or NULL (kind has no prefix, database error:
 * message in diag). */
char *st_record_new_id(sqlite3 *db, enum st_kind kind, const char *const *values,
		       struct st_diag *diag);

/* Import statistics, per kind. */
struct st_import_stats {
	int present[ST_KIND_COUNT];     /* the file was there */
	long rows[ST_KIND_COUNT];       /* data rows read */
	long inserted[ST_KIND_COUNT];
	long updated[ST_KIND_COUNT];
	long unchanged[ST_KIND_COUNT];
};

/* progress callback: `rows` rows of `file` done so far */
typedef void (*st_progress_fn)(void *ctx, const char *file, long rows);
#define ST_PROGRESS_EVERY 10000

/* Import the dossier in dir: every known CSV file present, in dependency
 * order, in one transaction (BEGIN IMMEDIATE .. COMMIT).  Any error — an
 * unknown CSV file name, a bad header, a bad row — rolls everything back.
 * `pack` (may be NULL when there is no waivers.csv) names the rules a
 * waiver may name.
 * progress (may be NULL) is called every ST_PROGRESS_EVERY rows.  Returns 0
 * with stats filled, or -1 with the messages in diag. */
int st_dossier_import(sqlite3 *db, const char *dir, const struct st_pack *pack,
		      struct st_import_stats *stats, st_progress_fn progress, void *ctx,
		      struct st_diag *diag);

/* Export every kind into dir: header in column order, rows by id,
 * canonical values, LF line ends, UTF-8 without BOM.  Atomic: the files are
 * written and fsync'ed into a new folder beside dir, which then takes dir's
 * place in one rename (st_dir_swap_in), under dir's lock (DIR.lock); an
 * existing dir may hold only dossier files, since it is replaced whole.
 * dir may not be the store at db_path (may be NULL).  rows[kind] (may be
 * NULL) receives the row counts.  Returns 0 or -1 with a message in diag. */
int st_dossier_export(sqlite3 *db, const char *dir, const char *db_path,
		      long rows[ST_KIND_COUNT], struct st_diag *diag);

#endif
