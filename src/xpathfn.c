/*
 * xpathfn.c — the XPath extension functions that rule expressions may call.
 *
 * Rule files compare dates, and XPath 1.0 has no date type: st:days() turns
 * an ISO date (or the date part of an ISO time) into a day number so that
 * "filed on or before the start" is a plain `<=`.  The loader registers these
 * on the context it compiles with, and the evaluator on the one it evaluates
 * with, so that a rule can never compile against a function that will be
 * missing at evaluation time.
 */
#include "st_rules.h"

#include <string.h>

#include <libxml/xpathInternals.h>

#include "st_date.h"

/* The day number of s ("YYYY-MM-DD" or "YYYY-MM-DDTHH:MM"), or NaN.  A time
 * is parsed whole so that "2026-01-01Tjunk" is malformed, not 2026-01-01. */
static double day_of(const char *s)
{
	st_day day;
	st_minute t;

	if (strlen(s) == 10 && st_date_parse_iso(s, &day) == 0)
		return (double)day;
	if (strlen(s) == 16 && s[10] == 'T' && st_time_parse(s, &t) == 0)
		return (double)st_time_day(t);
	return xmlXPathNAN;
}

/* st:days(string-or-nodeset) → number.  A node set gives the string value of
 * its first node, as string() does; an empty one is "" and so NaN. */
static void fn_days(xmlXPathParserContextPtr ctxt, int nargs)
{
	xmlChar *s;

	CHECK_ARITY(1);
	s = xmlXPathPopString(ctxt);
	if (ctxt->error != XPATH_EXPRESSION_OK) {
		xmlFree(s);
		return;
	}
	valuePush(ctxt, xmlXPathNewFloat(s ? day_of((const char *)s) : xmlXPathNAN));
	xmlFree(s);
}

int st_xpath_register(xmlXPathContextPtr ctx)
{
	if (xmlXPathRegisterNs(ctx, BAD_CAST "st", BAD_CAST ST_FUNC_NS) != 0)
		return -1;
	if (xmlXPathRegisterFuncNS(ctx, BAD_CAST "days", BAD_CAST ST_FUNC_NS, fn_days) != 0)
		return -1;
	return 0;
}
