/*
 * st_xlsx — check results and the chase list as Excel workbooks
 * (libxlsxwriter), for officers who file and filter in a spreadsheet.
 *
 * One sheet per park, named after the park; a frozen Chinese header row, an
 * autofilter over the table, the status cell coloured as in the reports.
 * The check workbook is streamed like the other check formats (begin, one
 * call per subject, finish) and written in libxlsxwriter's constant-memory
 * mode, so a province costs no more memory than a park.  `safetrack check
 * --format xlsx`, `safetrack overdue --format xlsx` and the web server's
 * /export/check.xlsx use it.  Library code: errors in diag, nothing printed.
 */
#ifndef ST_XLSX_H
#define ST_XLSX_H

#include <sqlite3.h>

#include "st_chase.h"
#include "st_diag.h"
#include "st_eval.h"
#include "st_output.h"

struct st_xlsx;

/* Start the check workbook at path (a file the workbook library writes
 * when finished; give it a temporary and rename it into place).  db gives
 * the parks' names for the sheets.  Returns 0 with *out, or -1 with a
 * message in diag. */
int st_xlsx_begin(const char *path, sqlite3 *db, const struct st_run_meta *meta,
			struct st_xlsx **out, struct st_diag *diag);
/* one subject's results: a row each, on its park's sheet; 0 or -1 */
int st_xlsx_subject(struct st_xlsx *x, const struct st_subject *s);
/* Close the tables (autofilters) and write the file.  Returns 0, or -1
 * with a message.  Either way x is freed. */
int st_xlsx_finish(struct st_xlsx *x, struct st_diag *diag);
/* free an unfinished workbook without writing it; NULL is fine */
void st_xlsx_abandon(struct st_xlsx *x);

/* The chase list (st_chase_run) as a workbook at path, a sheet per park.
 * Returns 0, or -1 with a message in diag. */
int st_xlsx_overdue(const char *path, sqlite3 *db, const struct st_chase *c,
		    struct st_diag *diag);

#endif
