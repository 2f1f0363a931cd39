/*
 * st_table — a plain-text table for the terminal, with Chinese text lined
 * up: a CJK character takes two columns.  Rows are kept until printed
 * because column widths depend on every row.
 */
#ifndef ST_TABLE_H
#define ST_TABLE_H

#include <stdio.h>

struct st_table;

/* a table of ncols columns headed by head[0..ncols-1] (copied); NULL when
 * out of memory */
struct st_table *st_table_new(int ncols, const char *const *head);
/* add a row (cells copied; NULL prints as empty); 0 or -1 out of memory */
int st_table_add(struct st_table *t, const char *const *cells);
/* number of rows added */
size_t st_table_rows(const struct st_table *t);
/* write the table to f; cells wider than max_width columns are cut with
 * "…", newlines and tabs show as spaces */
void st_table_print(const struct st_table *t, FILE *f, int max_width);
/* free; NULL is fine */
void st_table_free(struct st_table *t);

/* terminal columns taken by the UTF-8 string s */
int st_display_width(const char *s);

#endif
