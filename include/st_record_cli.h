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
 * (borrowed; NULL refuses waivers) */
struct st_pack;
void st_record_set_pack(const struct st_pack *pack);

/* Validate and store one record in its own transaction, recorded in the
 * history as made by `command`.  Errors are printed ("safetrack: column
 * NAME: ..."); returns 0 with *result set (never ST_PUT_REJECTED), or 1. */
int st_record_save(sqlite3 *db, const char *command, enum st_kind kind,
		   const char *const *values, enum st_put *result);

/* Print the records of kind as a table (the kind's listed columns, except
 * `omit` if not NULL), filtered and ordered as st_query_new() does; an
 * inspection also shows its failed items.  Prints nothing but the table;
 * returns the number of records, or -1 after printing a database error. */
long st_record_list(FILE *f, sqlite3 *db, enum st_kind kind, const char *filter_col,
		    const char *filter_value, enum st_query_order order, const char *omit);

/* The same for one page: `limit` records (negative: all) after skipping
 * `offset`.  Streamed: the rows are read twice in one read transaction and
 * never kept, so memory does not grow with the number of records. */
long st_record_list_page(FILE *f, sqlite3 *db, enum st_kind kind, const char *filter_col,
			 const char *filter_value, enum st_query_order order, const char *omit,
			 long long limit, long long offset);

/* "已登记" / "已更新" / "与已有记录相同，未改动：", to put before a record's name */
const char *st_record_verb(enum st_put result);

#endif
