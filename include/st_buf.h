/*
 * st_buf — a growable NUL-terminated string.
 *
 * Used to compose details and messages.  On allocation failure the buffer
 * remembers it (oom = 1) and ignores further appends, so that composing code
 * checks once at the end rather than after every append.
 */
#ifndef ST_BUF_H
#define ST_BUF_H

#include <stddef.h>

struct st_buf {
	char *s;        /* NULL until the first append; owned */
	size_t len, cap;
	int oom;        /* 1 once an allocation failed */
};

#define ST_BUF_INIT { NULL, 0, 0, 0 }

/* append printf-formatted text */
void st_buf_printf(struct st_buf *b, const char *fmt, ...) __attribute__((format(printf, 2, 3)));
/* append a string */
void st_buf_puts(struct st_buf *b, const char *s);
/* the text so far ("" when empty); valid until the next append */
const char *st_buf_str(const struct st_buf *b);
/* hand the string to the caller (who frees it; never NULL unless oom) and
 * empty the buffer */
char *st_buf_steal(struct st_buf *b);
/* free the string and empty the buffer */
void st_buf_release(struct st_buf *b);

#endif
