/*
 * st_report — HTML compliance reports from XSLT 1.0 templates.
 *
 * A report is a small XML document built here from the store and the
 * checker (shaped like docs/results-xml.md, with summary elements added;
 * templates/README.md describes each one) transformed by a stylesheet from
 * templates/ or the user's own.  Memory stays bounded whatever the size of
 * the park: the park report's document is a summary (counts, and only the
 * rows a reader acts on, capped), the enterprise report holds one subject,
 * and the quarterly report is rendered in parts, one enterprise at a time.
 *
 * Stylesheets are read with XML_PARSE_NONET and without DTD loading or
 * entity substitution; xsl:import/include may only name local files; at
 * transform time document(), exsl:document and every file or network access
 * are forbidden.  EXSLT functions are available to templates.
 */
#ifndef ST_REPORT_H
#define ST_REPORT_H

#include <stdio.h>
#include <sqlite3.h>
#include <libxml/tree.h>
#include <libxslt/xsltInternals.h>

#include "st_date.h"
#include "st_diag.h"
#include "st_rules.h"

/* At most this many result rows (park report) and open hazards are listed;
 * the rest are counted in an `omitted` attribute. */
#define ST_REPORT_MAX_ROWS 2000

enum st_report_kind { ST_REPORT_PARK, ST_REPORT_ENTERPRISE, ST_REPORT_QUARTER, ST_REPORT_NOTICE };

/* What every report is built from; everything borrowed. */
struct st_report_input {
	sqlite3 *db;
	const struct st_pack *pack;
	st_day as_of;
	const char *park;        /* park id, or NULL: the store's only park */
	const char *generated;   /* "YYYY-MM-DDTHH:MM:SS" to show, or NULL: now */
	const struct st_pack *compare; /* park report, what-if: the proposed rules
					  (another folder or tailoring), or NULL */
	int compare_rules;       /* 1: compare is another rules folder (under the
				    current tailoring), 0: another tailoring */
};

/* called with each part of the quarterly report; return 0 to go on,
 * non-zero to stop (st_report_quarter_parts then returns -1) */
typedef int (*st_report_part_fn)(void *arg, xmlDocPtr part, struct st_diag *diag);

/* The park summary document.  Runs the checker as of in->as_of and at each
 * of the last eight quarter ends; with in->compare, also under those rules
 * and adds <what-if>: per rule, how many results they change and from which
 * status to which (st_compare_summary).  Returns 0 with a new document in *out
 * (the caller frees it with xmlFreeDoc), or -1 with a message in diag. */
int st_report_park_doc(const struct st_report_input *in, xmlDocPtr *out, struct st_diag *diag);

/* The document of one enterprise: its record, its park and every result.
 * Returns 0 with a new document in *out (caller frees), or -1 with a
 * message in diag (an unknown id is "企业 ID 不存在: ID"). */
int st_report_enterprise_doc(const struct st_report_input *in, const char *enterprise,
			     xmlDocPtr *out, struct st_diag *diag);

/* The rectification notice (整改通知书) of one enterprise: like the
 * enterprise document, with only its fail and overdue results, each with
 * notice-due (the deadline the notice gives: the linked open hazards' own
 * deadline when all are still ahead, else as-of + the tailoring's notice
 * days, default ST_NOTICE_DAYS_DEFAULT) and notice-hazard (the hazard whose
 * deadline was taken).  Returns 0 with a new document in *out (caller
 * frees), or -1 with a message in diag. */
int st_report_notice_doc(const struct st_report_input *in, const char *enterprise,
			 xmlDocPtr *out, struct st_diag *diag);

/* The quarterly inspection report of quarter q (1-4) of year y, as a
 * sequence of documents: part "head", one part "enterprise" per enterprise,
 * part "tail".  Each document is passed to emit and freed after it returns
 * (emit must not keep it).  Returns 0, or -1 with a message in diag. */
int st_report_quarter_parts(const struct st_report_input *in, int y, int q,
			    st_report_part_fn emit, void *arg, struct st_diag *diag);

/* Parse and compile a stylesheet under the rules above.  Returns 0 with the
 * stylesheet in *out (the caller frees it with xsltFreeStylesheet), or -1
 * with libxslt's messages in diag. */
int st_report_style_load(const char *path, xsltStylesheetPtr *out, struct st_diag *diag);

/* What one transformation may take: a template is a program, and a doubly
 * recursive or string-doubling one would otherwise run until killed.  The
 * defaults can be changed with the environment variables
 * SAFETRACK_RENDER_SECONDS and SAFETRACK_RENDER_MEMORY_MB. */
#define ST_REPORT_SECONDS 60
#define ST_REPORT_MEMORY_MB 512
struct st_report_budget {
	double seconds;          /* wall clock; 0: none */
	size_t bytes;            /* memory live at once in libxml2/libxslt; 0: none */
};
/* the budget the environment asks for, else the defaults above */
void st_report_budget_default(struct st_report_budget *b);

/* Transform doc with style (file and network access forbidden) and write
 * the serialized result to out, under the default budget.  Returns 0, or
 * -1 with the messages in diag and nothing written to out (also when the
 * budget ran out: "模板运行超过时间限制…" / "模板占用内存超过限制…").  On
 * success diag may still hold the stylesheet's xsl:message lines. */
int st_report_apply(xsltStylesheetPtr style, xmlDocPtr doc, FILE *out, struct st_diag *diag);
/* the same under the given budget (a server sets its own per request) */
int st_report_apply_budget(xsltStylesheetPtr style, xmlDocPtr doc,
			   const struct st_report_budget *budget, FILE *out, struct st_diag *diag);

/* Load the installed template `name` ("park.xsl", or a web front end's
 * "web-*.xsl") from st_report_default_dir() only: a bare file name of
 * letters, digits, '-' and '_' ending in ".xsl", never a path, so that a
 * request can never name a file of its own.  Returns 0 with the stylesheet
 * in *out (caller frees with xsltFreeStylesheet), or -1 with a message. */
int st_report_style_load_installed(const char *name, xsltStylesheetPtr *out,
				   struct st_diag *diag);

/* Build the report of the given kind and write it to out with the
 * stylesheet at template_path, or NULL for st_report_default_dir()'s
 * park.xsl / enterprise.xsl / quarter.xsl / notice.xsl.  arg is the
 * enterprise id (ST_REPORT_ENTERPRISE, ST_REPORT_NOTICE) or the quarter
 * "YYYY-Qn" (ST_REPORT_QUARTER), else unused.  Returns 0, or -1 with a message in diag; out may then hold part
 * of a report. */
int st_report_render(const struct st_report_input *in, enum st_report_kind kind,
		     const char *arg, const char *template_path, FILE *out,
		     struct st_diag *diag);

/* A rule's clause reference in the words of the regulation: "7.9" is
 * 第七章第9项, "7 (closing paragraph)" 第七章末段, "9 (accident 2)"
 * 第九章事故处理第2项, "9 (report 3)" 第九章报告事项第3项; several,
 * separated by commas, are joined with 、.  A reference in any other form
 * is copied as written.  Writes into buf (truncated to size) and returns it. */
char *st_report_clause_zh(const char *clause, char *buf, size_t size);

/* A rule's clause in words, naming the statute for a rule that cites one
 * (revision 2, national rules): 《生产安全事故报告和调查处理条例》第九条; a
 * local rule's as st_report_clause_zh.  Writes into buf and returns it. */
char *st_report_rule_clause_zh(const struct st_rule *rule, char *buf, size_t size);

/* parse "YYYY-Qn" (n 1-4); returns 0, or -1 if s is not such a quarter */
int st_report_parse_quarter(const char *s, int *y, int *q);

/* The templates directory: $SAFETRACK_TEMPLATES, else ./templates if it
 * holds park.xsl, else the installed ST_DATADIR/templates.  Returns a
 * static string. */
const char *st_report_default_dir(void);

#endif
