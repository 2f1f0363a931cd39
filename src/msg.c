/*
 * msg.c — the table of bilingual messages and their formatting (see st_msg.h).
 */
#include "st_msg.h"

#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#define ROW(id) { #id, ST_MSG_##id },
const struct st_msg st_msgs[] = { ST_MSGS(ROW) };
#undef ROW
const size_t st_nmsgs = sizeof st_msgs / sizeof st_msgs[0];

const char *st_msg_en(const char *zh)
{
	for (size_t i = 0; zh && i < st_nmsgs; i++)
		if (st_msgs[i].zh == zh || !strcmp(st_msgs[i].zh, zh))
			return st_msgs[i].en;
	return NULL;
}

static char *vformat(const char *fmt, va_list ap)
{
	va_list aq;
	char *s;
	int n;

	va_copy(aq, ap);
	n = vsnprintf(NULL, 0, fmt, aq);
	va_end(aq);
	if (n < 0 || !(s = malloc((size_t)n + 1)))
		return NULL;
	vsnprintf(s, (size_t)n + 1, fmt, ap);
	return s;
}

/* both formats consume the same arguments (ST_MSG_FORMAT checks it), so one
 * va_list serves both, copied */
int st_msg_vformat(char **zh, char **en, const char *zh_fmt, const char *en_fmt, va_list ap)
{
	va_list aq;

	va_copy(aq, ap);
	*zh = vformat(zh_fmt, ap);
	*en = *zh ? vformat(en_fmt, aq) : NULL;
	va_end(aq);
	if (*zh && *en)
		return 0;
	free(*zh);
	free(*en);
	*zh = *en = NULL;
	return -1;
}

int st_msg_format(char **zh, char **en, const char *zh_fmt, const char *en_fmt, ...)
{
	va_list ap;
	int rc;

	va_start(ap, en_fmt);
	rc = st_msg_vformat(zh, en, zh_fmt, en_fmt, ap);
	va_end(ap);
	return rc;
}
