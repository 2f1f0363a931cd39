/*
 * report.c — the documents the report templates read, and the guarded
 * XSLT engine that turns them into HTML (see st_report.h).
 *
 * Documents are built with libxml2 from the checker's streamed subjects
 * and from read-only SELECTs on the store.  What goes in is deliberately
 * small: the park report keeps counts per subject and rule and only the
 * rows someone must act on (overdue, due-soon, fail, error), up to
 * ST_REPORT_MAX_ROWS; the quarterly report is emitted one enterprise at a
 * time.  That is the lesson of report generators that build the whole
 * result set as one DOM and stall on a large installation.
 *
 * Stylesheets come from the user as well as from templates/, so the engine
 * treats them as untrusted: no network, no DTDs or entities, imports only
 * from local files, and no file or network access at transform time.
 */
#include "st_store.h"
#include "st_report.h"
#include "st_paths.h"
#include "st_alloc.h"

#include <errno.h>
#include <limits.h>
#include <stdarg.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#include <libxml/parser.h>
#include <libxml/uri.h>
#include <libxslt/documents.h>
#include <libxslt/security.h>
#include <libxslt/transform.h>
#include <libxslt/xsltutils.h>
#include <libexslt/exslt.h>

#include "st_checker.h"
#include "st_compare.h"
#include "st_eval.h"
#include "st_idset.h"

#ifndef ST_DATADIR
#define ST_DATADIR "/usr/local/share/safetrack"
#endif

/* Parser options for every stylesheet: no network, no DTD loading, no
 * entity substitution; CDATA merged into text as XSLT expects. */
#define ST_XSL_PARSE (XML_PARSE_NONET | XML_PARSE_NOCDATA)

#define ITEMS 13   /* the checklist of chapter 7 */

/* ---- messages from libxml2 and libxslt into a diag -------------------------- */

/* libxslt reports through a printf-like callback, often one line in several
 * calls; collect pieces and add a diag line at each newline. */
struct errsink {
	struct st_diag *diag;
	const char *prefix;   /* e.g. "模板 park.xsl: " */
	char line[512];
	size_t len;
};

static void errsink_flush(struct errsink *e)
{
	if (e->len) {
		e->line[e->len] = '\0';
		st_diag_add(e->diag, "%s%s", e->prefix, e->line);
		e->len = 0;
	}
}

static void errsink_put(struct errsink *e, const char *s)
{
	for (; *s; s++) {
		if (*s == '\n')
			errsink_flush(e);
		else if (e->len + 1 < sizeof e->line)
			e->line[e->len++] = *s;
	}
}

static void generic_error(void *ctx, const char *fmt, ...) __attribute__((format(printf, 2, 3)));
static void generic_error(void *ctx, const char *fmt, ...)
{
	char tmp[1024];
	va_list ap;

	va_start(ap, fmt);
	vsnprintf(tmp, sizeof tmp, fmt, ap);
	va_end(ap);
	errsink_put(ctx, tmp);
}

static void structured_error(void *ctx, xmlErrorPtr err)
{
	struct errsink *e = ctx;

	if (!err || err->level == XML_ERR_WARNING)
		return;
	errsink_flush(e);
	if (err->file)
		st_diag_add(e->diag, "%s%s:%d: %s", e->prefix, err->file, err->line,
			    err->message ? err->message : "");
	else
		st_diag_add(e->diag, "%s%s", e->prefix, err->message ? err->message : "");
	/* libxml2's messages end with a newline; drop it */
	if (e->diag && e->diag->count <= ST_DIAG_KEEP) {
		char *l = e->diag->line[e->diag->count - 1];
		size_t n = l ? strlen(l) : 0;
		if (n && l[n - 1] == '\n')
			l[n - 1] = '\0';
	}
}

static void errsink_begin(struct errsink *e, struct st_diag *diag, const char *prefix)
{
	e->diag = diag;
	e->prefix = prefix;
	e->len = 0;
	xmlSetGenericErrorFunc(e, generic_error);
	xmlSetStructuredErrorFunc(e, structured_error);
	xsltSetGenericErrorFunc(e, generic_error);
}

static void errsink_end(struct errsink *e)
{
	errsink_flush(e);
	xmlSetGenericErrorFunc(NULL, NULL);
	xmlSetStructuredErrorFunc(NULL, NULL);
	xsltSetGenericErrorFunc(NULL, NULL);
}

/* ---- the guarded XSLT engine ---------------------------------------------------- */

/* The file a stylesheet URI names (a path, or file:/ file:// URI with %XX
 * escapes), opened only if it is a regular file; NULL otherwise. */
static FILE *open_style(const xmlChar *uri)
{
	const char *u = (const char *)uri;
	char *path;
	FILE *f;

	if (!strncmp(u, "file://", 7))
		u += 7;
	else if (!strncmp(u, "file:", 5))
		u += 5;
	if (!(path = xmlURIUnescapeString(u, 0, NULL)))
		return NULL;
	f = st_fopen_regular(path);
	xmlFree(path);
	return f;
}

/* Loads what xsl:import and xsl:include name, and refuses everything
 * document() asks for.  Installed for the whole process: libxslt has one
 * loader, and no caller of this module wants another. */
static xmlDocPtr style_loader(const xmlChar *uri, xmlDictPtr dict, int options, void *ctxt,
			      xsltLoadType type)
{
	xmlParserCtxtPtr pctxt;
	xmlDocPtr doc = NULL;
	FILE *f;
	const char *colon = strchr((const char *)uri, ':');
	const char *slash = strchr((const char *)uri, '/');

	(void)options;   /* libxslt asks for entity substitution and DTDs: not here */
	(void)ctxt;
	if (type != XSLT_LOAD_STYLESHEET)
		return NULL;
	/* a URI scheme other than file: (http:, ftp:, ...) is never fetched */
	if (colon && (!slash || colon < slash) && strncmp((const char *)uri, "file:", 5) != 0)
		return NULL;
	pctxt = xmlNewParserCtxt();
	if (!pctxt)
		return NULL;
	/* the imported document must share the stylesheet's dictionary */
	if (dict) {
		xmlDictFree(pctxt->dict);
		pctxt->dict = dict;
		xmlDictReference(dict);
	}
	/* a FIFO or device named by xsl:import would block open() or never
	 * end: only a regular file is opened (st_fopen_regular) */
	if ((f = open_style(uri))) {
		doc = xmlCtxtReadFd(pctxt, fileno(f), (const char *)uri, NULL, ST_XSL_PARSE);
		fclose(f);
	}
	xmlFreeParserCtxt(pctxt);
	return doc;
}

static const char *base_name(const char *path)
{
	const char *s = strrchr(path, '/');
	return s ? s + 1 : path;
}

int st_report_style_load(const char *path, xsltStylesheetPtr *out, struct st_diag *diag)
{
	struct errsink sink;
	char prefix[300];
	xmlDocPtr doc;
	xsltStylesheetPtr style = NULL;
	unsigned long failures;
	FILE *f;

	snprintf(prefix, sizeof prefix, "模板 %s: ", base_name(path));
	/* refused before it is opened if it is a FIFO, a device or a directory */
	if (!(f = st_fopen_regular(path)))
		return st_diag_add(diag, "%s: 无法读取模板文件: %s", path,
				   errno == EFTYPE_ST ? st_errno_zh(errno) : strerror(errno));
	exsltRegisterAll();
	xsltSetLoaderFunc(style_loader);
	st_alloc_install();
	failures = st_alloc_failures();
	errsink_begin(&sink, diag, prefix);
	doc = xmlReadFd(fileno(f), path, NULL, ST_XSL_PARSE);
	fclose(f);
	if (doc) {
		style = xsltParseStylesheetDoc(doc);
		if (!style)
			xmlFreeDoc(doc);   /* not taken over on failure */
		else if (style->errors) {
			xsltFreeStylesheet(style);   /* frees doc too */
			style = NULL;
		}
	}
	errsink_end(&sink);
	/* libxml2 may drop a node it had no memory for and still return a
	 * document: a stylesheet read short is not the template */
	if (style && st_alloc_failures() != failures) {
		xsltFreeStylesheet(style);
		style = NULL;
		st_diag_add(diag, "%s: 内存不足，无法读取模板", path);
	}
	if (!style) {
		if (!diag || !diag->count)
			st_diag_add(diag, "%s: 模板不是有效的 XSLT 样式表", path);
		return -1;
	}
	*out = style;
	return 0;
}

/* a budget from the environment: a positive number, else the default */
static double env_number(const char *name, double def)
{
	const char *v = getenv(name);
	char *end;
	double d;

	if (!v || !*v)
		return def;
	errno = 0;
	d = strtod(v, &end);
	return errno || *end || !(d > 0) || d > 1e9 ? def : d;
}

void st_report_budget_default(struct st_report_budget *b)
{
	b->seconds = env_number("SAFETRACK_RENDER_SECONDS", ST_REPORT_SECONDS);
	b->bytes = (size_t)(env_number("SAFETRACK_RENDER_MEMORY_MB", ST_REPORT_MEMORY_MB) * 1024 *
			    1024);
}

/* what xsltStopEngine does where libxslt has it: the engine checks the
 * state between instructions and unwinds */
static void stop_engine(void *arg)
{
	xsltTransformContextPtr ctxt = arg;
	ctxt->state = XSLT_STATE_STOPPED;
}

int st_report_apply(xsltStylesheetPtr style, xmlDocPtr doc, FILE *out, struct st_diag *diag)
{
	struct st_report_budget b;

	st_report_budget_default(&b);
	return st_report_apply_budget(style, doc, &b, out, diag);
}

int st_report_apply_budget(xsltStylesheetPtr style, xmlDocPtr doc,
			   const struct st_report_budget *budget, FILE *out, struct st_diag *diag)
{
	static const xsltSecurityOption forbidden[] = {
		XSLT_SECPREF_READ_FILE, XSLT_SECPREF_WRITE_FILE, XSLT_SECPREF_CREATE_DIRECTORY,
		XSLT_SECPREF_READ_NETWORK, XSLT_SECPREF_WRITE_NETWORK,
	};
	struct errsink sink;
	xsltSecurityPrefsPtr sec = xsltNewSecurityPrefs();
	xsltTransformContextPtr ctxt = xsltNewTransformContext(style, doc);
	xmlDocPtr res = NULL;
	xmlChar *text = NULL;
	int rc = -1, len = 0;
	struct st_alloc_meter meter = { 0 };
	size_t mark = diag ? diag->count : 0;
	unsigned long failures;

	if (!sec || !ctxt) {
		st_diag_add(diag, "内存不足");
		goto out;
	}
	for (size_t i = 0; i < sizeof forbidden / sizeof forbidden[0]; i++)
		if (xsltSetSecurityPrefs(sec, forbidden[i], xsltSecurityForbid) != 0) {
			st_diag_add(diag, "无法设置 XSLT 安全选项");
			goto out;
		}
	if (xsltSetCtxtSecurityPrefs(sec, ctxt) != 0) {
		st_diag_add(diag, "无法设置 XSLT 安全选项");
		goto out;
	}
	xsltSetCtxtParseOptions(ctxt, ST_XSL_PARSE);
	xsltSetLoaderFunc(style_loader);
	/* the template runs, and its result is serialized, under the budget;
	 * nothing is written to out until both are done within it */
	meter.limit = budget->bytes;
	meter.seconds = budget->seconds;
	meter.stop = stop_engine;
	meter.arg = ctxt;
	if (st_alloc_meter_begin(&meter) != 0) {
		st_diag_add(diag, "无法设置模板的内存与时间限制");
		goto out;
	}
	errsink_begin(&sink, diag, "模板: ");
	/* libxslt may turn a failed allocation into an empty string in the
	 * output rather than an error: count them */
	failures = st_alloc_failures();
	res = xsltApplyStylesheetUser(style, doc, NULL, NULL, NULL, ctxt);
	if (res && ctxt->state == XSLT_STATE_OK && !meter.over &&
	    xsltSaveResultToString(&text, &len, res, style) != 0) {
		xmlFree(text);
		text = NULL;
	}
	errsink_end(&sink);
	if (st_alloc_meter_end(&meter) != ST_ALLOC_WITHIN) {
		/* the engine's complaints about being stopped say nothing more */
		st_diag_truncate(diag, mark);
		if (meter.over == ST_ALLOC_OVER_TIME)
			st_diag_add(diag, "模板运行超过时间限制（%g 秒），已中止，未写出报告（模板可能有无限递归；"
				    "确需更长时间时设置环境变量 SAFETRACK_RENDER_SECONDS）", budget->seconds);
		else
			st_diag_add(diag, "模板占用内存超过限制（%g MiB），已中止，未写出报告（模板可能在无限"
				    "增长字符串或节点；确需更多内存时设置环境变量 SAFETRACK_RENDER_MEMORY_MB）",
				    (double)budget->bytes / (1024 * 1024));
		goto out;
	}
	if (st_alloc_failures() != failures) {
		st_diag_truncate(diag, mark);
		st_diag_add(diag, "内存不足，模板转换未完成，未写出报告");
		goto out;
	}
	if (!res || ctxt->state != XSLT_STATE_OK) {
		st_diag_add(diag, "模板转换失败");
		goto out;
	}
	if (!text && len == 0 && res->children) {
		st_diag_add(diag, "内存不足，未写出报告");
		goto out;
	}
	if (len && fwrite(text, 1, (size_t)len, out) != (size_t)len) {
		st_diag_add(diag, "写出报告失败: %s", strerror(errno));
		goto out;
	}
	rc = 0;
out:
	xmlFree(text);
	xmlFreeDoc(res);
	if (ctxt)
		xsltFreeTransformContext(ctxt);
	if (sec)
		xsltFreeSecurityPrefs(sec);
	return rc;
}

/* ---- building documents --------------------------------------------------------- */

/* A document under construction.  libxml2 calls can fail only for memory;
 * rather than test after each of hundreds of calls, the helpers note the
 * failure and ignore what follows, and the builder checks once. */
struct bld {
	xmlDocPtr doc;
	int oom;
};

static xmlNodePtr add(struct bld *b, xmlNodePtr parent, const char *name)
{
	xmlNodePtr n = parent ? xmlNewChild(parent, NULL, BAD_CAST name, NULL) : NULL;
	if (!n)
		b->oom = 1;
	return n;
}

/* a child element holding text, escaped (xmlNewChild would parse entities) */
static xmlNodePtr add_text(struct bld *b, xmlNodePtr parent, const char *name, const char *text)
{
	xmlNodePtr n = parent ? xmlNewTextChild(parent, NULL, BAD_CAST name,
						BAD_CAST (text ? text : "")) : NULL;
	if (!n)
		b->oom = 1;
	return n;
}

/* an attribute; a NULL value adds nothing */
static void set(struct bld *b, xmlNodePtr n, const char *name, const char *value)
{
	if (!n || !value)
		return;
	if (!xmlNewProp(n, BAD_CAST name, BAD_CAST value))
		b->oom = 1;
}

static void set_num(struct bld *b, xmlNodePtr n, const char *name, long long v)
{
	char buf[24];
	snprintf(buf, sizeof buf, "%lld", v);
	set(b, n, name, buf);
}

static void set_day(struct bld *b, xmlNodePtr n, const char *name, st_day d)
{
	char buf[11];
	set(b, n, name, d == ST_DAY_NONE ? "" : st_date_format(d, buf));
}

/* Statuses in the order the legend lists them, with what each means
 * (the catalogue's table, in Chinese). */
static const struct {
	enum st_status status;
	const char *meaning;
} status_legend[] = {
	{ ST_PASS, "截至评估日义务已履行" },
	{ ST_DUE_SOON, "目前已履行，但下一期限落在预警期内（默认 30 天，季度规则 15 天），须提前安排" },
	{ ST_NOT_CHECKED, "条款适用，但缺少判断所需的记录（如检查窗口内没有检查）；计入合规率分母，不视为合格" },
	{ ST_FAIL, "存在规定禁止的情形，或缺少必需的记录、字段" },
	{ ST_OVERDUE, "有期限的义务已过期限而未见所需记录" },
	{ ST_ERROR, "规则或数据有缺陷，无法评估，须检查规则包或数据" },
	{ ST_NOT_APPLICABLE, "该条款不适用于此对象（适用条件不成立），不计入合规率" },
	{ ST_WAIVED, "园区书面批准、有期限的豁免正在有效期内，原状态在详情中注明；豁免到期后恢复原状态；不计入合规率" },
};

/* Counts of results by status.  The compliance rate the templates show is
 * compliant / judged: pass and due-soon over every result except
 * not-applicable and waived, so that not-checked counts against (catalogue). */
struct counts {
	size_t n[ST_STATUS__COUNT];
};

static void fill_counts(struct bld *b, xmlNodePtr n, const struct counts *c)
{
	size_t judged = 0, findings = 0;

	for (int s = 0; s < ST_STATUS__COUNT; s++) {
		set_num(b, n, st_status_name((enum st_status)s), (long long)c->n[s]);
		if (s != ST_NOT_APPLICABLE && s != ST_WAIVED)
			judged += c->n[s];
		if (st_status_is_finding((enum st_status)s))
			findings += c->n[s];
	}
	set_num(b, n, "judged", (long long)judged);
	set_num(b, n, "compliant", (long long)(c->n[ST_PASS] + c->n[ST_DUE_SOON]));
	set_num(b, n, "findings", (long long)findings);
}

static void add_counts(struct bld *b, xmlNodePtr parent, const struct counts *c)
{
	fill_counts(b, add(b, parent, "counts"), c);
}

static size_t count_findings(const struct counts *c)
{
	size_t f = 0;
	for (int s = 0; s < ST_STATUS__COUNT; s++)
		if (st_status_is_finding((enum st_status)s))
			f += c->n[s];
	return f;
}

static void now_text(char buf[20])
{
	time_t t = time(NULL);
	struct tm tm;

	if (localtime_r(&t, &tm) && strftime(buf, 20, "%Y-%m-%dT%H:%M:%S", &tm))
		return;
	strcpy(buf, "");
}

/* Chinese numerals for chapter numbers 1-99 */
static void chapter_zh(int n, char *buf, size_t size)
{
	static const char *const digit[] = { "", "一", "二", "三", "四", "五", "六", "七", "八", "九" };

	if (n < 10)
		snprintf(buf, size, "%s", digit[n]);
	else
		snprintf(buf, size, "%s十%s", n >= 20 ? digit[n / 10] : "", digit[n % 10]);
}

/* one reference: "7.9", "7 (closing paragraph)", "9 (accident 2)", "9 (report 3)" */
static int clause_one_zh(const char *ref, size_t len, char *buf, size_t size)
{
	char tmp[64], ch[16], part[16];
	int c, n, used = 0;

	if (len >= sizeof tmp)
		return -1;
	memcpy(tmp, ref, len);
	tmp[len] = '\0';
	if (sscanf(tmp, "%d.%d%n", &c, &n, &used) == 2 && !tmp[used] && c >= 1 && c < 100 && n >= 1) {
		chapter_zh(c, ch, sizeof ch);
		snprintf(buf, size, "第%s章第%d项", ch, n);
		return 0;
	}
	if (sscanf(tmp, "%d (closing paragraph)%n", &c, &used) == 1 && !tmp[used] && c >= 1 &&
	    c < 100) {
		chapter_zh(c, ch, sizeof ch);
		snprintf(buf, size, "第%s章末段", ch);
		return 0;
	}
	/* chapter 9's two numbered lists: reportable matters and accidents */
	if (sscanf(tmp, "%d (%15[a-z] %d)%n", &c, part, &n, &used) == 3 && !tmp[used] &&
	    c >= 1 && c < 100 && n >= 1 && (!strcmp(part, "accident") || !strcmp(part, "report"))) {
		chapter_zh(c, ch, sizeof ch);
		snprintf(buf, size, "第%s章%s第%d项", ch,
			 part[0] == 'a' ? "事故处理" : "报告事项", n);
		return 0;
	}
	/* a national article already in words ("第二十九条") is kept as it is,
	 * so that several are joined with 、 like the rest */
	if (len > strlen("第条") && !strncmp(tmp, "第", strlen("第")) &&
	    !strcmp(tmp + len - strlen("条"), "条") && !strchr(tmp, ' ')) {
		snprintf(buf, size, "%s", tmp);
		return 0;
	}
	return -1;
}

char *st_report_clause_zh(const char *clause, char *buf, size_t size)
{
	size_t used = 0;

	if (!size)
		return buf;
	buf[0] = '\0';
	if (!clause)
		return buf;
	for (const char *p = clause; *p;) {
		size_t len = strcspn(p, ",");
		char one[96];
		while (len && p[len - 1] == ' ')
			len--;
		if (clause_one_zh(p, len, one, sizeof one) != 0) {
			/* a reference in some other form (a national article) stays as written */
			snprintf(buf, size, "%s", clause);
			return buf;
		}
		used += (size_t)snprintf(buf + used, used < size ? size - used : 0, "%s%s",
					 used ? "、" : "", one);
		if (used >= size) {
			snprintf(buf, size, "%s", clause);
			return buf;
		}
		p += strcspn(p, ",");
		while (*p == ',' || *p == ' ')
			p++;
	}
	return buf;
}

char *st_report_rule_clause_zh(const struct st_rule *r, char *buf, size_t size)
{
	if (r->regulation) {
		char words[192];
		snprintf(buf, size, "《%s》%s", r->regulation,
			 st_report_clause_zh(r->clause, words, sizeof words));
		return buf;
	}
	return st_report_clause_zh(r->clause, buf, size);
}

/* a rule's pack (id, authority, title) and the regulation it enforces:
 * its own statute, else its pack's title (revision 2) */
static void set_rule_pack(struct bld *b, xmlNodePtr n, const struct st_pack *pack,
			  const struct st_rule *r)
{
	const struct st_pack_info *pi = st_rule_pack(pack, r);

	if (pi) {
		set(b, n, "pack", pi->id);
		set(b, n, "pack-authority", pi->authority);
		set(b, n, "pack-title", pi->title);
	}
	set(b, n, "regulation", r->regulation ? r->regulation : pi ? pi->title : NULL);
}

/* <rule> elements as in docs/results-xml.md, plus severity-zh, clause-zh,
 * pack-authority, pack-title, regulation and the parameters a tailoring set */
static void add_rules(struct bld *b, xmlNodePtr root, const struct st_pack *pack)
{
	char clause_zh[256];

	for (size_t i = 0; i < pack->nrules; i++) {
		const struct st_rule *r = &pack->rules[i];
		xmlNodePtr n = add(b, root, "rule");
		set(b, n, "id", r->id);
		set(b, n, "clause", r->clause ? r->clause : "");
		set(b, n, "clause-zh", st_report_rule_clause_zh(r, clause_zh, sizeof clause_zh));
		set_rule_pack(b, n, pack, r);
		set(b, n, "severity", st_severity_name(r->severity));
		set(b, n, "severity-zh", st_severity_name_zh(r->severity));
		set(b, n, "scope", st_scope_name(r->scope));
		set(b, n, "title", r->title ? r->title : "");
		set(b, n, "informational", r->informational ? "yes" : "no");
		set(b, n, "selected", r->selected ? "yes" : "no");
		add_text(b, n, "clause-text", r->clause_text);
		add_text(b, n, "remediation", r->remediation);
		for (size_t c = 0; c < r->nchecks; c++)
			for (size_t p = 0; p < r->checks[c].nparams; p++) {
				const struct st_param *pm = &r->checks[c].params[p];
				if (!pm->tailored)
					continue;
				xmlNodePtr t = add(b, n, "tailored");
				set(b, t, "param", pm->name);
				set(b, t, "value", pm->text);
			}
	}
}

/* <pack> elements (revision 2: the rules folder stacks a local and a
 * national pack), the local ones first, each with its number of rules;
 * templates group rules by them */
static void add_packs(struct bld *b, xmlNodePtr root, const struct st_pack *pack)
{
	for (int local = 1; local >= 0; local--)
		for (size_t k = 0; k < pack->npacks; k++) {
			const struct st_pack_info *pi = &pack->packs[k];
			size_t n = 0;
			int national = pi->authority && !strcmp(pi->authority, "national");
			if (national == local)
				continue;
			for (size_t i = 0; i < pack->nrules; i++)
				n += pack->rules[i].pack == k;
			xmlNodePtr e = add(b, root, "pack");
			set(b, e, "id", pi->id);
			set(b, e, "version", pi->version);
			set(b, e, "title", pi->title);
			set(b, e, "authority", pi->authority);
			set(b, e, "authority-zh", st_authority_name_zh(pi->authority));
			set_num(b, e, "rules", (long long)n);
		}
}

/* A new document whose root <results> carries the run's attributes, the
 * packs and the status legend; report is "park", "enterprise" or "quarter". */
static xmlNodePtr begin_doc(struct bld *b, const struct st_report_input *in, const char *report)
{
	const struct st_pack *pack = in->pack;
	char day[11], now[20];
	xmlNodePtr root;

	b->oom = 0;
	b->doc = xmlNewDoc(BAD_CAST "1.0");
	root = b->doc ? xmlNewDocNode(b->doc, NULL, BAD_CAST "results", NULL) : NULL;
	if (!root) {
		b->oom = 1;
		return NULL;
	}
	xmlDocSetRootElement(b->doc, root);
	if (!in->generated)
		now_text(now);
	set(b, root, "as-of", st_date_format(in->as_of, day));
	set(b, root, "generated", in->generated ? in->generated : now);
	set(b, root, "report", report);
	set(b, root, "pack", pack->id ? pack->id : "");
	set(b, root, "pack-version", pack->version ? pack->version : "");
	set(b, root, "pack-title", pack->title ? pack->title : "");
	set(b, root, "tailoring", pack->tailoring ? pack->tailoring : "");
	set(b, root, "tailoring-id", pack->tailoring_id ? pack->tailoring_id : "");
	add_packs(b, root, pack);
	for (size_t i = 0; i < sizeof status_legend / sizeof status_legend[0]; i++) {
		enum st_status s = status_legend[i].status;
		xmlNodePtr n = add_text(b, root, "status", status_legend[i].meaning);
		set(b, n, "name", st_status_name(s));
		set(b, n, "zh", st_status_name_zh(s));
		set(b, n, "finding", st_status_is_finding(s) ? "yes" : "no");
	}
	return root;
}

/* hand the document over, or free it and report memory */
static int end_doc(struct bld *b, xmlDocPtr *out, struct st_diag *diag)
{
	if (b->oom) {
		xmlFreeDoc(b->doc);
		b->doc = NULL;
		return st_diag_add(diag, "内存不足");
	}
	*out = b->doc;
	b->doc = NULL;
	return 0;
}

static xmlNodePtr add_subject(struct bld *b, xmlNodePtr root, const struct st_subject *s)
{
	xmlNodePtr n = add(b, root, "subject");
	set(b, n, "kind", st_scope_name(s->kind));
	set(b, n, "id", s->id);
	set(b, n, "name", s->name ? s->name : "");
	set(b, n, "park", s->park);
	return n;
}

/* a result; days-late (due before as_of) or days-left (due on or after it)
 * spare the templates date arithmetic */
static void add_result(struct bld *b, xmlNodePtr subject, const struct st_result *r,
		       st_day as_of)
{
	xmlNodePtr n = add(b, subject, "result");
	set(b, n, "rule", r->rule->id);
	set(b, n, "status", st_status_name(r->status));
	set_day(b, n, "due", r->due);
	if (r->due != ST_DAY_NONE)
		set_num(b, n, r->due < as_of ? "days-late" : "days-left",
			(long long)(r->due < as_of ? as_of - r->due : r->due - as_of));
	add_text(b, n, "detail", r->detail_zh);
	add_text(b, n, "detail-en", r->detail_en);
	for (size_t k = 0; k < r->nrecords; k++)
		set(b, add(b, n, "record"), "id", r->records[k]);
}

/* ---- reading the store ---------------------------------------------------------- */

/* a record voided on or before the day (?2) is as if absent (revision 2) */
#define LIVE " AND (voided IS NULL OR voided > ?2)"

static int db_error(sqlite3 *db, struct st_diag *diag)
{
	return st_diag_add(diag, "数据库错误: %s", st_store_errmsg(db));
}

static int prepare(sqlite3 *db, const char *sql, sqlite3_stmt **st, struct st_diag *diag)
{
	if (sqlite3_prepare_v2(db, sql, -1, st, NULL) != SQLITE_OK)
		return db_error(db, diag);
	return 0;
}

/* bind text parameters 1..n (NULL binds SQL NULL) */
static int bind_texts(sqlite3_stmt *st, int n, const char *const *v)
{
	for (int i = 0; i < n; i++)
		if (sqlite3_bind_text(st, i + 1, v[i], -1, SQLITE_TRANSIENT) != SQLITE_OK)
			return -1;
	return 0;
}

/* the index of the result column called name (a SELECT's own list, which
 * for "SELECT *" is the table's order, not the dossier's); -1 if none */
static int column_named(sqlite3_stmt *st, const char *name)
{
	for (int i = 0; i < sqlite3_column_count(st); i++)
		if (!strcmp(sqlite3_column_name(st, i), name))
			return i;
	return -1;
}

/* the text of the current row's column called name (NULL if none or NULL) */
static const char *column_text(sqlite3_stmt *st, const char *name)
{
	int i = column_named(st, name);

	return i < 0 ? NULL : (const char *)sqlite3_column_text(st, i);
}

/* every non-NULL column of the current row as an attribute of n */
static void set_row(struct bld *b, xmlNodePtr n, sqlite3_stmt *st)
{
	for (int i = 0; i < sqlite3_column_count(st); i++)
		if (sqlite3_column_type(st, i) != SQLITE_NULL)
			set(b, n, sqlite3_column_name(st, i),
			    (const char *)sqlite3_column_text(st, i));
}

/* Run sql with text parameters and add one element `name` per row under
 * parent.  Returns the number of rows, or -1 with a message. */
static long add_rows(struct bld *b, sqlite3 *db, xmlNodePtr parent, const char *name,
		     const char *sql, int nparams, const char *const *params,
		     struct st_diag *diag)
{
	sqlite3_stmt *st = NULL;
	long rows = 0;
	int rc;

	if (prepare(db, sql, &st, diag) != 0)
		return -1;
	if (bind_texts(st, nparams, params) != 0) {
		sqlite3_finalize(st);
		return db_error(db, diag);
	}
	while ((rc = sqlite3_step(st)) == SQLITE_ROW) {
		set_row(b, add(b, parent, name), st);
		rows++;
	}
	if (rc != SQLITE_DONE)
		rows = db_error(db, diag);
	sqlite3_finalize(st);
	return rows;
}

/* the enterprise's <park> (as in the other documents, found through the
 * enterprise) and its <enterprise>; 0, or -1 with a message (no such
 * enterprise, database error) */
static int add_enterprise(struct bld *b, sqlite3 *db, xmlNodePtr root, const char *enterprise,
			  struct st_diag *diag)
{
	long rows;

	if (add_rows(b, db, root, "park",
		     "SELECT p.* FROM parks p JOIN enterprises e ON e.park = p.id WHERE e.id = ?1",
		     1, (const char *const[]){ enterprise }, diag) < 0)
		return -1;
	rows = add_rows(b, db, root, "enterprise", "SELECT * FROM enterprises WHERE id = ?1", 1,
			(const char *const[]){ enterprise }, diag);
	if (rows == 0)
		st_diag_add(diag, "企业 ID 不存在: %s", enterprise);
	return rows > 0 ? 0 : -1;
}

/* The park a park or quarterly report covers: the given one, which must
 * exist, or the store's only park.  *out is malloc'd. */
static int resolve_park(const struct st_report_input *in, char **out, struct st_diag *diag)
{
	sqlite3_stmt *st = NULL;
	const char *sql = in->park ? "SELECT id FROM parks WHERE id = ?1"
				   : "SELECT id FROM parks ORDER BY id LIMIT 2";
	int rc, n = 0;

	*out = NULL;
	if (prepare(in->db, sql, &st, diag) != 0)
		return -1;
	if (in->park && sqlite3_bind_text(st, 1, in->park, -1, SQLITE_TRANSIENT) != SQLITE_OK) {
		sqlite3_finalize(st);
		return db_error(in->db, diag);
	}
	while ((rc = sqlite3_step(st)) == SQLITE_ROW) {
		if (n++ == 0 && !(*out = strdup((const char *)sqlite3_column_text(st, 0)))) {
			sqlite3_finalize(st);
			return st_diag_add(diag, "内存不足");
		}
	}
	if (rc != SQLITE_DONE) {
		db_error(in->db, diag);
		n = -1;
	}
	sqlite3_finalize(st);
	if (n == 1)
		return 0;
	free(*out);
	*out = NULL;
	if (n < 0)
		return -1;
	if (in->park)
		return st_diag_add(diag, "园区 ID 不存在: %s", in->park);
	if (n == 0)
		return st_diag_add(diag, "数据库中没有园区记录，请先导入园区档案（safetrack import）");
	return st_diag_add(diag, "数据库中有多个园区，请用 --park 指定");
}

/* ---- the park report ------------------------------------------------------------ */

/* what the park report knows of an enterprise's status (st_idset values) */
enum { ENT_OPERATING = 1, ENT_CONSTRUCTION, ENT_CLOSED, ENT_OTHER };

struct park_run {
	struct bld *b;
	xmlNodePtr root;         /* NULL: count only (trend points) */
	const struct st_pack *pack;
	st_day as_of;
	const struct st_idset *status; /* enterprise id -> ENT_* */
	struct counts total;
	struct counts *per_rule; /* pack->nrules, or NULL */
	size_t enterprises, compliant_enterprises, construction, listed, omitted;
};

static int listed_status(enum st_status s)
{
	return s == ST_OVERDUE || s == ST_DUE_SOON || s == ST_FAIL || s == ST_ERROR;
}

static int park_sink(void *arg, const struct st_subject *s)
{
	struct park_run *run = arg;
	struct counts c = { { 0 } };
	long status = s->kind == ST_SCOPE_ENTERPRISE ? st_idset_get(run->status, s->id) : 0;
	xmlNodePtr n;

	/* a closed enterprise owes nothing: it is listed apart, not counted */
	if (status == ENT_CLOSED)
		return 0;
	for (size_t i = 0; i < s->nresults; i++) {
		const struct st_result *r = &s->results[i];
		c.n[r->status]++;
		run->total.n[r->status]++;
		if (run->per_rule)
			run->per_rule[r->rule - run->pack->rules].n[r->status]++;
	}
	if (s->kind == ST_SCOPE_ENTERPRISE) {
		run->enterprises++;
		if (status == ENT_CONSTRUCTION)
			run->construction++;
		else if (!count_findings(&c))
			run->compliant_enterprises++;
	}
	if (!run->root)
		return 0;
	/* a subject with nothing to act on is only counted */
	if (s->kind == ST_SCOPE_ENTERPRISE && !count_findings(&c) && !c.n[ST_DUE_SOON] &&
	    !c.n[ST_NOT_CHECKED])
		return 0;
	n = add_subject(run->b, run->root, s);
	add_counts(run->b, n, &c);
	for (size_t i = 0; i < s->nresults; i++) {
		if (!listed_status(s->results[i].status))
			continue;
		if (run->listed >= ST_REPORT_MAX_ROWS) {
			run->omitted++;
			continue;
		}
		add_result(run->b, n, &s->results[i], run->as_of);
		run->listed++;
	}
	return run->b->oom;
}

/* Open hazards of the park as of the day, major and overdue first, with
 * the totals in attributes (HAZ-RECTIFY-DEADLINE, HAZ-FOUR-IMPLEMENTATIONS
 * judge the same records; this is the register view of them). */
static int add_hazards(struct bld *b, const struct st_report_input *in, const char *park,
		       xmlNodePtr root, struct st_diag *diag)
{
	static const char totals_sql[] =
		"SELECT count(*),"
		" coalesce(sum(h.closed IS NOT NULL AND h.closed <= ?2), 0),"
		" coalesce(sum((h.closed IS NULL OR h.closed > ?2) AND h.deadline < ?2), 0),"
		" coalesce(sum((h.closed IS NULL OR h.closed > ?2) AND h.grade = 'major'), 0)"
		" FROM hazards h JOIN enterprises e ON e.id = h.enterprise"
		" WHERE e.park = ?1 AND h.found <= ?2 AND e.status IS NOT 'closed'"
		" AND (h.voided IS NULL OR h.voided > ?2)";
	static const char list_sql[] =
		"SELECT h.id, h.enterprise, e.name AS \"enterprise-name\", h.inspection, h.item,"
		" h.found, h.description, h.grade, h.measures, h.funds, h.owner, h.deadline"
		" FROM hazards h JOIN enterprises e ON e.id = h.enterprise"
		" WHERE e.park = ?1 AND h.found <= ?2 AND (h.closed IS NULL OR h.closed > ?2)"
		" AND e.status IS NOT 'closed' AND (h.voided IS NULL OR h.voided > ?2)"
		" ORDER BY h.grade = 'major' DESC, coalesce(h.deadline < ?2, 0) DESC,"
		" h.deadline IS NULL, h.deadline, h.id LIMIT ?3";
	sqlite3_stmt *st = NULL;
	xmlNodePtr hz = add(b, root, "hazards");
	char day[11];
	long long found = 0, closed = 0, overdue = 0, major = 0, listed = 0;
	int rc;

	st_date_format(in->as_of, day);
	if (prepare(in->db, totals_sql, &st, diag) != 0)
		return -1;
	if (bind_texts(st, 2, (const char *const[]){ park, day }) != 0)
		goto dberr;
	if ((rc = sqlite3_step(st)) != SQLITE_ROW)
		goto dberr;
	found = sqlite3_column_int64(st, 0);
	closed = sqlite3_column_int64(st, 1);
	overdue = sqlite3_column_int64(st, 2);
	major = sqlite3_column_int64(st, 3);
	sqlite3_finalize(st);

	if (prepare(in->db, list_sql, &st, diag) != 0)
		return -1;
	if (bind_texts(st, 2, (const char *const[]){ park, day }) != 0 ||
	    sqlite3_bind_int(st, 3, ST_REPORT_MAX_ROWS) != SQLITE_OK)
		goto dberr;
	while ((rc = sqlite3_step(st)) == SQLITE_ROW) {
		xmlNodePtr h = add(b, hz, "hazard");
		const char *deadline = column_text(st, "deadline");
		st_day dl;
		set_row(b, h, st);
		if (deadline && st_date_parse_iso(deadline, &dl) == 0 && dl < in->as_of)
			set_num(b, h, "days-late", (long long)(in->as_of - dl));
		listed++;
	}
	if (rc != SQLITE_DONE)
		goto dberr;
	sqlite3_finalize(st);
	set_num(b, hz, "found", found);
	set_num(b, hz, "open", found - closed);
	set_num(b, hz, "overdue", overdue);
	set_num(b, hz, "major-open", major);
	set_num(b, hz, "closed", closed);
	set_num(b, hz, "listed", listed);
	set_num(b, hz, "omitted", found - closed - listed);
	return 0;
dberr:
	sqlite3_finalize(st);
	return db_error(in->db, diag);
}

/* The status of each enterprise of the park in *set (ENT_*), and the
 * closed ones under root as <closed-enterprise> with the hazards they left
 * open: a closed enterprise owes nothing, so it is listed apart. */
static int load_enterprise_status(struct bld *b, const struct st_report_input *in,
				  const char *park, xmlNodePtr root, struct st_idset *set,
				  struct st_diag *diag)
{
	static const char sql[] =
		"SELECT e.id, e.name, e.status,"
		" (SELECT count(*) FROM hazards h WHERE h.enterprise = e.id AND h.found <= ?2"
		"  AND (h.closed IS NULL OR h.closed > ?2) AND (h.voided IS NULL OR h.voided > ?2))"
		" AS \"open-hazards\""
		" FROM enterprises e WHERE e.park = ?1 ORDER BY e.id";
	sqlite3_stmt *st = NULL;
	char day[11];
	int rc;

	st_date_format(in->as_of, day);
	if (prepare(in->db, sql, &st, diag) != 0)
		return -1;
	if (bind_texts(st, 2, (const char *const[]){ park, day }) != 0) {
		sqlite3_finalize(st);
		return db_error(in->db, diag);
	}
	while ((rc = sqlite3_step(st)) == SQLITE_ROW) {
		const char *status = column_text(st, "status");
		long v = !status ? ENT_OTHER
			 : !strcmp(status, "operating") ? ENT_OPERATING
			 : !strcmp(status, "construction") ? ENT_CONSTRUCTION
			 : !strcmp(status, "closed") ? ENT_CLOSED : ENT_OTHER;
		if (st_idset_put(set, column_text(st, "id"), v) != 0)
			b->oom = 1;
		if (v == ENT_CLOSED)
			set_row(b, add(b, root, "closed-enterprise"), st);
	}
	sqlite3_finalize(st);
	return rc == SQLITE_DONE ? 0 : db_error(in->db, diag);
}

/* The last eight quarter ends on or before as_of, oldest first. */
static void trend_days(st_day as_of, st_day days[8])
{
	int y, m, d, q;

	st_day_to_ymd(as_of, &y, &m, &d);
	q = st_period_index(as_of, 3);
	if (st_period_last(y, 3, q) != as_of && --q == 0) {
		q = 4;
		y--;
	}
	for (int i = 7; i >= 0; i--) {
		days[i] = st_period_last(y, 3, q);
		if (--q == 0) {
			q = 4;
			y--;
		}
	}
}

/* the trend's points, from the runs at the last eight quarter ends, and a
 * ninth at the report's own date (the headline) unless that is the last
 * quarter end already */
static void add_trend(struct bld *b, xmlNodePtr root, st_day as_of, const st_day *days,
		      const struct park_run *runs, const struct park_run *headline)
{
	xmlNodePtr trend = add(b, root, "trend");

	for (int i = 0; i < 8; i++) {
		char label[24];
		int y, m, d;
		st_day_to_ymd(days[i], &y, &m, &d);
		snprintf(label, sizeof label, "%04d-Q%d", y, (m + 2) / 3);
		xmlNodePtr p = add(b, trend, "point");
		set(b, p, "quarter", label);
		set_day(b, p, "date", days[i]);
		add_counts(b, p, &runs[i].total);
	}
	if (days[7] != as_of) {
		xmlNodePtr p = add(b, trend, "point");
		set(b, p, "as-of", "yes");
		set_day(b, p, "date", as_of);
		add_counts(b, p, &headline->total);
	}
}

/* date 0 is the report's as-of; dates 1-8 the trend's quarter ends */
/* ---- what-if: the proposed rules' effect, per rule ------------------------------ */

struct what_if_run {
	struct st_compare_summary sum;
	const struct st_idset *status; /* enterprise id -> ENT_* */
};

static int what_if_sink(void *arg, const struct st_compare_row *row)
{
	struct what_if_run *w = arg;

	/* a closed enterprise is out of the report's counts, here too */
	if (row->kind == ST_SCOPE_ENTERPRISE && st_idset_get(w->status, row->subject) == ENT_CLOSED)
		return 0;
	return st_compare_summary_add(&w->sum, row);
}

/* "yes", "deselected" (by the tailoring) or "no" (not in the pack) */
static const char *side(const struct st_rule *r)
{
	return !r ? "no" : r->selected ? "yes" : "deselected";
}

static const char *status_or_none(int s)
{
	return s == ST_COMPARE_NONE ? "none" : st_status_name((enum st_status)s);
}

/* What the proposal changes in a rule both sides have: each parameter
 * whose value differs (<param>, with the current value and what the
 * parameter means) and a rule it deselects or brings back (<selection>). */
static void add_proposed(struct bld *b, xmlNodePtr n, const struct st_compare_rule *cr)
{
	const struct st_rule *r = cr->rule, *o = cr->other_rule;

	if (!r || !o)
		return;
	if (r->selected != o->selected) {
		xmlNodePtr e = add(b, n, "selection");
		set(b, e, "rule", cr->id);
		set(b, e, "here", side(r));
		set(b, e, "there", side(o));
	}
	for (size_t c = 0; c < o->nchecks && c < r->nchecks; c++)
		for (size_t p = 0; p < o->checks[c].nparams; p++) {
			const struct st_param *pm = &o->checks[c].params[p];
			const char *was = st_check_text(&r->checks[c], pm->name);
			if (!pm->text || (was && !strcmp(was, pm->text)))
				continue;
			xmlNodePtr e = add(b, n, "param");
			set(b, e, "rule", cr->id);
			set(b, e, "name", pm->name);
			set(b, e, "value", pm->text);
			set(b, e, "was", was ? was : "");
			set(b, e, "doc", pm->spec ? pm->spec->doc : "");
		}
}

/* <what-if>: the park judged under in->compare as well; only the rules whose
 * results change are listed, each with its pairs of statuses */
static int add_what_if(struct bld *b, const struct st_report_input *in, const char *park,
		       const struct st_idset *status, xmlNodePtr root, struct st_diag *diag)
{
	const struct st_pack *other = in->compare;
	struct st_check_filter filter = { NULL, park, NULL };
	struct what_if_run w = { .status = status };
	char clause_zh[256];
	size_t unchanged = 0;
	int rc;

	if (st_compare_summary_init(&w.sum, in->pack, other, diag) != 0)
		return -1;
	rc = st_compare_run(in->db, in->pack, other, in->as_of, &filter, 0, what_if_sink, &w, diag);
	if (rc != 0) {
		if (rc > 0)
			st_diag_add(diag, "内存不足");
		st_compare_summary_release(&w.sum);
		return -1;
	}
	xmlNodePtr n = add(b, root, "what-if");
	set(b, n, "dir", other->dir);
	set(b, n, "tailoring", other->tailoring ? other->tailoring : "");
	set(b, n, "tailoring-id", other->tailoring_id ? other->tailoring_id : "");
	set(b, n, "proposal", in->compare_rules ? "rules" : "tailoring");
	set_num(b, n, "changed", (long long)w.sum.changed);
	set_num(b, n, "subjects", (long long)w.sum.subjects);
	set_num(b, n, "enterprises", (long long)w.sum.subjects_of[ST_SCOPE_ENTERPRISE]);
	set_num(b, n, "parks", (long long)w.sum.subjects_of[ST_SCOPE_PARK]);
	set_num(b, n, "rules-changed", (long long)w.sum.rules_changed);
	for (size_t i = 0; i < w.sum.nrules; i++) {
		const struct st_compare_rule *cr = &w.sum.rules[i];
		const struct st_rule *r = cr->rule ? cr->rule : cr->other_rule;
		int judged = (cr->rule && cr->rule->selected && !cr->rule->informational) ||
			     (cr->other_rule && cr->other_rule->selected &&
			      !cr->other_rule->informational);
		add_proposed(b, n, cr);
		if (!cr->changed) {
			if (judged) {
				unchanged++;
				xmlNodePtr e = add(b, n, "same");
				set(b, e, "rule", cr->id);
				set_rule_pack(b, e, cr->rule ? in->pack : other, r);
			}
			continue;
		}
		xmlNodePtr e = add(b, n, "rule");
		set(b, e, "id", cr->id);
		set(b, e, "title", r->title ? r->title : "");
		set(b, e, "clause-zh", st_report_rule_clause_zh(r, clause_zh, sizeof clause_zh));
		set(b, e, "scope", st_scope_name(r->scope));
		set_rule_pack(b, e, cr->rule ? in->pack : other, r);
		set(b, e, "here", side(cr->rule));
		set(b, e, "there", side(cr->other_rule));
		set_num(b, e, "changed", (long long)cr->changed);
		for (int x = 0; x <= ST_COMPARE_NONE; x++)
			for (int y = 0; y <= ST_COMPARE_NONE; y++) {
				if (!cr->n[x][y])
					continue;
				xmlNodePtr c = add(b, e, "change");
				set(b, c, "from", status_or_none(x));
				set(b, c, "to", status_or_none(y));
				set_num(b, c, "count", (long long)cr->n[x][y]);
			}
	}
	set_num(b, n, "unchanged", (long long)unchanged);
	st_compare_summary_release(&w.sum);
	return 0;
}

static int park_dates_sink(void *arg, size_t date, const struct st_subject *s)
{
	struct park_run *runs = arg;
	return park_sink(&runs[date], s);
}

int st_report_park_doc(const struct st_report_input *in, xmlDocPtr *out, struct st_diag *diag)
{
	struct bld b = { 0 };
	/* runs[0]: the report's date, listed in full; runs[1..8]: trend, counted */
	struct park_run runs[9];
	struct park_run *run = &runs[0];
	struct st_check_filter filter = { NULL, NULL, NULL };
	struct st_idset status = ST_IDSET_INIT;
	st_day days[9];
	char *park = NULL;
	xmlNodePtr root, counts, summary, n;
	int rc = -1;

	memset(runs, 0, sizeof runs);
	for (int i = 0; i < 9; i++) {
		runs[i].b = &b;
		runs[i].pack = in->pack;
		runs[i].status = &status;
	}
	days[0] = in->as_of;
	trend_days(in->as_of, days + 1);
	for (int i = 0; i < 9; i++)
		runs[i].as_of = days[i];
	if (resolve_park(in, &park, diag) != 0)
		return -1;
	filter.park = park;
	run->per_rule = calloc(in->pack->nrules ? in->pack->nrules : 1, sizeof *run->per_rule);
	if (!run->per_rule) {
		st_diag_add(diag, "内存不足");
		goto out;
	}
	root = begin_doc(&b, in, "park");
	add_rules(&b, root, in->pack);
	if (add_rows(&b, in->db, root, "park", "SELECT * FROM parks WHERE id = ?1", 1,
		     (const char *const[]){ park }, diag) < 0)
		goto out;
	if (load_enterprise_status(&b, in, park, root, &status, diag) != 0)
		goto out;
	/* placeholders, filled once the run has counted everything */
	counts = add(&b, root, "counts");
	summary = add(&b, root, "summary");
	run->root = root;
	if (b.oom)
		goto oom;
	/* one read of each subject serves the report's date and the trend's */
	/* over one thread per core: the order the sink sees is the same */
	if (st_checker_run_dates_jobs(in->db, in->pack, days, 9, &filter, 0, park_dates_sink,
				      runs, diag) != 0) {
		if (b.oom)
			goto oom;
		goto out;
	}
	fill_counts(&b, counts, &run->total);
	set_num(&b, summary, "enterprises", (long long)run->enterprises);
	set_num(&b, summary, "compliant-enterprises", (long long)run->compliant_enterprises);
	set_num(&b, summary, "construction", (long long)run->construction);
	set_num(&b, summary, "listed", (long long)run->listed);
	set_num(&b, summary, "omitted", (long long)run->omitted);
	n = root->children;
	for (size_t i = 0; n && i < in->pack->nrules; n = n->next) {
		if (n->type != XML_ELEMENT_NODE || !xmlStrEqual(n->name, BAD_CAST "rule"))
			continue;
		if (!in->pack->rules[i].informational)
			add_counts(&b, n, &run->per_rule[i]);
		i++;
	}
	if (add_hazards(&b, in, park, root, diag) != 0)
		goto out;
	add_trend(&b, root, in->as_of, days + 1, runs + 1, run);
	if (in->compare && add_what_if(&b, in, park, &status, root, diag) != 0)
		goto out;
oom:
	rc = end_doc(&b, out, diag);
out:
	xmlFreeDoc(b.doc);
	free(run->per_rule);
	st_idset_release(&status);
	free(park);
	return rc;
}

/* ---- the enterprise report ------------------------------------------------------ */

struct enterprise_run {
	struct bld *b;
	xmlNodePtr root;
	st_day as_of;
};

static int enterprise_sink(void *arg, const struct st_subject *s)
{
	struct enterprise_run *run = arg;
	struct counts c = { { 0 } };
	xmlNodePtr n = add_subject(run->b, run->root, s);

	for (size_t i = 0; i < s->nresults; i++)
		c.n[s->results[i].status]++;
	add_counts(run->b, n, &c);
	for (size_t i = 0; i < s->nresults; i++)
		add_result(run->b, n, &s->results[i], run->as_of);
	return run->b->oom;
}

/* The enterprise's hazard ledger as of the day: open hazards (a closing
 * date after the day is not known yet) with days late or left, then those
 * closed within the year before the day; and its records, each kind as
 * one element, own date on or before the day.  HAZ-RECTIFY-DEADLINE and
 * HAZ-FOUR-IMPLEMENTATIONS judge the same hazards; this is the register. */
static int add_enterprise_records(struct bld *b, const struct st_report_input *in,
				  const char *enterprise, xmlNodePtr root, struct st_diag *diag)
{
	static const struct {
		const char *element, *sql;
	} kinds[] = {
		{ "inspection", "SELECT * FROM inspections WHERE enterprise = ?1 AND date <= ?2"
				" AND date > ?3" LIVE " ORDER BY date DESC, id" },
		{ "evaluation", "SELECT id, kind, date, agency, expert_passed, rectify_deadline,"
				" CASE WHEN rectified <= ?2 THEN rectified END AS rectified"
				" FROM evaluations WHERE enterprise = ?1 AND date <= ?2" LIVE
				" ORDER BY date DESC, id" },
		{ "certificate", "SELECT c.id, c.worker, w.name AS \"worker-name\", c.kind, c.number,"
				 " c.issued, c.expires FROM certificates c"
				 " LEFT JOIN workers w ON w.id = c.worker AND w.enterprise = c.enterprise"
				 " WHERE c.enterprise = ?1 AND (c.issued IS NULL OR c.issued <= ?2)"
				 " AND (c.voided IS NULL OR c.voided > ?2) ORDER BY c.expires, c.id" },
		{ "equipment", "SELECT * FROM equipment WHERE enterprise = ?1" LIVE
			       " ORDER BY next_test, id" },
		{ "accident", "SELECT id, occurred, deaths, injuries, description,"
			      " CASE WHEN substr(reported, 1, 10) <= ?2 THEN reported END AS reported,"
			      " CASE WHEN form_filed <= ?2 THEN form_filed END AS form_filed,"
			      " CASE WHEN investigation_closed <= ?2 THEN investigation_closed END"
			      " AS investigation_closed"
			      " FROM accidents WHERE enterprise = ?1 AND substr(occurred, 1, 10) <= ?2"
			      LIVE " ORDER BY occurred DESC, id" },
		{ "project", "SELECT * FROM projects WHERE enterprise = ?1" LIVE " ORDER BY id" },
		/* revision 2: licences issued by as-of, the latest expiring first */
		{ "licence", "SELECT id, kind, number, issued, expires,"
			     " CASE WHEN renewal_applied <= ?2 THEN renewal_applied END AS renewal_applied"
			     " FROM licences WHERE enterprise = ?1 AND issued <= ?2" LIVE
			     " ORDER BY expires DESC, id" },
	};
	static const char hazard_sql[] =
		"SELECT id, inspection, item, found, description, grade, measures, funds, owner,"
		" deadline, CASE WHEN closed <= ?2 THEN closed END AS closed,"
		" CASE WHEN closed <= ?2 THEN verified_by END AS verified_by,"
		" CASE WHEN closed IS NULL OR closed > ?2 THEN 'open' ELSE 'closed' END AS state"
		" FROM hazards WHERE enterprise = ?1 AND found <= ?2"
		" AND (closed IS NULL OR closed > ?3)" LIVE
		" ORDER BY state = 'closed', grade = 'major' DESC, deadline IS NULL, deadline,"
		" closed DESC, id";
	char day[11], year_ago[11];
	xmlNodePtr hz = add(b, root, "hazards"), records;
	long n;

	st_date_format(in->as_of, day);
	st_date_format(in->as_of - 365, year_ago);
	set(b, hz, "closed-since", year_ago);
	const char *const params[] = { enterprise, day, year_ago };
	if ((n = add_rows(b, in->db, hz, "hazard", hazard_sql, 3, params, diag)) < 0)
		return -1;
	for (xmlNodePtr h = hz ? hz->children : NULL; h; h = h->next) {
		xmlChar *state = xmlGetProp(h, BAD_CAST "state");
		xmlChar *deadline = xmlGetProp(h, BAD_CAST "deadline");
		st_day dl;
		if (state && xmlStrEqual(state, BAD_CAST "open") && deadline &&
		    st_date_parse_iso((const char *)deadline, &dl) == 0)
			set_num(b, h, dl < in->as_of ? "days-late" : "days-left",
				(long long)(dl < in->as_of ? in->as_of - dl : dl - in->as_of));
		xmlFree(state);
		xmlFree(deadline);
	}
	records = add(b, root, "records");
	set(b, records, "inspections-since", year_ago);
	for (size_t i = 0; i < sizeof kinds / sizeof kinds[0]; i++)
		if (add_rows(b, in->db, records, kinds[i].element, kinds[i].sql,
			     strstr(kinds[i].sql, "?3") ? 3 : strstr(kinds[i].sql, "?2") ? 2 : 1,
			     params, diag) < 0)
			return -1;
	return 0;
}

int st_report_enterprise_doc(const struct st_report_input *in, const char *enterprise,
			     xmlDocPtr *out, struct st_diag *diag)
{
	struct bld b = { 0 };
	struct enterprise_run run = { &b, NULL, in->as_of };
	struct st_check_filter filter = { enterprise, NULL, NULL };
	xmlNodePtr root;
	int rc = -1;

	root = begin_doc(&b, in, "enterprise");
	add_rules(&b, root, in->pack);
	/* the park first, as in the other documents; found through the enterprise */
	if (add_enterprise(&b, in->db, root, enterprise, diag) != 0)
		goto out;
	run.root = root;
	if (b.oom)
		goto oom;
	if (st_checker_run(in->db, in->pack, in->as_of, &filter, enterprise_sink, &run, diag) != 0 &&
	    !b.oom)
		goto out;
	if (add_enterprise_records(&b, in, enterprise, root, diag) != 0)
		goto out;
oom:
	rc = end_doc(&b, out, diag);
out:
	xmlFreeDoc(b.doc);
	return rc;
}

/* ---- the rectification notice --------------------------------------------------- */

struct notice_run {
	struct bld *b;
	xmlNodePtr root;
	st_day as_of;
	int days;                /* the notice's time limit */
	sqlite3_stmt *haz;       /* open hazards linked to a record, see notice_due */
	const char *enterprise;
	int dberr;
};

/* The deadline a notice gives a finding: the linked hazards' own deadline
 * when every open hazard linked to the finding's records (by id, or by
 * inspection and checklist item for CHK-nn) still has one after the day,
 * the earliest of them; else the day + the notice's days.  *hazard gets
 * the id of the hazard whose deadline was taken (malloc'd), or NULL. */
static st_day notice_due(struct notice_run *run, const struct st_result *r, char **hazard)
{
	char day[11];
	int item = -1, any = 0, expired = 0, rc;
	st_day best = ST_DAY_NONE;

	*hazard = NULL;
	st_date_format(run->as_of, day);
	if (!strncmp(r->rule->id, "CHK-", 4))
		item = atoi(r->rule->id + 4);
	for (size_t k = 0; k < r->nrecords; k++) {
		if (bind_texts(run->haz, 2, (const char *const[]){ run->enterprise, r->records[k] }) ||
		    sqlite3_bind_int(run->haz, 3, item) != SQLITE_OK ||
		    sqlite3_bind_text(run->haz, 4, day, -1, SQLITE_TRANSIENT) != SQLITE_OK) {
			run->dberr = 1;
			break;
		}
		while ((rc = sqlite3_step(run->haz)) == SQLITE_ROW) {
			const char *dl = (const char *)sqlite3_column_text(run->haz, 1);
			st_day d;
			any = 1;
			if (!dl || st_date_parse_iso(dl, &d) != 0 || d <= run->as_of) {
				expired = 1;
			} else if (best == ST_DAY_NONE || d < best) {
				best = d;
				free(*hazard);
				*hazard = strdup((const char *)sqlite3_column_text(run->haz, 0));
			}
		}
		if (rc != SQLITE_DONE)
			run->dberr = 1;
		sqlite3_reset(run->haz);
	}
	if (any && !expired && best != ST_DAY_NONE)
		return best;
	free(*hazard);
	*hazard = NULL;
	return run->as_of + run->days;
}

static int notice_sink(void *arg, const struct st_subject *s)
{
	struct notice_run *run = arg;
	xmlNodePtr n = add_subject(run->b, run->root, s);

	for (size_t i = 0; i < s->nresults; i++) {
		const struct st_result *r = &s->results[i];
		char *hazard;
		if (r->status != ST_FAIL && r->status != ST_OVERDUE)
			continue;
		add_result(run->b, n, r, run->as_of);
		st_day due = notice_due(run, r, &hazard);
		set_day(run->b, n->last, "notice-due", due);
		set(run->b, n->last, "notice-hazard", hazard);
		free(hazard);
	}
	return run->b->oom || run->dberr;
}

int st_report_notice_doc(const struct st_report_input *in, const char *enterprise,
			 xmlDocPtr *out, struct st_diag *diag)
{
	static const char haz_sql[] =
		"SELECT id, deadline FROM hazards WHERE enterprise = ?1"
		" AND (id = ?2 OR (inspection = ?2 AND item = ?3)) AND found <= ?4"
		" AND (closed IS NULL OR closed > ?4) AND (voided IS NULL OR voided > ?4)";
	struct bld b = { 0 };
	struct notice_run run = { &b, NULL, in->as_of, 0, NULL, enterprise, 0 };
	struct st_check_filter filter = { enterprise, NULL, NULL };
	xmlNodePtr root;
	int rc = -1;

	run.days = in->pack->notice_days > 0 ? in->pack->notice_days : ST_NOTICE_DAYS_DEFAULT;
	root = begin_doc(&b, in, "notice");
	set_num(&b, root, "notice-days", run.days);
	add_rules(&b, root, in->pack);
	if (add_enterprise(&b, in->db, root, enterprise, diag) != 0)
		goto out;
	if (prepare(in->db, haz_sql, &run.haz, diag) != 0)
		goto out;
	run.root = root;
	if (b.oom)
		goto oom;
	if (st_checker_run(in->db, in->pack, in->as_of, &filter, notice_sink, &run, diag) != 0 &&
	    !b.oom) {
		if (run.dberr)
			db_error(in->db, diag);
		goto out;
	}
oom:
	rc = end_doc(&b, out, diag);
out:
	sqlite3_finalize(run.haz);
	xmlFreeDoc(b.doc);
	return rc;
}

/* ---- the quarterly inspection report -------------------------------------------- */

struct quarter_totals {
	long long enterprises, inspected, not_inspected, inspections, failed_items, hazards,
		hazards_open, unlinked;
};

/* Root of one part: run attributes, legend, the 13 checklist items and the
 * park.  Returns NULL only on a database error (memory: b->oom). */
static xmlNodePtr begin_part(struct bld *b, const struct st_report_input *in, const char *part,
			     const char *quarter, st_day first, st_day last, sqlite3_stmt *park_st)
{
	xmlNodePtr root = begin_doc(b, in, "quarter");
	int rc;

	set(b, root, "part", part);
	set(b, root, "quarter", quarter);
	set_day(b, root, "first", first);
	set_day(b, root, "last", last);
	for (int i = 1; i <= ITEMS; i++) {
		char id[16], title[32];
		snprintf(id, sizeof id, "CHK-%02d", i);
		const struct st_rule *r = st_pack_find(in->pack, id);
		snprintf(title, sizeof title, "第 %d 项", i);
		xmlNodePtr n = add_text(b, root, "item", r ? r->clause_text : NULL);
		set_num(b, n, "n", i);
		set(b, n, "rule", id);
		set(b, n, "title", r && r->title ? r->title : title);
		if (r)
			set_rule_pack(b, n, in->pack, r);
	}
	if ((rc = sqlite3_step(park_st)) == SQLITE_ROW)
		set_row(b, add(b, root, "park"), park_st);
	sqlite3_reset(park_st);
	return rc == SQLITE_ROW || rc == SQLITE_DONE ? root : NULL;
}

static int emit_part(struct bld *b, st_report_part_fn emit, void *arg, struct st_diag *diag)
{
	xmlDocPtr doc = NULL;
	int rc;

	if (end_doc(b, &doc, diag) != 0)
		return -1;
	rc = emit(arg, doc, diag);
	xmlFreeDoc(doc);
	return rc ? -1 : 0;
}

/* One enterprise's inspections in [first, last] with the hazards linked
 * to each, as of the day (a hazard closed later shows as open). */
static int add_inspections(struct bld *b, xmlNodePtr ent, sqlite3_stmt *insp_st,
			   sqlite3_stmt *haz_st, const char *as_of, struct quarter_totals *t)
{
	int rc;

	while ((rc = sqlite3_step(insp_st)) == SQLITE_ROW) {
		xmlNodePtr in = add(b, ent, "inspection");
		unsigned failed = 0, linked = 0;
		set_row(b, in, insp_st);
		for (int i = 0; i < sqlite3_column_count(insp_st); i++) {
			const char *name = sqlite3_column_name(insp_st, i);
			const char *v = (const char *)sqlite3_column_text(insp_st, i);
			if (!strncmp(name, "item", 4) && v && !strcmp(v, "fail"))
				failed |= 1u << atoi(name + 4);
		}
		t->inspections++;
		if (sqlite3_bind_text(haz_st, 1, column_text(insp_st, "id"), -1,
				      SQLITE_TRANSIENT) != SQLITE_OK ||
		    sqlite3_bind_text(haz_st, 2, as_of, -1, SQLITE_TRANSIENT) != SQLITE_OK)
			return -1;
		while ((rc = sqlite3_step(haz_st)) == SQLITE_ROW) {
			/* the two helper columns (see the SELECT) */
			xmlNodePtr h = add(b, in, "hazard");
			const char *closed = column_text(haz_st, "closed-as-of");
			const char *item_n = column_text(haz_st, "item-n");
			int item = item_n ? atoi(item_n) : 0;
			set_row(b, h, haz_st);
			/* drop the helper columns and what was not yet known as of the day */
			xmlUnsetProp(h, BAD_CAST "closed-as-of");
			xmlUnsetProp(h, BAD_CAST "item-n");
			if (!closed) {
				xmlUnsetProp(h, BAD_CAST "closed");
				xmlUnsetProp(h, BAD_CAST "verified_by");
			}
			if (item >= 1 && item <= ITEMS && (failed & (1u << item))) {
				linked |= 1u << item;
				t->hazards++;
				if (!closed)
					t->hazards_open++;
			}
		}
		sqlite3_reset(haz_st);
		if (rc != SQLITE_DONE)
			return -1;
		for (int i = 1; i <= ITEMS; i++)
			if (failed & (1u << i)) {
				t->failed_items++;
				if (!(linked & (1u << i)))
					t->unlinked++;
			}
	}
	return rc == SQLITE_DONE ? 0 : -1;
}

int st_report_quarter_parts(const struct st_report_input *in, int y, int q,
			    st_report_part_fn emit, void *arg, struct st_diag *diag)
{
	sqlite3_stmt *park_st = NULL, *ent_st = NULL, *insp_st = NULL, *haz_st = NULL;
	struct quarter_totals t = { 0 };
	struct bld b = { 0 };
	st_day first = st_period_first(y, 3, q), last = st_period_last(y, 3, q);
	char quarter[24], as_of[11], first_s[11], last_s[11];
	char *park = NULL;
	xmlNodePtr root, n;
	int rc = -1, step;

	snprintf(quarter, sizeof quarter, "%04d-Q%d", y, q);
	st_date_format(in->as_of, as_of);
	st_date_format(first, first_s);
	/* inspections dated after the as-of day are not known yet */
	st_date_format(last < in->as_of ? last : in->as_of, last_s);
	if (resolve_park(in, &park, diag) != 0)
		return -1;
	if (prepare(in->db, "SELECT * FROM parks WHERE id = ?1", &park_st, diag) != 0 ||
	    prepare(in->db, "SELECT * FROM enterprises WHERE park = ?1 ORDER BY id", &ent_st,
		    diag) != 0 ||
	    prepare(in->db, "SELECT * FROM inspections WHERE enterprise = ?1"
			    " AND date >= ?2 AND date <= ?3 AND (voided IS NULL OR voided > ?4)"
			    " ORDER BY date, id", &insp_st, diag) != 0 ||
	    prepare(in->db, "SELECT *, CASE WHEN closed <= ?2 THEN closed END AS \"closed-as-of\","
			    " item AS \"item-n\" FROM hazards"
			    " WHERE inspection = ?1 AND found <= ?2" LIVE " ORDER BY item, id", &haz_st,
		    diag) != 0)
		goto out;
	if (sqlite3_bind_text(park_st, 1, park, -1, SQLITE_TRANSIENT) != SQLITE_OK ||
	    sqlite3_bind_text(ent_st, 1, park, -1, SQLITE_TRANSIENT) != SQLITE_OK)
		goto dberr;

	if (!begin_part(&b, in, "head", quarter, first, last, park_st) && !b.oom)
		goto dberr;
	if (emit_part(&b, emit, arg, diag) != 0)
		goto out;

	while ((step = sqlite3_step(ent_st)) == SQLITE_ROW) {
		const char *id = column_text(ent_st, "id");
		long long before = t.inspections;
		root = begin_part(&b, in, "enterprise", quarter, first, last, park_st);
		if (!root && !b.oom)
			goto dberr;
		n = add(&b, root, "enterprise");
		set_row(&b, n, ent_st);
		if (bind_texts(insp_st, 4, (const char *const[]){ id, first_s, last_s, as_of }) != 0)
			goto dberr;
		if (add_inspections(&b, n, insp_st, haz_st, as_of, &t) != 0) {
			sqlite3_reset(insp_st);
			goto dberr;
		}
		sqlite3_reset(insp_st);
		t.enterprises++;
		if (t.inspections > before) {
			t.inspected++;
		} else {
			/* only an enterprise that owed an inspection this quarter is shown without one */
			xmlChar *status = xmlGetProp(n, BAD_CAST "status");
			xmlChar *since = xmlGetProp(n, BAD_CAST "operating_since");
			int owed = status && xmlStrEqual(status, BAD_CAST "operating") && since &&
				   xmlStrcmp(since, BAD_CAST first_s) <= 0;
			xmlFree(status);
			xmlFree(since);
			if (!owed) {
				xmlFreeDoc(b.doc);
				b.doc = NULL;
				continue;
			}
			t.not_inspected++;
		}
		if (emit_part(&b, emit, arg, diag) != 0)
			goto out;
	}
	if (step != SQLITE_DONE)
		goto dberr;

	root = begin_part(&b, in, "tail", quarter, first, last, park_st);
	if (!root && !b.oom)
		goto dberr;
	n = add(&b, root, "totals");
	set_num(&b, n, "enterprises", t.enterprises);
	set_num(&b, n, "inspected", t.inspected);
	set_num(&b, n, "not-inspected", t.not_inspected);
	set_num(&b, n, "inspections", t.inspections);
	set_num(&b, n, "failed-items", t.failed_items);
	set_num(&b, n, "hazards", t.hazards);
	set_num(&b, n, "hazards-open", t.hazards_open);
	set_num(&b, n, "unlinked", t.unlinked);
	rc = emit_part(&b, emit, arg, diag);
	goto out;
dberr:
	db_error(in->db, diag);
out:
	xmlFreeDoc(b.doc);
	sqlite3_finalize(park_st);
	sqlite3_finalize(ent_st);
	sqlite3_finalize(insp_st);
	sqlite3_finalize(haz_st);
	free(park);
	return rc;
}

/* ---- rendering ------------------------------------------------------------------ */

struct part_out {
	xsltStylesheetPtr style;
	FILE *out;
};

static int apply_part(void *arg, xmlDocPtr part, struct st_diag *diag)
{
	struct part_out *po = arg;
	return st_report_apply(po->style, part, po->out, diag);
}

int st_report_parse_quarter(const char *s, int *y, int *q)
{
	char tail;

	if (strlen(s) != 7 || s[4] != '-' || s[5] != 'Q' ||
	    sscanf(s, "%4d-Q%1d%c", y, q, &tail) != 2 || *y < 1 || *q < 1 || *q > 4)
		return -1;
	return 0;
}

const char *st_report_default_dir(void)
{
	static char dir[PATH_MAX];

	return st_data_dir("SAFETRACK_TEMPLATES", "templates", "park.xsl", dir, sizeof dir);
}

int st_report_render(const struct st_report_input *in, enum st_report_kind kind,
		     const char *arg, const char *template_path, FILE *out,
		     struct st_diag *diag)
{
	static const char *const names[] = { "park.xsl", "enterprise.xsl", "quarter.xsl",
					     "notice.xsl" };
	xsltStylesheetPtr style = NULL;
	xmlDocPtr doc = NULL;
	char *path = NULL;
	int y, q, rc = -1;

	if (kind == ST_REPORT_QUARTER && st_report_parse_quarter(arg, &y, &q) != 0)
		return st_diag_add(diag, "季度 '%s' 的格式应为 YYYY-Qn，例如 2026-Q3", arg);
	if (!template_path) {
		const char *dir = st_report_default_dir();
		size_t len = strlen(dir) + strlen(names[kind]) + 2;
		if (!(path = malloc(len)))
			return st_diag_add(diag, "内存不足");
		snprintf(path, len, "%s/%s", dir, names[kind]);
		template_path = path;
	}
	if (st_report_style_load(template_path, &style, diag) != 0)
		goto out;
	/* a document that lost a node or an attribute to memory must not be
	 * rendered as if complete */
	unsigned long failures = st_alloc_failures();
	switch (kind) {
	case ST_REPORT_PARK:
		if (st_report_park_doc(in, &doc, diag) == 0) {
			if (st_alloc_failures() != failures)
				st_diag_add(diag, "内存不足，未写出报告");
			else
				rc = st_report_apply(style, doc, out, diag);
		}
		break;
	case ST_REPORT_ENTERPRISE:
		if (st_report_enterprise_doc(in, arg, &doc, diag) == 0) {
			if (st_alloc_failures() != failures)
				st_diag_add(diag, "内存不足，未写出报告");
			else
				rc = st_report_apply(style, doc, out, diag);
		}
		break;
	case ST_REPORT_NOTICE:
		if (st_report_notice_doc(in, arg, &doc, diag) == 0)
			rc = st_report_apply(style, doc, out, diag);
		break;
	case ST_REPORT_QUARTER: {
		/* the parts are fragments of one page; the frame is written here */
		struct part_out po = { style, out };
		fputs("<!DOCTYPE html>\n<html lang=\"zh-CN\">\n", out);
		rc = st_report_quarter_parts(in, y, q, apply_part, &po, diag);
		fputs("</html>\n", out);
		break;
	}
	}
out:
	xmlFreeDoc(doc);
	if (style)
		xsltFreeStylesheet(style);
	free(path);
	return rc;
}

int st_report_style_load_installed(const char *name, xsltStylesheetPtr *out,
				   struct st_diag *diag)
{
	char path[PATH_MAX];
	size_t n = strlen(name);

	if (n < 5 || n > 64 || strcmp(name + n - 4, ".xsl") != 0 ||
	    strspn(name, "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789-_") != n - 4)
		return st_diag_add(diag, "'%s' 不是已安装模板的名称（只能是 templates 目录中的文件名，"
				   "如 park.xsl）", name);
	if ((size_t)snprintf(path, sizeof path, "%s/%s", st_report_default_dir(), name) >=
	    sizeof path)
		return st_diag_add(diag, "%s: 路径过长", name);
	return st_report_style_load(path, out, diag);
}
