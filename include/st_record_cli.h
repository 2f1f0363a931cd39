/*
 * st_record_cli — what the recording commands (inspect, hazard, add) share:
 * options named after the dossier's columns, help text generated from the
 * column table, and storing one record in its own transaction.
 *
 * These functions print (they are command code, not library code).
 */
#ifndef ST_RECORD_CLI_H
#define ST_RECORD_CLI_H

#include <stdio.h>
#include <sqlite3.h>

#include "st_dossier.h"
#include "st_record.h"

/* Parse argv[1..argc-1] into values[] for kind: `--COLUMN VALUE` or
 * `--COLUMN=VALUE` (column names with '-' for '_') for every column not
 * named in `skip` (space-separated), and --help.  values[] must hold
 * ST_MAX_COLS pointers, NULL for unset; the strings point into argv.
 * Positional arguments are stored in pos[0..*npos-1] (at most maxpos).
 * Returns 0, 1 after printing a usage error, or 2 after printing help
 * (usage line, `intro`, the options).  The caller returns `rc == 2 ? 0 : rc`. */
int st_record_parse(int argc, char **argv, enum st_kind kind, const char *skip,
		    const char **values, char **pos, int maxpos, int *npos,
		    const char *usage, const char *intro);

/* For commands whose only option is --help: returns 0 with optind at the
 * first operand, 1 after printing a usage error, 2 after printing help
 * ("用法: USAGE", a blank line, help). */
int st_record_help_only(int argc, char **argv, const char *usage, const char *help);

/* print "  --COLUMN VALUE   label" lines for the columns of kind not in skip */
void st_record_help(FILE *f, enum st_kind kind, const char *skip);

/* the rule pack whose ids a waiver saved by st_record_save may name
 * (borrowed; NULL refuses waivers); st_record_cli_change passes it on */
struct st_pack;
void st_record_set_pack(const struct st_pack *pack);

/* Create one record through the recording layer (st_record_create) from
 * values[] as st_record_parse() filled them, by the operating-system user,
 * recorded in the history as made by `command`.  Errors and warnings are
 * printed; returns 0 with res holding the stored record, or 1. */
int st_record_save(sqlite3 *db, const char *command, enum st_kind kind,
		   const char *const *values, unsigned force, struct st_record_result *res);

/* a change by the operating-system user ($SAFETRACK_USER if set, for
 * tests and shared accounts) */
void st_record_cli_change(struct st_change *ch, const char *command, const char *why,
			  unsigned force);

/* Take --force and --reason TEXT (or --reason=TEXT) out of argv, shifting
 * the rest down; reason may be NULL where the command takes none.  Returns
 * 0, or 1 after a usage error. */
int st_record_take_common(int *argc, char **argv, const char **reason, unsigned *force,
			  const char *usage);

/* print the result's errors ("safetrack: column NAME: ...") and warnings
 * ("safetrack: 注意：...") to stderr, and after a database failure
 * "UNDONE：数据库未作任何修改" (undone: "未登记", "未修改", ...); returns 0 if
 * it is OK, else 1 */
int st_record_cli_report(const struct st_record_result *res, const char *undone);

/* Print the records of kind as a table (the kind's listed columns, except
 * `omit` if not NULL, enumerated values by their Chinese labels, the
 * enterprise's name beside its code), filtered and ordered as
 * st_query_new() does; an inspection also shows its failed items; with
 * open_only, records that are closed or voided are left out.  Prints
 * nothing but the table; returns the number of records, or -1 after
 * printing a database error. */
long st_record_list(FILE *f, sqlite3 *db, enum st_kind kind, const char *filter_col,
		    const char *filter_value, enum st_query_order order, const char *omit,
		    int open_only);

/* what a listing shows for value v of column c: an enumerated value's
 * Chinese label, anything else as stored */
const char *st_record_shown(const struct st_column *c, const char *v);

/* The same for one page: `limit` records (negative: all) after skipping
 * `offset`.  Streamed: the rows are read twice in one read transaction and
 * never kept, so memory does not grow with the number of records. */
long st_record_list_page(FILE *f, sqlite3 *db, enum st_kind kind, const char *filter_col,
			 const char *filter_value, enum st_query_order order, const char *omit,
			 int open_only, long long limit, long long offset);

/* "已登记" / "已更新" / "与已有记录相同，未改动：", to put before a record's name */
const char *st_record_verb(enum st_put result);

#endif
