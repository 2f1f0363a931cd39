/*
 * output.c — results writers: tsv, xml, json, text (see st_output.h).
 *
 * XML goes through libxml2's xmlTextWriter and JSON through jansson, so that
 * escaping is never done by hand.  Both are streamed: the JSON document's
 * outer object and array brackets are written here, every value inside them
 * by json_dumpf, one subject at a time.
 */
#include "st_output.h"

#include <stdlib.h>
#include <string.h>
#include <time.h>

#include <jansson.h>
#include <libxml/xmlwriter.h>

struct st_writer {
	FILE *f;
	enum st_format format;
	const struct st_run_meta *meta;
	int color;
	xmlTextWriterPtr xml;
	size_t nsubjects;
	size_t counts[ST_STATUS__COUNT];
	int failed;            /* a write failed */
};

int st_format_parse(const char *name, enum st_format *out)
{
	static const char *const names[] = { "text", "tsv", "xml", "json" };

	for (int i = 0; i < 4; i++)
		if (!strcmp(name, names[i])) {
			*out = (enum st_format)i;
			return 0;
		}
	return -1;
}

void st_run_meta_init(struct st_run_meta *meta, const struct st_pack *pack, st_day as_of)
{
	time_t now = time(NULL);
	struct tm tm;

	meta->as_of = as_of;
	meta->pack = pack;
	localtime_r(&now, &tm);
	strftime(meta->generated, sizeof meta->generated, "%Y-%m-%dT%H:%M:%S", &tm);
}

const size_t *st_writer_counts(const struct st_writer *w)
{
	return w->counts;
}

static const char *or_empty(const char *s)
{
	return s ? s : "";
}

static const char *due_text(st_day due, char *buf)
{
	return due == ST_DAY_NONE ? "" : st_date_format(due, buf);
}

/* Control characters.  The dossier keeps text exactly as written, so a name
 * or description may hold any C0 character or DEL.  The line formats (tsv,
 * text) print every one of them as a space: a tab or newline would break the
 * table, an ESC would reach the officer's terminal as an escape sequence. */
static int is_control(unsigned char c)
{
	return c < 0x20 || c == 0x7f;
}

/* one field of a line format: control characters become spaces */
static void plain_field(FILE *f, const char *s)
{
	for (; *s; s++)
		fputc(is_control((unsigned char)*s) ? ' ' : *s, f);
}

/* ---- tsv (INTERCHANGE §2) ------------------------------------------------- */

static void tsv_subject(struct st_writer *w, const struct st_subject *s)
{
	char due[11];

	for (size_t i = 0; i < s->nresults; i++) {
		const struct st_result *r = &s->results[i];
		fprintf(w->f, "%s\t", st_scope_name(s->kind));
		plain_field(w->f, s->id);
		fprintf(w->f, "\t%s\t%s\t%s\t", r->rule->id, st_status_name(r->status),
			due_text(r->due, due));
		plain_field(w->f, r->detail_en);
		fputc('\n', w->f);
	}
}

/* ---- xml (docs/results-xml.md) --------------------------------------------- */

#define X(call) do { if ((call) < 0) w->failed = 1; } while (0)

/* What XML 1.0 cannot carry at s[i] (s has n bytes): 1 a C0 character other
 * than tab, CR and LF; 2 the start of the noncharacter U+FFFE or U+FFFF */
static int xml_unfit(const unsigned char *s, size_t i, size_t n)
{
	if (s[i] < 0x20 && s[i] != '\t' && s[i] != '\n' && s[i] != '\r')
		return 1;
	return s[i] == 0xEF && i + 2 < n && s[i + 1] == 0xBF && s[i + 2] >= 0xBE ? 2 : 0;
}

/* A copy of s that XML 1.0 can carry, or NULL when s already can.  The
 * writer escapes markup but passes C0 characters through, and a document
 * holding one is not well formed: they become spaces, U+FFFE and U+FFFF
 * become U+FFFD. */
static char *xml_clean(const char *s)
{
	const unsigned char *u = (const unsigned char *)s;
	size_t i = 0, n = strlen(s);
	char *c;

	while (i < n && !xml_unfit(u, i, n))
		i++;
	if (i == n || !(c = strdup(s)))
		return NULL;
	for (; i < n; i++) {
		int k = xml_unfit(u, i, n);
		if (k == 1)
			c[i] = ' ';
		else if (k == 2)
			c[i + 2] = (char)0xBD;
	}
	return c;
}

static void xml_attr(struct st_writer *w, const char *name, const char *value)
{
	char *c = xml_clean(or_empty(value));
	X(xmlTextWriterWriteAttribute(w->xml, BAD_CAST name, BAD_CAST(c ? c : or_empty(value))));
	free(c);
}

static void xml_element(struct st_writer *w, const char *name, const char *text)
{
	char *c = xml_clean(or_empty(text));
	X(xmlTextWriterWriteElement(w->xml, BAD_CAST name, BAD_CAST(c ? c : or_empty(text))));
	free(c);
}

static int xml_begin(struct st_writer *w)
{
	const struct st_pack *pack = w->meta->pack;
	char day[11];
	xmlOutputBufferPtr out = xmlOutputBufferCreateFile(w->f, NULL);

	if (!out || !(w->xml = xmlNewTextWriter(out))) {
		if (out)
			xmlOutputBufferClose(out);
		return -1;
	}
	X(xmlTextWriterSetIndent(w->xml, 1));
	X(xmlTextWriterSetIndentString(w->xml, BAD_CAST "  "));
	X(xmlTextWriterStartDocument(w->xml, "1.0", "UTF-8", NULL));
	X(xmlTextWriterStartElement(w->xml, BAD_CAST "results"));
	xml_attr(w, "as-of", st_date_format(w->meta->as_of, day));
	xml_attr(w, "generated", w->meta->generated);
	xml_attr(w, "pack", pack->id);
	xml_attr(w, "pack-version", pack->version);
	xml_attr(w, "pack-title", pack->title);
	xml_attr(w, "tailoring", pack->tailoring);
	xml_attr(w, "tailoring-id", pack->tailoring_id);
	for (size_t i = 0; i < pack->nrules; i++) {
		const struct st_rule *r = &pack->rules[i];
		X(xmlTextWriterStartElement(w->xml, BAD_CAST "rule"));
		const struct st_pack_info *pi = st_rule_pack(pack, r);
		xml_attr(w, "id", r->id);
		xml_attr(w, "pack", pi ? pi->id : "");
		xml_attr(w, "authority", pi ? pi->authority : "");
		if (r->regulation)
			xml_attr(w, "regulation", r->regulation);
		xml_attr(w, "clause", r->clause);
		xml_attr(w, "severity", st_severity_name(r->severity));
		xml_attr(w, "scope", st_scope_name(r->scope));
		xml_attr(w, "title", r->title);
		xml_attr(w, "informational", r->informational ? "yes" : "no");
		xml_attr(w, "selected", r->selected ? "yes" : "no");
		xml_element(w, "clause-text", r->clause_text);
		xml_element(w, "remediation", r->remediation);
		X(xmlTextWriterEndElement(w->xml));
	}
	return w->failed ? -1 : 0;
}

static void xml_subject(struct st_writer *w, const struct st_subject *s)
{
	char due[11];

	X(xmlTextWriterStartElement(w->xml, BAD_CAST "subject"));
	xml_attr(w, "kind", st_scope_name(s->kind));
	xml_attr(w, "id", s->id);
	xml_attr(w, "name", s->name);
	if (s->park)
		xml_attr(w, "park", s->park);
	for (size_t i = 0; i < s->nresults; i++) {
		const struct st_result *r = &s->results[i];
		X(xmlTextWriterStartElement(w->xml, BAD_CAST "result"));
		xml_attr(w, "rule", r->rule->id);
		xml_attr(w, "status", st_status_name(r->status));
		xml_attr(w, "due", due_text(r->due, due));
		xml_element(w, "detail", r->detail_zh);
		xml_element(w, "detail-en", r->detail_en);
		for (size_t k = 0; k < r->nrecords; k++) {
			X(xmlTextWriterStartElement(w->xml, BAD_CAST "record"));
			xml_attr(w, "id", r->records[k]);
			X(xmlTextWriterEndElement(w->xml));
		}
		X(xmlTextWriterEndElement(w->xml));
	}
	X(xmlTextWriterEndElement(w->xml));
	/* keep memory flat: push each subject out rather than buffer the run */
	X(xmlTextWriterFlush(w->xml));
}

/* ---- json (same content as xml) -------------------------------------------- */

static json_t *jstr(const char *s)
{
	return s ? json_string(s) : json_null();
}

static int json_begin(struct st_writer *w)
{
	const struct st_pack *pack = w->meta->pack;
	char day[11];
	json_t *meta = json_pack("{s:s, s:s, s:{s:s?, s:s?, s:s?, s:s?, s:s?}}",
				 "as_of", st_date_format(w->meta->as_of, day),
				 "generated", w->meta->generated,
				 "pack", "id", pack->id, "version", pack->version,
				 "title", pack->title, "tailoring", pack->tailoring,
				 "tailoring_id", pack->tailoring_id);
	json_t *rules = json_array();
	int rc = -1;

	if (!meta || !rules)
		goto out;
	for (size_t i = 0; i < pack->nrules; i++) {
		const struct st_rule *r = &pack->rules[i];
		const struct st_pack_info *pi = st_rule_pack(pack, r);
		json_t *o = json_pack("{s:s, s:o, s:o, s:o, s:o, s:s, s:s, s:o, s:b, s:b, s:o, s:o}",
				      "id", r->id, "pack", jstr(pi ? pi->id : NULL),
				      "authority", jstr(pi ? pi->authority : NULL),
				      "regulation", jstr(r->regulation), "clause", jstr(r->clause),
				      "severity", st_severity_name(r->severity),
				      "scope", st_scope_name(r->scope), "title", jstr(r->title),
				      "informational", r->informational, "selected", r->selected,
				      "clause_text", jstr(r->clause_text),
				      "remediation", jstr(r->remediation));
		if (!o || json_array_append_new(rules, o) != 0)
			goto out;
	}
	fputs("{\"meta\": ", w->f);
	if (json_dumpf(meta, w->f, JSON_COMPACT) != 0)
		goto out;
	fputs(",\n\"rules\": ", w->f);
	if (json_dumpf(rules, w->f, JSON_COMPACT) != 0)
		goto out;
	fputs(",\n\"subjects\": [", w->f);
	rc = 0;
out:
	json_decref(meta);
	json_decref(rules);
	return rc;
}

static void json_subject(struct st_writer *w, const struct st_subject *s)
{
	json_t *o = json_pack("{s:s, s:s, s:o, s:o, s:[]}", "kind", st_scope_name(s->kind),
			      "id", s->id, "name", jstr(s->name), "park", jstr(s->park),
			      "results");
	json_t *results = o ? json_object_get(o, "results") : NULL;
	char due[11];

	for (size_t i = 0; results && i < s->nresults; i++) {
		const struct st_result *r = &s->results[i];
		json_t *recs = json_array();
		for (size_t k = 0; recs && k < r->nrecords; k++)
			json_array_append_new(recs, json_string(r->records[k]));
		json_t *x = recs ? json_pack("{s:s, s:s, s:o, s:s, s:s, s:o}", "rule", r->rule->id,
					     "status", st_status_name(r->status),
					     "due", r->due == ST_DAY_NONE ? json_null() :
						     json_string(due_text(r->due, due)),
					     "detail", r->detail_zh, "detail_en", r->detail_en,
					     "records", recs) : NULL;
		if (!x || json_array_append_new(results, x) != 0)
			w->failed = 1;
	}
	fputs(w->nsubjects ? ",\n" : "\n", w->f);
	if (!o || json_dumpf(o, w->f, JSON_COMPACT) != 0)
		w->failed = 1;
	json_decref(o);
}

/* ---- text: a Chinese summary for a terminal ----------------------------------- */

static const char *status_color(enum st_status s)
{
	switch (s) {
	case ST_OVERDUE:
	case ST_FAIL:
	case ST_ERROR:
		return "\033[31m";
	case ST_DUE_SOON:
	case ST_NOT_CHECKED:
		return "\033[33m";
	default:
		return "\033[32m";
	}
}

static void text_begin(struct st_writer *w)
{
	const struct st_pack *p = w->meta->pack;
	char day[11];

	fprintf(w->f, "园区安全生产合规核查  评估日 %s\n规则包 %s %s%s%s\n",
		st_date_format(w->meta->as_of, day), p->id, p->version,
		p->tailoring ? "  裁剪文件 " : "", p->tailoring ? p->tailoring : "");
	fputs("（只列出需关注的结果；合格与不适用只计数）\n", w->f);
}

static void text_subject(struct st_writer *w, const struct st_subject *s)
{
	size_t n[ST_STATUS__COUNT] = { 0 };
	char due[11];

	for (size_t i = 0; i < s->nresults; i++)
		n[s->results[i].status]++;
	fprintf(w->f, "\n%s ", s->kind == ST_SCOPE_PARK ? "【园区】" : "【企业】");
	plain_field(w->f, or_empty(s->name));
	fputc(' ', w->f);
	plain_field(w->f, s->id);
	fputc('\n', w->f);
	fprintf(w->f, "  合格 %zu  即将到期 %zu  不合格 %zu  逾期 %zu  未核查 %zu  不适用 %zu",
		n[ST_PASS], n[ST_DUE_SOON], n[ST_FAIL], n[ST_OVERDUE], n[ST_NOT_CHECKED],
		n[ST_NOT_APPLICABLE]);
	if (n[ST_WAIVED])
		fprintf(w->f, "  豁免 %zu", n[ST_WAIVED]);
	if (n[ST_ERROR])
		fprintf(w->f, "  无法评估 %zu", n[ST_ERROR]);
	fputc('\n', w->f);
	for (size_t i = 0; i < s->nresults; i++) {
		const struct st_result *r = &s->results[i];
		if (r->status == ST_PASS || r->status == ST_NOT_APPLICABLE)
			continue;
		fprintf(w->f, "  %s[%s]%s %s %s", w->color ? status_color(r->status) : "",
			st_status_name_zh(r->status), w->color ? "\033[0m" : "", r->rule->id,
			or_empty(r->rule->title));
		if (r->due != ST_DAY_NONE)
			fprintf(w->f, "（截止 %s）", due_text(r->due, due));
		fputs("\n      ", w->f);
		plain_field(w->f, r->detail_zh);
		fputc('\n', w->f);
	}
}

static void text_finish(struct st_writer *w)
{
	const size_t *n = w->counts;
	size_t judged = 0;

	/* waived, like not-applicable, is left out of the rate (revision 2) */
	for (int s = 0; s < ST_STATUS__COUNT; s++)
		if (s != ST_NOT_APPLICABLE && s != ST_WAIVED)
			judged += n[s];
	fprintf(w->f, "\n合计 %zu 个对象：合格 %zu，即将到期 %zu，不合格 %zu，逾期 %zu，"
		      "未核查 %zu，不适用 %zu，豁免 %zu，无法评估 %zu\n",
		w->nsubjects, n[ST_PASS], n[ST_DUE_SOON], n[ST_FAIL], n[ST_OVERDUE],
		n[ST_NOT_CHECKED], n[ST_NOT_APPLICABLE], n[ST_WAIVED], n[ST_ERROR]);
	if (judged)
		fprintf(w->f, "合规率 %.1f%%（合格与即将到期占须核查项的比例，不适用项与豁免项不计）\n",
			100.0 * (double)(n[ST_PASS] + n[ST_DUE_SOON]) / (double)judged);
}

/* ---- the writer ------------------------------------------------------------------- */

int st_writer_new(FILE *f, enum st_format format, const struct st_run_meta *meta, int color,
		  struct st_writer **out)
{
	struct st_writer *w = calloc(1, sizeof *w);
	int rc = 0;

	if (!w)
		return -1;
	w->f = f;
	w->format = format;
	w->meta = meta;
	w->color = color;
	switch (format) {
	case ST_FORMAT_TSV:
		fputs("kind\tsubject\trule\tstatus\tdue\tdetail\n", f);
		break;
	case ST_FORMAT_XML:
		rc = xml_begin(w);
		break;
	case ST_FORMAT_JSON:
		rc = json_begin(w);
		break;
	case ST_FORMAT_TEXT:
		text_begin(w);
		break;
	}
	if (rc != 0) {
		st_writer_free(w);
		return -1;
	}
	*out = w;
	return 0;
}

int st_writer_subject(struct st_writer *w, const struct st_subject *s)
{
	for (size_t i = 0; i < s->nresults; i++)
		w->counts[s->results[i].status]++;
	switch (w->format) {
	case ST_FORMAT_TSV: tsv_subject(w, s); break;
	case ST_FORMAT_XML: xml_subject(w, s); break;
	case ST_FORMAT_JSON: json_subject(w, s); break;
	case ST_FORMAT_TEXT: text_subject(w, s); break;
	}
	w->nsubjects++;
	return w->failed || ferror(w->f) ? -1 : 0;
}

int st_writer_finish(struct st_writer *w)
{
	switch (w->format) {
	case ST_FORMAT_XML:
		X(xmlTextWriterEndDocument(w->xml));
		X(xmlTextWriterFlush(w->xml));
		break;
	case ST_FORMAT_JSON:
		fputs("\n]}\n", w->f);
		break;
	case ST_FORMAT_TEXT:
		text_finish(w);
		break;
	case ST_FORMAT_TSV:
		break;
	}
	if (fflush(w->f) != 0)
		w->failed = 1;
	return w->failed || ferror(w->f) ? -1 : 0;
}

void st_writer_free(struct st_writer *w)
{
	if (!w)
		return;
	if (w->xml)
		xmlFreeTextWriter(w->xml);   /* closes the output buffer, not the FILE */
	free(w);
}
