/*
 * st_rules — the rule pack: the regulation as data.
 *
 * A pack is read from the *.xml files of a rules directory (namespace ST_RULES_NS), validated against
 * rules/rulepack.rng, and optionally tailored by a park's tailoring file.
 * Each rule has an applicability expression and one or more checks; a check
 * is one of a closed set of kinds (enum st_check_kind), parameterised by
 * named, typed parameters.  The table of kinds and their parameters lives in
 * checks.c and is the single place that says which parameter a kind takes;
 * the loader validates against it and the evaluator reads through it.
 *
 * Expressions are XPath 1.0, checked at load and evaluated by the
 * evaluator against a subject's facts (see st_facts.h) with:
 *   - the context node: the subject element (<park> or <enterprise>), or for
 *     per-record expressions the record element;
 *   - variables: $as_of (day number of the evaluation date), $subject (the
 *     subject's id), every integer parameter of the check by name
 *     ($warn_days, $window_days, $staff_step ...) and, inside calendar
 *     selects, $year and $index (period within the year, from 1);
 *   - the function st:days(string) in namespace ST_FUNC_NS: the day number
 *     of an ISO date or time (its date part), NaN when empty or malformed.
 */
#ifndef ST_RULES_H
#define ST_RULES_H

#include <stddef.h>
#include <libxml/xpath.h>

#include "st_date.h"
#include "st_diag.h"

struct st_expr;

#define ST_RULES_NS "urn:safetrack:rules:1"
#define ST_TAILORING_NS "urn:safetrack:tailoring:1"
#define ST_FUNC_NS "urn:safetrack:functions"

enum st_severity { ST_SEV_HIGH, ST_SEV_MEDIUM, ST_SEV_LOW, ST_SEV_INFO };
enum st_scope { ST_SCOPE_PARK, ST_SCOPE_ENTERPRISE };

enum st_check_kind {
	ST_CHECK_INFORMATIONAL,   /* a clause records cannot check; never evaluated */
	ST_CHECK_CALENDAR,        /* a record in every quarter / half / year */
	ST_CHECK_INTERVAL,        /* a record at most N months after the last */
	ST_CHECK_DEADLINE,        /* each event followed by a record within T */
	ST_CHECK_CHECKLIST_ITEM,  /* item N of the latest inspection in the window */
	ST_CHECK_FAILED_ITEMS,    /* each failed item in the window has a hazard */
	ST_CHECK_REQUIRED_FIELDS, /* each selected record has the named fields */
	ST_CHECK_DATE_ORDER,      /* each selected record's dates are present and in order */
	ST_CHECK_THRESHOLD,       /* value >= required, both XPath numbers */
	ST_CHECK_ASSERT,          /* each selected node satisfies a test */
	ST_CHECK_EXPIRY,          /* each selected item's latest expiry date >= as-of */
	ST_CHECK_KNOWN,           /* revision 2: the records needed are there, else
				   * not-checked and the rule's later checks are skipped */
	ST_CHECK_RENEWAL,         /* revision 2: the record expiring last is valid and
				   * its renewal was applied for N months before expiry */
	ST_CHECK__COUNT
};

enum st_param_type {
	ST_PARAM_INT,      /* decimal integer, within [min, max] of its spec */
	ST_PARAM_ENUM,     /* one of the spec's space-separated choices */
	ST_PARAM_FIELD,    /* an attribute name of a record: [a-z_][a-z0-9_]* */
	ST_PARAM_FIELDS,   /* one or more field names separated by spaces */
	ST_PARAM_XPATH,    /* an XPath expression, compiled at load */
	ST_PARAM_TEXT,     /* free text (messages) */
};

/* what a check kind accepts; one row per parameter in checks.c */
struct st_param_spec {
	const char *name;
	enum st_param_type type;
	int required;           /* 1: must be given by the rule */
	const char *def;        /* default as text, or NULL (absent) */
	long min, max;          /* ST_PARAM_INT bounds */
	const char *choices;    /* ST_PARAM_ENUM choices, space-separated */
	const char *doc;        /* one line, Chinese, for `rules show` */
};

struct st_check_spec {
	const char *name;       /* the kind attribute in rule files */
	enum st_check_kind kind;
	const char *doc_zh;     /* what the check does, in words, for `rules show` */
	int free_ints;          /* 1: extra integer parameters are allowed (threshold) */
	const struct st_param_spec *params; /* terminated by a NULL name */
};

/* the spec of a kind by its name in rule files; NULL if unknown */
const struct st_check_spec *st_check_spec_by_name(const char *name);
/* the spec of a kind */
const struct st_check_spec *st_check_spec(enum st_check_kind kind);

/* one parameter value as loaded (after defaults and tailoring) */
struct st_param {
	const struct st_param_spec *spec;  /* NULL for a free integer */
	char *name;             /* owned */
	char *text;             /* the value as written, owned */
	long ival;              /* ST_PARAM_INT and free integers */
	long min, max;          /* integers: the allowed range, from the rule file's
				   <param min max> if declared (ranged = 1), else
				   the kind's table; a tailoring must stay in it */
	int ranged;
	/* ST_PARAM_XPATH: libxml2's compiled form, owned; NULL while not
	   compiled yet (get it with st_param_xpath) */
	_Atomic(xmlXPathCompExprPtr) xpath;
	struct st_expr *fast;      /* the same compiled for records (st_expr.h), or
				      NULL: evaluated with XPath; owned */
	int tailored;           /* 1 if a tailoring file set it */
	int given;              /* 1 if the rule or tailoring gave it (not a default) */
};

struct st_check {
	const struct st_check_spec *spec;
	struct st_param *params;  /* owned array */
	size_t nparams;
	int line;                 /* line of <check> in its file */
};

/* Revision 2: the rules folder holds stacked packs (a local one, a
 * national one), loaded together; each rule names the one it came from. */
struct st_pack_info {
	char *id, *version, *title;      /* from the files' roots, owned */
	char *authority;                 /* "local" or "national", owned */
	char *file;                      /* the first file of this pack, owned */
};

struct st_rule {
	char *id, *clause, *clause_text, *title, *remediation, *note; /* owned */
	char *regulation;                /* the statute cited, when not the pack's title; owned */
	size_t pack;                     /* index into st_pack.packs */
	st_day effective_from, effective_until; /* revision 2, or ST_DAY_NONE */
	enum st_severity severity;
	enum st_scope scope;
	char *applies_src;               /* the expression as written, or NULL (always) */
	/* libxml2's compiled form of applies_src, owned; NULL while not
	   compiled yet (st_rule_applies) or when there is none */
	_Atomic(xmlXPathCompExprPtr) applies;
	struct st_expr *applies_fast;    /* for records (st_expr.h), or NULL; owned */
	struct st_check *checks;         /* owned array; empty for informational */
	size_t nchecks;
	int informational;               /* 1: listed for completeness, never evaluated */
	int selected;                    /* 0 if a tailoring deselected it */
	char *file;                      /* file it came from, owned */
	int line;
};

/* a rectification notice's time limit when the tailoring sets none, and
 * the most a tailoring may set */
#define ST_NOTICE_DAYS_DEFAULT 15
#define ST_NOTICE_DAYS_MAX 90

struct st_pack {
	char *id, *version, *title;      /* of the local pack (else the first), owned */
	struct st_pack_info *packs;      /* every pack loaded, in file name order; owned */
	size_t npacks;
	char *dir;                       /* where it was loaded from, owned */
	char *tailoring;                 /* tailoring file path, or NULL; owned */
	char *tailoring_id;              /* id attribute of the tailoring, or NULL */
	int notice_days;                 /* the tailoring's <notice days>, or 0: the default */
	struct st_rule *rules;           /* owned, sorted by id */
	size_t nrules;
	size_t validated;                /* rule files validated with RELAX NG on this load
					    (0 when the manifest vouched for every one) */
};

/* Load every *.xml rule file in dir (in name order) and, if tailoring is
 * not NULL, apply that tailoring file.  Files may belong to several packs
 * (their root's id); the files of one pack agree on version, title and
 * authority, and rule ids are unique across all of them.  XML is read with XML_PARSE_NONET,
 * no DTD loading and no entity substitution.  On error returns -1 with
 * lines "FILE:LINE: message" in diag and *out untouched.  On success the
 * caller owns *out and frees it with st_pack_free(). */
int st_pack_load(const char *dir, const char *tailoring, struct st_pack **out,
		 struct st_diag *diag);

/* st_pack_load_flags: validate every rule file with RELAX NG even when the
 * manifest vouches for it (`rules validate`) */
#define ST_PACK_VALIDATE 0x1

/* Like st_pack_load, with flags (ST_PACK_VALIDATE or 0).
 *
 * Every load checks the pack against DIR/MANIFEST (see st_manifest.h): a
 * missing manifest, a file it lists that is missing, a *.xml or *.rng file
 * it does not list, a file whose SHA-256 differs, or a rule count that
 * differs is an error naming the file, reported after any other error.  A
 * rule file whose digest the manifest vouches for (schemas unchanged too)
 * is not validated again with RELAX NG unless ST_PACK_VALIDATE is given:
 * the manifest is only written for a pack that passed full validation. */
int st_pack_load_flags(const char *dir, const char *tailoring, int flags, struct st_pack **out,
		       struct st_diag *diag);

/* Validate the pack in dir in full (RELAX NG included, the old manifest
 * ignored) and, if it passes, (re)write DIR/MANIFEST for its files; the rule
 * count goes to *nrules if not NULL.  Returns 0, or -1 with the problems in
 * diag and the old manifest untouched. */
int st_pack_write_manifest(const char *dir, size_t *nrules, struct st_diag *diag);

/* The libxml2 form of an XPath parameter / of a rule's <applies-to>.
 * Every expression's syntax and names are checked when the pack loads, but
 * libxml2's compiled form is kept only for expressions the records' form
 * (st_expr.h) cannot take; for the others it is compiled here on first use
 * (an evaluation that falls back to XPath), in ctx (the evaluating
 * context, for its error handler; NULL is fine).  Safe from several
 * threads on one pack: the first compile published wins (atomic
 * compare-and-swap), a loser frees its copy.  NULL when there is no such
 * expression (st_rule_applies: the rule always applies) or on failure. */
xmlXPathCompExprPtr st_param_xpath(const struct st_param *p, xmlXPathContextPtr ctx);
xmlXPathCompExprPtr st_rule_applies(const struct st_rule *r, xmlXPathContextPtr ctx);

/* free a pack and everything it owns; NULL is fine */
void st_pack_free(struct st_pack *pack);

/* the pack a rule came from */
const struct st_pack_info *st_rule_pack(const struct st_pack *pack, const struct st_rule *rule);
/* "国家" / "地方" for an authority */
const char *st_authority_name_zh(const char *authority);

/* the rule with this id, or NULL */
const struct st_rule *st_pack_find(const struct st_pack *pack, const char *id);
/* a check's parameter by name, or NULL if absent (no value and no default) */
const struct st_param *st_check_param(const struct st_check *check, const char *name);
/* integer value of a parameter, or def if absent */
long st_check_int(const struct st_check *check, const char *name, long def);
/* text of a parameter, or NULL if absent */
const char *st_check_text(const struct st_check *check, const char *name);

/* names for enums, as written in rule files and results */
const char *st_severity_name(enum st_severity s);
const char *st_severity_name_zh(enum st_severity s);
const char *st_scope_name(enum st_scope s);

/* Register st:days and the ST_FUNC_NS namespace prefix "st" on an XPath
 * context; the loader compiles with it and the evaluator evaluates with it. */
int st_xpath_register(xmlXPathContextPtr ctx);

/* One line of Chinese for an XPath error received by an XPath context's
 * `error` handler, where libxml2 leaves e->message NULL and gives only the
 * error code and the offset in the expression: "第 19 个字符处表达式不完整或有误".
 * Writes into buf (always terminated, truncated to len) and returns it. */
char *st_xpath_error_text(const xmlError *e, char *buf, size_t len);

/* The default rules directory: $SAFETRACK_RULES if set and not empty, else
 * the first of these that holds rulepack.rng: `rules` beside the running
 * executable (a build tree), ../share/safetrack/rules relative to it (an
 * installed tree), else ST_DATADIR/rules (see st_data_dir() in st_paths.h).
 * Returns a static string (or the environment's); do not free. */
const char *st_rules_default_dir(void);

#endif
