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

#include <ctype.h>
#include <stdio.h>
#include <string.h>

#include <libxml/xpathInternals.h>

#include "st_date.h"

/* The day number of s ("YYYY-MM-DD" or "YYYY-MM-DDTHH:MM"), or NaN.  A time
 * is parsed whole so that "2026-01-01Tjunk" is malformed, not 2026-01-01. */
static double day_of(const char *s)
{
	st_day day = st_day_of_value(s);

	return day == ST_DAY_NONE ? xmlXPathNAN : (double)day;
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

/* libxml2's own wording of the XPath errors, in the user's language */
static const char *error_zh(int code)
{
	switch ((xmlXPathError)code) {
	case XPATH_NUMBER_ERROR: return "数字有误";
	case XPATH_UNFINISHED_LITERAL_ERROR: return "字符串缺少结束引号";
	case XPATH_START_LITERAL_ERROR: return "字符串缺少开始引号";
	case XPATH_VARIABLE_REF_ERROR: return "变量引用有误";
	case XPATH_UNDEF_VARIABLE_ERROR: return "变量未定义";
	case XPATH_INVALID_PREDICATE_ERROR: return "谓词（[...]）有误";
	case XPATH_EXPR_ERROR: return "表达式不完整或有误";
	case XPATH_UNCLOSED_ERROR: return "括号未闭合";
	case XPATH_UNKNOWN_FUNC_ERROR: return "未知的函数";
	case XPATH_INVALID_OPERAND: return "运算对象有误";
	case XPATH_INVALID_TYPE: return "类型有误";
	case XPATH_INVALID_ARITY: return "函数参数个数有误";
	case XPATH_UNDEF_PREFIX_ERROR: return "未定义的命名空间前缀";
	case XPATH_INVALID_CHAR_ERROR: return "非法字符";
	case XPATH_MEMORY_ERROR: return "内存不足";
	default: return "表达式有误";
	}
}

/* A context's error handler gets libxml2's error with message NULL (see
 * xmlXPathErr): only the code, the expression (str1) and the byte offset in
 * it (int1).  Say what and where, counting characters, not bytes. */
char *st_xpath_error_text(const xmlError *e, char *buf, size_t len)
{
	int chars = 0;

	if (e && e->message) {
		size_t n;
		snprintf(buf, len, "%s", e->message);
		n = strlen(buf);
		while (n && isspace((unsigned char)buf[n - 1]))
			buf[--n] = 0;
		return buf;
	}
	if (!e) {
		snprintf(buf, len, "表达式有误");
		return buf;
	}
	if (e->str1)
		for (int i = 0; i < e->int1 && e->str1[i]; i++)
			chars += ((unsigned char)e->str1[i] & 0xC0) != 0x80;
	snprintf(buf, len, "第 %d 个字符处%s", chars + 1, error_zh(e->code - XML_XPATH_EXPRESSION_OK));
	return buf;
}
