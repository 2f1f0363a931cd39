/*
 * st_xlsx_check — the check table as an Excel workbook (libxlsxwriter), for
 * /export/check.xlsx: one row per (subject, rule) with the status and the
 * detail in Chinese, a header row that stays in view and a filter on it.
 */
#ifndef ST_XLSX_CHECK_H
#define ST_XLSX_CHECK_H

#include "st_diag.h"
#include "st_eval.h"
#include "st_output.h"

struct st_xlsx_check;

/* Start a workbook at path (written when finished).  0 and *out, or -1. */
int st_xlsx_check_new(const char *path, const struct st_run_meta *meta,
		      struct st_xlsx_check **out, struct st_diag *diag);
/* add a subject's results; 0 or -1 */
int st_xlsx_check_subject(struct st_xlsx_check *x, const struct st_subject *s);
/* write the file and free x (also on error, and when x is NULL); 0 or -1 */
int st_xlsx_check_finish(struct st_xlsx_check *x, struct st_diag *diag);

#endif
