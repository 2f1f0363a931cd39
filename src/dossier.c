/*
 * dossier.c — the record kinds, the validation of one record and its upsert,
 * and reading records back (see st_dossier.h; import and export are in
 * dossier_io.c).
 *
 * The fast path matters: an import runs st_recorder_put() millions of times.
 * So a valid record costs its parsing, one prepared upsert, and no lookup of
 * its references — the schema's foreign keys check those inside the same
 * statement, by index.  Only when SQLite reports a foreign key failure does
 * diagnose_refs() look each reference up to name the column and value.
 */
#include "st_store.h"
#include "st_dossier.h"

#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "st_date.h"
#include "st_grow.h"
#include "st_idset.h"
#include "st_msg.h"
#include "st_rules.h"
#include "st_uscc.h"
#include "st_values.h"

#define COUNT_MAX 1000000000000LL   /* "a non-negative integer" */
#define WAIVER_MAX_DAYS 366          /* CATALOGUE revision 2: reviewed at least yearly */

/* The column types of st_columns.h, as struct st_column initialisers. */
#define COL(n, t, r, l) { n, t, r, l, NULL, ST_PARK, 0, 0 }
#define COL_ID(n, l) COL(n, ST_COL_TEXT, 1, l)
#define COL_USCC(n, l) COL(n, ST_COL_USCC, 1, l)
#define COL_TEXT(n, l) COL(n, ST_COL_TEXT, 0, l)
#define COL_TEXT_R(n, l) COL(n, ST_COL_TEXT, 1, l)
#define COL_DATE(n, l) COL(n, ST_COL_DATE, 0, l)
#define COL_DATE_R(n, l) COL(n, ST_COL_DATE, 1, l)
#define COL_TIME(n, l) COL(n, ST_COL_TIME, 0, l)
#define COL_TIME_R(n, l) COL(n, ST_COL_TIME, 1, l)
#define COL_BOOL(n, l) COL(n, ST_COL_BOOL, 0, l)
#define COL_ENUM(n, l, v) { n, ST_COL_ENUM, 1, l, v, ST_PARK, 0, 0 }
#define COL_ITEM(n, l) COL_ENUM(n, l, "pass fail na")
#define COL_SET(n, l, v) { n, ST_COL_SET, 0, l, v, ST_PARK, 0, 0 }
#define COL_COUNT(n, l, r) { n, ST_COL_INT, r, l, NULL, ST_PARK, 0, COUNT_MAX }
#define COL_INT(n, l, lo, hi) { n, ST_COL_INT, 0, l, NULL, ST_PARK, lo, hi }
#define COL_INT_R(n, l, lo, hi) { n, ST_COL_INT, 1, l, NULL, ST_PARK, lo, hi }
#define COL_REF(n, l, k) { n, ST_COL_REF, 1, l, NULL, k, 0, 0 }
#define COL_REF_OPT(n, l, k) { n, ST_COL_REF, 0, l, NULL, k, 0, 0 }
#define COL_REFLIST(n, l, k) { n, ST_COL_REFLIST, 0, l, NULL, k, 0, 0 }
#define COLUMN(K, name, type, ...) COL_##type(#name, __VA_ARGS__),

/* one array per kind: static const struct st_column hazards[] = { ... } */
#define COLUMNS(K, table) static const struct st_column table[] = { ST_##K##_COLUMNS(COLUMN) };
ST_KINDS(COLUMNS)
#undef COLUMNS

const char *const st_items[ST_ITEMS] = {
	"服从业务指导", "台帐、制度与应急预案", "危险化学品存放与证照", "电气与机械设备",
	"消防与防护用品", "锅炉、压力容器、管道、特种设备", "安全生产责任制", "建设项目“三同时”",
	"安全评价与整改", "安全生产例会", "持证上岗", "隐患整改“四落实”", "其它情况",
};

#define NCOLS(cols) (int)(sizeof cols / sizeof cols[0])
#define FITS(K, table) _Static_assert(ST_##K##_NCOLS <= ST_MAX_COLS, #table " fits ST_MAX_COLS");
ST_KINDS(FITS)
#undef FITS
/* KIND(HAZARD, hazards, singular, label, id prefix, owner column, own date
 * column, the columns `list` shows): the columns by name, `none` if it has none */
#define KIND(K, t, s, l, p, owner, date, listed) \
	{ #t, #t ".csv", s, l, p, ST_COL_##K##_##owner, ST_COL_##K##_##date, listed, t, NCOLS(t), \
	  ST_COL_##K##_voided }
#define KIND_NOT_VOIDED(K, t, s, l, p, owner, date, listed) \
	{ #t, #t ".csv", s, l, p, ST_COL_##K##_##owner, ST_COL_##K##_##date, listed, t, NCOLS(t), -1 }

static const struct st_kind_info kinds[ST_KIND_COUNT] = {
	KIND_NOT_VOIDED(PARK, parks, "park", "园区", NULL, none, none,
			"id name established director safety_staff"),
	KIND_NOT_VOIDED(ENTERPRISE, enterprises, "enterprise", "企业", NULL, park, none,
			"id name park employees hazchem major_hazard status operating_since"),
	KIND(INSPECTION, inspections, "inspection", "检查记录", "INSP", enterprise, date,
	     "id enterprise date kind inspectors notes"),
	KIND(HAZARD, hazards, "hazard", "隐患", "HAZ", enterprise, found,
	     "id enterprise found grade description owner deadline closed"),
	KIND(EVALUATION, evaluations, "evaluation", "安全评价", "EVAL", enterprise, date,
	     "id enterprise kind date agency expert_passed rectify_deadline rectified"),
	KIND(PROJECT, projects, "project", "建设项目", "PROJ", enterprise, none,
	     "id enterprise name kind construction_start accepted production_start"),
	KIND(WORKER, workers, "worker", "从业人员", "W", enterprise, hired,
	     "id enterprise name hired level1 level2 level3 assigned special_operation"),
	KIND(CERTIFICATE, certificates, "certificate", "特种作业证书", "CERT", enterprise, issued,
	     "id enterprise worker kind number issued expires"),
	KIND(EQUIPMENT, equipment, "equipment", "特种设备", "EQ", enterprise, none,
	     "id enterprise kind registration last_test next_test"),
	KIND(ACCIDENT, accidents, "accident", "事故", "ACC", enterprise, occurred,
	     "id enterprise occurred deaths injuries reported form_filed investigation_closed"),
	KIND(MEETING, meetings, "meeting", "安全工作会议", "MTG", park, date,
	     "id park date kind minutes"),
	KIND(DRILL, drills, "drill", "应急演练", "DRILL", park, date, "id park date participants"),
	KIND(LETTER, letters, "letter", "安全目标责任书", "LTR", enterprise, signed,
	     "id park enterprise year signed"),
	KIND(LICENCE, licences, "licence", "安全生产许可证", "LIC", enterprise, issued,
	     "id enterprise kind number issued expires renewal_applied"),
	KIND(WAIVER, waivers, "waiver", "豁免", "WAIVER", subject, approved,
	     "id subject rule approved_by approved expires reason"),
};

const struct st_kind_info *st_kind_info(enum st_kind kind)
{
	return &kinds[kind];
}

int st_kind_find(const char *name)
{
	for (int k = 0; k < ST_KIND_COUNT; k++)
		if (!strcmp(name, kinds[k].table) || !strcmp(name, kinds[k].singular) ||
		    !strcmp(name, kinds[k].file) || !strcmp(name, kinds[k].label))
			return k;
	return -1;
}

int st_column_find(const struct st_kind_info *info, const char *name)
{
	for (int i = 0; i < info->ncols; i++) {
		const char *c = info->cols[i].name, *s = name;
		while (*c && (*c == *s || (*c == '_' && *s == '-') ||
			      (*s >= 'A' && *s <= 'Z' && *c == *s - 'A' + 'a')))
			c++, s++;
		if (!*c && !*s)
			return i;
		if (!strcmp(name, info->cols[i].label))
			return i;
	}
	return -1;
}

/* ---- validation ---- */

/* one column's value, ready to bind */
struct val {
	enum { V_NULL, V_TEXT, V_INT } type;
	const char *text;
	long long num;
	char buf[24];   /* canonical date, time or enum value */
};

struct st_recorder {
	sqlite3 *db;
	sqlite3_stmt *insert[ST_KIND_COUNT];   /* a new record: plain INSERT */
	sqlite3_stmt *upsert[ST_KIND_COUNT];   /* an existing id: replace, keep history */
	sqlite3_stmt *exists[ST_KIND_COUNT];
	sqlite3_stmt *owner_of[ST_KIND_COUNT];   /* SELECT enterprise ... */
	sqlite3_stmt *part_del, *part_ins;
	struct st_idset rejected[ST_KIND_COUNT];
	char *list;                    /* participants, split in place */
	char *canon;                   /* participants joined canonically */
	const char **parts;
	size_t nparts, list_cap, canon_cap, parts_cap;
	const struct st_pack *pack;    /* the rules a waiver may name */
};

/* a value as shown in a message: at most ~60 bytes, cut on a character */
static const char *shown(const char *s, char buf[72])
{
	size_t n = strlen(s);

	if (n <= 60)
		return s;
	n = 60;
	while (n > 0 && ((unsigned char)s[n] & 0xC0) == 0x80)
		n--;
	memcpy(buf, s, n);
	strcpy(buf + n, "…");
	return buf;
}

/* "WHERE: column COL: message", a message of st_msg.h in both languages */
static void col_error(struct st_diag *diag, const char *where, const char *col,
		      const char *zh, const char *en, ...) ST_MSG_FORMAT(4);

static void col_error(struct st_diag *diag, const char *where, const char *col,
		      const char *zh, const char *en, ...)
{
	char *msg, *msg_en;
	va_list ap;

	va_start(ap, en);
	if (st_msg_vformat(&msg, &msg_en, zh, en, ap))
		st_diag_msg(diag, ST_MSG_AT("%s: ", ST_MSG_OUT_OF_MEMORY), where);
	else
		st_diag_msg(diag, "%s: column %s: %s%.0s", "%s: column %s: %.0s%s", where, col,
			    msg, msg_en);
	va_end(ap);
	free(msg);
	free(msg_en);
}

/* s without surrounding blanks, in buf (size n); NULL if it does not fit */
static const char *trimmed(const char *s, char *buf, size_t n)
{
	size_t len;

	while (*s == ' ' || *s == '\t')
		s++;
	len = strlen(s);
	while (len && (s[len - 1] == ' ' || s[len - 1] == '\t'))
		len--;
	if (len >= n)
		return NULL;
	memcpy(buf, s, len);
	buf[len] = '\0';
	return buf;
}

/* the enum value equal to s (ASCII case ignored) copied into out; 0 or -1 */
static int enum_match(const char *values, const char *s, char *out)
{
	size_t n = strlen(s);

	for (const char *p = values; *p;) {
		size_t len = strcspn(p, " ");
		if (len == n && !strncasecmp(p, s, n)) {
			memcpy(out, p, n);
			out[n] = '\0';
			return 0;
		}
		p += len;
		p += *p == ' ';
	}
	return -1;
}

/* "a、b、c" for a message */
static const char *enum_list(const char *values, const char *sep, char *buf, size_t n)
{
	size_t k = 0, ls = strlen(sep);

	for (const char *p = values; *p && k + ls + 1 < n; p++) {
		if (*p == ' ') {
			memcpy(buf + k, sep, ls);
			k += ls;
		} else {
			buf[k++] = *p;
		}
	}
	buf[k] = '\0';
	return buf;
}

static int parse_count(const char *s, long long *out)
{
	long long v = 0;

	if (!*s)
		return -1;
	for (; *s; s++) {
		if (*s < '0' || *s > '9' || v > COUNT_MAX)
			return -1;
		v = v * 10 + (*s - '0');
	}
	*out = v;
	return 0;
}

/* split a participants list into w->parts and join it into w->canon */
static int check_list(struct st_recorder *w, const struct st_column *c, const char *in,
		      struct val *v, const char *where, struct st_diag *diag)
{
	size_t len = strlen(in), k = 0;
	char show[72];

	w->nparts = 0;
	if (st_grow(&w->list, &w->list_cap, len + 1, 1) ||
	    st_grow(&w->canon, &w->canon_cap, len + 1, 1))
		return st_diag_msg(diag, ST_MSG_AT("%s: ", ST_MSG_OUT_OF_MEMORY), where);
	memcpy(w->list, in, len + 1);
	for (char *p = w->list, *next; p; p = next) {
		char *end;
		if ((next = strchr(p, ';')))
			*next++ = '\0';
		while (*p == ' ' || *p == '\t')
			p++;
		end = p + strlen(p);
		while (end > p && (end[-1] == ' ' || end[-1] == '\t'))
			*--end = '\0';
		if (!*p)
			continue;
		for (size_t i = 0; i < w->nparts; i++) {
			if (!strcmp(w->parts[i], p)) {
				col_error(diag, where, c->name, ST_MSG_LISTED_TWICE, c->label, c->name,
					  shown(p, show));
				return -1;
			}
		}
		if (st_grow(&w->parts, &w->parts_cap, w->nparts + 1, sizeof *w->parts))
			return st_diag_msg(diag, ST_MSG_AT("%s: ", ST_MSG_OUT_OF_MEMORY), where);
		w->parts[w->nparts++] = p;
		k += (size_t)sprintf(w->canon + k, "%s%s", k ? ";" : "", p);
	}
	if (w->nparts) {
		v->type = V_TEXT;
		v->text = w->canon;
	}
	return 0;
}

/* a set of enum values "a;b" into v->buf, in the order of c->values */
static int check_set(const struct st_column *c, const char *in, struct val *v, const char *where,
		     struct st_diag *diag)
{
	char item[32], show[72], list[160], list_en[160];
	unsigned seen = 0;
	int k = 0;

	for (const char *p = in; *p;) {
		size_t len = strcspn(p, ";");
		char *t = NULL;
		if (len < sizeof item) {
			memcpy(item, p, len);
			item[len] = '\0';
			t = item;
			while (*t == ' ' || *t == '\t')
				t++;
			for (char *e = t + strlen(t); e > t && (e[-1] == ' ' || e[-1] == '\t');)
				*--e = '\0';
		}
		p += len;
		p += *p == ';';
		if (t && !*t)
			continue;
		int idx = 0, found = -1;
		/* a Chinese word of the value (st_values.h) */
		if (t && st_value_from_zh(c->values, t))
			t = strcpy(item, st_value_from_zh(c->values, t));
		for (const char *q = c->values; *q && t; idx++) {
			size_t n = strcspn(q, " ");
			if (n == strlen(t) && !strncasecmp(q, t, n))
				found = idx;
			q += n;
			q += *q == ' ';
		}
		if (found < 0) {
			col_error(diag, where, c->name, ST_MSG_NOT_IN_SET, shown(t ? t : in, show),
				  enum_list(c->values, "、", list, sizeof list),
				  enum_list(c->values, ", ", list_en, sizeof list_en));
			return -1;
		}
		if (seen & (1u << found)) {
			col_error(diag, where, c->name, ST_MSG_LISTED_TWICE, c->label, c->name, t);
			return -1;
		}
		seen |= 1u << found;
	}
	for (const char *q = c->values; *q; k++) {
		size_t n = strcspn(q, " ");
		if (seen & (1u << k)) {
			size_t used = v->type == V_TEXT ? strlen(v->buf) : 0;
			snprintf(v->buf + used, sizeof v->buf - used, "%s%.*s", used ? ";" : "",
				 (int)n, q);
			v->type = V_TEXT;
		}
		q += n;
		q += *q == ' ';
	}
	v->text = v->buf;
	return 0;
}

/* check and convert the text of one column into v; 0 or -1 (reported) */
static int check_column(struct st_recorder *w, const struct st_column *c, const char *in,
			struct val *v, const char *where, struct st_diag *diag)
{
	char t[64], show[72], list[160], list_en[160];
	const char *s = NULL;

	v->type = V_NULL;
	if (c->type == ST_COL_REFLIST)
		return in ? check_list(w, c, in, v, where, diag) : 0;
	if (c->type == ST_COL_SET)
		return in ? check_set(c, in, v, where, diag) : 0;
	if (in && *in && c->type != ST_COL_TEXT && c->type != ST_COL_REF &&
	    c->type != ST_COL_USCC) {
		s = trimmed(in, t, sizeof t);
		if (s && !*s)
			s = NULL, in = NULL;
	}
	if (!in || !*in) {
		if (c->required) {
			col_error(diag, where, c->name, ST_MSG_REQUIRED);
			return -1;
		}
		return 0;
	}
	switch (c->type) {
	case ST_COL_TEXT:
	case ST_COL_REF:
		if (!strcmp(c->name, "id")) {
			size_t n = strlen(in);
			int bad = in[0] == ' ' || in[n - 1] == ' ';
			for (const char *p = in; *p && !bad; p++)
				bad = (unsigned char)*p < 0x20 || *p == ';';
			if (bad) {
				col_error(diag, where, c->name, ST_MSG_BAD_ID, shown(in, show));
				return -1;
			}
		}
		v->type = V_TEXT;
		v->text = in;
		return 0;
	case ST_COL_USCC: {
		int pos = 0;
		char want = 0;
		enum st_uscc_error e = st_uscc_validate(in, &pos, &want);
		if (e == ST_USCC_CHECK) {
			col_error(diag, where, c->name, ST_MSG_BAD_USCC_CHECK, shown(in, show),
				  st_uscc_strerror(e), st_uscc_strerror_en(e), want);
			return -1;
		} else if (e != ST_USCC_OK) {
			col_error(diag, where, c->name, ST_MSG_BAD_USCC, shown(in, show),
				  st_uscc_strerror(e), st_uscc_strerror_en(e));
			return -1;
		}
		v->type = V_TEXT;
		v->text = in;
		return 0;
	}
	case ST_COL_INT:
		if (!s || parse_count(s, &v->num) || v->num < c->min || v->num > c->max) {
			if (c->max == COUNT_MAX)
				col_error(diag, where, c->name, ST_MSG_NOT_COUNT, shown(in, show));
			else
				col_error(diag, where, c->name, ST_MSG_NOT_IN_RANGE, shown(in, show),
					  c->min, c->max);
			return -1;
		}
		v->type = V_INT;
		return 0;
	case ST_COL_DATE: {
		st_day d;
		if (!s || st_date_parse(s, &d)) {
			col_error(diag, where, c->name, ST_MSG_BAD_DATE, shown(in, show));
			return -1;
		}
		v->type = V_TEXT;
		/* most cells are canonical already: skip the formatting */
		if (strlen(s) == 10 && s[4] == '-')
			v->text = memcpy(v->buf, s, 11);
		else
			v->text = st_date_format(d, v->buf);
		return 0;
	}
	case ST_COL_TIME: {
		st_minute m;
		if (!s || st_time_parse(s, &m)) {
			col_error(diag, where, c->name, ST_MSG_BAD_TIME, shown(in, show));
			return -1;
		}
		v->type = V_TEXT;
		if (strlen(s) == 16 && s[10] == 'T')
			v->text = memcpy(v->buf, s, 17);
		else
			v->text = st_time_format(m, v->buf);
		return 0;
	}
	case ST_COL_BOOL:
		if (s && st_value_from_zh("yes no", s)) {
			strcpy(v->buf, st_value_from_zh("yes no", s));
		} else if (!s || enum_match("yes no", s, v->buf)) {
			col_error(diag, where, c->name, ST_MSG_BAD_BOOL, shown(in, show));
			return -1;
		}
		v->type = V_TEXT;
		v->text = v->buf;
		return 0;
	case ST_COL_ENUM:
		/* the Chinese label or an alias of a value (st_values.h) */
		if (s && st_value_from_zh(c->values, s)) {
			strcpy(v->buf, st_value_from_zh(c->values, s));
		} else if (!s || strlen(s) >= sizeof v->buf || enum_match(c->values, s, v->buf)) {
			col_error(diag, where, c->name, ST_MSG_NOT_ONE_OF, shown(in, show),
				  enum_list(c->values, "、", list, sizeof list),
				  enum_list(c->values, ", ", list_en, sizeof list_en));
			return -1;
		}
		v->type = V_TEXT;
		v->text = v->buf;
		return 0;
	case ST_COL_SET:
	case ST_COL_REFLIST:
		break;
	}
	return -1;
}

/* Dates of one record that cannot come before its own date: what follows
 * an event (closing, rectifying, reporting) or is set from it (a deadline).
 * Columns by position in the kind's table. */
static const struct date_order {
	enum st_kind kind;
	int first, later;
} date_orders[] = {
	{ ST_HAZARD, ST_COL_HAZARD_found, ST_COL_HAZARD_deadline },
	{ ST_HAZARD, ST_COL_HAZARD_found, ST_COL_HAZARD_closed },
	{ ST_HAZARD, ST_COL_HAZARD_found, ST_COL_HAZARD_rectified },
	{ ST_EVALUATION, ST_COL_EVALUATION_date, ST_COL_EVALUATION_rectify_deadline },
	{ ST_EVALUATION, ST_COL_EVALUATION_date, ST_COL_EVALUATION_rectified },
	{ ST_ACCIDENT, ST_COL_ACCIDENT_occurred, ST_COL_ACCIDENT_reported },
	{ ST_ACCIDENT, ST_COL_ACCIDENT_occurred, ST_COL_ACCIDENT_form_filed },
	{ ST_ACCIDENT, ST_COL_ACCIDENT_occurred, ST_COL_ACCIDENT_investigation_closed },
	{ ST_LICENCE, ST_COL_LICENCE_issued, ST_COL_LICENCE_expires },
	{ ST_LICENCE, ST_COL_LICENCE_issued, ST_COL_LICENCE_renewal_applied },
	{ ST_WAIVER, ST_COL_WAIVER_approved, ST_COL_WAIVER_expires },
};

/* canonical dates and times compare as text; a date against a time by its
 * date part, so a form filed on the day of the accident is in order */
static int before(const char *later, const char *first)
{
	size_t n = strlen(later) < strlen(first) ? strlen(later) : strlen(first);
	return strncmp(later, first, n) < 0;
}

/* A voided record carries its reason, a reason needs a void date, and a
 * record cannot be voided before it existed (its own date).  0 or -1. */
static int check_voided(enum st_kind kind, const struct val *v, const char *where,
			struct st_diag *diag)
{
	const struct st_kind_info *k = &kinds[kind];
	int vd = k->voided, vr = k->voided + 1, own = k->own_date;

	if (v[vd].type == V_NULL && v[vr].type != V_NULL) {
		col_error(diag, where, k->cols[vr].name, ST_MSG_REASON_WITHOUT_VOID);
		return -1;
	}
	if (v[vd].type == V_NULL)
		return 0;
	if (v[vr].type == V_NULL) {
		col_error(diag, where, k->cols[vr].name, ST_MSG_VOID_WITHOUT_REASON);
		return -1;
	}
	if (own >= 0 && v[own].type == V_TEXT && before(v[vd].text, v[own].text)) {
		col_error(diag, where, k->cols[vd].name, ST_MSG_BEFORE, k->cols[vd].label,
			  k->cols[vd].name, v[vd].text, k->cols[own].label, k->cols[own].name,
			  v[own].text);
		return -1;
	}
	return 0;
}

/* checks across columns; 0 or -1 (reported) */
static int check_record(enum st_kind kind, const struct val *v, const char *where,
			struct st_diag *diag)
{
	const struct st_column *cols = kinds[kind].cols;
	int rc = 0;

	if (kind == ST_ENTERPRISE && v[ST_COL_ENTERPRISE_status].type == V_TEXT &&
	    !strcmp(v[ST_COL_ENTERPRISE_status].text, "operating") &&
	    v[ST_COL_ENTERPRISE_operating_since].type == V_NULL) {
		col_error(diag, where, cols[ST_COL_ENTERPRISE_operating_since].name,
			  ST_MSG_OPERATING_WITHOUT_SINCE);
		return -1;
	}
	if (kind == ST_ENTERPRISE && v[ST_COL_ENTERPRISE_hazchem_activity].type == V_TEXT &&
	    v[ST_COL_ENTERPRISE_hazchem].type == V_TEXT &&
	    !strcmp(v[ST_COL_ENTERPRISE_hazchem].text, "none")) {
		col_error(diag, where, cols[ST_COL_ENTERPRISE_hazchem_activity].name,
			  ST_MSG_ACTIVITY_WITHOUT_HAZCHEM);
		return -1;
	}
	if (kind == ST_WAIVER && v[ST_COL_WAIVER_approved].type == V_TEXT &&
	    v[ST_COL_WAIVER_expires].type == V_TEXT) {
		const char *from = v[ST_COL_WAIVER_approved].text, *to = v[ST_COL_WAIVER_expires].text;
		st_day approved, expires;
		if (!st_date_parse_iso(from, &approved) && !st_date_parse_iso(to, &expires) &&
		    expires - approved > WAIVER_MAX_DAYS) {
			col_error(diag, where, cols[ST_COL_WAIVER_expires].name,
				  ST_MSG_WAIVER_TOO_LONG, to, from, WAIVER_MAX_DAYS);
			rc = -1;
		}
	}
	if (kinds[kind].voided >= 0 && check_voided(kind, v, where, diag))
		rc = -1;
	for (size_t i = 0; i < sizeof date_orders / sizeof *date_orders; i++) {
		const struct date_order *o = &date_orders[i];
		if (o->kind != kind || v[o->later].type != V_TEXT || v[o->first].type != V_TEXT ||
		    !before(v[o->later].text, v[o->first].text))
			continue;
		col_error(diag, where, cols[o->later].name, ST_MSG_BEFORE, cols[o->later].label,
			  cols[o->later].name, v[o->later].text, cols[o->first].label,
			  cols[o->first].name, v[o->first].text);
		rc = -1;
	}
	return rc;
}

/* ---- the recorder ---- */

static int prepare(struct st_recorder *w, sqlite3_stmt **slot, char *sql, struct st_diag *diag)
{
	int rc = 0;

	if (!sql)
		return st_diag_msg(diag, ST_MSG_OUT_OF_MEMORY);
	if (sqlite3_prepare_v3(w->db, sql, -1, SQLITE_PREPARE_PERSISTENT, slot, NULL) != SQLITE_OK)
		rc = st_diag_msg(diag, ST_MSG_DB_ERROR, st_store_errmsg(w->db));
	sqlite3_free(sql);
	return rc;
}

static const char participants_sql[] =
	"(SELECT group_concat(enterprise, ';') FROM (SELECT enterprise FROM drill_participants"
	" WHERE drill = drills.id ORDER BY pos))";

/* "INSERT INTO t (columns) VALUES (?1, ...)"; *n is the number of values */
static sqlite3_str *insert_sql(enum st_kind kind, int *n)
{
	const struct st_kind_info *k = &kinds[kind];
	sqlite3_str *s = sqlite3_str_new(NULL);

	*n = 0;
	sqlite3_str_appendf(s, "INSERT INTO \"%w\" (", k->table);
	for (int i = 0; i < k->ncols; i++)
		if (k->cols[i].type != ST_COL_REFLIST)
			sqlite3_str_appendf(s, "%s\"%w\"", (*n)++ ? ", " : "", k->cols[i].name);
	sqlite3_str_appendall(s, ") VALUES (");
	for (int i = 1; i <= *n; i++)
		sqlite3_str_appendf(s, "%s?%d", i > 1 ? ", " : "", i);
	sqlite3_str_appendall(s, ")");
	return s;
}

/* INSERT .. ON CONFLICT(id) DO UPDATE .. WHERE something differs: a
 * re-imported identical record is not rewritten and leaves no history */
static char *upsert_sql(enum st_kind kind)
{
	const struct st_kind_info *k = &kinds[kind];
	int n;
	sqlite3_str *s = insert_sql(kind, &n);

	sqlite3_str_appendall(s, " ON CONFLICT(id) DO UPDATE SET ");
	for (int i = 1, m = 0; i < k->ncols; i++)
		if (k->cols[i].type != ST_COL_REFLIST)
			sqlite3_str_appendf(s, "%s\"%w\" = excluded.\"%w\"", m++ ? ", " : "",
					    k->cols[i].name, k->cols[i].name);
	sqlite3_str_appendall(s, " WHERE (");
	for (int i = 1, m = 0; i < k->ncols; i++)
		if (k->cols[i].type != ST_COL_REFLIST)
			sqlite3_str_appendf(s, "%s\"%w\"", m++ ? ", " : "", k->cols[i].name);
	sqlite3_str_appendall(s, ") IS NOT (");
	for (int i = 1, m = 0; i < k->ncols; i++)
		if (k->cols[i].type != ST_COL_REFLIST)
			sqlite3_str_appendf(s, "%sexcluded.\"%w\"", m++ ? ", " : "", k->cols[i].name);
	sqlite3_str_appendall(s, ")");
	if (kind == ST_DRILL)
		sqlite3_str_appendf(s, " OR %s IS NOT ?%d", participants_sql, n + 1);
	return sqlite3_str_finish(s);
}

int st_recorder_new(sqlite3 *db, struct st_recorder **out, struct st_diag *diag)
{
	struct st_recorder *w = calloc(1, sizeof *w);

	*out = NULL;
	if (!w)
		return st_diag_msg(diag, ST_MSG_OUT_OF_MEMORY);
	w->db = db;
	*out = w;
	return 0;
}

void st_recorder_forget_rejected(struct st_recorder *w)
{
	for (int k = 0; k < ST_KIND_COUNT; k++)
		st_idset_release(&w->rejected[k]);
}

void st_recorder_free(struct st_recorder *w)
{
	if (!w)
		return;
	for (int k = 0; k < ST_KIND_COUNT; k++) {
		sqlite3_finalize(w->upsert[k]);
		sqlite3_finalize(w->insert[k]);
		sqlite3_finalize(w->exists[k]);
		sqlite3_finalize(w->owner_of[k]);
		st_idset_release(&w->rejected[k]);
	}
	sqlite3_finalize(w->part_del);
	sqlite3_finalize(w->part_ins);
	free(w->list);
	free(w->canon);
	free(w->parts);
	free(w);
}

void st_recorder_set_pack(struct st_recorder *w, const struct st_pack *pack)
{
	w->pack = pack;
}

int st_recorder_reject(struct st_recorder *w, enum st_kind kind, const char *id)
{
	return id && *id ? st_idset_put(&w->rejected[kind], id, 1) : 0;
}

/* 1 if a record of kind with id exists, 0 if not, -1 on error */
static int exists(struct st_recorder *w, enum st_kind kind, const char *id, struct st_diag *diag)
{
	sqlite3_stmt *st;
	int rc;

	if (!w->exists[kind] &&
	    prepare(w, &w->exists[kind],
		    sqlite3_mprintf("SELECT 1 FROM \"%w\" WHERE id = ?", kinds[kind].table), diag))
		return -1;
	st = w->exists[kind];
	sqlite3_bind_text(st, 1, id, -1, SQLITE_STATIC);
	rc = sqlite3_step(st);
	sqlite3_reset(st);
	if (rc == SQLITE_ROW)
		return 1;
	if (rc == SQLITE_DONE)
		return 0;
	return st_diag_msg(diag, ST_MSG_DB_ERROR, st_store_errmsg(w->db));
}

/* the enterprise an inspection or worker belongs to, into buf; 0 or -1 */
static int owner_of(struct st_recorder *w, enum st_kind kind, const char *id, char *buf,
		    size_t n, struct st_diag *diag)
{
	sqlite3_stmt *st;
	int rc;

	if (!w->owner_of[kind] &&
	    prepare(w, &w->owner_of[kind],
		    sqlite3_mprintf("SELECT enterprise FROM \"%w\" WHERE id = ?",
				    kinds[kind].table), diag))
		return -1;
	st = w->owner_of[kind];
	sqlite3_bind_text(st, 1, id, -1, SQLITE_STATIC);
	buf[0] = '\0';
	if ((rc = sqlite3_step(st)) == SQLITE_ROW)
		snprintf(buf, n, "%s", (const char *)sqlite3_column_text(st, 0));
	sqlite3_reset(st);
	if (rc != SQLITE_ROW && rc != SQLITE_DONE)
		return st_diag_msg(diag, ST_MSG_DB_ERROR, st_store_errmsg(w->db));
	return 0;
}

/* check one reference after a foreign key failure: returns 1 if it is
 * dangling (reported, or silent if it names a rejected record), 0 if it
 * resolves, -1 on a database error */
static int check_ref(struct st_recorder *w, const struct st_column *c, const char *id,
		     const char *where, struct st_diag *diag)
{
	char show[72];
	int rc = exists(w, c->ref, id, diag);

	if (rc != 0)
		return rc < 0 ? -1 : 0;
	if (!st_idset_get(&w->rejected[c->ref], id))
		col_error(diag, where, c->name, ST_MSG_REF_MISSING, kinds[c->ref].label,
			  kinds[c->ref].singular, shown(id, show));
	return 1;
}

/* Name what a foreign key failure was about.  Returns 0 (reported or
 * deliberately silent) or -1 on a database error. */
static int diagnose_refs(struct st_recorder *w, enum st_kind kind, const struct val *v,
			 const char *where, struct st_diag *diag)
{
	const struct st_kind_info *k = &kinds[kind];
	int found = 0, rc, no_enterprise = 0;

	for (int i = 0; i < k->ncols; i++) {
		const struct st_column *c = &k->cols[i];
		if (v[i].type == V_NULL)
			continue;
		if (c->type == ST_COL_REF) {
			if ((rc = check_ref(w, c, v[i].text, where, diag)) < 0)
				return -1;
			found += rc;
			if (c->ref == ST_ENTERPRISE)
				no_enterprise = rc;
			/* hazard → inspection, certificate → worker: same enterprise
			 * (not worth saying when the enterprise itself is missing) */
			if (!rc && !no_enterprise && (c->ref == ST_INSPECTION || c->ref == ST_WORKER)) {
				char owner[128], show[72];
				if (owner_of(w, c->ref, v[i].text, owner, sizeof owner, diag))
					return -1;
				if (strcmp(owner, v[k->owner].text)) {
					col_error(diag, where, c->name, ST_MSG_REF_OTHER_ENTERPRISE,
						  kinds[c->ref].label, kinds[c->ref].singular,
						  shown(v[i].text, show), owner, v[k->owner].text);
					found++;
				}
			}
		} else if (c->type == ST_COL_REFLIST) {
			for (size_t p = 0; p < w->nparts; p++) {
				if ((rc = check_ref(w, c, w->parts[p], where, diag)) < 0)
					return -1;
				found += rc;
			}
		}
	}
	if (!found)
		/* not st_store_errmsg: the lookups above succeeded since, and
		 * it would end in SQLite's "not an error" */
		st_diag_msg(diag, ST_MSG_AT("%s: ", ST_MSG_REFERENCED), where);
	return 0;
}

/* A waiver's subject is a park or an enterprise and its rule is in the
 * pack (neither can be a foreign key).  Returns 0 if both hold, 1 if not
 * (reported; silent for a subject this recorder rejected), -1 on error. */
static int check_waiver(struct st_recorder *w, const struct val *v, const char *where,
			struct st_diag *diag)
{
	const struct st_column *cols = kinds[ST_WAIVER].cols;
	const char *subject = v[ST_COL_WAIVER_subject].text, *rule = v[ST_COL_WAIVER_rule].text;
	char show[72];
	int bad = 0, rc;

	if ((rc = exists(w, ST_PARK, subject, diag)) == 0)
		rc = exists(w, ST_ENTERPRISE, subject, diag);
	if (rc < 0)
		return -1;
	if (!rc) {
		if (!st_idset_get(&w->rejected[ST_PARK], subject) &&
		    !st_idset_get(&w->rejected[ST_ENTERPRISE], subject))
			col_error(diag, where, cols[ST_COL_WAIVER_subject].name,
				  ST_MSG_WAIVER_SUBJECT, shown(subject, show));
		bad = 1;
	}
	if (!w->pack) {
		col_error(diag, where, cols[ST_COL_WAIVER_rule].name, ST_MSG_WAIVER_NO_PACK,
			  shown(rule, show));
		bad = 1;
	} else if (!st_pack_find(w->pack, rule)) {
		col_error(diag, where, cols[ST_COL_WAIVER_rule].name, ST_MSG_WAIVER_NO_RULE,
			  shown(rule, show));
		bad = 1;
	}
	return bad;
}

static void bind(sqlite3_stmt *st, int i, const struct val *v)
{
	if (v->type == V_INT)
		sqlite3_bind_int64(st, i, v->num);
	else if (v->type == V_TEXT)
		sqlite3_bind_text(st, i, v->text, -1, SQLITE_STATIC);
	else
		sqlite3_bind_null(st, i);
}

/* replace a drill's participants (its row was inserted or changed) */
static int put_participants(struct st_recorder *w, const char *drill)
{
	int rc;

	if (!w->part_del || !w->part_ins)
		return SQLITE_ERROR;
	sqlite3_bind_text(w->part_del, 1, drill, -1, SQLITE_STATIC);
	rc = sqlite3_step(w->part_del);
	sqlite3_reset(w->part_del);
	if (rc != SQLITE_DONE)
		return rc;
	for (size_t p = 0; p < w->nparts; p++) {
		sqlite3_bind_text(w->part_ins, 1, drill, -1, SQLITE_STATIC);
		sqlite3_bind_text(w->part_ins, 2, w->parts[p], -1, SQLITE_STATIC);
		sqlite3_bind_int64(w->part_ins, 3, (sqlite3_int64)p + 1);
		rc = sqlite3_step(w->part_ins);
		sqlite3_reset(w->part_ins);
		if (rc != SQLITE_DONE)
			return rc;
	}
	return SQLITE_DONE;
}

static int prepare_kind(struct st_recorder *w, enum st_kind kind, struct st_diag *diag)
{
	int n;

	if (prepare(w, &w->insert[kind], sqlite3_str_finish(insert_sql(kind, &n)), diag) ||
	    prepare(w, &w->upsert[kind], upsert_sql(kind), diag))
		return -1;
	if (kind == ST_DRILL &&
	    (prepare(w, &w->part_del,
		     sqlite3_mprintf("DELETE FROM drill_participants WHERE drill = ?"), diag) ||
	     prepare(w, &w->part_ins,
		     sqlite3_mprintf("INSERT INTO drill_participants (drill, enterprise, pos)"
				     " VALUES (?, ?, ?)"), diag)))
		return -1;
	return 0;
}

int st_recorder_put(struct st_recorder *w, enum st_kind kind, const char *const *values,
		  const char *where, enum st_put *result, struct st_diag *diag)
{
	const struct st_kind_info *k = &kinds[kind];
	struct val v[ST_MAX_COLS];
	sqlite3_stmt *st;
	int bad = 0, n = 0, rc;

	*result = ST_PUT_REJECTED;
	w->nparts = 0;
	for (int i = k->ncols; i < ST_MAX_COLS; i++)
		v[i].type = V_NULL;
	for (int i = 0; i < k->ncols; i++)
		bad |= check_column(w, &k->cols[i], values[i], &v[i], where, diag);
	if (!bad)
		bad = check_record(kind, v, where, diag);
	if (bad)
		return st_recorder_reject(w, kind, values[ST_COL_id]) ? st_diag_msg(diag, ST_MSG_OUT_OF_MEMORY) : 0;

	if (kind == ST_WAIVER) {
		if ((bad = check_waiver(w, v, where, diag)) < 0)
			return -1;
		if (bad)
			return st_recorder_reject(w, kind, values[ST_COL_id]) ? st_diag_msg(diag, ST_MSG_OUT_OF_MEMORY) : 0;
	}
	if (!w->upsert[kind] && prepare_kind(w, kind, diag))
		return -1;
	/* Most records are new: a plain INSERT.  Only when the id exists does
	 * the upsert run — it may fire the history trigger, so SQLite keeps a
	 * statement journal for it, which a large import cannot afford per row. */
	st = w->insert[kind];
	for (int i = 0; i < k->ncols; i++)
		if (k->cols[i].type != ST_COL_REFLIST)
			bind(st, ++n, &v[i]);
	rc = sqlite3_step(st);
	sqlite3_reset(st);
	if (rc == SQLITE_DONE) {
		*result = ST_PUT_INSERTED;
		if (kind == ST_DRILL)
			rc = put_participants(w, v[ST_COL_id].text);
		if (rc == SQLITE_DONE)
			return 0;
		goto failed;
	}
	/* the id exists (reported as the primary key, or as UNIQUE (enterprise,
	 * id) where a table has one); any other failure is the record's */
	if (rc != SQLITE_CONSTRAINT_PRIMARYKEY && rc != SQLITE_CONSTRAINT_UNIQUE)
		goto failed;
	st = w->upsert[kind];
	n = 0;
	for (int i = 0; i < k->ncols; i++)
		if (k->cols[i].type != ST_COL_REFLIST)
			bind(st, ++n, &v[i]);
	if (kind == ST_DRILL)
		bind(st, ++n, &v[ST_COL_DRILL_participants]);
	/* an insert sets last_insert_rowid (rowids start at 1); an update,
	 * and the history insert its trigger makes, leave it alone */
	sqlite3_set_last_insert_rowid(w->db, 0);
	/* total_changes, not changes: the failed INSERT above leaves the
	 * latter at the count of the statement before it */
	sqlite3_int64 before = sqlite3_total_changes64(w->db);
	rc = sqlite3_step(st);
	sqlite3_reset(st);
	if (rc == SQLITE_DONE) {
		if (sqlite3_total_changes64(w->db) == before) {
			*result = ST_PUT_UNCHANGED;
			return 0;
		}
		*result = sqlite3_last_insert_rowid(w->db) ? ST_PUT_INSERTED : ST_PUT_UPDATED;
		if (kind == ST_DRILL)
			rc = put_participants(w, v[ST_COL_id].text);
		if (rc == SQLITE_DONE)
			return 0;
	}
failed:
	*result = ST_PUT_REJECTED;
	if (rc == SQLITE_CONSTRAINT_FOREIGNKEY) {
		if (diagnose_refs(w, kind, v, where, diag))
			return -1;
	} else if ((rc & 0xff) == SQLITE_CONSTRAINT) {
		/* validation should have caught it; say what the schema says */
		st_diag_msg(diag, ST_MSG_AT("%s: ", ST_MSG_DB_REFUSED), where, st_store_errmsg(w->db));
	} else {
		return st_diag_msg(diag, ST_MSG_AT("%s: ", ST_MSG_DB_ERROR), where, st_store_errmsg(w->db));
	}
	return st_recorder_reject(w, kind, v[ST_COL_id].text) ? st_diag_msg(diag, ST_MSG_OUT_OF_MEMORY) : 0;
}

/* ---- reading ---- */

struct st_query {
	sqlite3 *db;
	sqlite3_stmt *st;
	int ncols;
	const char *v[ST_MAX_COLS];
};

int st_query_new(sqlite3 *db, enum st_kind kind, const char *filter_col,
		 const char *filter_value, enum st_query_order order, struct st_query **out,
		 struct st_diag *diag)
{
	const struct st_kind_info *k = &kinds[kind];
	struct st_query *q;
	sqlite3_str *s;
	char *sql;
	int fc = -1, rc;

	*out = NULL;
	if (filter_col && (fc = st_column_find(k, filter_col)) < 0)
		return st_diag_add(diag, "%s 没有 %s 列", k->table, filter_col);
	if (!(q = calloc(1, sizeof *q)))
		return st_diag_msg(diag, ST_MSG_OUT_OF_MEMORY);
	q->db = db;
	q->ncols = k->ncols;
	s = sqlite3_str_new(db);
	sqlite3_str_appendall(s, "SELECT ");
	for (int i = 0; i < k->ncols; i++) {
		if (k->cols[i].type == ST_COL_REFLIST)
			sqlite3_str_appendf(s, "%s%s", i ? ", " : "", participants_sql);
		else
			sqlite3_str_appendf(s, "%s\"%w\"", i ? ", " : "", k->cols[i].name);
	}
	sqlite3_str_appendf(s, " FROM \"%w\"", k->table);
	if (fc >= 0 && k->cols[fc].type == ST_COL_REFLIST)
		sqlite3_str_appendall(s, " WHERE id IN (SELECT drill FROM drill_participants"
					 " WHERE enterprise = ?1)");
	else if (fc >= 0)
		sqlite3_str_appendf(s, " WHERE \"%w\" = ?1", k->cols[fc].name);
	if (order == ST_ORDER_DATE && k->own_date >= 0)
		sqlite3_str_appendf(s, " ORDER BY \"%w\", id", k->cols[k->own_date].name);
	else if (order != ST_ORDER_NONE)
		sqlite3_str_appendall(s, " ORDER BY id");
	if (!(sql = sqlite3_str_finish(s))) {
		free(q);
		return st_diag_msg(diag, ST_MSG_OUT_OF_MEMORY);
	}
	rc = sqlite3_prepare_v2(db, sql, -1, &q->st, NULL);
	sqlite3_free(sql);
	if (rc != SQLITE_OK ||
	    (fc >= 0 && sqlite3_bind_text(q->st, 1, filter_value, -1, SQLITE_TRANSIENT))) {
		st_diag_msg(diag, ST_MSG_DB_ERROR, st_store_errmsg(db));
		st_query_free(q);
		return -1;
	}
	*out = q;
	return 0;
}

int st_query_next(struct st_query *q, const char *const **values, struct st_diag *diag)
{
	int rc = sqlite3_step(q->st);

	if (rc == SQLITE_DONE)
		return 0;
	if (rc != SQLITE_ROW)
		return st_diag_msg(diag, ST_MSG_DB_ERROR, st_store_errmsg(q->db));
	for (int i = 0; i < q->ncols; i++)
		q->v[i] = (const char *)sqlite3_column_text(q->st, i);
	*values = q->v;
	return 1;
}

void st_query_free(struct st_query *q)
{
	if (!q)
		return;
	sqlite3_finalize(q->st);
	free(q);
}

void st_values_free(char **values, int n)
{
	if (!values)
		return;
	for (int i = 0; i < n; i++)
		free(values[i]);
	free(values);
}

int st_record_load(sqlite3 *db, enum st_kind kind, const char *id, char ***values,
		   struct st_diag *diag)
{
	struct st_query *q;
	const char *const *row;
	int n = kinds[kind].ncols, rc;

	*values = NULL;
	if (st_query_new(db, kind, "id", id, ST_ORDER_ID, &q, diag))
		return -1;
	rc = st_query_next(q, &row, diag);
	if (rc == 1) {
		char **v = calloc((size_t)n, sizeof *v);
		for (int i = 0; v && i < n; i++) {
			if (row[i] && !(v[i] = strdup(row[i]))) {
				st_values_free(v, n);
				v = NULL;
			}
		}
		if (!v)
			rc = st_diag_msg(diag, ST_MSG_OUT_OF_MEMORY);
		*values = v;
	}
	st_query_free(q);
	return rc == 1 ? 0 : rc == 0 ? 1 : -1;
}

char *st_record_new_id(sqlite3 *db, enum st_kind kind, const char *const *values,
		       struct st_diag *diag)
{
	const struct st_kind_info *k = &kinds[kind];
	sqlite3_stmt *st = NULL;
	char *id = NULL, date[24] = "";
	const char *owner;
	int rc = SQLITE_ROW;

	if (!k->id_prefix)
		return NULL;
	owner = k->owner >= 0 && values[k->owner] && *values[k->owner] ? values[k->owner] : "X";
	if (k->own_date >= 0 && values[k->own_date]) {
		st_day d;
		st_minute m;
		if (st_date_parse(values[k->own_date], &d) == 0)
			st_date_format(d, date);
		else if (st_time_parse(values[k->own_date], &m) == 0)
			st_date_format(st_time_day(m), date);
	}
	char *sql = sqlite3_mprintf("SELECT 1 FROM \"%w\" WHERE id = ?", k->table);
	if (!sql || sqlite3_prepare_v2(db, sql, -1, &st, NULL) != SQLITE_OK) {
		sqlite3_free(sql);
		st_diag_msg(diag, ST_MSG_DB_ERROR, st_store_errmsg(db));
		return NULL;
	}
	sqlite3_free(sql);
	for (int n = 1; rc == SQLITE_ROW; n++) {
		free(id);
		size_t len = strlen(k->id_prefix) + strlen(owner) + strlen(date) + 16;
		if (!(id = malloc(len)))
			break;
		snprintf(id, len, "%s-%s%s%s-%d", k->id_prefix, owner, *date ? "-" : "", date, n);
		sqlite3_bind_text(st, 1, id, -1, SQLITE_STATIC);
		rc = sqlite3_step(st);
		sqlite3_reset(st);
	}
	sqlite3_finalize(st);
	if (id && rc != SQLITE_DONE) {
		st_diag_msg(diag, ST_MSG_DB_ERROR, st_store_errmsg(db));
		free(id);
		id = NULL;
	} else if (!id) {
		st_diag_msg(diag, ST_MSG_OUT_OF_MEMORY);
	}
	return id;
}
