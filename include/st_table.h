/*
 * st_table — a plain-text table for the terminal, with Chinese text lined
 * up: a CJK character takes two columns.  Column widths depend on every
 * row: either the rows are kept until printed (st_table_add, _print), or,
 * for a table too big to keep, streamed twice: every row measured first
 * (only the widths are kept), then the header and every row printed again
 * in the same order (st_table_measure, _print_head, _print_row).
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
/* streaming, first pass: widen the columns to fit cells (not kept) */
void st_table_measure(struct st_table *t, const char *const *cells, int max_width);
/* streaming, second pass: the header, then each row as st_table_print would */
void st_table_print_head(struct st_table *t, FILE *f, int max_width);
void st_table_print_row(const struct st_table *t, FILE *f, const char *const *cells,
			int max_width);
/* free; NULL is fine */
void st_table_free(struct st_table *t);

/* terminal columns taken by the UTF-8 string s */
int st_display_width(const char *s);

#endif
