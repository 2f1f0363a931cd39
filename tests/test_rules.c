/*
 * test_rules.c — the rule pack loader, tailoring, st:days and the pack itself.
 *
 * Runs from the repository root (as `make check` does).  Malformed rule
 * files live in tests/rules/bad/ and tailoring files in tests/rules/tailoring/;
 * each case is copied into a fresh directory beside copies of the schemas and
 * loaded there, and its exact first error line is asserted.  The pack tests
 * read the regulation from the copies committed in docs/regulation/ (the
 * catalogue, the local provisions and the national articles), never from
 * outside the repository.
 */
#include <ctype.h>
#include <dirent.h>
#include <fcntl.h>
#include <math.h>
#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>
#include <sys/stat.h>

/* after the system headers: cmocka's UNIT_TESTING wraps malloc and free, so
 * this file allocates only through them (copy_str() instead of strdup()) */
/* what the library allocated (st_manifest_list), freed with its free() */
static void lib_free(void *p)
{
	free(p);
}

#include "st_test.h"

#include <libxml/parser.h>
#include <libxml/xpathInternals.h>

#include "st_date.h"
#include "st_rules.h"
#include "st_buf.h"
#include "st_manifest.h"
#include "st_pack_cache.h"
#include "st_sha256.h"

#define BAD "tests/rules/bad"
#define TAILOR "tests/rules/tailoring"
#define CATALOGUE "docs/regulation/CATALOGUE.md"
#define PROVISIONS "docs/regulation/provisions.zh.md"
#define NATIONAL "docs/regulation/national.zh.md"

/* ---- helpers --------------------------------------------------------- */

static char *copy_str(const char *s)
{
	char *d = malloc(strlen(s) + 1);
	assert_non_null(d);
	return strcpy(d, s);
}

static char *slurp(const char *path)
{
	FILE *f = fopen(path, "rb");
	char *buf;
	long n;

	if (!f)
		return NULL;
	fseek(f, 0, SEEK_END);
	n = ftell(f);
	rewind(f);
	buf = malloc((size_t)n + 1);
	assert_non_null(buf);
	assert_int_equal(fread(buf, 1, (size_t)n, f), (size_t)n);
	buf[n] = 0;
	fclose(f);
	return buf;
}

static void copy_file(const char *from, const char *dir, const char *name)
{
	char path[512];
	char *data = slurp(from);
	FILE *f;

	if (!data)
		fail_msg("cannot read %s", from);
	snprintf(path, sizeof path, "%s/%s", dir, name);
	f = fopen(path, "wb");
	assert_non_null(f);
	fputs(data, f);
	fclose(f);
	free(data);
}

/* a fresh directory holding the two schemas; the caller adds files */
static char *case_dir(void)
{
	char *dir = copy_str("/tmp/st-rules-XXXXXX");

	assert_non_null(mkdtemp(dir));
	copy_file("rules/rulepack.rng", dir, "rulepack.rng");
	copy_file("rules/tailoring.rng", dir, "tailoring.rng");
	return dir;
}

static void remove_dir(char *dir)
{
	DIR *d = opendir(dir);
	struct dirent *e;
	char path[512];

	assert_non_null(d);
	while ((e = readdir(d)))
		if (strcmp(e->d_name, ".") && strcmp(e->d_name, "..")) {
			snprintf(path, sizeof path, "%s/%s", dir, e->d_name);
			unlink(path);
		}
	closedir(d);
	rmdir(dir);
	free(dir);
}

/* expected text with every "{D}" replaced by dir */
static void expand(const char *tmpl, const char *dir, char *out, size_t len)
{
	size_t k = 0;

	for (const char *t = tmpl; *t && k + 1 < len; t++)
		if (!strncmp(t, "{D}", 3)) {
			k += (size_t)snprintf(out + k, len - k, "%s", dir);
			t += 2;
		} else {
			out[k++] = *t;
		}
	out[k < len ? k : len - 1] = 0;
}

/* the real pack, loaded once for the tests that only read it */
static struct st_pack *real;

static int setup(void **state)
{
	struct st_diag d = ST_DIAG_INIT;

	(void)state;
	if (st_pack_load("rules", NULL, &real, &d) != 0) {
		for (size_t i = 0; i < st_diag_kept(&d); i++)
			fprintf(stderr, "%s\n", d.line[i]);
		st_diag_release(&d);
		return -1;
	}
	return 0;
}

static int teardown(void **state)
{
	(void)state;
	st_pack_free(real);
	return 0;
}

/* ---- the real pack --------------------------------------------------- */

static void test_pack_shape(void **state)
{
	(void)state;
	assert_string_equal(real->id, "tacheng-park-safety");
	assert_non_null(real->version);
	assert_non_null(real->title);
	assert_string_equal(real->dir, "rules");
	assert_null(real->tailoring);
	assert_null(real->tailoring_id);
	for (size_t i = 0; i < real->nrules; i++) {
		const struct st_rule *r = &real->rules[i];
		if (i)
			assert_true(strcmp(real->rules[i - 1].id, r->id) < 0);
		assert_non_null(r->title);
		assert_non_null(r->clause_text);
		assert_non_null(r->remediation);
		assert_true(r->selected);
		assert_true(r->line > 0);
		assert_true(r->informational == (r->nchecks == 0));
		assert_true(r->informational == (r->severity == ST_SEV_INFO));
		/* one form kept at load: the records' or (if that cannot) libxml2's;
		   libxml2's is then compiled on first use */
		assert_true(!r->applies_src == !(r->applies || r->applies_fast));
		assert_false(r->applies && r->applies_fast);
		assert_true(!r->applies_src == !st_rule_applies(r, NULL));
		assert_true(!r->applies_src == !r->applies);
		for (size_t c = 0; c < r->nchecks; c++)
			for (size_t p = 0; p < r->checks[c].nparams; p++) {
				const struct st_param *pm = &r->checks[c].params[p];
				assert_int_equal(pm->tailored, 0);
				if (pm->spec && pm->spec->type == ST_PARAM_XPATH)
				{
					assert_true(!pm->fast != !pm->xpath);
					assert_non_null(st_param_xpath(pm, NULL));
					assert_non_null(pm->xpath);
					assert_ptr_equal(st_param_xpath(pm, NULL), pm->xpath);
				} else
					assert_null(pm->xpath);
			}
	}
}

/* libxml2's form of the records-compiled expressions is made on first use
 * (st_param_xpath / st_rule_applies) by whichever checker thread falls back
 * first: threads racing on one fresh pack all get the one copy published. */
#define RACERS 4
#define MAX_EXPR 512
struct racer {
	const struct st_pack *pack;
	pthread_barrier_t *start;
	xmlXPathCompExprPtr got[MAX_EXPR];
	size_t n;
};

static void *race(void *arg)
{
	struct racer *r = arg;

	pthread_barrier_wait(r->start);
	for (size_t i = 0; i < r->pack->nrules; i++) {
		const struct st_rule *rule = &r->pack->rules[i];
		if (rule->applies_src && r->n < MAX_EXPR)
			r->got[r->n++] = st_rule_applies(rule, NULL);
		for (size_t c = 0; c < rule->nchecks; c++)
			for (size_t p = 0; p < rule->checks[c].nparams; p++) {
				const struct st_param *pm = &rule->checks[c].params[p];
				if (pm->spec && pm->spec->type == ST_PARAM_XPATH && r->n < MAX_EXPR)
					r->got[r->n++] = st_param_xpath(pm, NULL);
			}
	}
	return NULL;
}

static void test_xpath_compiled_once_across_threads(void **state)
{
	(void)state;
	struct st_pack *pack = NULL;
	struct st_diag d = ST_DIAG_INIT;
	static struct racer racer[RACERS];
	pthread_t t[RACERS];
	pthread_barrier_t start;

	assert_int_equal(st_pack_load("rules", NULL, &pack, &d), 0);
	xmlInitParser();
	assert_int_equal(pthread_barrier_init(&start, NULL, RACERS), 0);
	for (int i = 0; i < RACERS; i++) {
		racer[i].pack = pack;
		racer[i].start = &start;
		racer[i].n = 0;
		assert_int_equal(pthread_create(&t[i], NULL, race, &racer[i]), 0);
	}
	for (int i = 0; i < RACERS; i++)
		assert_int_equal(pthread_join(t[i], NULL), 0);
	pthread_barrier_destroy(&start);
	assert_true(racer[0].n > 100 && racer[0].n < MAX_EXPR);
	for (int i = 0; i < RACERS; i++) {
		assert_int_equal(racer[i].n, racer[0].n);
		for (size_t k = 0; k < racer[0].n; k++) {
			assert_non_null(racer[i].got[k]);
			assert_ptr_equal(racer[i].got[k], racer[0].got[k]);
		}
	}
	st_pack_free(pack);   /* frees each published copy once (ASan: no leak of a loser's) */
}

static void test_pack_params(void **state)
{
	(void)state;
	const struct st_rule *r = st_pack_find(real, "INSP-QUARTERLY");
	assert_non_null(r);
	assert_int_equal(r->nchecks, 1);
	assert_int_equal(r->scope, ST_SCOPE_ENTERPRISE);
	assert_string_equal(r->applies_src, "@status = 'operating' and @operating_since");
	const struct st_check *c = &r->checks[0];
	assert_int_equal(c->spec->kind, ST_CHECK_CALENDAR);
	assert_string_equal(st_check_text(c, "period"), "quarter");
	assert_int_equal(st_check_int(c, "warn_days", -1), 15);
	assert_int_equal(st_check_param(c, "warn_days")->given, 1);
	assert_null(st_check_param(c, "due_month"));         /* no value, no default */
	assert_int_equal(st_check_int(c, "due_month", 77), 77);
	assert_null(st_check_text(c, "year_field"));

	/* a default from checks.c, filled in with given=0 */
	r = st_pack_find(real, "HAZ-FOUR-IMPLEMENTATIONS");
	const struct st_param *label = st_check_param(&r->checks[0], "label");
	assert_non_null(label);
	assert_int_equal(label->given, 0);
	assert_string_equal(label->text, "string(@id)");
	assert_non_null(st_param_xpath(label, NULL));

	/* free integers of a threshold check */
	r = st_pack_find(real, "ORG-STAFFING");
	c = &r->checks[0];
	assert_int_equal(st_check_int(c, "staff_base", 0), 2);
	assert_int_equal(st_check_int(c, "staff_step", 0), 200);
	assert_null(st_check_param(c, "staff_base")->spec);

	r = st_pack_find(real, "RESP-LETTER-ANNUAL");
	assert_int_equal(st_check_int(&r->checks[0], "due_month", 0), 3);
	r = st_pack_find(real, "ACC-REPORT-24H");
	assert_int_equal(st_check_int(&r->checks[0], "deadline_hours", 0), 24);
	r = st_pack_find(real, "ACC-INVESTIGATION");
	assert_int_equal(st_check_int(&r->checks[0], "deadline_days", 0), 60);
	assert_int_equal(st_check_int(&r->checks[0], "lookback_days", 0), 365);

	assert_null(st_pack_find(real, "NO-SUCH-RULE"));
	assert_null(st_pack_find(real, NULL));
}

/* The catalogue's (id, clause) pairs of the first edition's tables, which end
 * where "## Revision 2" begins (CHK-01 … CHK-13 expanded). */
struct entry { char id[80], clause[80]; };

static size_t read_catalogue_md(const char *text, struct entry *e, size_t max)
{
	size_t n = 0;
	const char *end = strstr(text, "\n## Revision 2");

	for (const char *l = text; l && *l && (!end || l < end);
	     l = strchr(l, '\n') ? strchr(l, '\n') + 1 : NULL) {
		char id[64], clause[64];
		if (sscanf(l, "| %63[^|]| %63[^|]|", id, clause) != 2 || !isupper((unsigned char)id[0]))
			continue;
		for (char *s = id + strlen(id); s > id && s[-1] == ' '; )
			*--s = 0;
		for (char *s = clause + strlen(clause); s > clause && s[-1] == ' '; )
			*--s = 0;
		if (!strcmp(id, "id"))
			continue;
		const char *dots = strstr(id, " … ");
		if (dots) {  /* "CHK-01 … CHK-13" with clauses "7.1 … 7.13" */
			int a = atoi(dots - 2), b = atoi(id + strlen(id) - 2);
			char prefix[32], cprefix[32];
			snprintf(prefix, sizeof prefix, "%.*s", (int)(dots - 2 - id), id);
			snprintf(cprefix, sizeof cprefix, "%.*s", (int)(strchr(clause, '.') - clause + 1),
				 clause);
			for (int k = a; k <= b && n < max; k++, n++) {
				snprintf(e[n].id, sizeof e[n].id, "%s%02d", prefix, k);
				snprintf(e[n].clause, sizeof e[n].clause, "%s%d", cprefix, k);
			}
			continue;
		}
		if (n < max) {
			snprintf(e[n].id, sizeof e[n].id, "%s", id);
			snprintf(e[n].clause, sizeof e[n].clause, "%s", clause);
			n++;
		}
	}
	return n;
}

static void test_catalogue_complete(void **state)
{
	(void)state;
	struct entry cat[200];
	char *md = slurp(CATALOGUE);
	size_t n;

	if (!md)
		fail_msg("cannot read %s", CATALOGUE);
	n = read_catalogue_md(md, cat, 200);
	free(md);  /* before any assertion, so that a failure leaks nothing */
	assert_int_equal(n, 42);
	for (size_t i = 0; i < n; i++) {
		const struct st_rule *r = st_pack_find(real, cat[i].id);
		if (!r)
			fail_msg("catalogue rule %s is not in the pack", cat[i].id);
		if (strcmp(r->clause, cat[i].clause))
			fail_msg("%s: clause '%s', catalogue says '%s'", r->id, r->clause, cat[i].clause);
		assert_false(r->informational);
	}
}

/* Revision 2, "The national pack": every row's rule is in the pack, in the
 * national pack, with its regulation, article and effective_from as the
 * source column says; 45 checkable rules in all, 5 park and 40 enterprise */
static void test_catalogue_national(void **state)
{
	(void)state;
	char *md = slurp(CATALOGUE), msg[512] = "";
	size_t nat = 0, park = 0, ent = 0;

	if (!md)
		fail_msg("cannot read %s", CATALOGUE);
	const char *sec = strstr(md, "### The national pack");
	for (const char *l = sec; l && *l && !*msg; l = strchr(l, '\n') ? strchr(l, '\n') + 1 : NULL) {
		char id[64], source[400];
		if (sscanf(l, "| %63[A-Z0-9-] | %399[^|]|", id, source) != 2 || strncmp(id, "NAT-", 4))
			continue;
		nat++;
		const struct st_rule *r = st_pack_find(real, id);
		const struct st_pack_info *pi = r ? st_rule_pack(real, r) : NULL;
		char want[160], from[16];
		if (!r || !pi) {
			snprintf(msg, sizeof msg, "%s is not in the pack", id);
			break;
		}
		snprintf(want, sizeof want, "《%s》", r->regulation ? r->regulation : "?");
		const char *ef = strstr(source, "effective_from ");
		if (ef)
			sscanf(ef + strlen("effective_from "), "%10s", from);
		char have[11] = "";
		if (r->effective_from != ST_DAY_NONE)
			st_date_format(r->effective_from, have);
		if (strcmp(pi->authority, "national"))
			snprintf(msg, sizeof msg, "%s: pack %s is not national", id, pi->id);
		else if (!strstr(source, want))
			snprintf(msg, sizeof msg, "%s: regulation %.100s not in '%.200s'", id, want, source);
		else if (!ef || strcmp(from, have))
			snprintf(msg, sizeof msg, "%s: effective_from %s, catalogue says %s", id, have,
				 ef ? from : "(none)");
		else {
			/* each article cited, e.g. "第二条, 第九条" against "第二条、第九条" */
			char *copy = copy_str(r->clause), *save = NULL;
			for (char *t = strtok_r(copy, ", ", &save); t && !*msg; t = strtok_r(NULL, ", ", &save))
				if (!strstr(source, t))
					snprintf(msg, sizeof msg, "%s: article %.40s not in '%.200s'", id, t, source);
			free(copy);
		}
	}
	for (size_t i = 0; i < real->nrules; i++)
		if (!real->rules[i].informational) {
			park += real->rules[i].scope == ST_SCOPE_PARK;
			ent += real->rules[i].scope == ST_SCOPE_ENTERPRISE;
		}
	free(md);
	if (*msg)
		fail_msg("%s", msg);
	assert_int_equal(nat, 3);
	assert_int_equal(park, 5);
	assert_int_equal(ent, 40);
}

/* does the clause list "a, b, c" contain para? */
static int cites(const char *clause, const char *para)
{
	size_t n = strlen(para);

	for (const char *c = clause; c; c = strstr(c, ", ") ? strstr(c, ", ") + 2 : NULL)
		if (!strncmp(c, para, n) && (c[n] == ',' || !c[n]))
			return 1;
	return 0;
}

/* ---- the regulation, paragraph by paragraph ---------------------------- */

/* remove all white space, so that line breaks of the source do not matter */
static void squeeze(char *s)
{
	char *w = s;
	for (; *s; s++)
		if (!isspace((unsigned char)*s))
			*w++ = *s;
	*w = 0;
}

/* One paragraph of a regulation, under the id a rule's clause cites: "3.4",
 * "7 (closing paragraph)", "9 (accident 1)" for the local provisions;
 * "REGULATION 第九条" for a national article (all its paragraphs). */
struct para { char id[160]; char *text; };

struct paras { struct para p[128]; size_t n; };

static void paras_release(struct paras *ps)
{
	for (size_t i = 0; i < ps->n; i++)
		free(ps->p[i].text);
	ps->n = 0;
}

static struct para *para_new(struct paras *ps, const char *id)
{
	assert_true(ps->n < sizeof ps->p / sizeof ps->p[0]);
	struct para *p = &ps->p[ps->n++];
	snprintf(p->id, sizeof p->id, "%s", id);
	p->text = copy_str("");
	return p;
}

static void para_append(struct para *p, const char *line, size_t len)
{
	size_t n = strlen(p->text);
	char *t = malloc(n + len + 1);
	assert_non_null(t);
	memcpy(t, p->text, n);
	memcpy(t + n, line, len);
	t[n + len] = 0;
	free(p->text);
	p->text = t;
	squeeze(p->text);
}

/* 一 … 十九 as a number; 0 if s does not start with one */
static int zh_number(const char *s, size_t *used)
{
	static const char *const digits[] = { "一", "二", "三", "四", "五", "六", "七", "八", "九" };
	int v = 0, tens = 0;
	size_t k = 0;

	if (!strncmp(s, "十", 3))
		tens = 1, k = 3;
	for (int d = 0; d < 9; d++)
		if (!strncmp(s + k, digits[d], 3)) {
			v = d + 1;
			k += 3;
			if (!tens && !strncmp(s + k, "十", 3)) {
				tens = v, v = 0, k += 3;
				for (int e = 0; e < 9; e++)
					if (!strncmp(s + k, digits[e], 3)) {
						v = e + 1;
						k += 3;
						break;
					}
			}
			break;
		}
	*used = k;
	return tens * 10 + v;
}

/* provisions.zh.md split into the paragraphs tests/rules/paragraphs.txt names */
static void read_provisions(const char *text, struct paras *ps)
{
	int chapter = 0, last_item = 0, lists = 0;
	struct para *cur = NULL;
	char id[64];

	for (const char *l = text; l && *l; l = strchr(l, '\n') ? strchr(l, '\n') + 1 : NULL) {
		size_t len = strcspn(l, "\n"), k;
		const char *b = l;
		int n;

		if (!len)
			continue;
		if (!strncmp(l, "## 第", 6)) {
			chapter = zh_number(l + 6, &k);
			cur = NULL, last_item = 0, lists = 0;
			continue;
		}
		if (!chapter || *l == '#')
			continue;
		if (!strncmp(b, "- ", 2))
			b += 2;
		if (!strncmp(b, "（", 3) && (n = zh_number(b + 3, &k)) && !strncmp(b + 3 + k, "）", 3)) {
			snprintf(id, sizeof id, "%d.%d", chapter, n);
			cur = para_new(ps, id);
		} else if (isdigit((unsigned char)*b) && (n = atoi(b)) > 0 &&
			   strstr(b, "、") == b + strspn(b, "0123456789")) {
			if (n <= last_item || (chapter == 9 && !lists))
				lists++;
			last_item = n;
			if (chapter == 9)
				snprintf(id, sizeof id, "9 (%s %d)", lists == 1 ? "report" : "accident", n);
			else
				snprintf(id, sizeof id, "%d.%d", chapter, n);
			cur = para_new(ps, id);
		} else if (chapter == 7 && last_item == 13 && strcmp(ps->p[ps->n - 1].id, "7 (closing paragraph)")) {
			cur = para_new(ps, "7 (closing paragraph)");
		}
		if (cur)
			para_append(cur, l + (b - l), len - (size_t)(b - l));
	}
}

/* national.zh.md: "## 《REGULATION》…" then articles "第X条　…" with their
 * following paragraphs; English notes in parentheses are not text */
static void read_national(const char *text, struct paras *ps)
{
	char reg[96] = "", id[160];
	struct para *cur = NULL;

	for (const char *l = text; l && *l; l = strchr(l, '\n') ? strchr(l, '\n') + 1 : NULL) {
		size_t len = strcspn(l, "\n");
		const char *open = strstr(l, "《"), *close = strstr(l, "》");

		if (!len || *l == '(')
			continue;
		if (!strncmp(l, "## ", 3) && open && close && close < l + len) {
			snprintf(reg, sizeof reg, "%.*s", (int)(close - open - 3), open + 3);
			cur = NULL;
			continue;
		}
		if (*l == '#' || !*reg)
			continue;
		const char *tiao = strstr(l, "条");
		if (!strncmp(l, "第", 3) && tiao && tiao < l + len && tiao - l < 24) {
			snprintf(id, sizeof id, "%s %.*s", reg, (int)(tiao + 3 - l), l);
			cur = para_new(ps, id);
			para_append(cur, tiao + 3, len - (size_t)(tiao + 3 - l));
		} else if (cur) {
			para_append(cur, l, len);
		}
	}
}

static const struct para *para_find(const struct paras *ps, const char *id)
{
	for (size_t i = 0; i < ps->n; i++)
		if (!strcmp(ps->p[i].id, id))
			return &ps->p[i];
	return NULL;
}

/* the paragraphs a rule cites, as ids in *ids (strings the caller frees) */
static size_t cited(const struct st_rule *r, char ids[8][160])
{
	char *copy = copy_str(r->clause), *save = NULL;
	size_t n = 0;

	for (char *t = strtok_r(copy, ",", &save); t && n < 8; t = strtok_r(NULL, ",", &save)) {
		while (*t == ' ')
			t++;
		if (r->regulation)
			snprintf(ids[n++], 160, "%s %s", r->regulation, t);
		else
			snprintf(ids[n++], 160, "%s", t);
	}
	free(copy);
	return n;
}

struct regulation { struct paras local, national; };

static struct regulation *read_regulation(void)
{
	struct regulation *g = calloc(1, sizeof *g);
	char *prov = slurp(PROVISIONS), *nat = slurp(NATIONAL);

	assert_non_null(g);
	if (!prov || !nat)
		fail_msg("cannot read %s or %s", PROVISIONS, NATIONAL);
	read_provisions(prov, &g->local);
	read_national(nat, &g->national);
	free(prov);
	free(nat);
	return g;
}

static void regulation_free(struct regulation *g)
{
	paras_release(&g->local);
	paras_release(&g->national);
	free(g);
}

/* the parser finds exactly the paragraphs tests/rules/paragraphs.txt lists,
 * and the national articles the national pack cites */
static void test_regulation_parsed(void **state)
{
	(void)state;
	struct regulation *g = read_regulation();
	char *txt = slurp("tests/rules/paragraphs.txt"), para[64], msg[256] = "";
	size_t k = 0;

	assert_non_null(txt);
	for (const char *l = txt; l && *l; l = strchr(l, '\n') ? strchr(l, '\n') + 1 : NULL) {
		if (*l == '#' || sscanf(l, "%63[^\n]", para) != 1)
			continue;
		if (k >= g->local.n || strcmp(g->local.p[k].id, para))
			snprintf(msg, sizeof msg, "paragraph %zu: parsed '%s', listed '%s'", k,
				 k < g->local.n ? g->local.p[k].id : "(none)", para);
		k++;
	}
	size_t nlocal = g->local.n, nnat = g->national.n;
	int art9 = para_find(&g->national, "生产安全事故报告和调查处理条例 第九条") != NULL;
	const struct para *p83 = para_find(&g->local, "8.3");
	int long83 = p83 && strstr(p83->text, "特种作业人员必须持有") != NULL;
	free(txt);
	regulation_free(g);
	if (*msg)
		fail_msg("%s", msg);
	assert_int_equal(k, 56);
	assert_int_equal(nlocal, 56);
	assert_int_equal(nnat, 5);     /* 第九条, 第二十九条, 第二十二条, 第二条, 第九条 */
	assert_true(art9);
	assert_true(long83);           /* 8.3 runs over its broken lines */
}

static void test_paragraphs_covered(void **state)
{
	(void)state;
	struct regulation *g = read_regulation();
	char msg[512] = "", ids[8][160];

	/* every local paragraph is cited by some rule */
	for (size_t k = 0; k < g->local.n && !*msg; k++) {
		int found = 0;
		for (size_t i = 0; i < real->nrules && !found; i++)
			found = !real->rules[i].regulation && cites(real->rules[i].clause, g->local.p[k].id);
		if (!found)
			snprintf(msg, sizeof msg, "paragraph %s is cited by no rule", g->local.p[k].id);
	}
	/* and every citation is a real paragraph or article (no "7.14", no typo) */
	for (size_t i = 0; i < real->nrules && !*msg; i++) {
		const struct st_rule *r = &real->rules[i];
		size_t n = cited(r, ids);
		for (size_t c = 0; c < n && !*msg; c++)
			if (!para_find(r->regulation ? &g->national : &g->local, ids[c]))
				snprintf(msg, sizeof msg, "%s cites '%.150s', which is not a paragraph",
					 r->id, ids[c]);
	}
	regulation_free(g);
	if (*msg)
		fail_msg("%s", msg);
}

/* Every fragment of a rule's clause text (fragments joined by "……") is
 * verbatim in the paragraphs the rule cites — not merely somewhere in the
 * file.  White space does not count. */
static void test_clause_text_verbatim(void **state)
{
	(void)state;
	struct regulation *g = read_regulation();
	char msg[640] = "", ids[8][160];

	for (size_t i = 0; i < real->nrules && !*msg; i++) {
		const struct st_rule *r = &real->rules[i];
		size_t n = cited(r, ids), len = 1;
		for (size_t c = 0; c < n; c++) {
			const struct para *p = para_find(r->regulation ? &g->national : &g->local, ids[c]);
			len += p ? strlen(p->text) + 1 : 0;
		}
		char *joined = calloc(len, 1), *t = copy_str(r->clause_text);
		assert_non_null(joined);
		for (size_t c = 0; c < n; c++) {
			const struct para *p = para_find(r->regulation ? &g->national : &g->local, ids[c]);
			if (p) {
				strcat(joined, p->text);
				strcat(joined, "\n");   /* a fragment does not run across two */
			}
		}
		squeeze(t);
		for (char *f = t, *next; f && !*msg; f = next) {
			next = strstr(f, "……");
			if (next) {
				*next = 0;
				next += strlen("……");
			}
			if (*f && !strstr(joined, f))
				snprintf(msg, sizeof msg, "%s: clause text not verbatim in %s: %.400s", r->id,
					 r->clause, f);
		}
		free(t);
		free(joined);
	}
	regulation_free(g);
	if (*msg)
		fail_msg("%s", msg);
}

/* The pack's expressions, evaluated on small facts, give what the catalogue
 * says.  Context: the root element of `xml` (a subject or one record);
 * variables: the check's integer parameters, $as_of, $subject = E1, and for
 * calendar selects $year = 2026 and $index.  A node set gives its size,
 * anything else its number (true is 1). */
struct expr_case {
	const char *rule;
	int check;          /* from 0; -1 for <applies-to> */
	const char *param;
	const char *xml;
	int index;
	double expect;
};

static const struct expr_case expr_cases[] = {
	/* ORG-STAFFING: 2 + floor(max(0, W - 200) / 200), W over construction and operating */
	{ "ORG-STAFFING", 0, "required", "<park><enterprise status='operating' employees='399'/></park>", 0, 2 },
	{ "ORG-STAFFING", 0, "required", "<park><enterprise status='operating' employees='400'/></park>", 0, 3 },
	{ "ORG-STAFFING", 0, "required",
	  "<park><enterprise status='construction' employees='600'/><enterprise status='operating' employees='400'/>"
	  "<enterprise status='closed' employees='5000'/></park>", 0, 6 },
	{ "ORG-STAFFING", 0, "required", "<park/>", 0, 2 },
	{ "ORG-STAFFING", 0, "basis",
	  "<park><enterprise status='construction' employees='7'/><enterprise status='closed' employees='5'/></park>", 0, 7 },
	{ "ORG-STAFFING", 0, "value", "<park safety_staff='3'/>", 0, 3 },
	/* ORG-COMMITTEE: a director; revision 2: enterprises under construction
	 * and those operating on A (operating_since after A is absent from the
	 * facts: neither) are judged, closed ones not; empty is not membership */
	{ "ORG-COMMITTEE", 0, "test", "<park/>", 0, 0 },
	{ "ORG-COMMITTEE", 0, "test", "<park director='王'/>", 0, 1 },
	{ "ORG-COMMITTEE", 1, "select",
	  "<park><enterprise status='operating' operating_since='2020-01-01'/><enterprise status='operating'/>"
	  "<enterprise status='construction'/><enterprise status='closed' operating_since='2020-01-01'/></park>", 0, 2 },
	{ "ORG-COMMITTEE", 1, "test", "<enterprise committee_member='no'/>", 0, 0 },
	{ "ORG-COMMITTEE", 1, "test", "<enterprise/>", 0, 0 },
	{ "ORG-COMMITTEE", 1, "test", "<enterprise committee_member='yes'/>", 0, 1 },
	/* PARK-DRILL-ANNUAL: revision 2, a drill counts only with a participant */
	{ "PARK-DRILL-ANNUAL", 0, "select",
	  "<park><drill/><drill><participant>E</participant></drill></park>", 0, 1 },
	/* PARK-EMERGENCY-PLAN: signed, filed, filed on or after signing */
	{ "PARK-EMERGENCY-PLAN", 0, "test", "<park plan_filed='2026-01-10'/>", 0, 0 },
	{ "PARK-EMERGENCY-PLAN", 1, "test", "<park plan_signed='2026-01-10'/>", 0, 0 },
	{ "PARK-EMERGENCY-PLAN", 2, "test", "<park plan_signed='2026-01-10' plan_filed='2026-01-05'/>", 0, 0 },
	{ "PARK-EMERGENCY-PLAN", 2, "test", "<park plan_signed='2026-01-10' plan_filed='2026-01-10'/>", 0, 1 },
	{ "PARK-MEETING-QUARTERLY", 0, "select",
	  "<park><meeting kind='quarterly'/><meeting kind='joint'/></park>", 1, 1 },
	/* enterprise applicability: operating = status operating with a start date */
	{ "INSP-QUARTERLY", -1, NULL, "<enterprise status='operating' operating_since='2025-01-01'/>", 0, 1 },
	{ "INSP-QUARTERLY", -1, NULL, "<enterprise status='operating'/>", 0, 0 },
	{ "INSP-QUARTERLY", -1, NULL, "<enterprise status='construction' operating_since='2025-01-01'/>", 0, 0 },
	{ "CHK-03", -1, NULL, "<enterprise status='operating' operating_since='2025-01-01' hazchem='none'/>", 0, 0 },
	{ "CHK-03", -1, NULL, "<enterprise status='operating' operating_since='2025-01-01' hazchem='hazardous'/>", 0, 1 },
	{ "CHK-06", -1, NULL, "<enterprise status='operating' operating_since='2025-01-01'/>", 0, 0 },
	{ "CHK-06", -1, NULL, "<enterprise status='operating' operating_since='2025-01-01'><equipment/></enterprise>", 0, 1 },
	{ "CHK-08", -1, NULL, "<enterprise status='operating' operating_since='2025-01-01'><project/></enterprise>", 0, 1 },
	{ "EVAL-TOXIC-ANNUAL", -1, NULL, "<enterprise status='operating' operating_since='2025-01-01' hazchem='hazardous'/>", 0, 0 },
	{ "EVAL-HAZCHEM-BIENNIAL", -1, NULL, "<enterprise status='operating' operating_since='2025-01-01' hazchem='hazardous'/>", 0, 1 },
	{ "EVAL-STATUS-REVIEW", -1, NULL, "<enterprise status='operating' operating_since='2025-01-01' hazchem='none'/>", 0, 0 },
	{ "MAJOR-HAZARD-OWNER", -1, NULL, "<enterprise major_hazard='no'/>", 0, 0 },
	{ "MAJOR-HAZARD-OWNER", -1, NULL, "<enterprise major_hazard='yes'/>", 0, 1 },
	/* INSP-HALF-YEAR: mid-year counts in H1 only, year-end in H2 only */
	{ "INSP-HALF-YEAR", 0, "select",
	  "<enterprise><inspection kind='mid-year'/><inspection kind='year-end'/><inspection kind='quarterly'/></enterprise>", 1, 1 },
	{ "INSP-HALF-YEAR", 0, "select",
	  "<enterprise><inspection kind='mid-year'/><inspection kind='quarterly'/></enterprise>", 2, 0 },
	/* EVAL-*: passed status or periodic evaluations */
	{ "EVAL-TOXIC-ANNUAL", 0, "select",
	  "<enterprise><evaluation kind='status' expert_passed='yes'/><evaluation kind='periodic' expert_passed='no'/>"
	  "<evaluation kind='pre' expert_passed='yes'/><evaluation kind='periodic' expert_passed='yes'/></enterprise>", 0, 2 },
	{ "EVAL-STATUS-REVIEW", 0, "test",
	  "<enterprise><evaluation kind='periodic' expert_passed='yes'/></enterprise>", 0, 0 },
	{ "EVAL-PRE-ASSESSMENT", -1, NULL, "<enterprise><project hazchem='no'/></enterprise>", 0, 0 },
	{ "EVAL-PRE-ASSESSMENT", 0, "select",
	  "<enterprise><project hazchem='yes'/><project hazchem='yes' construction_start='2026-01-01'/></enterprise>", 0, 1 },
	{ "EVAL-PRE-ASSESSMENT", 0, "test",
	  "<project construction_start='2026-03-01' pre_evaluation_filed='2026-03-02'/>", 0, 0 },
	{ "EVAL-PRE-ASSESSMENT", 0, "test",
	  "<project construction_start='2026-03-01' pre_evaluation_filed='2026-03-01'/>", 0, 1 },
	/* PROJ-*: per project */
	{ "PROJ-SAFETY-DESIGN", 0, "test",
	  "<project construction_start='2026-03-01' design_qualified='yes' design_approved='2026-02-01'/>", 0, 1 },
	{ "PROJ-SAFETY-DESIGN", 0, "test",
	  "<project construction_start='2026-03-01' design_qualified='yes' design_approved='2026-03-02'/>", 0, 0 },
	{ "PROJ-SAFETY-DESIGN", 0, "test", "<project construction_start='2026-03-01' design_approved='2026-02-01'/>", 0, 0 },
	{ "PROJ-SAFETY-DESIGN", 0, "test", "<project/>", 0, 1 },
	{ "PROJ-SAFETY-DESIGN", 0, "test", "<project design_qualified='no'/>", 0, 0 },
	{ "PROJ-QUALIFIED-INSTALLER", 0, "test", "<project installer_qualified='no'/>", 0, 0 },
	{ "PROJ-QUALIFIED-INSTALLER", 0, "test", "<project/>", 0, 1 },
	{ "PROJ-QUALIFIED-INSTALLER", 0, "test", "<project production_start='2026-01-01'/>", 0, 0 },
	{ "PROJ-QUALIFIED-INSTALLER", 0, "test", "<project installer_qualified='yes' production_start='2026-01-01'/>", 0, 1 },
	{ "PROJ-THREE-SIMULTANEITY", 0, "test", "<project three_simultaneity='no'/>", 0, 0 },
	{ "PROJ-THREE-SIMULTANEITY", 0, "test", "<project production_start='2026-01-01'/>", 0, 0 },
	{ "PROJ-THREE-SIMULTANEITY", 0, "test", "<project/>", 0, 1 },
	{ "PROJ-CONTRACTOR-LETTER", -1, NULL, "<enterprise><project/></enterprise>", 0, 0 },
	{ "PROJ-CONTRACTOR-LETTER", 0, "test", "<project construction_start='2026-03-01'/>", 0, 0 },
	{ "PROJ-CONTRACTOR-LETTER", 0, "test",
	  "<project construction_start='2026-03-01' contractor_letter='2026-03-02'/>", 0, 0 },
	{ "PROJ-CONTRACTOR-LETTER", 0, "test",
	  "<project construction_start='2026-03-01' contractor_letter='2026-02-28'/>", 0, 1 },
	{ "PROJ-ACCEPTANCE", 0, "test", "<project accepted='2026-03-01'/>", 0, 1 },
	{ "PROJ-ACCEPTANCE", 0, "test", "<project production_start='2026-03-01'/>", 0, 0 },
	{ "PROJ-ACCEPTANCE", 0, "test", "<project production_start='2026-03-01' accepted='2026-03-02'/>", 0, 0 },
	{ "PROJ-ACCEPTANCE", 0, "test", "<project production_start='2026-03-01' accepted='2026-03-01'/>", 0, 1 },
	/* hazards, letters, drills, workers, accidents */
	{ "HAZ-FOUR-IMPLEMENTATIONS", 0, "select",
	  "<enterprise><hazard/><hazard closed='2026-01-01'/></enterprise>", 0, 1 },
	{ "HAZ-RECTIFY-DEADLINE", 0, "priority", "<hazard grade='major'/>", 0, 1 },
	{ "RESP-LETTER-ANNUAL", 0, "select",
	  "<enterprise park='P1'><letter park='P1'/><letter park='P2'/><letter/></enterprise>", 0, 2 },
	{ "DRILL-PARTICIPATION", 0, "select",
	  "<enterprise><drill><participant>E2</participant></drill>"
	  "<drill><participant>E2</participant><participant>E1</participant></drill></enterprise>", 0, 1 },
	{ "TRAIN-THREE-LEVEL", 0, "select", "<enterprise><worker assigned='2026-01-01'/><worker/></enterprise>", 0, 1 },
	{ "CERT-SPECIAL-OPERATION", 0, "select",
	  "<enterprise><worker special_operation='welding' assigned='2026-01-01'/><worker special_operation='welding'/>"
	  "<worker assigned='2026-01-01'/></enterprise>", 0, 1 },
	{ "CERT-SPECIAL-OPERATION", 0, "expires",
	  "<worker special_operation='welding'><certificate kind='welding' expires='2027-01-01'/>"
	  "<certificate kind='electrical' expires='2030-01-01'/><certificate kind='welding' expires='2028-01-01'/></worker>", 0, 2 },
	{ "ACC-REPORT-24H", -1, NULL, "<enterprise><accident deaths='0' injuries='0'/></enterprise>", 0, 0 },
	{ "ACC-REPORT-24H", -1, NULL, "<enterprise><accident injuries='1'/></enterprise>", 0, 1 },
	{ "ACC-CASUALTY-FORM-3D", 0, "select",
	  "<enterprise><accident deaths='1'/><accident/><accident deaths='0' injuries='2'/></enterprise>", 0, 2 },
	{ "ACC-INVESTIGATION", -1, NULL, "<enterprise><accident/></enterprise>", 0, 1 },
};

static void test_pack_expressions(void **state)
{
	(void)state;
	for (size_t i = 0; i < sizeof expr_cases / sizeof expr_cases[0]; i++) {
		const struct expr_case *c = &expr_cases[i];
		const struct st_rule *r = st_pack_find(real, c->rule);
		xmlDocPtr doc = xmlReadMemory(c->xml, (int)strlen(c->xml), "facts.xml", NULL, XML_PARSE_NONET);
		xmlXPathContextPtr ctx = xmlXPathNewContext(doc);
		xmlXPathCompExprPtr comp;
		xmlXPathObjectPtr o;
		double got;

		assert_non_null(r);
		assert_non_null(doc);
		assert_int_equal(st_xpath_register(ctx), 0);
		ctx->node = xmlDocGetRootElement(doc);
		xmlXPathRegisterVariable(ctx, BAD_CAST "as_of", xmlXPathNewFloat(20600));
		xmlXPathRegisterVariable(ctx, BAD_CAST "subject", xmlXPathNewCString("E1"));
		xmlXPathRegisterVariable(ctx, BAD_CAST "year", xmlXPathNewFloat(2026));
		xmlXPathRegisterVariable(ctx, BAD_CAST "index", xmlXPathNewFloat(c->index));
		if (c->check < 0) {
			comp = st_rule_applies(r, ctx);
		} else {
			const struct st_check *k = &r->checks[c->check];
			for (size_t p = 0; p < k->nparams; p++)
				if (!k->params[p].spec || k->params[p].spec->type == ST_PARAM_INT)
					xmlXPathRegisterVariable(ctx, BAD_CAST k->params[p].name,
								 xmlXPathNewFloat((double)k->params[p].ival));
			comp = st_param_xpath(st_check_param(k, c->param), ctx);
		}
		assert_non_null(comp);
		o = xmlXPathCompiledEval(comp, ctx);
		assert_non_null(o);
		got = o->type == XPATH_NODESET ? (o->nodesetval ? o->nodesetval->nodeNr : 0)
					       : xmlXPathCastToNumber(o);
		if (got != c->expect)
			fail_msg("%s %s on %s: %g, expected %g", c->rule, c->param ? c->param : "applies-to",
				 c->xml, got, c->expect);
		xmlXPathFreeObject(o);
		xmlXPathFreeContext(ctx);
		xmlFreeDoc(doc);
	}
}

/* ---- malformed files ------------------------------------------------- */

struct bad_case {
	const char *files;     /* space-separated, relative to BAD */
	const char *expect;    /* the first error line, "{D}" standing for the case dir */
};

static const struct bad_case bad_cases[] = {
	/* ranges of integer parameters (issue #15 item 2) */
	{ "range-free-int-undeclared.xml",
	  "{D}/range-free-int-undeclared.xml:10: 自定义整数参数 staff_base 须用 min 和 max 属性声明允许的范围"
	  "（裁剪只能在此范围内修改），如 <param name=\"staff_base\" min=\"1\" max=\"200\">" },
	{ "range-min-above-max.xml",
	  "{D}/range-min-above-max.xml:10: 参数 staff_base 的范围有误：min 5 大于 max 2" },
	{ "range-value-outside.xml",
	  "{D}/range-value-outside.xml:10: 参数 staff_base 的值 1 超出规则文件声明的范围（2–100）" },
	{ "range-not-integer.xml",
	  "{D}/range-not-integer.xml:10: 不符合格式（rulepack.rng）：元素 <param> 的属性 min 须为整数" },
	{ "range-wider-than-kind.xml",
	  "{D}/range-wider-than-kind.xml:12: 参数 warn_days 声明的范围 -5–30 超出检查类型允许的 0–366" },
	{ "range-on-text-param.xml",
	  "{D}/range-on-text-param.xml:12: 参数 date 不是整数参数，不能声明 min、max" },
	{ "malformed-xml.xml",
	  "{D}/malformed-xml.xml:5: XML 格式错误：Opening and ending tag mismatch: title line 5 and titel" },
	{ "schema-missing-title.xml",
	  "{D}/schema-missing-title.xml:5: 不符合格式（rulepack.rng）：此处不应出现元素 <clause-text>（元素缺失、多余或顺序不对）" },
	{ "schema-bad-severity.xml",
	  "{D}/schema-bad-severity.xml:4: 不符合格式（rulepack.rng）：元素 <rule> 的属性缺失或取值不合法（须有 id（大写字母、数字、连字符，如 INSP-QUARTERLY）、clause（条款号，如 3.4、3.4, 7.12 或 9 (accident 1)）、severity（high、medium、low、info）和 scope（park、enterprise））" },
	{ "schema-unknown-element.xml",
	  "{D}/schema-unknown-element.xml:7: 不符合格式（rulepack.rng）：此处不应出现元素 <owner>（元素缺失、多余或顺序不对）" },
	{ "unknown-kind.xml",
	  "{D}/unknown-kind.xml:7: 未知的检查类型 'monthly'（可用：informational calendar interval deadline checklist-item failed-items-linked required-fields date-order threshold assert expiry known renewal）" },
	{ "unknown-param.xml",
	  "{D}/unknown-param.xml:12: 检查类型 calendar 没有参数 'warn_day'（可用：period select date year_field due_month scope_start warn_days）" },
	{ "param-not-int.xml", "{D}/param-not-int.xml:12: 参数 warn_days 的值 'fifteen' 不是整数" },
	{ "param-out-of-range.xml", "{D}/param-out-of-range.xml:12: 参数 warn_days 的值 400 超出范围（0–366）" },
	{ "param-bad-enum.xml", "{D}/param-bad-enum.xml:8: 参数 period 的值 'month' 不是 quarter、half、year 之一" },
	{ "param-bad-field.xml",
	  "{D}/param-bad-field.xml:10: 参数 date 的值 'Date' 不是合法的字段名（小写字母、数字、下划线）" },
	{ "param-missing-required.xml",
	  "{D}/param-missing-required.xml:7: 检查类型 calendar 缺少必需参数 scope_start" },
	{ "param-duplicate.xml", "{D}/param-duplicate.xml:12: 参数 date 重复给出" },
	{ "param-empty.xml", "{D}/param-empty.xml:9: 参数 select 的值为空" },
	{ "xpath-syntax.xml",
	  "{D}/xpath-syntax.xml:9: 参数 select 的 XPath 表达式无法编译（第 19 个字符处表达式不完整或有误）：inspection[@kind =" },
	{ "xpath-unknown-variable.xml",
	  "{D}/xpath-unknown-variable.xml:9: 参数 select 引用了未定义的变量 $quarter（此处可用：$as_of $subject $effective_from $warn_days $year $index）" },
	{ "xpath-unknown-function.xml",
	  "{D}/xpath-unknown-function.xml:11: 参数 scope_start 调用了未知的函数 st:dayz()" },
	{ "applies-to-syntax.xml",
	  "{D}/applies-to-syntax.xml:7: <applies-to> 的 XPath 表达式无法编译（第 11 个字符处表达式不完整或有误）：@status = = 'operating'" },
	{ "informational-severity.xml",
	  "{D}/informational-severity.xml:4: 规则 T-1 是仅供参考条目，级别（severity）须为 info" },
	{ "informational-mixed.xml",
	  "{D}/informational-mixed.xml:4: 规则 T-1：informational 不能与其他检查同时使用" },
	{ "checkable-info-severity.xml",
	  "{D}/checkable-info-severity.xml:4: 规则 T-1 可核查，级别（severity）不能为 info" },
	{ "deadline-two-limits.xml",
	  "{D}/deadline-two-limits.xml:7: deadline 检查须给出 due_field、deadline_days、deadline_hours 三者之一（且只能一个）" },
	{ "checklist-park-scope.xml",
	  "{D}/checklist-park-scope.xml:7: 检查类型 checklist-item 只适用于企业（scope=\"enterprise\"）" },
	{ "due-month-not-yearly.xml", "{D}/due-month-not-yearly.xml:7: 参数 due_month 只能用于 period=year" },
	{ "threshold-free-int-not-int.xml",
	  "{D}/threshold-free-int-not-int.xml:10: 参数 staff_base 的值 'two' 不是整数" },
	{ "duplicate-id/a.xml duplicate-id/b.xml",
	  "{D}/b.xml:15: 规则 ID 'T-1' 重复（已在 {D}/a.xml:4 定义）" },
	{ "version-mismatch/a.xml version-mismatch/b.xml",
	  "{D}/b.xml:2: 规则包 'test-pack' 的版本 '2' 与 {D}/a.xml 中的 '1' 不一致" },
	/* revision 2: stacked packs */
	{ "duplicate-id-across-packs/a.xml duplicate-id-across-packs/b.xml",
	  "{D}/b.xml:4: 规则 ID 'T-1' 重复（已在 {D}/a.xml:4 定义）" },
	{ "authority-mismatch/a.xml authority-mismatch/b.xml",
	  "{D}/b.xml:2: 规则包 'test-pack' 的级别 'national' 与 {D}/a.xml 中的 'local' 不一致" },
	{ "effective-bad-date.xml",
	  "{D}/effective-bad-date.xml:4: 不符合格式（rulepack.rng）：元素 <rule> 不允许属性 effective_from" },
	{ "effective-order.xml",
	  "{D}/effective-order.xml:4: 规则 T-1 的 effective_until 2025-12-31 早于 effective_from 2026-01-01" },
	{ "xxe-external-entity.xml secret.txt",
	  "{D}/xxe-external-entity.xml:3: 拒绝读取：文档类型声明（DOCTYPE）中声明了实体 'leak'，规则文件与裁剪文件不得声明实体或引用外部 DTD" },
	{ "xxe-parameter-entity.xml secret.txt",
	  "{D}/xxe-parameter-entity.xml:3: 拒绝读取：文档类型声明（DOCTYPE）中声明了实体 'leak'，规则文件与裁剪文件不得声明实体或引用外部 DTD" },
	{ "xxe-external-dtd.xml secret.txt",
	  "{D}/xxe-external-dtd.xml:2: 拒绝读取：文档类型声明（DOCTYPE）引用了外部 DTD 'secret.txt'，规则文件与裁剪文件不得声明实体或引用外部 DTD" },
	{ "billion-laughs.xml",
	  "{D}/billion-laughs.xml:3: 拒绝读取：文档类型声明（DOCTYPE）中声明了实体 'lol0'，规则文件与裁剪文件不得声明实体或引用外部 DTD" },
};

/* counts every attempt libxml2 makes to load an external resource */
static int loads;
static xmlExternalEntityLoader default_loader;

static xmlParserInputPtr counting_loader(const char *url, const char *id, xmlParserCtxtPtr ctxt)
{
	loads++;
	return default_loader(url, id, ctxt);
}

/* load one case directory; returns the diag (caller releases) */
/* Load a case directory the way a maintainer would have prepared it: write
 * its manifest (which only a pack that passes full validation gets), then
 * load.  A pack that could not get one must have been told so, last; that
 * line is checked and dropped here, so that each case asserts its own
 * message (test_manifest_* cover the manifest's). */
static int load_case(const char *dir, const char *tailoring, struct st_pack **out,
		     struct st_diag *d)
{
	char path[512];
	int rc;

	*out = NULL;
	snprintf(path, sizeof path, "%s/MANIFEST", dir);
	unlink(path);
	st_pack_write_manifest(dir, NULL, NULL);
	rc = st_pack_load(dir, tailoring, out, d);
	if (rc != 0 && d && d->count && d->count <= ST_DIAG_KEEP &&
	    strstr(d->line[d->count - 1], "规则包缺少清单文件")) {
		struct st_diag drop = ST_DIAG_INIT;  /* freed by the library that allocated it */
		drop.line[0] = d->line[--d->count];
		drop.count = 1;
		d->line[d->count] = NULL;
		st_diag_release(&drop);
	}
	return rc;
}

static void test_malformed_files(void **state)
{
	(void)state;
	default_loader = xmlGetExternalEntityLoader();
	xmlSetExternalEntityLoader(counting_loader);
	for (size_t i = 0; i < sizeof bad_cases / sizeof bad_cases[0]; i++) {
		const struct bad_case *c = &bad_cases[i];
		char *dir = case_dir(), *files = copy_str(c->files), *save = NULL;
		char expect[2048], from[256];
		struct st_diag d = ST_DIAG_INIT;
		struct st_pack *pack;

		for (char *f = strtok_r(files, " ", &save); f; f = strtok_r(NULL, " ", &save)) {
			snprintf(from, sizeof from, "%s/%s", BAD, f);
			copy_file(from, dir, strrchr(f, '/') ? strrchr(f, '/') + 1 : f);
		}
		loads = 0;
		assert_int_equal(load_case(dir, NULL, &pack, &d), -1);
		assert_null(pack);
		expand(c->expect, dir, expect, sizeof expect);
		if (d.count != 1 || strcmp(d.line[0], expect))
			fail_msg("case %s: %zu errors, first:\n  %s\nexpected:\n  %s", c->files, d.count,
				 d.count ? d.line[0] : "(none)", expect);
		/* refused documents are refused before anything is read */
		assert_int_equal(loads, 0);
		assert_null(strstr(d.line[0], "SECRET-MARKER"));
		st_diag_release(&d);
		free(files);
		remove_dir(dir);
	}
	xmlSetExternalEntityLoader(default_loader);
}

/* One pass reports every problem it can, not only the first. */
static void test_errors_collected(void **state)
{
	(void)state;
	char *dir = case_dir();
	struct st_diag d = ST_DIAG_INIT;
	struct st_pack *pack;

	copy_file(BAD "/param-not-int.xml", dir, "a.xml");
	copy_file(BAD "/unknown-kind.xml", dir, "b.xml");
	assert_int_equal(load_case(dir, NULL, &pack, &d), -1);
	assert_int_equal(d.count, 2);
	assert_non_null(strstr(d.line[0], "/a.xml:12: 参数 warn_days"));
	assert_non_null(strstr(d.line[1], "/b.xml:7: 未知的检查类型"));
	st_diag_release(&d);

	/* a NULL diag is allowed: the failure is still reported by the return */
	assert_int_equal(load_case(dir, NULL, &pack, NULL), -1);
	remove_dir(dir);
}

static void test_directory_errors(void **state)
{
	(void)state;
	struct st_diag d = ST_DIAG_INIT;
	struct st_pack *pack;
	char *dir = case_dir(), expect[512];

	assert_int_equal(load_case(dir, NULL, &pack, &d), -1);
	expand("{D}: 目录中没有规则文件（*.xml）", dir, expect, sizeof expect);
	assert_string_equal(d.line[0], expect);
	st_diag_release(&d);

	assert_int_equal(load_case("/nonexistent/rules", NULL, &pack, &d), -1);
	assert_string_equal(d.line[0], "/nonexistent/rules: 无法打开规则目录：文件或目录不存在");
	st_diag_release(&d);

	/* an empty rule file */
	copy_file("tests/rules/good/pack.xml", dir, "pack.xml");
	expand("{D}/empty.xml", dir, expect, sizeof expect);
	fclose(fopen(expect, "w"));
	assert_int_equal(load_case(dir, NULL, &pack, &d), -1);
	expand("{D}/empty.xml:1: XML 格式错误：文件为空", dir, expect, sizeof expect);
	assert_string_equal(d.line[0], expect);
	assert_int_equal(d.count, 1);
	st_diag_release(&d);
	expand("{D}/empty.xml", dir, expect, sizeof expect);
	unlink(expect);

	/* a pack directory without its schema */
	copy_file("tests/rules/good/pack.xml", dir, "pack.xml");
	expand("{D}/rulepack.rng", dir, expect, sizeof expect);
	unlink(expect);
	assert_int_equal(load_case(dir, NULL, &pack, &d), -1);
	expand("{D}/rulepack.rng: 无法打开：文件或目录不存在", dir, expect, sizeof expect);
	assert_string_equal(d.line[0], expect);
	st_diag_release(&d);
	remove_dir(dir);
}

static void test_size_cap(void **state)
{
	(void)state;
	char *dir = case_dir(), path[512], expect[512];
	struct st_diag d = ST_DIAG_INIT;
	struct st_pack *pack;
	FILE *f;

	snprintf(path, sizeof path, "%s/huge.xml", dir);
	f = fopen(path, "wb");
	assert_non_null(f);
	fputs("<rulepack xmlns=\"urn:safetrack:rules:1\" id=\"x\" version=\"1\"><title>", f);
	for (int i = 0; i < 5 * 1024; i++) {
		char kb[1024];
		memset(kb, 'a', sizeof kb);
		fwrite(kb, 1, sizeof kb, f);
	}
	fputs("</title></rulepack>", f);
	long size = ftell(f);
	fclose(f);
	assert_int_equal(load_case(dir, NULL, &pack, &d), -1);
	snprintf(path, sizeof path, "{D}/huge.xml: 文件过大（%ld 字节，上限 4194304 字节）", size);
	expand(path, dir, expect, sizeof expect);
	assert_string_equal(d.line[0], expect);
	st_diag_release(&d);
	remove_dir(dir);
}

/* ---- tailoring ------------------------------------------------------- */

static char *good_dir(void)
{
	char *dir = case_dir();
	copy_file("tests/rules/good/pack.xml", dir, "pack.xml");
	return dir;
}

/* ---- the manifest (issue #15 item 1, #14 item 2) ----------------------- */

static void test_sha256_vectors(void **state)
{
	(void)state;
	char h[ST_SHA256_HEX];

	st_sha256_hex("", 0, h);
	assert_string_equal(h, "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855");
	st_sha256_hex("abc", 3, h);
	assert_string_equal(h, "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad");
	st_sha256_hex("abcdbcdecdefdefgefghfghighijhijkijkljklmklmnlmnomnopnopq", 56, h);
	assert_string_equal(h, "248d6a61d20638b8e5c026930c3e6039a33ce45964ff2167f6ecedd419db06c1");
}

/* load dir (no tailoring) and expect exactly one error line, {D} = dir */
static void expect_one_error(const char *dir, const char *tmpl)
{
	struct st_diag d = ST_DIAG_INIT;
	struct st_pack *pack = NULL;
	char expect[1024];

	expand(tmpl, dir, expect, sizeof expect);
	assert_int_equal(st_pack_load(dir, NULL, &pack, &d), -1);
	assert_null(pack);
	if (d.count != 1 || strcmp(d.line[0], expect))
		fail_msg("%zu errors, first:\n  %s\nexpected:\n  %s", d.count,
			 d.count ? d.line[0] : "(none)", expect);
	st_diag_release(&d);
}

static void write_text(const char *dir, const char *name, const char *text, const char *mode)
{
	char path[512];
	FILE *f;

	snprintf(path, sizeof path, "%s/%s", dir, name);
	assert_non_null(f = fopen(path, mode));
	fputs(text, f);
	fclose(f);
}

#define CHANGED "文件内容与清单不符（已改动；确认改动无误后运行 safetrack rules manifest 更新清单）"

static void test_manifest_vouches(void **state)
{
	(void)state;
	char *dir = good_dir(), path[512];
	struct st_diag d = ST_DIAG_INIT;
	struct st_pack *pack = NULL;
	size_t n = 0;

	/* no manifest: the pack is refused, with the command that makes one */
	char expect[1024];
	expand("{D}/MANIFEST: 规则包缺少清单文件（规则包须带清单，列出其文件、摘要和规则数；校验无误后运行 "
	       "safetrack rules manifest {D} 生成）", dir, expect, sizeof expect);
	assert_int_equal(st_pack_load(dir, NULL, &pack, &d), -1);
	assert_int_equal(d.count, 1);
	assert_string_equal(d.line[0], expect);
	st_diag_release(&d);

	assert_int_equal(st_pack_write_manifest(dir, &n, &d), 0);
	assert_int_equal(d.count, 0);
	assert_int_equal(n, 4);
	/* a start: the manifest vouches, no RELAX NG */
	assert_int_equal(st_pack_load(dir, NULL, &pack, &d), 0);
	assert_int_equal(pack->nrules, 4);
	assert_int_equal(pack->validated, 0);
	st_pack_free(pack);
	/* rules validate: RELAX NG all the same */
	assert_int_equal(st_pack_load_flags(dir, NULL, ST_PACK_VALIDATE, &pack, &d), 0);
	assert_int_equal(pack->validated, 1);
	st_pack_free(pack);
	/* the tailoring file is never part of the pack and always validated */
	assert_int_equal(st_pack_load(dir, TAILOR "/good.xml", &pack, &d), 0);
	st_pack_free(pack);
	assert_int_equal(d.count, 0);

	/* a changed rule file: named, and validated in full again */
	write_text(dir, "pack.xml", "<!-- edited -->\n", "a");
	expect_one_error(dir, "{D}/pack.xml: " CHANGED);
	/* a changed file that is also invalid: its error first, then the manifest's */
	write_text(dir, "pack.xml", "<rulepack/>\n", "w");
	assert_int_equal(st_pack_load(dir, NULL, &pack, &d), -1);
	assert_int_equal(d.count, 2);
	assert_non_null(strstr(d.line[0], "不符合格式（rulepack.rng）"));
	expand("{D}/pack.xml: " CHANGED, dir, expect, sizeof expect);
	assert_string_equal(d.line[1], expect);
	st_diag_release(&d);
	copy_file("tests/rules/good/pack.xml", dir, "pack.xml");
	assert_int_equal(st_pack_load(dir, NULL, &pack, &d), 0);
	st_pack_free(pack);

	/* a changed schema: no file may skip validation */
	write_text(dir, "rulepack.rng", "<!-- edited -->\n", "a");
	expect_one_error(dir, "{D}/rulepack.rng: " CHANGED);
	copy_file("rules/rulepack.rng", dir, "rulepack.rng");

	/* an extra file, rule file or schema */
	write_text(dir, "extra.rng", "<grammar/>\n", "w");
	expect_one_error(dir, "{D}/extra.rng: 清单中没有这个文件（多出的文件；规则包只能由清单所列文件组成，"
			 "裁剪文件请放在规则目录之外）");
	snprintf(path, sizeof path, "%s/extra.rng", dir);
	unlink(path);

	/* a missing file */
	snprintf(path, sizeof path, "%s/tailoring.rng", dir);
	unlink(path);
	expect_one_error(dir, "{D}/tailoring.rng: 清单中列出的文件缺失（清单第 7 行）");
	copy_file("rules/tailoring.rng", dir, "tailoring.rng");
	assert_int_equal(st_pack_load(dir, NULL, &pack, &d), 0);
	st_pack_free(pack);
	remove_dir(dir);
}

/* a file's bytes as a string (the caller frees) */
static char *read_text(const char *dir, const char *name)
{
	char path[512], *buf;
	FILE *f;
	long n;

	snprintf(path, sizeof path, "%s/%s", dir, name);
	assert_non_null(f = fopen(path, "rb"));
	fseek(f, 0, SEEK_END);
	n = ftell(f);
	rewind(f);
	assert_non_null(buf = malloc((size_t)n + 1));
	assert_int_equal(fread(buf, 1, (size_t)n, f), (size_t)n);
	buf[n] = 0;
	fclose(f);
	return buf;
}

/* The file status record (.manifest-stat, issue #14 target 2): a file's
 * digest is taken from it only while the file's status (device, inode,
 * size, modification and change times) is as recorded. */
static void test_manifest_stats(void **state)
{
	(void)state;
	static const char *const names[] = { "pack.xml", "rulepack.rng", "tailoring.rng" };
	char *dir = good_dir(), path[512], file[512], hash[ST_SHA256_HEX], want[ST_SHA256_HEX];
	struct st_diag d = ST_DIAG_INIT;
	struct st_pack *pack = NULL;
	struct st_manifest_stats s;
	struct stat st;

	assert_int_equal(st_pack_write_manifest(dir, NULL, &d), 0);
	snprintf(path, sizeof path, "%s/" ST_MANIFEST_STAT_NAME, dir);
	/* files changed a moment ago are not recorded: a second change within
	 * the same tick of the file system's clock would leave the same times */
	assert_int_equal(st_pack_load(dir, NULL, &pack, &d), 0);
	st_pack_free(pack);
	assert_int_equal(access(path, F_OK), -1);

	/* the same files as a load a minute later sees them: recorded */
	st_manifest_stats_read(dir, &s);
	assert_int_equal(s.n, 0);
	s.begun.tv_sec += 60;
	for (size_t i = 0; i < 3; i++) {
		snprintf(file, sizeof file, "%s/%s", dir, names[i]);
		assert_int_equal(st_manifest_digest(file, &s, hash, &d), 0);
		assert_int_equal(st_manifest_hash_file(file, want, &d), 0);
		assert_string_equal(hash, want);
	}
	assert_true(s.dirty);
	st_manifest_stats_write(dir, &s);
	st_manifest_stats_release(&s);
	assert_int_equal(access(path, F_OK), 0);
	st_manifest_stats_read(dir, &s);
	assert_int_equal(s.n, 3);
	snprintf(file, sizeof file, "%s/pack.xml", dir);
	assert_int_equal(stat(file, &st), 0);
	assert_int_equal(st_manifest_hash_file(file, want, &d), 0);
	assert_non_null(st_manifest_stats_find(&s, "pack.xml", &st));
	assert_string_equal(st_manifest_stats_find(&s, "pack.xml", &st), want);
	st.st_size++;
	assert_null(st_manifest_stats_find(&s, "pack.xml", &st));
	st_manifest_stats_release(&s);
	assert_int_equal(st_pack_load(dir, NULL, &pack, &d), 0);
	assert_int_equal(pack->nrules, 4);
	st_pack_free(pack);
	assert_int_equal(d.count, 0);

	/* the loader takes the recorded digest for an unchanged file (which is
	 * what makes it cheap): a wrong one in the record is what it compares */
	char *record = read_text(dir, ST_MANIFEST_STAT_NAME), *at = strstr(record, want);
	assert_non_null(at);
	memset(at, '0', 64);
	write_text(dir, ST_MANIFEST_STAT_NAME, record, "w");
	expect_one_error(dir, "{D}/pack.xml: " CHANGED);
	memcpy(at, want, 64);
	write_text(dir, ST_MANIFEST_STAT_NAME, record, "w");
	free(record);
	assert_int_equal(st_pack_load(dir, NULL, &pack, &d), 0);
	st_pack_free(pack);

	/* a rule file changed in place, same size, its modification time set
	 * back: the change time differs, so it is hashed and named */
	char *text = read_text(dir, "pack.xml"), *v = strstr(text, "version=\"1\"");
	assert_non_null(v);
	v[9] = '2';
	assert_int_equal(stat(file, &st), 0);
	write_text(dir, "pack.xml", text, "w");
	free(text);
	struct timespec times[2] = { st.st_atim, st.st_mtim };
	assert_int_equal(utimensat(AT_FDCWD, file, times, 0), 0);
	struct stat now;
	assert_int_equal(stat(file, &now), 0);
	assert_int_equal(now.st_size, st.st_size);
	assert_int_equal(now.st_mtim.tv_nsec, st.st_mtim.tv_nsec);
	expect_one_error(dir, "{D}/pack.xml: " CHANGED);

	/* a record that is not one is ignored (the files are hashed) */
	copy_file("tests/rules/good/pack.xml", dir, "pack.xml");
	write_text(dir, ST_MANIFEST_STAT_NAME, "not a record\n", "w");
	assert_int_equal(st_pack_load(dir, NULL, &pack, &d), 0);
	st_pack_free(pack);
	st_manifest_stats_read(dir, &s);
	assert_int_equal(s.n, 0);
	st_manifest_stats_release(&s);
	assert_int_equal(d.count, 0);
	remove_dir(dir);
}

#define S_(x) ((x) ? (x) : "(null)")

/* everything a loaded pack holds but the count of files validated, as
 * text (an XPath: whether it is compiled, for XPath and for records) */
static char *describe(const struct st_pack *p)
{
	struct st_buf b = ST_BUF_INIT;

	st_buf_printf(&b, "%s|%s|%s|%s|%s|%s|%d\n", S_(p->id), S_(p->version), S_(p->title),
		      S_(p->dir), S_(p->tailoring), S_(p->tailoring_id), p->notice_days);
	for (size_t i = 0; i < p->npacks; i++)
		st_buf_printf(&b, "pack %s|%s|%s|%s|%s\n", S_(p->packs[i].id), S_(p->packs[i].version),
			      S_(p->packs[i].title), S_(p->packs[i].authority), S_(p->packs[i].file));
	for (size_t i = 0; i < p->nrules; i++) {
		const struct st_rule *r = &p->rules[i];
		st_buf_printf(&b, "rule %s|%s|%s|%s|%s|%s|%s|%zu|%ld|%ld|%d|%d|%s|%d|%d|%d|%d|%s|%d\n",
			      S_(r->id), S_(r->clause), S_(r->clause_text), S_(r->title),
			      S_(r->remediation), S_(r->note), S_(r->regulation), r->pack,
			      (long)r->effective_from, (long)r->effective_until, (int)r->severity,
			      (int)r->scope, S_(r->applies_src), r->applies != NULL,
			      r->applies_fast != NULL, r->informational, r->selected, S_(r->file),
			      r->line);
		for (size_t j = 0; j < r->nchecks; j++) {
			const struct st_check *c = &r->checks[j];
			st_buf_printf(&b, " check %s|%d\n", c->spec->name, c->line);
			for (size_t k = 0; k < c->nparams; k++) {
				const struct st_param *q = &c->params[k];
				st_buf_printf(&b, "  param %s|%s|%s|%ld|%ld|%ld|%d|%d|%d|%d|%d\n",
					      q->spec ? q->spec->name : "-", S_(q->name), S_(q->text),
					      q->ival, q->min, q->max, q->ranged, q->xpath != NULL,
					      q->fast != NULL, q->tailored, q->given);
			}
		}
	}
	assert_false(b.oom);
	char *text = copy_str(st_buf_str(&b));  /* freed by the test's free() */
	st_buf_release(&b);
	return text;
}

/* a pack loaded from dir (with the tailoring, if any), described */
static char *load_described(const char *dir, const char *tailoring, int flags)
{
	struct st_diag d = ST_DIAG_INIT;
	struct st_pack *pack = NULL;
	char *text;

	if (st_pack_load_flags(dir, tailoring, flags, &pack, &d) != 0)
		fail_msg("%s", d.count ? d.line[0] : "?");
	text = describe(pack);
	st_pack_free(pack);
	return text;
}

/* The compiled-pack cache (.pack-cache, issue #14 target 2): a load whose
 * files are all as the manifest and the status record say takes the pack
 * from it; the pack is the one the XML gives, tailoring included. */
static void test_pack_cache(void **state)
{
	(void)state;
	char *dir = copy_str("/tmp/st-cache-XXXXXX"), path[512], cache[512], file[512];
	char hash[ST_SHA256_HEX], **names = NULL;
	struct st_diag d = ST_DIAG_INIT;
	struct st_manifest_stats s;
	size_t n = 0;
	struct stat st;

	assert_non_null(mkdtemp(dir));
	assert_int_equal(st_manifest_list("rules", &names, &n, &d), 0);
	for (size_t i = 0; i < n; i++) {
		snprintf(path, sizeof path, "rules/%s", names[i]);
		copy_file(path, dir, names[i]);
	}
	copy_file("rules/MANIFEST", dir, "MANIFEST");
	snprintf(cache, sizeof cache, "%s/" ST_PACK_CACHE_NAME, dir);

	/* the XML read and validated in full: never from the cache */
	char *fresh = load_described(dir, NULL, ST_PACK_VALIDATE);
	char *tailored = load_described(dir, "docs/tailoring-example.xml", ST_PACK_VALIDATE);
	/* files changed a moment ago: no status record, so no cache either */
	char *text = load_described(dir, NULL, 0);
	assert_string_equal(text, fresh);
	free(text);
	assert_int_equal(access(cache, F_OK), -1);

	/* the files as a load a minute later sees them (see test_manifest_stats) */
	st_manifest_stats_read(dir, &s);
	s.begun.tv_sec += 60;
	for (size_t i = 0; i < n; i++) {
		snprintf(file, sizeof file, "%s/%s", dir, names[i]);
		assert_int_equal(st_manifest_digest(file, &s, hash, &d), 0);
	}
	st_manifest_stats_write(dir, &s);
	st_manifest_stats_release(&s);

	/* the first load builds it, the next ones read it: the same pack */
	text = load_described(dir, NULL, 0);
	assert_string_equal(text, fresh);
	free(text);
	assert_int_equal(stat(cache, &st), 0);
	off_t size = st.st_size;
	text = load_described(dir, NULL, 0);
	assert_string_equal(text, fresh);
	free(text);
	text = load_described(dir, "docs/tailoring-example.xml", 0);
	assert_string_equal(text, tailored);
	free(text);

	/* it is read: a rule's id changed in it shows in the loaded pack */
	char *bytes = read_text(dir, ST_PACK_CACHE_NAME), *at;
	FILE *f;
	at = NULL;
	for (off_t i = 0; i + 6 <= size && !at; i++)
		if (!memcmp(bytes + i, "CHK-13", 6))
			at = bytes + i;
	assert_non_null(at);
	at[5] = 'X';
	snprintf(path, sizeof path, "%s/" ST_PACK_CACHE_NAME, dir);
	assert_non_null(f = fopen(path, "wb"));
	assert_int_equal(fwrite(bytes, 1, (size_t)size, f), (size_t)size);
	fclose(f);
	text = load_described(dir, NULL, 0);
	assert_non_null(strstr(text, "rule CHK-1X|"));
	assert_null(strstr(text, "rule CHK-13|"));
	free(text);

	/* damaged (cut short): the XML is read, and the cache made again */
	assert_int_equal(truncate(path, size / 2), 0);
	text = load_described(dir, NULL, 0);
	assert_string_equal(text, fresh);
	free(text);
	assert_int_equal(stat(cache, &st), 0);
	assert_int_equal(st.st_size, size);
	char *again = read_text(dir, ST_PACK_CACHE_NAME);
	at[5] = '3';
	assert_memory_equal(again, bytes, (size_t)size);
	free(again);
	free(bytes);

	/* a rule file changed in place behind the cache: named, as always */
	snprintf(file, sizeof file, "%s/40-training.xml", dir);
	assert_int_equal(stat(file, &st), 0);
	char *xml = read_text(dir, "40-training.xml"), *sev = strstr(xml, "severity=\"high\"");
	assert_non_null(sev);
	memcpy(sev, "severity=\"low\" ", 15);
	write_text(dir, "40-training.xml", xml, "w");
	free(xml);
	struct timespec times[2] = { st.st_atim, st.st_mtim };
	assert_int_equal(utimensat(AT_FDCWD, file, times, 0), 0);
	expect_one_error(dir, "{D}/40-training.xml: " CHANGED);

	for (size_t i = 0; i < n; i++)
		lib_free(names[i]);
	lib_free(names);
	free(fresh);
	free(tailored);
	remove_dir(dir);
}

static void test_manifest_malformed(void **state)
{
	(void)state;
	static const struct { const char *text, *expect; } cases[] = {
		{ "rules 4\n", "{D}/MANIFEST: 清单没有列出任何文件" },
		{ "0000  pack.xml\n", "{D}/MANIFEST:1: 无法识别的行（应为“64 位十六进制 SHA-256、两个空格、"
		  "文件名”或“rules 规则数”）" },
		{ "rules four\n", "{D}/MANIFEST:1: 规则数 'four' 不是非负整数" },
		{ "rules 4\nrules 4\n", "{D}/MANIFEST:2: 规则数重复给出" },
		{ "# only a comment\n", "{D}/MANIFEST: 清单缺少规则数（rules N）行" },
		{ "rules 4\n"
		  "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855  ../pack.xml\n",
		  "{D}/MANIFEST:2: 无法识别的行（应为“64 位十六进制 SHA-256、两个空格、文件名”或“rules 规则数”）" },
		{ "rules 4\n"
		  "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855  pack.xml\n"
		  "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855  pack.xml\n",
		  "{D}/MANIFEST:3: 文件 pack.xml 重复列出（已在第 2 行）" },
	};
	char *dir = good_dir();

	for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++) {
		write_text(dir, "MANIFEST", cases[i].text, "w");
		expect_one_error(dir, cases[i].expect);
	}
	/* every file as listed but another rule count */
	assert_int_equal(st_pack_write_manifest(dir, NULL, NULL), 0);
	char path[512], *text, *p;
	snprintf(path, sizeof path, "%s/MANIFEST", dir);
	text = slurp(path);
	assert_non_null(p = strstr(text, "rules 4\n"));
	p[6] = '5';
	write_text(dir, "MANIFEST", text, "w");
	free(text);
	expect_one_error(dir, "{D}/MANIFEST: 规则包有 4 条规则，清单记载 5 条");
	/* a FIFO as manifest is refused without blocking (item 10) */
	unlink(path);
	assert_int_equal(mkfifo(path, 0600), 0);
	expect_one_error(dir, "{D}/MANIFEST: 无法打开：不是普通文件（可能是目录、管道或设备），拒绝读取");
	remove_dir(dir);
}

/* writing a manifest for a pack that does not validate writes nothing */
static void test_manifest_refused(void **state)
{
	(void)state;
	char *dir = case_dir(), path[512];
	struct st_diag d = ST_DIAG_INIT;

	copy_file(BAD "/param-bad-enum.xml", dir, "bad.xml");
	assert_int_equal(st_pack_write_manifest(dir, NULL, &d), -1);
	assert_true(d.count >= 1);
	st_diag_release(&d);
	snprintf(path, sizeof path, "%s/MANIFEST", dir);
	assert_int_equal(access(path, F_OK), -1);
	remove_dir(dir);
}

static void test_tailoring_applied(void **state)
{
	(void)state;
	char *dir = good_dir();
	struct st_diag d = ST_DIAG_INIT;
	struct st_pack *pack;

	assert_int_equal(load_case(dir, TAILOR "/good.xml", &pack, &d), 0);
	assert_int_equal(d.count, 0);
	assert_string_equal(pack->tailoring, TAILOR "/good.xml");
	assert_string_equal(pack->tailoring_id, "park-a-2026");

	const struct st_param *p = st_check_param(&st_pack_find(pack, "T-CAL")->checks[0], "warn_days");
	assert_int_equal(p->ival, 10);
	assert_string_equal(p->text, "10");
	assert_int_equal(p->tailored, 1);
	assert_int_equal(p->given, 1);

	p = st_check_param(&st_pack_find(pack, "T-STAFF")->checks[0], "staff_step");
	assert_int_equal(p->ival, 150);
	assert_int_equal(p->tailored, 1);
	assert_int_equal(st_check_int(&st_pack_find(pack, "T-STAFF")->checks[0], "staff_base", 0), 2);

	/* check="2": only the second check changes; the first keeps its default */
	const struct st_rule *two = st_pack_find(pack, "T-TWO");
	p = st_check_param(&two->checks[0], "warn_days");
	assert_int_equal(p->ival, 30);
	assert_int_equal(p->tailored, 0);
	assert_int_equal(p->given, 0);
	p = st_check_param(&two->checks[1], "warn_days");
	assert_int_equal(p->ival, 45);
	assert_int_equal(p->tailored, 1);

	assert_int_equal(st_pack_find(pack, "T-INFO")->selected, 0);
	assert_int_equal(st_pack_find(pack, "T-CAL")->selected, 1);
	st_pack_free(pack);

	/* without check=: every check that has the parameter */
	assert_int_equal(load_case(dir, TAILOR "/all-checks.xml", &pack, &d), 0);
	two = st_pack_find(pack, "T-TWO");
	assert_int_equal(st_check_int(&two->checks[0], "warn_days", 0), 20);
	assert_int_equal(st_check_int(&two->checks[1], "warn_days", 0), 20);
	assert_int_equal(st_check_param(&two->checks[0], "warn_days")->tailored, 1);
	st_pack_free(pack);
	remove_dir(dir);
}

static const struct bad_case tailoring_cases[] = {
	{ "unknown-rule.xml", "tests/rules/tailoring/unknown-rule.xml:3: 裁剪引用了不存在的规则 'T-NOPE'" },
	{ "deselect-unknown.xml",
	  "tests/rules/tailoring/deselect-unknown.xml:3: 裁剪引用了不存在的规则 'T-NOPE'" },
	{ "unknown-param.xml", "tests/rules/tailoring/unknown-param.xml:3: 规则 T-CAL 没有参数 'warn_dayz'" },
	{ "not-integer.xml",
	  "tests/rules/tailoring/not-integer.xml:3: 规则 T-CAL 的参数 warn_days 的值 'ten' 不是整数" },
	{ "out-of-range.xml",
	  "tests/rules/tailoring/out-of-range.xml:3: 规则 T-CAL 的参数 warn_days 的值 1000 超出范围（0–366）" },
	/* issue #15 item 2: "staff 5 >= required -1185" is no longer possible */
	{ "range-staff-step.xml",
	  "tests/rules/tailoring/range-staff-step.xml:3: 规则 T-STAFF 的参数 staff_step 的值 -1 超出规则文件声明的范围（1–200）" },
	{ "range-staff-base.xml",
	  "tests/rules/tailoring/range-staff-base.xml:3: 规则 T-STAFF 的参数 staff_base 的值 -100 超出规则文件声明的范围（2–100）" },
	{ "not-integer-param.xml",
	  "tests/rules/tailoring/not-integer-param.xml:3: 规则 T-CAL 的参数 select 不是整数参数，不能裁剪" },
	{ "wrong-pack.xml",
	  "tests/rules/tailoring/wrong-pack.xml:2: 裁剪文件针对规则包 'tacheng-park-safety'，而加载的规则包是 'test-pack'" },
	{ "schema-missing-param.xml",
	  "tests/rules/tailoring/schema-missing-param.xml:3: 不符合格式（tailoring.rng）：元素 <set> 的属性缺失或取值不合法（须有 rule 和 param，可选 check（正整数））" },
	{ "duplicate-set.xml",
	  "tests/rules/tailoring/duplicate-set.xml:4: 规则 T-CAL 的参数 warn_days 重复裁剪" },
	{ "bad-check-index.xml",
	  "tests/rules/tailoring/bad-check-index.xml:3: 规则 T-TWO 没有第 3 项检查（共 2 项）" },
	{ "xxe.xml",
	  "tests/rules/tailoring/xxe.xml:3: 拒绝读取：文档类型声明（DOCTYPE）中声明了实体 'leak'，规则文件与裁剪文件不得声明实体或引用外部 DTD" },
	{ "missing.xml", "tests/rules/tailoring/missing.xml: 无法打开：文件或目录不存在" },
};

static void test_tailoring_errors(void **state)
{
	(void)state;
	char *dir = good_dir();

	for (size_t i = 0; i < sizeof tailoring_cases / sizeof tailoring_cases[0]; i++) {
		const struct bad_case *c = &tailoring_cases[i];
		struct st_diag d = ST_DIAG_INIT;
		struct st_pack *pack;
		char path[256];

		snprintf(path, sizeof path, "%s/%s", TAILOR, c->files);
		assert_int_equal(load_case(dir, path, &pack, &d), -1);
		assert_null(pack);
		if (d.count != 1 || strcmp(d.line[0], c->expect))
			fail_msg("case %s: %zu errors, first:\n  %s\nexpected:\n  %s", c->files, d.count,
				 d.count ? d.line[0] : "(none)", c->expect);
		st_diag_release(&d);
	}
	remove_dir(dir);
}

/* The example shipped in docs/ applies to the real pack. */
static void test_tailoring_example(void **state)
{
	(void)state;
	struct st_diag d = ST_DIAG_INIT;
	struct st_pack *pack;
	size_t tailored = 0, deselected = 0;

	assert_int_equal(st_pack_load("rules", "docs/tailoring-example.xml", &pack, &d), 0);
	for (size_t i = 0; i < pack->nrules; i++) {
		deselected += !pack->rules[i].selected;
		for (size_t c = 0; c < pack->rules[i].nchecks; c++)
			for (size_t p = 0; p < pack->rules[i].checks[c].nparams; p++)
				tailored += pack->rules[i].checks[c].params[p].tailored;
	}
	assert_true(tailored > 0);
	assert_true(deselected > 0);
	st_pack_free(pack);
}

/* ---- st:days and the default directory ------------------------------- */

static double eval_number(xmlXPathContextPtr ctx, const char *expr)
{
	xmlXPathObjectPtr o = xmlXPathEvalExpression(BAD_CAST expr, ctx);
	double v;

	assert_non_null(o);
	v = xmlXPathCastToNumber(o);
	xmlXPathFreeObject(o);
	return v;
}

static void test_st_days(void **state)
{
	(void)state;
	static const char doc_text[] =
		"<r><e d=\"2026-03-05\" t=\"2026-03-05T23:59\" bad=\"2026-02-30\"/><e d=\"2020-01-01\"/></r>";
	xmlDocPtr doc = xmlReadMemory(doc_text, sizeof doc_text - 1, "t.xml", NULL, XML_PARSE_NONET);
	xmlXPathContextPtr ctx = xmlXPathNewContext(doc);
	st_day day;

	assert_non_null(ctx);
	assert_int_equal(st_xpath_register(ctx), 0);
	assert_int_equal(st_date_parse_iso("2026-03-05", &day), 0);
	assert_true(eval_number(ctx, "st:days('2026-03-05')") == day);
	assert_true(eval_number(ctx, "st:days('2026-03-05T10:30')") == day);
	assert_true(eval_number(ctx, "st:days('1970-01-01')") == 0);
	assert_true(eval_number(ctx, "st:days('1969-12-31')") == -1);
	/* node sets: the first node's string value */
	assert_true(eval_number(ctx, "st:days(/r/e/@d)") == day);
	assert_true(eval_number(ctx, "st:days(/r/e[1]/@t)") == day);
	assert_true(eval_number(ctx, "st:days(/r/e[2]/@d) < st:days(/r/e[1]/@d)") == 1);
	/* empty or malformed: NaN, so every comparison is false */
	assert_true(isnan(eval_number(ctx, "st:days('')")));
	assert_true(isnan(eval_number(ctx, "st:days(/r/e/@missing)")));
	assert_true(isnan(eval_number(ctx, "st:days(/r/e/@bad)")));
	assert_true(isnan(eval_number(ctx, "st:days('2026-3-5')")));
	assert_true(isnan(eval_number(ctx, "st:days('2026-03-05T24:00')")));
	assert_true(isnan(eval_number(ctx, "st:days('2026-03-05Tjunk!')")));
	assert_true(isnan(eval_number(ctx, "st:days('2026-03-05 ')")));
	assert_true(eval_number(ctx, "st:days(/r/e/@missing) <= 0") == 0);
	/* a number argument is read as its string, which is not a date */
	assert_true(isnan(eval_number(ctx, "st:days(20260305)")));
	xmlXPathFreeContext(ctx);
	xmlFreeDoc(doc);
}

static void keep_xpath_error(void *data, xmlErrorPtr e)
{
	st_xpath_error_text(e, data, 128);
}

/* a runtime error reaches the context's handler, and reads in Chinese */
static void test_st_days_arity(void **state)
{
	(void)state;
	xmlXPathContextPtr ctx = xmlXPathNewContext(NULL);
	char msg[128] = "";
	xmlXPathObjectPtr o;

	assert_int_equal(st_xpath_register(ctx), 0);
	ctx->error = keep_xpath_error;
	ctx->userData = msg;
	o = xmlXPathEvalExpression(BAD_CAST "st:days('2026-01-01', 'x')", ctx);
	assert_null(o);
	assert_string_equal(msg, "第 27 个字符处函数参数个数有误");
	o = xmlXPathEvalExpression(BAD_CAST "st:days($nope)", ctx);
	assert_null(o);
	assert_string_equal(msg, "第 15 个字符处变量未定义");
	xmlXPathFreeContext(ctx);
}

static void test_default_dir(void **state)
{
	(void)state;
	setenv("SAFETRACK_RULES", "/some/where", 1);
	assert_string_equal(st_rules_default_dir(), "/some/where");
	setenv("SAFETRACK_RULES", "", 1);
	/* the test binary lives in build/tests/, with no rules/ beside it */
	assert_string_equal(st_rules_default_dir(), ST_DATADIR "/rules");
	unsetenv("SAFETRACK_RULES");
	assert_string_equal(st_rules_default_dir(), ST_DATADIR "/rules");
}

static void test_names(void **state)
{
	(void)state;
	assert_string_equal(st_severity_name(ST_SEV_HIGH), "high");
	assert_string_equal(st_severity_name(ST_SEV_INFO), "info");
	assert_string_equal(st_severity_name_zh(ST_SEV_MEDIUM), "中");
	assert_string_equal(st_scope_name(ST_SCOPE_PARK), "park");
	assert_string_equal(st_scope_name(ST_SCOPE_ENTERPRISE), "enterprise");
}

static void silence(void *ctx, const char *msg, ...)
{
	(void)ctx, (void)msg;
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_pack_shape),
		cmocka_unit_test(test_xpath_compiled_once_across_threads),
		cmocka_unit_test(test_pack_params),
		cmocka_unit_test(test_catalogue_complete),
		cmocka_unit_test(test_catalogue_national),
		cmocka_unit_test(test_regulation_parsed),
		cmocka_unit_test(test_paragraphs_covered),
		cmocka_unit_test(test_clause_text_verbatim),
		cmocka_unit_test(test_pack_expressions),
		cmocka_unit_test(test_malformed_files),
		cmocka_unit_test(test_errors_collected),
		cmocka_unit_test(test_directory_errors),
		cmocka_unit_test(test_size_cap),
		cmocka_unit_test(test_sha256_vectors),
		cmocka_unit_test(test_manifest_vouches),
		cmocka_unit_test(test_manifest_stats),
		cmocka_unit_test(test_pack_cache),
		cmocka_unit_test(test_manifest_malformed),
		cmocka_unit_test(test_manifest_refused),
		cmocka_unit_test(test_tailoring_applied),
		cmocka_unit_test(test_tailoring_errors),
		cmocka_unit_test(test_tailoring_example),
		cmocka_unit_test(test_st_days),
		cmocka_unit_test(test_st_days_arity),
		cmocka_unit_test(test_default_dir),
		cmocka_unit_test(test_names),
	};
	int rc;

	/* the arity test provokes an XPath error on purpose; keep it off the log */
	xmlSetGenericErrorFunc(NULL, silence);
	xmlInitParser();
	rc = cmocka_run_group_tests_name("rules", tests, setup, teardown);
	xmlCleanupParser();
	return rc;
}
