/*
 * rules.c — the rule pack loader: rule files and a tailoring file in, one
 * validated, compiled, sorted struct st_pack out (see st_rules.h).
 *
 * Every XML file the loader reads (the RELAX NG schemas, the rule files, the
 * tailoring file) enters through read_xml(), which parses from memory with a
 * size cap, without network, DTD loading or entity substitution, and refuses
 * any document whose DOCTYPE declares an entity: the declaration handler
 * stops the parser on the spot, so neither an external entity nor a
 * "billion laughs" chain is ever read or expanded.  Schema validation
 * catches the shape; everything the schema cannot say (check kinds and
 * their typed parameters from checks.c, XPath that compiles and names only
 * known variables and functions, unique ids across files, tailoring that
 * names real rules and integer parameters) is checked here, and every
 * problem becomes one "FILE:LINE: message" line in the caller's diag.
 * The loader reports as many problems as it can find in one pass rather
 * than stopping at the first, so a safety officer editing a rule file can
 * fix them together.
 */
#include "st_rules.h"
#include "st_alloc.h"
#include "st_buf.h"
#include "st_expr.h"
#include "st_manifest.h"
#include "st_pack_cache.h"
#include "st_paths.h"
#include "st_sha256.h"

#include <ctype.h>
#include <dirent.h>
#include <errno.h>
#include <limits.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include <libxml/parser.h>
#include <libxml/parserInternals.h>
#include <libxml/relaxng.h>
#include <libxml/SAX2.h>
#include <libxml/xpathInternals.h>

#ifndef ST_DATADIR
#define ST_DATADIR "/usr/local/share/safetrack"
#endif

/* A rule file is a few hundred kilobytes at most; anything larger is not a
 * rule file, and the cap bounds what a hostile file can make us allocate. */
#define ST_RULES_MAX_BYTES (4L * 1024 * 1024)

#define RULEPACK_RNG "rulepack.rng"
#define TAILORING_RNG "tailoring.rng"

/* Variables every expression may use; the evaluator defines them all. */
/* every expression may use these; $effective_from (revision 2) is the
 * rule's effective_from as a day number, NaN when it has none */
static const char *const base_vars[] = { "as_of", "subject", "effective_from" };
#define NBASE (sizeof base_vars / sizeof base_vars[0])
/* ... and inside a calendar check's select, the period being judged. */
static const char *const period_vars[] = { "year", "index" };

/* XPath node-type tests and operator names look like function calls to the
 * name scanner ("text()", "a and (b)") but are not functions. */
static const char *const not_functions[] = {
	"node", "text", "comment", "processing-instruction", "and", "or", "div", "mod",
};

struct loader {
	const char *dir;
	struct st_diag *diag;
	int errors;                  /* problems reported so far */
	xmlXPathContextPtr xp;       /* compile context, st_xpath_register()ed */
	char xpath_msg[256];         /* the last XPath compile error */
	struct st_pack *pack;
	size_t cap;                  /* allocated length of pack->rules */
	size_t cur;                  /* the pack (index in pack->packs) of the file being read */
	int flags;                   /* ST_PACK_VALIDATE, LOAD_NO_MANIFEST */
	xmlRelaxNGPtr schema;        /* rulepack.rng, parsed when first needed */
	int schema_failed;           /* it could not be parsed: stop */
	struct st_manifest man;      /* the pack's MANIFEST */
	int vouch;                   /* 1: manifest read, schemas and file set as listed */
	struct st_diag mdiag;        /* manifest problems, reported after the rest */
	struct st_manifest_stats stats; /* digests by file status (.manifest-stat) */
};

/* internal: load without looking at the manifest (for writing one) */
#define LOAD_NO_MANIFEST 0x100

/* where libxml2's callbacks for one document report to */
struct xml_sink {
	struct loader *L;
	const char *path;
	const char *what;            /* Chinese prefix of the message */
	int errors;
	int refused;                 /* an entity declaration or external DTD was seen */
};

static void lerr(struct loader *L, const char *fmt, ...) __attribute__((format(printf, 2, 3)));

static void lerr(struct loader *L, const char *fmt, ...)
{
	char buf[1024];
	va_list ap;

	va_start(ap, fmt);
	vsnprintf(buf, sizeof buf, fmt, ap);
	va_end(ap);
	st_diag_add(L->diag, "%s", buf);
	L->errors++;
}

static char *xstrdup(const char *s)
{
	return s ? strdup(s) : NULL;
}

/* ---- reading XML safely ---------------------------------------------- */

static const char *errno_zh(int e)
{
	return st_errno_zh(e);
}

/* libxml2's messages end in a newline and sometimes carry trailing blanks */
static void chomp(char *s)
{
	size_t n = strlen(s);
	while (n && isspace((unsigned char)s[n - 1]))
		s[--n] = 0;
}

/* What each element's attributes must be, for the schema's vague "failed
 * to validate attributes".  Kept beside the translation that uses it. */
static const char *const attr_help[][2] = {
	{ "rulepack", "须有 id（小写字母、数字、连字符）和 version（如 1.0.0）" },
	{ "rule", "须有 id（大写字母、数字、连字符，如 INSP-QUARTERLY）、clause（条款号，如 3.4、"
		  "3.4, 7.12 或 9 (accident 1)）、severity（high、medium、low、info）和 scope"
		  "（park、enterprise）" },
	{ "check", "须有 kind" },
	{ "param", "须有 name，可选 min、max（整数）" },
	{ "tailoring", "须有 id（字母、数字、- _ .）和 pack" },
	{ "set", "须有 rule 和 param，可选 check（正整数）" },
	{ "deselect", "须有 rule" },
};

/* libxml2's RELAX NG messages are terse English; say the common ones in
 * Chinese.  Returns 0 for a message that only repeats the next one. */
static int translate_rng(const char *m, char *out, size_t len)
{
	char a[64] = "", b[64] = "";
	int n = -1, whole = (int)strlen(m);

/* sscanf counts assignments even when the text after them differs; %n
 * tells whether the whole message matched the pattern */
#define MATCH(fmt, ...) (n = -1, sscanf(m, fmt "%n", __VA_ARGS__, &n), n == whole)
	if (!strncmp(m, "Error validating datatype", 25))
		return 0;  /* "Element X failed to validate ..." follows and says where */
	if (MATCH("Element %63s failed to validate attributes", a)) {
		const char *help = "";
		for (size_t i = 0; i < sizeof attr_help / sizeof attr_help[0]; i++)
			if (!strcmp(attr_help[i][0], a))
				help = attr_help[i][1];
		snprintf(out, len, "元素 <%s> 的属性缺失或取值不合法（%s）", a, help);
	} else if (MATCH("Element %63s failed to validate content", a))
		snprintf(out, len, "元素 <%s> 的内容不合法（例如为空）", a);
	else if (MATCH("Invalid attribute %63s for element %63s", a, b) && !strcmp(b, "param") &&
		 (!strcmp(a, "min") || !strcmp(a, "max")))
		/* an optional attribute whose value fails its type reads the same */
		snprintf(out, len, "元素 <param> 的属性 %s 须为整数", a);
	else if (MATCH("Invalid attribute %63s for element %63s", a, b))
		snprintf(out, len, "元素 <%s> 不允许属性 %s", b, a);
	else if (MATCH("Did not expect element %63s there", a))
		snprintf(out, len, "此处不应出现元素 <%s>（元素缺失、多余或顺序不对）", a);
	else if (MATCH("Did not expect text in element %63s content", a))
		snprintf(out, len, "元素 <%s> 中不应直接出现文字", a);
	else if (MATCH("Expecting element %63[^,], got %63s", a, b))
		snprintf(out, len, "此处应为元素 <%s>，实际为 <%s>", a, b);
	else if (!strncmp(m, "Expecting an element", 20) && strstr(m, "got nothing"))
		snprintf(out, len, "缺少必需的元素");
	else if (MATCH("Element %63s has wrong namespace: expecting %63s", a, b))
		snprintf(out, len, "元素 <%s> 的命名空间有误，应为 %s", a, b);
	else
		snprintf(out, len, "%s", m);
#undef MATCH
	return 1;
}

static void sink_error(struct xml_sink *x, const xmlError *e)
{
	char msg[512];
	int line = e->line;

	if (x->refused || e->level < XML_ERR_ERROR)
		return;  /* the refusal already says why; the rest is fallout */
	if (line <= 0 && e->node && ((xmlNodePtr)e->node)->type == XML_ELEMENT_NODE)
		line = (int)xmlGetLineNo((xmlNodePtr)e->node);
	snprintf(msg, sizeof msg, "%s", e->message ? e->message : "?");
	chomp(msg);
	if (e->domain == XML_FROM_RELAXNGV || e->domain == XML_FROM_RELAXNGP) {
		char zh[512];
		if (!translate_rng(msg, zh, sizeof zh))
			return;
		snprintf(msg, sizeof msg, "%s", zh);
	}
	/* a cascade after the first well-formedness error says nothing new */
	if (x->errors && !strcmp(x->what, "XML 格式错误"))
		return;
	x->errors++;
	lerr(x->L, "%s:%d: %s：%s", x->path, line, x->what, msg);
}

static void on_parse_error(void *ctx, xmlErrorPtr e)
{
	xmlParserCtxtPtr ctxt = ctx;
	sink_error(ctxt->_private, e);
}

static void on_sink_error(void *data, xmlErrorPtr e)
{
	sink_error(data, e);
}

static void refuse(xmlParserCtxtPtr ctxt, const char *why, const xmlChar *name)
{
	struct xml_sink *x = ctxt->_private;

	if (!x->refused)
		lerr(x->L, "%s:%d: 拒绝读取：文档类型声明（DOCTYPE）%s '%s'，规则文件与裁剪文件不得"
		     "声明实体或引用外部 DTD", x->path, xmlSAX2GetLineNumber(ctxt), why,
		     (const char *)name);
	x->refused = 1;
	xmlStopParser(ctxt);
}

/* <!DOCTYPE r SYSTEM "..."> is never loaded (no XML_PARSE_DTDLOAD), but its
 * presence turns an undeclared entity into a mere warning; refuse it. */
static void on_internal_subset(void *ctx, const xmlChar *name, const xmlChar *public_id,
			       const xmlChar *system_id)
{
	if (public_id || system_id)
		refuse(ctx, "引用了外部 DTD", system_id ? system_id : public_id);
	else
		xmlSAX2InternalSubset(ctx, name, public_id, system_id);
}

static void on_entity_decl(void *ctx, const xmlChar *name, int type, const xmlChar *public_id,
			   const xmlChar *system_id, xmlChar *content)
{
	(void)type, (void)public_id, (void)system_id, (void)content;
	refuse(ctx, "中声明了实体", name);
}

static void on_unparsed_entity_decl(void *ctx, const xmlChar *name, const xmlChar *public_id,
				    const xmlChar *system_id, const xmlChar *notation)
{
	(void)public_id, (void)system_id, (void)notation;
	refuse(ctx, "中声明了实体", name);
}

/* The SHA-256 of the bytes just read from fd, whose status was st before
 * the read: the recorded one when the file's status is still as recorded
 * (.manifest-stat), else computed and remembered. */
static void file_digest(struct loader *L, const char *path, int fd, const struct stat *st,
			const char *buf, char *hash)
{
	const char *base = strrchr(path, '/'), *known;
	struct stat after;
	int same = fstat(fd, &after) == 0 && st_stat_same(st, &after);

	base = base ? base + 1 : path;
	if (same && (known = st_manifest_stats_find(&L->stats, base, st))) {
		memcpy(hash, known, ST_SHA256_HEX);
		return;
	}
	st_sha256_hex(buf, (size_t)st->st_size, hash);
	if (same)
		st_manifest_stats_put(&L->stats, base, st, hash);
}

/* Read and parse one XML file; NULL after reporting why.  The caller frees
 * the document with xmlFreeDoc().  If hash is not NULL it receives the
 * SHA-256 of the bytes that were parsed (for the manifest), or "" if the
 * file could not be read. */
static xmlDocPtr read_xml_hashed(struct loader *L, const char *path, char *hash)
{
	struct xml_sink x = { L, path, "XML 格式错误", 0, 0 };
	xmlParserCtxtPtr ctxt = NULL;
	xmlDocPtr doc = NULL;
	struct stat st;
	char *buf = NULL;
	FILE *f;

	if (hash)
		hash[0] = 0;
	/* a FIFO or device is refused before open(), which would block on it */
	if (!(f = st_fopen_regular(path))) {
		lerr(L, "%s: 无法打开：%s", path, errno_zh(errno));
		return NULL;
	}
	if (fstat(fileno(f), &st) != 0) {
		lerr(L, "%s: 无法读取：%s", path, errno_zh(errno));
		goto out;
	}
	if (st.st_size > ST_RULES_MAX_BYTES) {
		lerr(L, "%s: 文件过大（%lld 字节，上限 %ld 字节）", path, (long long)st.st_size,
		     ST_RULES_MAX_BYTES);
		goto out;
	}
	if (st.st_size == 0) {  /* xmlCreateMemoryParserCtxt refuses an empty buffer */
		if (hash)
			st_sha256_hex("", 0, hash);
		lerr(L, "%s:1: XML 格式错误：文件为空", path);
		goto out;
	}
	if (!(buf = malloc((size_t)st.st_size + 1))) {
		lerr(L, "%s: 内存不足", path);
		goto out;
	}
	if (fread(buf, 1, (size_t)st.st_size, f) != (size_t)st.st_size) {
		lerr(L, "%s: 读取失败：%s", path, errno_zh(errno));
		goto out;
	}
	if (hash)
		file_digest(L, path, fileno(f), &st, buf, hash);
	if (!(ctxt = xmlCreateMemoryParserCtxt(buf, (int)st.st_size))) {
		lerr(L, "%s: 内存不足", path);
		goto out;
	}
	/* No XML_PARSE_NOENT (no substitution), no DTDLOAD/DTDATTR (no external
	 * subset), no HUGE (libxml2's own size limits stay on).  The SAX hooks
	 * must be set after xmlCtxtUseOptions, which may rewrite handlers. */
	xmlCtxtUseOptions(ctxt, XML_PARSE_NONET | XML_PARSE_NOERROR | XML_PARSE_NOWARNING |
			  XML_PARSE_NOCDATA);
	ctxt->_private = &x;
	ctxt->sax->internalSubset = on_internal_subset;
	ctxt->sax->entityDecl = on_entity_decl;
	ctxt->sax->unparsedEntityDecl = on_unparsed_entity_decl;
	ctxt->sax->serror = on_parse_error;
	xmlParseDocument(ctxt);
	doc = ctxt->myDoc;
	ctxt->myDoc = NULL;
	if (x.refused || x.errors || !ctxt->wellFormed || !doc) {
		if (!x.refused && !x.errors)
			lerr(L, "%s:%d: XML 格式错误", path, xmlSAX2GetLineNumber(ctxt));
		xmlFreeDoc(doc);
		doc = NULL;
	}
out:
	if (ctxt)
		xmlFreeParserCtxt(ctxt);
	free(buf);
	fclose(f);
	return doc;
}

static xmlDocPtr read_xml(struct loader *L, const char *path)
{
	return read_xml_hashed(L, path, NULL);
}

/* the schema in the pack directory; NULL after reporting why */
static xmlRelaxNGPtr load_schema(struct loader *L, const char *name)
{
	char path[PATH_MAX];
	struct xml_sink x = { L, path, "模式文件有误", 0, 0 };
	xmlRelaxNGParserCtxtPtr pc;
	xmlRelaxNGPtr schema = NULL;
	xmlDocPtr doc;

	snprintf(path, sizeof path, "%s/%s", L->dir, name);
	if (!(doc = read_xml(L, path)))
		return NULL;
	/* the parser context copies the document, so ours can go at once */
	if ((pc = xmlRelaxNGNewDocParserCtxt(doc))) {
		xmlRelaxNGSetParserStructuredErrors(pc, on_sink_error, &x);
		schema = xmlRelaxNGParse(pc);
		xmlRelaxNGFreeParserCtxt(pc);
	}
	xmlFreeDoc(doc);
	if (!schema && !x.errors)
		lerr(L, "%s: 模式文件有误", path);
	return schema;
}

/* 0 if doc is valid against schema, else -1 after reporting each problem */
static int validate(struct loader *L, xmlRelaxNGPtr schema, xmlDocPtr doc, const char *path,
		    const char *schema_name)
{
	char what[64];
	struct xml_sink x = { L, path, what, 0, 0 };
	xmlRelaxNGValidCtxtPtr vc;
	int rc;

	snprintf(what, sizeof what, "不符合格式（%s）", schema_name);
	if (!(vc = xmlRelaxNGNewValidCtxt(schema))) {
		lerr(L, "%s: 内存不足", path);
		return -1;
	}
	xmlRelaxNGSetValidStructuredErrors(vc, on_sink_error, &x);
	rc = xmlRelaxNGValidateDoc(vc, doc);
	xmlRelaxNGFreeValidCtxt(vc);
	if (rc != 0 && !x.errors)
		lerr(L, "%s: %s", path, what);
	return rc == 0 ? 0 : -1;
}

/* ---- small DOM helpers ----------------------------------------------- */

static int line_of(xmlNodePtr n)
{
	return (int)xmlGetLineNo(n);
}

/* an attribute's value (NULL if absent), malloc'd */
static char *attr(xmlNodePtr n, const char *name)
{
	xmlChar *v = xmlGetProp(n, BAD_CAST name);
	char *s = v ? strdup((const char *)v) : NULL;
	xmlFree(v);
	return s;
}

/* an element's text with leading and trailing white space removed, malloc'd */
static char *text_of(xmlNodePtr n)
{
	xmlChar *v = xmlNodeGetContent(n);
	const char *b = v ? (const char *)v : "";
	size_t len;
	char *s;

	while (isspace((unsigned char)*b))
		b++;
	len = strlen(b);
	while (len && isspace((unsigned char)b[len - 1]))
		len--;
	if ((s = malloc(len + 1))) {
		memcpy(s, b, len);
		s[len] = 0;
	}
	xmlFree(v);
	return s;
}

static int is_elem(xmlNodePtr n, const char *name)
{
	return n->type == XML_ELEMENT_NODE && !strcmp((const char *)n->name, name);
}

/* ---- XPath ----------------------------------------------------------- */

static void on_xpath_error(void *data, xmlErrorPtr e)
{
	struct loader *L = data;

	st_xpath_error_text(e, L->xpath_msg, sizeof L->xpath_msg);
}

static int is_name_start(int c)
{
	return isalpha(c) || c == '_' || c >= 0x80;
}

static int is_name_char(int c)
{
	return is_name_start(c) || isdigit(c) || c == '-' || c == '.';
}

/* length of the NCName at s (0 if none) */
static size_t ncname_len(const char *s)
{
	size_t n = 0;

	if (!is_name_start((unsigned char)s[0]))
		return 0;
	while (is_name_char((unsigned char)s[n]))
		n++;
	return n;
}

static int in_list(const char *name, size_t len, const char *const *list, size_t n)
{
	for (size_t i = 0; i < n; i++)
		if (strlen(list[i]) == len && !strncmp(list[i], name, len))
			return 1;
	return 0;
}

/* Does the function named s[0..len) (a QName) exist on the compile context?
 * libxml2 resolves function names only at evaluation time, so a misspelled
 * st:dayz() would otherwise surface as an evaluation error in every report. */
static int function_known(struct loader *L, const char *s, size_t len)
{
	char name[128], *local;
	const xmlChar *uri = NULL;

	if (len >= sizeof name)
		return 0;
	memcpy(name, s, len);
	name[len] = 0;
	if ((local = strchr(name, ':'))) {
		*local++ = 0;
		if (!(uri = xmlXPathNsLookup(L->xp, BAD_CAST name)))
			return 0;
	}
	return xmlXPathFunctionLookupNS(L->xp, BAD_CAST(local ? local : name), uri) != NULL;
}

/* Scan a compiled-clean expression for $variables and function calls.
 * Returns 0, or -1 with *bad / *badlen naming the first offender and *is_var
 * telling which kind it is. */
static int xpath_names_ok(struct loader *L, const char *s, const char *const *vars, size_t nvars,
			  const char **bad, size_t *badlen, int *is_var)
{
	while (*s) {
		size_t n;

		if (*s == '"' || *s == '\'') {
			const char *end = strchr(s + 1, *s);
			s = end ? end + 1 : s + strlen(s);
		} else if (*s == '$') {
			s++;
			n = ncname_len(s);
			if (s[n] == ':' && ncname_len(s + n + 1))
				n += 1 + ncname_len(s + n + 1);
			if (!in_list(s, n, base_vars, NBASE) && !in_list(s, n, vars, nvars)) {
				*bad = s, *badlen = n, *is_var = 1;
				return -1;
			}
			s += n;
		} else if ((n = ncname_len(s))) {
			const char *p;

			if (s[n] == ':' && s[n + 1] != ':' && ncname_len(s + n + 1))
				n += 1 + ncname_len(s + n + 1);
			for (p = s + n; isspace((unsigned char)*p); p++)
				;
			if (*p == '(' && !in_list(s, n, not_functions,
						  sizeof not_functions / sizeof not_functions[0]) &&
			    !function_known(L, s, n)) {
				*bad = s, *badlen = n, *is_var = 0;
				return -1;
			}
			s += n;
		} else if (isdigit((unsigned char)*s)) {
			while (isdigit((unsigned char)*s) || *s == '.')
				s++;
		} else {
			s++;
		}
	}
	return 0;
}

/* Compile src; what names it in messages ("参数 select", "<applies-to>").
 * NULL after reporting why. */
static xmlXPathCompExprPtr compile(struct loader *L, const char *path, int line, const char *what,
				   const char *src, const char *const *vars, size_t nvars)
{
	xmlXPathCompExprPtr comp;
	const char *bad;
	size_t badlen;
	int is_var;

	L->xpath_msg[0] = 0;
	if (!(comp = xmlXPathCtxtCompile(L->xp, BAD_CAST src))) {
		lerr(L, "%s:%d: %s 的 XPath 表达式无法编译（%s）：%s", path, line, what,
		     L->xpath_msg[0] ? L->xpath_msg : "?", src);
		return NULL;
	}
	if (xpath_names_ok(L, src, vars, nvars, &bad, &badlen, &is_var) != 0) {
		char avail[512] = "";
		size_t k = 0;

		if (is_var) {
			for (size_t i = 0; i < NBASE + nvars && k < sizeof avail; i++)
				k += (size_t)snprintf(avail + k, sizeof avail - k, "%s$%s", i ? " " : "",
						      i < NBASE ? base_vars[i] : vars[i - NBASE]);
			lerr(L, "%s:%d: %s 引用了未定义的变量 $%.*s（此处可用：%s）", path, line, what,
			     (int)badlen, bad, avail);
		} else {
			lerr(L, "%s:%d: %s 调用了未知的函数 %.*s()", path, line, what, (int)badlen, bad);
		}
		xmlXPathFreeCompExpr(comp);
		return NULL;
	}
	return comp;
}

/* ---- parameters ------------------------------------------------------ */

static int is_field_name(const char *s)
{
	if (!(islower((unsigned char)*s) || *s == '_'))
		return 0;
	for (s++; *s; s++)
		if (!(islower((unsigned char)*s) || isdigit((unsigned char)*s) || *s == '_'))
			return 0;
	return 1;
}

/* a whole decimal integer; 0 or -1 */
static int parse_long(const char *s, long *out)
{
	char *end;
	long v;

	if (!*s || !(isdigit((unsigned char)*s) || (*s == '-' && isdigit((unsigned char)s[1]))))
		return -1;
	errno = 0;
	v = strtol(s, &end, 10);
	if (errno || *end)
		return -1;
	*out = v;
	return 0;
}

/* Check an integer value against its spec (NULL: a free integer) and store
 * it; reports and returns -1 if it is not an integer or out of range. */
static int set_int(struct loader *L, const char *path, int line, const char *rule,
		   struct st_param *p, const char *value)
{
	char who[128] = "";
	long v;

	if (rule)  /* a tailoring file: say which rule the parameter belongs to */
		snprintf(who, sizeof who, "规则 %s 的", rule);
	if (parse_long(value, &v) != 0) {
		lerr(L, "%s:%d: %s参数 %s 的值 '%s' 不是整数", path, line, who, p->name, value);
		return -1;
	}
	if (v < p->min || v > p->max) {
		lerr(L, "%s:%d: %s参数 %s 的值 %ld 超出%s范围（%ld–%ld）", path, line, who, p->name, v,
		     p->ranged ? "规则文件声明的" : "", p->min, p->max);
		return -1;
	}
	p->ival = v;
	return 0;
}

/* The range a rule file declares for an integer parameter: <param min max>.
 * Either bound may be left out for a parameter of the kind's table (which
 * then gives it), never for a free integer.  A declared range lies within
 * the table's, so that the file can narrow what a tailoring may do but not
 * widen what the evaluator was written for.  0, or -1 after reporting. */
static int set_range(struct loader *L, const char *path, int line, struct st_param *p,
		     const char *min, const char *max)
{
	long lo = p->min, hi = p->max;

	if (!min && !max)
		return 0;
	if ((min && parse_long(min, &lo) != 0) || (max && parse_long(max, &hi) != 0)) {
		lerr(L, "%s:%d: 参数 %s 的范围 min='%s' max='%s' 不是整数", path, line, p->name,
		     min ? min : "", max ? max : "");
		return -1;
	}
	if (lo > hi) {
		lerr(L, "%s:%d: 参数 %s 的范围有误：min %ld 大于 max %ld", path, line, p->name, lo, hi);
		return -1;
	}
	if (p->spec && (lo < p->spec->min || hi > p->spec->max)) {
		lerr(L, "%s:%d: 参数 %s 声明的范围 %ld–%ld 超出检查类型允许的 %ld–%ld", path, line,
		     p->name, lo, hi, p->spec->min, p->spec->max);
		return -1;
	}
	p->min = lo, p->max = hi, p->ranged = 1;
	return 0;
}

/* The "a、b、c" list of an enum's choices, for messages. */
static void choices_zh(const char *choices, char *buf, size_t len)
{
	size_t k = 0;

	buf[0] = 0;
	for (const char *c = choices; *c && k + 4 < len; c++)
		if (*c == ' ')
			k += (size_t)snprintf(buf + k, len - k, "、");
		else
			buf[k++] = *c, buf[k] = 0;
}

/* type-check a value that is not an integer or XPath (those are done by
 * set_int() and compile()); 0 or -1 after reporting */
static int check_value(struct loader *L, const char *path, int line, const struct st_param *p)
{
	const struct st_param_spec *s = p->spec;
	const char *v = p->text;

	if (s->type == ST_PARAM_ENUM) {
		size_t n = strlen(v);
		for (const char *c = s->choices; c; c = strchr(c, ' ') ? strchr(c, ' ') + 1 : NULL)
			if (!strncmp(c, v, n) && (c[n] == ' ' || !c[n]))
				return 0;
		char list[256];
		choices_zh(s->choices, list, sizeof list);
		lerr(L, "%s:%d: 参数 %s 的值 '%s' 不是 %s 之一", path, line, p->name, v, list);
		return -1;
	}
	if (s->type == ST_PARAM_FIELD && !is_field_name(v)) {
		lerr(L, "%s:%d: 参数 %s 的值 '%s' 不是合法的字段名（小写字母、数字、下划线）", path,
		     line, p->name, v);
		return -1;
	}
	if (s->type == ST_PARAM_FIELDS) {
		char *copy = xstrdup(v), *save = NULL;
		int ok = copy != NULL;
		for (char *t = strtok_r(copy, " \t\n", &save); t; t = strtok_r(NULL, " \t\n", &save))
			if (!is_field_name(t)) {
				lerr(L, "%s:%d: 参数 %s 中的 '%s' 不是合法的字段名（小写字母、数字、下划线）",
				     path, line, p->name, t);
				ok = 0;
			}
		free(copy);
		return ok ? 0 : -1;
	}
	return 0;
}

/* the spec row of a kind's parameter by name, or NULL */
static const struct st_param_spec *param_spec(const struct st_check_spec *cs, const char *name)
{
	for (const struct st_param_spec *p = cs->params; p->name; p++)
		if (!strcmp(p->name, name))
			return p;
	return NULL;
}

/* The names of a kind's parameters, for "unknown parameter" messages. */
static void param_names(const struct st_check_spec *cs, char *buf, size_t len)
{
	size_t k = 0;

	buf[0] = 0;
	for (const struct st_param_spec *p = cs->params; p->name && k < len; p++)
		k += (size_t)snprintf(buf + k, len - k, "%s%s", k ? " " : "", p->name);
	if (!cs->params[0].name)
		snprintf(buf, len, "无");
}

static void kind_names(char *buf, size_t len)
{
	size_t k = 0;

	for (int i = 0; i < ST_CHECK__COUNT && k < len; i++)
		k += (size_t)snprintf(buf + k, len - k, "%s%s", i ? " " : "",
				      st_check_spec((enum st_check_kind)i)->name);
}

/* ---- checks and rules ------------------------------------------------ */

static void check_release(struct st_check *c)
{
	for (size_t i = 0; i < c->nparams; i++) {
		free(c->params[i].name);
		free(c->params[i].text);
		xmlXPathFreeCompExpr(c->params[i].xpath);
		st_expr_free(c->params[i].fast);
	}
	free(c->params);
	memset(c, 0, sizeof *c);
}

static void rule_release(struct st_rule *r)
{
	free(r->id);
	free(r->clause);
	free(r->clause_text);
	free(r->title);
	free(r->remediation);
	free(r->note);
	free(r->regulation);
	free(r->applies_src);
	xmlXPathFreeCompExpr(r->applies);
	st_expr_free(r->applies_fast);
	for (size_t i = 0; i < r->nchecks; i++)
		check_release(&r->checks[i]);
	free(r->checks);
	free(r->file);
	memset(r, 0, sizeof *r);
}

/* Kind-specific constraints the parameter table cannot express.  The
 * evaluator relies on them, so a rule that breaks one never loads. */
static void check_combination(struct loader *L, const char *path, const struct st_rule *r,
			      const struct st_check *c)
{
	const char *k = c->spec->name;

	if ((c->spec->kind == ST_CHECK_CHECKLIST_ITEM || c->spec->kind == ST_CHECK_FAILED_ITEMS) &&
	    r->scope != ST_SCOPE_ENTERPRISE)
		lerr(L, "%s:%d: 检查类型 %s 只适用于企业（scope=\"enterprise\"）", path, c->line, k);
	if (c->spec->kind == ST_CHECK_CALENDAR) {
		const char *period = st_check_text(c, "period");
		if (period && strcmp(period, "year") != 0) {
			if (st_check_param(c, "due_month"))
				lerr(L, "%s:%d: 参数 due_month 只能用于 period=year", path, c->line);
			if (st_check_param(c, "year_field"))
				lerr(L, "%s:%d: 参数 year_field 只能用于 period=year", path, c->line);
		}
	}
	if (c->spec->kind == ST_CHECK_DEADLINE) {
		int n = !!st_check_param(c, "due_field") + !!st_check_param(c, "deadline_days") +
			!!st_check_param(c, "deadline_hours");
		if (n != 1)
			lerr(L, "%s:%d: deadline 检查须给出 due_field、deadline_days、deadline_hours "
			     "三者之一（且只能一个）", path, c->line);
	}
}

/* Fill c from a <check> element.  Problems are reported; the check keeps
 * whatever was valid so that one pass finds every error. */
static void load_check(struct loader *L, const char *path, xmlNodePtr node, struct st_check *c)
{
	struct given { char *name, *value, *min, *max; int line; } *given = NULL;
	size_t ngiven = 0, nalloc = 0;
	char *kind = attr(node, "kind");
	const struct st_check_spec *cs;
	const char *vars[32];
	size_t nvars = 0;

	c->line = line_of(node);
	if (!kind || !(cs = st_check_spec_by_name(kind))) {
		char list[256];
		kind_names(list, sizeof list);
		lerr(L, "%s:%d: 未知的检查类型 '%s'（可用：%s）", path, c->line, kind ? kind : "",
		     list);
		free(kind);
		return;
	}
	free(kind);
	c->spec = cs;

	for (xmlNodePtr p = node->children; p; p = p->next) {
		if (!is_elem(p, "param"))
			continue;
		if (ngiven == nalloc) {
			size_t n = nalloc ? 2 * nalloc : 8;
			struct given *g = realloc(given, n * sizeof *g);
			if (!g)
				goto oom;
			given = g, nalloc = n;
		}
		given[ngiven].name = attr(p, "name");
		given[ngiven].value = text_of(p);
		given[ngiven].min = attr(p, "min");
		given[ngiven].max = attr(p, "max");
		given[ngiven].line = line_of(p);
		if (!given[ngiven].name || !given[ngiven].value) {
			free(given[ngiven].name);
			free(given[ngiven].value);
			free(given[ngiven].min);
			free(given[ngiven].max);
			goto oom;
		}
		ngiven++;
	}

	/* At most one slot per spec row plus one per free integer. */
	size_t nspec = 0;
	while (cs->params[nspec].name)
		nspec++;
	if (nspec + ngiven && !(c->params = calloc(nspec + ngiven, sizeof *c->params)))
		goto oom;

	for (size_t i = 0; i < ngiven; i++) {
		const char *name = given[i].name;
		int dup = 0;
		for (size_t j = 0; j < i; j++)
			dup |= !strcmp(given[j].name, name);
		if (dup) {
			lerr(L, "%s:%d: 参数 %s 重复给出", path, given[i].line, name);
			continue;
		}
		if (!given[i].value[0]) {
			lerr(L, "%s:%d: 参数 %s 的值为空", path, given[i].line, name);
			continue;
		}
		if (param_spec(cs, name))
			continue;  /* placed in table order below */
		if (!cs->free_ints) {
			char list[256];
			param_names(cs, list, sizeof list);
			lerr(L, "%s:%d: 检查类型 %s 没有参数 '%s'（可用：%s）", path, given[i].line,
			     cs->name, name, list);
			continue;
		}
		if (!is_field_name(name) || in_list(name, strlen(name), base_vars, NBASE) ||
		    in_list(name, strlen(name), period_vars, 2)) {
			lerr(L, "%s:%d: 参数名 '%s' 不可用（须为小写字母、数字、下划线，且不与内置变量同名）",
			     path, given[i].line, name);
			continue;
		}
		/* a free integer of a threshold check: an XPath variable */
		struct st_param *p = &c->params[c->nparams];
		p->name = xstrdup(name);
		p->text = xstrdup(given[i].value);
		p->given = 1;
		if (!p->name || !p->text) {
			c->nparams++;
			goto oom;
		}
		c->nparams++;
		if (!given[i].min || !given[i].max) {
			lerr(L, "%s:%d: 自定义整数参数 %s 须用 min 和 max 属性声明允许的范围（裁剪只能在此范围内"
			     "修改），如 <param name=\"%s\" min=\"1\" max=\"200\">", path, given[i].line,
			     name, name);
			continue;
		}
		if (set_range(L, path, given[i].line, p, given[i].min, given[i].max) == 0)
			set_int(L, path, given[i].line, NULL, p, p->text);
	}

	/* table rows, in table order: the rule's value, else the default */
	for (const struct st_param_spec *s = cs->params; s->name; s++) {
		struct given *g = NULL;
		for (size_t i = 0; i < ngiven && !g; i++)
			if (!strcmp(given[i].name, s->name))
				g = &given[i];
		if (g && !g->value[0])
			continue;  /* reported above */
		if (!g && !s->def) {
			if (s->required)
				lerr(L, "%s:%d: 检查类型 %s 缺少必需参数 %s", path, c->line, cs->name,
				     s->name);
			continue;
		}
		struct st_param *p = &c->params[c->nparams++];
		p->spec = s;
		p->name = xstrdup(s->name);
		p->text = xstrdup(g ? g->value : s->def);
		p->given = g != NULL;
		if (!p->name || !p->text)
			goto oom;
		int line = g ? g->line : c->line;
		p->min = s->min, p->max = s->max;
		if (g && (g->min || g->max) && s->type != ST_PARAM_INT)
			lerr(L, "%s:%d: 参数 %s 不是整数参数，不能声明 min、max", path, line, s->name);
		else if (s->type == ST_PARAM_INT &&
			 (!g || set_range(L, path, line, p, g->min, g->max) == 0))
			set_int(L, path, line, NULL, p, p->text);
		else if (s->type != ST_PARAM_XPATH && s->type != ST_PARAM_TEXT && s->type != ST_PARAM_INT)
			check_value(L, path, line, p);
	}

	/* XPath last: every integer parameter is a variable it may use */
	for (size_t i = 0; i < c->nparams && nvars < 30; i++)
		if (!c->params[i].spec || c->params[i].spec->type == ST_PARAM_INT)
			vars[nvars++] = c->params[i].name;
	for (size_t i = 0; i < c->nparams; i++) {
		struct st_param *p = &c->params[i];
		size_t n = nvars;
		int line = c->line;

		if (!p->spec || p->spec->type != ST_PARAM_XPATH)
			continue;
		if (cs->kind == ST_CHECK_CALENDAR && !strcmp(p->name, "select")) {
			vars[n++] = period_vars[0];
			vars[n++] = period_vars[1];
		}
		for (size_t j = 0; j < ngiven; j++)
			if (!strcmp(given[j].name, p->name))
				line = given[j].line;
		char what[96];
		snprintf(what, sizeof what, "参数 %s", p->name);
		p->xpath = compile(L, path, line, what, p->text, vars, n);
		p->fast = p->xpath ? st_expr_compile(p->text) : NULL;
	}
	goto out;
oom:
	lerr(L, "%s:%d: 内存不足", path, c->line);
	check_release(c);  /* no half-made check (a parameter without a name) goes on */
out:
	for (size_t i = 0; i < ngiven; i++) {
		free(given[i].name);
		free(given[i].value);
		free(given[i].min);
		free(given[i].max);
	}
	free(given);
}

static int parse_severity(const char *s, enum st_severity *out)
{
	for (int i = ST_SEV_HIGH; i <= ST_SEV_INFO; i++)
		if (s && !strcmp(s, st_severity_name((enum st_severity)i))) {
			*out = (enum st_severity)i;
			return 0;
		}
	return -1;
}

/* append a zeroed rule to the pack; NULL when memory runs out */
static struct st_rule *new_rule(struct loader *L)
{
	struct st_pack *pk = L->pack;

	if (pk->nrules == L->cap) {
		size_t n = L->cap ? 2 * L->cap : 64;
		struct st_rule *r = realloc(pk->rules, n * sizeof *r);
		if (!r)
			return NULL;
		pk->rules = r, L->cap = n;
	}
	memset(&pk->rules[pk->nrules], 0, sizeof pk->rules[0]);
	return &pk->rules[pk->nrules++];
}

static void load_rule(struct loader *L, const char *path, xmlNodePtr node)
{
	struct st_rule *r = new_rule(L);
	char *sev, *scope;
	size_t ncheck = 0, ninfo = 0;

	if (!r) {
		lerr(L, "%s:%d: 内存不足", path, line_of(node));
		return;
	}
	r->line = line_of(node);
	r->selected = 1;
	r->id = attr(node, "id");
	r->clause = attr(node, "clause");
	r->regulation = attr(node, "regulation");
	r->file = xstrdup(path);
	r->pack = L->cur;
	r->effective_from = r->effective_until = ST_DAY_NONE;
	/* the schema says they are dates; their order is checked here */
	char *from = attr(node, "effective_from"), *until = attr(node, "effective_until");
	if (from)
		st_date_parse_iso(from, &r->effective_from);
	if (until)
		st_date_parse_iso(until, &r->effective_until);
	if (r->effective_from != ST_DAY_NONE && r->effective_until != ST_DAY_NONE &&
	    r->effective_until < r->effective_from)
		lerr(L, "%s:%d: 规则 %s 的 effective_until %s 早于 effective_from %s", path, r->line,
		     r->id, until, from);
	free(from);
	free(until);
	sev = attr(node, "severity");
	scope = attr(node, "scope");
	/* the schema guarantees both; the parse only maps names to enums */
	parse_severity(sev, &r->severity);
	r->scope = scope && !strcmp(scope, "park") ? ST_SCOPE_PARK : ST_SCOPE_ENTERPRISE;
	free(sev);
	free(scope);

	for (xmlNodePtr c = node->children; c; c = c->next)
		ncheck += is_elem(c, "check");
	if (ncheck && !(r->checks = calloc(ncheck, sizeof *r->checks))) {
		lerr(L, "%s:%d: 内存不足", path, r->line);
		return;
	}
	for (xmlNodePtr c = node->children; c; c = c->next) {
		if (c->type != XML_ELEMENT_NODE)
			continue;
		if (is_elem(c, "title"))
			r->title = text_of(c);
		else if (is_elem(c, "clause-text"))
			r->clause_text = text_of(c);
		else if (is_elem(c, "remediation"))
			r->remediation = text_of(c);
		else if (is_elem(c, "note"))
			r->note = text_of(c);
		else if (is_elem(c, "applies-to")) {
			r->applies_src = text_of(c);
			if (r->applies_src)
				r->applies = compile(L, path, line_of(c), "<applies-to>", r->applies_src,
						     NULL, 0);
			if (r->applies)
				r->applies_fast = st_expr_compile(r->applies_src);
		} else if (is_elem(c, "check")) {
			struct st_check *k = &r->checks[r->nchecks++];
			load_check(L, path, c, k);
			if (k->spec && k->spec->kind == ST_CHECK_INFORMATIONAL)
				ninfo++;
			else if (k->spec)
				check_combination(L, path, r, k);
		}
	}

	/* the schema requires these; NULL here means memory ran out */
	if (!r->id || !r->clause || !r->file || !r->title || !r->clause_text || !r->remediation) {
		lerr(L, "%s:%d: 内存不足", path, r->line);
		return;
	}

	/* An informational entry is listed, never evaluated: it has no checks
	 * (st_rule.checks is empty), and no severity but "info". */
	if (ninfo) {
		if (r->nchecks > 1)
			lerr(L, "%s:%d: 规则 %s：informational 不能与其他检查同时使用", path, r->line,
			     r->id);
		if (r->severity != ST_SEV_INFO)
			lerr(L, "%s:%d: 规则 %s 是仅供参考条目，级别（severity）须为 info", path, r->line,
			     r->id);
		r->informational = 1;
		for (size_t i = 0; i < r->nchecks; i++)
			check_release(&r->checks[i]);
		free(r->checks);
		r->checks = NULL;
		r->nchecks = 0;
	} else if (r->severity == ST_SEV_INFO) {
		lerr(L, "%s:%d: 规则 %s 可核查，级别（severity）不能为 info", path, r->line, r->id);
	}
}

/* ---- files ----------------------------------------------------------- */

/* Revision 2: the folder holds stacked packs, told apart by their root's
 * id.  The files of one pack must agree on version, title and authority: a
 * file of another version mixed into the directory is a mistake to catch,
 * not to merge.  A root without `authority` is a local pack. */
static void take_root(struct loader *L, const char *path, xmlNodePtr root)
{
	struct st_pack *pk = L->pack;
	char *id = attr(root, "id"), *version = attr(root, "version"), *title = NULL;
	char *authority = attr(root, "authority");
	size_t i;

	if (!authority)
		authority = xstrdup("local");
	for (xmlNodePtr c = root->children; c; c = c->next)
		if (is_elem(c, "title")) {
			title = text_of(c);
			break;
		}
	if (!id || !version || !title || !authority) {  /* the schema requires the first three */
		lerr(L, "%s:%d: 内存不足", path, line_of(root));
		goto out;
	}
	for (i = 0; i < pk->npacks && strcmp(pk->packs[i].id, id ? id : ""); i++)
		;
	L->cur = i;
	if (i == pk->npacks) {
		struct st_pack_info *n = realloc(pk->packs, (pk->npacks + 1) * sizeof *n);
		if (!n) {
			lerr(L, "%s: 内存不足", path);
			goto out;
		}
		pk->packs = n;
		char *file = xstrdup(path);
		if (!file) {
			lerr(L, "%s: 内存不足", path);
			goto out;
		}
		n[i] = (struct st_pack_info){ id, version, title, authority, file };
		pk->npacks++;
		return;
	}
	struct st_pack_info *p = &pk->packs[i];
	if (strcmp(p->version, version ? version : ""))
		lerr(L, "%s:%d: 规则包 '%s' 的版本 '%s' 与 %s 中的 '%s' 不一致", path, line_of(root), id,
		     version, p->file, p->version);
	else if (strcmp(p->title, title ? title : ""))
		lerr(L, "%s:%d: 规则包 '%s' 的标题与 %s 中的不一致", path, line_of(root), id, p->file);
	else if (strcmp(p->authority, authority))
		lerr(L, "%s:%d: 规则包 '%s' 的级别 '%s' 与 %s 中的 '%s' 不一致", path, line_of(root), id,
		     authority, p->file, p->authority);
out:
	free(id);
	free(version);
	free(title);
	free(authority);
}

/* the pack's own id, version and title: the local pack's (the one a park
 * tailors and reports under), else the first */
static int name_pack(struct st_pack *pk)
{
	size_t k = 0;

	for (size_t i = 0; i < pk->npacks; i++)
		if (!strcmp(pk->packs[i].authority, "local")) {
			k = i;
			break;
		}
	if (!pk->npacks)
		return 0;
	pk->id = xstrdup(pk->packs[k].id);
	pk->version = xstrdup(pk->packs[k].version);
	pk->title = xstrdup(pk->packs[k].title);
	return pk->id && pk->version && pk->title ? 0 : -1;
}

const struct st_pack_info *st_rule_pack(const struct st_pack *pack, const struct st_rule *rule)
{
	return rule->pack < pack->npacks ? &pack->packs[rule->pack] : NULL;
}

const char *st_authority_name_zh(const char *authority)
{
	return authority && !strcmp(authority, "national") ? "国家" : "地方";
}

/* the entry of path's file name in the manifest, or NULL */
static struct st_manifest_entry *manifest_entry(struct loader *L, const char *path)
{
	const char *base = strrchr(path, '/');
	return st_manifest_find(&L->man, base ? base + 1 : path);
}

/* Parse and check one rule file.  Its RELAX NG validation is skipped only
 * when the manifest vouches for it: the schemas and the set of files are
 * as listed and the bytes just parsed have the listed digest, which
 * `rules manifest` records only for a pack that passed full validation. */
static void load_file(struct loader *L, const char *path)
{
	char hash[ST_SHA256_HEX];
	xmlDocPtr doc = read_xml_hashed(L, path, hash);
	struct st_manifest_entry *e = L->flags & LOAD_NO_MANIFEST ? NULL : manifest_entry(L, path);
	int vouched = 0;

	if (e && hash[0] && strcmp(e->hash, hash))
		st_diag_add(&L->mdiag, "%s: 文件内容与清单不符（已改动；确认改动无误后运行 safetrack "
			    "rules manifest 更新清单）", path);
	else if (e && hash[0])
		vouched = L->vouch && !(L->flags & ST_PACK_VALIDATE);
	if (!doc)
		return;
	if (!vouched && !L->schema && !L->schema_failed &&
	    !(L->schema = load_schema(L, RULEPACK_RNG)))
		L->schema_failed = 1;
	if (vouched || (L->schema && validate(L, L->schema, doc, path, RULEPACK_RNG) == 0)) {
		xmlNodePtr root = xmlDocGetRootElement(doc);
		L->pack->validated += !vouched;
		take_root(L, path, root);
		for (xmlNodePtr c = root->children; c; c = c->next)
			if (is_elem(c, "rule"))
				load_rule(L, path, c);
	}
	xmlFreeDoc(doc);
}

/* the *.xml files of dir, sorted by name, as paths; -1 after reporting */
static int list_files(struct loader *L, char ***out, size_t *n)
{
	char **names;
	size_t k = 0, count;

	if (st_manifest_list(L->dir, &names, &count, L->diag) != 0) {
		L->errors++;
		return -1;
	}
	for (size_t i = 0; i < count; i++) {
		char *name = names[i];
		size_t len = strlen(name);
		names[i] = NULL;
		if (len < 5 || strcmp(name + len - 4, ".xml")) {
			free(name);
			continue;
		}
		if (!(names[k] = malloc(strlen(L->dir) + len + 2))) {
			free(name);
			for (size_t j = 0; j < k; j++)
				free(names[j]);
			for (size_t j = i + 1; j < count; j++)
				free(names[j]);
			free(names);
			lerr(L, "%s: 内存不足", L->dir);
			return -1;
		}
		sprintf(names[k++], "%s/%s", L->dir, name);
		free(name);
	}
	*out = names, *n = k;
	return 0;
}

/* Compare the directory with its manifest before any rule file is read:
 * files missing or extra, and the schemas' digests.  The rule files'
 * digests are compared as they are parsed (load_file).  Sets L->vouch
 * when nothing differs so far. */
static void manifest_check(struct loader *L)
{
	char **names = NULL, path[PATH_MAX], hash[ST_SHA256_HEX];
	size_t n = 0, before = L->mdiag.count;

	if (st_manifest_read(L->dir, &L->man, &L->mdiag) != 0) {
		st_manifest_release(&L->man);  /* no entry of a broken manifest counts */
		return;
	}
	if (st_manifest_list(L->dir, &names, &n, &L->mdiag) != 0)
		return;
	for (size_t i = 0; i < n; i++) {
		struct st_manifest_entry *e = st_manifest_find(&L->man, names[i]);
		size_t len = strlen(names[i]);

		snprintf(path, sizeof path, "%s/%s", L->dir, names[i]);
		if (!e)
			st_diag_add(&L->mdiag, "%s: 清单中没有这个文件（多出的文件；规则包只能由清单所列文件"
				    "组成，裁剪文件请放在规则目录之外）", path);
		else
			e->seen = 1;
		/* a schema's digest now: whether any rule file may skip validation
		 * depends on it */
		if (e && len > 4 && !strcmp(names[i] + len - 4, ".rng") &&
		    st_manifest_digest(path, &L->stats, hash, &L->mdiag) == 0 && strcmp(hash, e->hash))
			st_diag_add(&L->mdiag, "%s: 文件内容与清单不符（已改动；确认改动无误后运行 safetrack "
				    "rules manifest 更新清单）", path);
		free(names[i]);
	}
	free(names);
	for (size_t i = 0; i < L->man.n; i++)
		if (!L->man.v[i].seen)
			st_diag_add(&L->mdiag, "%s/%s: 清单中列出的文件缺失（清单第 %d 行）", L->dir,
				    L->man.v[i].name, L->man.v[i].line);
	L->vouch = L->mdiag.count == before;
}

static int cmp_rules(const void *a, const void *b)
{
	const struct st_rule *x = a, *y = b;
	int c = strcmp(x->id ? x->id : "", y->id ? y->id : "");

	if (!c)
		c = strcmp(x->file, y->file);
	return c ? c : x->line - y->line;
}

/* ---- tailoring ------------------------------------------------------- */

static struct st_rule *find_rule(struct st_pack *pk, const char *id)
{
	return (struct st_rule *)st_pack_find(pk, id);
}

/* <set rule param [check]>VALUE</set>: apply to every check of the rule
 * that has the parameter, or to check number N (from 1) only. */
static void tailor_set(struct loader *L, const char *path, xmlNodePtr n)
{
	char *rid = attr(n, "rule"), *pname = attr(n, "param"), *cidx = attr(n, "check");
	char *value = text_of(n);
	int line = line_of(n), found = 0;
	struct st_rule *r = find_rule(L->pack, rid);
	long idx = 0;

	if (!rid || !pname || !value || (!cidx && xmlHasProp(n, BAD_CAST "check"))) {
		lerr(L, "%s:%d: 内存不足", path, line);
		goto out;
	}
	if (!r) {
		lerr(L, "%s:%d: 裁剪引用了不存在的规则 '%s'", path, line, rid);
		goto out;
	}
	if (cidx && (parse_long(cidx, &idx) != 0 || idx < 1 || (size_t)idx > r->nchecks)) {
		lerr(L, "%s:%d: 规则 %s 没有第 %s 项检查（共 %zu 项）", path, line, rid, cidx,
		     r->nchecks);
		goto out;
	}
	for (size_t i = 0; i < r->nchecks; i++) {
		if (idx && (size_t)idx != i + 1)
			continue;
		for (size_t j = 0; j < r->checks[i].nparams; j++) {
			struct st_param *p = &r->checks[i].params[j];
			if (strcmp(p->name, pname))
				continue;
			found = 1;
			if (p->spec && p->spec->type != ST_PARAM_INT) {
				lerr(L, "%s:%d: 规则 %s 的参数 %s 不是整数参数，不能裁剪", path, line, rid,
				     pname);
				goto out;
			}
			if (p->tailored) {
				lerr(L, "%s:%d: 规则 %s 的参数 %s 重复裁剪", path, line, rid, pname);
				goto out;
			}
			if (set_int(L, path, line, rid, p, value) != 0)
				goto out;
			char *t = xstrdup(value);
			if (!t) {
				lerr(L, "%s:%d: 内存不足", path, line);
				goto out;
			}
			free(p->text);
			p->text = t;
			p->tailored = p->given = 1;
		}
	}
	if (!found)
		lerr(L, "%s:%d: 规则 %s 没有参数 '%s'", path, line, rid, pname);
out:
	free(rid);
	free(pname);
	free(cidx);
	free(value);
}

static void tailor_deselect(struct loader *L, const char *path, xmlNodePtr n)
{
	char *rid = attr(n, "rule");
	struct st_rule *r = find_rule(L->pack, rid);

	if (!rid)
		lerr(L, "%s:%d: 内存不足", path, line_of(n));
	else if (!r)
		lerr(L, "%s:%d: 裁剪引用了不存在的规则 '%s'", path, line_of(n), rid);
	else if (!r->selected)
		lerr(L, "%s:%d: 规则 %s 重复停用", path, line_of(n), rid);
	else
		r->selected = 0;
	free(rid);
}

/* <notice days="N"/>: the rectification notice's default time limit */
static void tailor_notice(struct loader *L, const char *path, xmlNodePtr n)
{
	char *days = attr(n, "days");
	char *end = NULL;
	long v = days ? strtol(days, &end, 10) : 0;

	if (!days || *end || v < 1 || v > ST_NOTICE_DAYS_MAX)
		lerr(L, "%s:%d: 整改通知书的整改期限天数 '%s' 应在 1 至 %d 之间", path, line_of(n),
		     days ? days : "", ST_NOTICE_DAYS_MAX);
	else
		L->pack->notice_days = (int)v;
	free(days);
}

static void load_tailoring(struct loader *L, const char *path)
{
	xmlRelaxNGPtr schema = load_schema(L, TAILORING_RNG);
	xmlDocPtr doc = NULL;
	xmlNodePtr root;
	char *pack_id = NULL;

	if (!schema || !(doc = read_xml(L, path)) ||
	    validate(L, schema, doc, path, TAILORING_RNG) != 0)
		goto out;
	root = xmlDocGetRootElement(doc);
	pack_id = attr(root, "pack");
	if (!pack_id) {  /* the schema requires it */
		lerr(L, "%s: 内存不足", path);
		goto out;
	}
	/* tailoring names rules by id, whichever stacked pack holds them; its
	 * `pack` must be one of the packs loaded */
	size_t k;
	for (k = 0; k < L->pack->npacks && strcmp(pack_id, L->pack->packs[k].id); k++)
		;
	if (k == L->pack->npacks) {
		lerr(L, "%s:%d: 裁剪文件针对规则包 '%s'，而加载的规则包是 '%s'", path, line_of(root),
		     pack_id, L->pack->id);
		goto out;
	}
	L->pack->tailoring = xstrdup(path);
	L->pack->tailoring_id = attr(root, "id");
	if (!L->pack->tailoring || !L->pack->tailoring_id) {
		lerr(L, "%s: 内存不足", path);
		goto out;
	}
	for (xmlNodePtr c = root->children; c; c = c->next)
		if (is_elem(c, "set"))
			tailor_set(L, path, c);
		else if (is_elem(c, "deselect"))
			tailor_deselect(L, path, c);
		else if (is_elem(c, "notice"))
			tailor_notice(L, path, c);
out:
	free(pack_id);
	xmlFreeDoc(doc);
	xmlRelaxNGFree(schema);
}

/* ---- the compiled-pack cache (st_pack_cache.h) ----------------------- */

static xmlXPathCompExprPtr recompile(void *arg, const char *src)
{
	struct loader *L = arg;

	return xmlXPathCtxtCompile(L->xp, BAD_CAST src);
}

/* The cache's key, when the pack may come from the cache: the manifest
 * vouched for the directory, and every rule file's digest, taken from the
 * status record without reading the file, is the manifest's.  The key is
 * the SHA-256 of the program's build id and the manifest's lines.
 * 0, or -1 (then the files are read). */
static int cache_key(struct loader *L, char **files, size_t nfiles, char key[ST_SHA256_HEX])
{
	char id[129];
	struct st_buf b = ST_BUF_INIT;
	int rc = -1;

	if (!L->vouch || L->mdiag.count || st_build_id(id, sizeof id) != 0)
		return -1;
	for (size_t i = 0; i < nfiles; i++) {
		struct st_manifest_entry *e = manifest_entry(L, files[i]);
		const char *base = strrchr(files[i], '/'), *known;
		struct stat st;

		if (!e || stat(files[i], &st) != 0 || !S_ISREG(st.st_mode) ||
		    !(known = st_manifest_stats_find(&L->stats, base ? base + 1 : files[i], &st)) ||
		    strcmp(known, e->hash))
			return -1;
	}
	st_buf_printf(&b, "build %s\nrules %ld\n", id, L->man.rules);
	for (size_t i = 0; i < L->man.n; i++)
		st_buf_printf(&b, "%s  %s\n", L->man.v[i].hash, L->man.v[i].name);
	if (!b.oom && st_buf_str(&b)) {
		st_sha256_hex(st_buf_str(&b), strlen(st_buf_str(&b)), key);
		rc = 0;
	}
	st_buf_release(&b);
	return rc;
}

/* ---- the public interface -------------------------------------------- */

static int pack_load(const char *dir, const char *tailoring, int flags, struct st_pack **out,
		     struct st_diag *diag)
{
	struct loader L = { 0 };
	char **files = NULL;
	size_t nfiles = 0;

	L.dir = dir;
	L.diag = diag;
	L.flags = flags;
	/* libxml2 may answer short of memory with a missing attribute or a
	 * short node list rather than an error */
	unsigned long failures = st_alloc_failures();
	if (!(L.pack = calloc(1, sizeof *L.pack)) || !(L.pack->dir = xstrdup(dir)) ||
	    !(L.xp = xmlXPathNewContext(NULL)) || st_xpath_register(L.xp) != 0) {
		lerr(&L, "%s: 内存不足", dir);
		goto out;
	}
	L.xp->error = on_xpath_error;
	L.xp->userData = &L;

	if (list_files(&L, &files, &nfiles) != 0)
		goto out;
	if (!nfiles) {
		lerr(&L, "%s: 目录中没有规则文件（*.xml）", dir);
		goto out;
	}
	if (!(flags & LOAD_NO_MANIFEST)) {
		st_manifest_stats_read(dir, &L.stats);
		manifest_check(&L);
	}
	/* the pack as this program built it from these very files before,
	 * when every file is as the manifest and the status record say */
	char key[ST_SHA256_HEX] = "";
	struct st_pack *cached = NULL;
	if (!flags && cache_key(&L, files, nfiles, key) == 0 &&
	    (cached = st_pack_cache_read(dir, key, recompile, &L))) {
		st_pack_free(L.pack);
		L.pack = cached;
	}
	for (size_t i = 0; !cached && i < nfiles && !L.schema_failed; i++)
		load_file(&L, files[i]);
	if (L.errors)
		goto out;
	if (!cached && name_pack(L.pack)) {
		lerr(&L, "%s: 内存不足", dir);
		goto out;
	}

	if (!cached && L.pack->nrules)
		qsort(L.pack->rules, L.pack->nrules, sizeof *L.pack->rules, cmp_rules);
	for (size_t i = 1; i < L.pack->nrules; i++) {
		const struct st_rule *a = &L.pack->rules[i - 1], *b = &L.pack->rules[i];
		if (!strcmp(a->id, b->id))
			lerr(&L, "%s:%d: 规则 ID '%s' 重复（已在 %s:%d 定义）", b->file, b->line, b->id,
			     a->file, a->line);
	}
	/* every file as listed, yet another count: the loader itself changed */
	if (!L.errors && L.vouch && !L.mdiag.count && L.man.rules != (long)L.pack->nrules)
		st_diag_add(&L.mdiag, "%s: 规则包有 %zu 条规则，清单记载 %ld 条", L.man.path,
			    L.pack->nrules, L.man.rules);
	/* kept before any tailoring, which every load applies anew; the files
	 * just read may have settled into the status record only now */
	if (!cached && !L.errors && !L.mdiag.count && st_alloc_failures() == failures &&
	    !flags && (key[0] || cache_key(&L, files, nfiles, key) == 0))
		st_pack_cache_write(dir, key, L.pack);
	if (!L.errors && !L.mdiag.count && tailoring)
		load_tailoring(&L, tailoring);
out:
	if (!L.errors && st_alloc_failures() != failures)
		lerr(&L, "%s: 内存不足", dir);
	/* manifest problems last: the first line stays the first thing to fix
	 * inside a file, and a missing or extra file is never hidden */
	for (size_t i = 0; i < st_diag_kept(&L.mdiag); i++)
		lerr(&L, "%s", L.mdiag.line[i]);
	if (L.mdiag.count > st_diag_kept(&L.mdiag))
		lerr(&L, "%s: 另有 %zu 处与清单不符", dir, L.mdiag.count - st_diag_kept(&L.mdiag));
	/* the digests just taken, for the next load: only when every file was
	 * as the manifest says */
	if (!L.errors && L.vouch)
		st_manifest_stats_write(dir, &L.stats);
	st_manifest_stats_release(&L.stats);
	st_diag_release(&L.mdiag);
	st_manifest_release(&L.man);
	for (size_t i = 0; i < nfiles; i++)
		free(files[i]);
	free(files);
	xmlRelaxNGFree(L.schema);
	xmlXPathFreeContext(L.xp);
	if (L.errors) {
		st_pack_free(L.pack);
		return -1;
	}
	*out = L.pack;
	return 0;
}

int st_pack_load(const char *dir, const char *tailoring, struct st_pack **out,
		 struct st_diag *diag)
{
	return pack_load(dir, tailoring, 0, out, diag);
}

int st_pack_load_flags(const char *dir, const char *tailoring, int flags, struct st_pack **out,
		       struct st_diag *diag)
{
	return pack_load(dir, tailoring, flags & ST_PACK_VALIDATE, out, diag);
}

int st_pack_write_manifest(const char *dir, size_t *nrules, struct st_diag *diag)
{
	struct st_pack *pack;
	size_t n;

	if (pack_load(dir, NULL, ST_PACK_VALIDATE | LOAD_NO_MANIFEST, &pack, diag) != 0)
		return -1;
	n = pack->nrules;
	st_pack_free(pack);
	if (st_manifest_write(dir, n, diag) != 0)
		return -1;
	if (nrules)
		*nrules = n;
	return 0;
}

void st_pack_free(struct st_pack *pack)
{
	if (!pack)
		return;
	for (size_t i = 0; i < pack->nrules; i++)
		rule_release(&pack->rules[i]);
	free(pack->rules);
	free(pack->id);
	free(pack->version);
	free(pack->title);
	for (size_t i = 0; i < pack->npacks; i++) {
		free(pack->packs[i].id);
		free(pack->packs[i].version);
		free(pack->packs[i].title);
		free(pack->packs[i].authority);
		free(pack->packs[i].file);
	}
	free(pack->packs);
	free(pack->dir);
	free(pack->tailoring);
	free(pack->tailoring_id);
	free(pack);
}

static int cmp_id_rule(const void *key, const void *elem)
{
	return strcmp(key, ((const struct st_rule *)elem)->id);
}

const struct st_rule *st_pack_find(const struct st_pack *pack, const char *id)
{
	if (!pack || !id || !pack->nrules)
		return NULL;
	return bsearch(id, pack->rules, pack->nrules, sizeof *pack->rules, cmp_id_rule);
}

const struct st_param *st_check_param(const struct st_check *check, const char *name)
{
	for (size_t i = 0; i < check->nparams; i++)
		if (!strcmp(check->params[i].name, name))
			return &check->params[i];
	return NULL;
}

long st_check_int(const struct st_check *check, const char *name, long def)
{
	const struct st_param *p = st_check_param(check, name);
	return p ? p->ival : def;
}

const char *st_check_text(const struct st_check *check, const char *name)
{
	const struct st_param *p = st_check_param(check, name);
	return p ? p->text : NULL;
}

const char *st_severity_name(enum st_severity s)
{
	static const char *const names[] = { "high", "medium", "low", "info" };
	return s <= ST_SEV_INFO ? names[s] : "?";
}

const char *st_severity_name_zh(enum st_severity s)
{
	static const char *const names[] = { "高", "中", "低", "仅供参考" };
	return s <= ST_SEV_INFO ? names[s] : "?";
}

const char *st_scope_name(enum st_scope s)
{
	return s == ST_SCOPE_PARK ? "park" : "enterprise";
}

/* The rules directory.  An uninstalled build finds the rules beside the
 * binary, whatever the working directory; an installed one finds the copy
 * `make install` put under PREFIX/share/safetrack, wherever PREFIX was. */
const char *st_rules_default_dir(void)
{
	static char dir[PATH_MAX];

	return st_data_dir("SAFETRACK_RULES", "rules", RULEPACK_RNG, dir, sizeof dir);
}
