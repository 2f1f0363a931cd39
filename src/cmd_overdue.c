/*
 * cmd_overdue.c — `safetrack overdue`: the office's daily "what must I chase".
 *
 * Every overdue and due-soon obligation across the park, most late first,
 * with days late or left, the enterprise, the rule and what to do.  With
 * --within DAYS the look-ahead is DAYS instead of each rule's warning window:
 * any dated obligation not yet failed whose deadline falls within DAYS is
 * listed too.
 */
#include <getopt.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "st_checker.h"
#include "st_cli.h"

static const char usage[] =
	"safetrack overdue [--as-of DATE] [--within DAYS] [--park ID] [--tailoring FILE]";

static const char help[] =
	"列出全园区已逾期和即将到期的义务，逾期最久的排在最前，并给出应做的事。\n\n"
	"  --as-of DATE       评估日（默认今天）\n"
	"  --within DAYS      列出 DAYS 天内到期的义务（默认按各规则的预警天数）\n"
	"  --park ID          只看这个园区\n"
	"  --tailoring FILE   园区裁剪文件\n";

struct item {
	enum st_status status;
	st_day due;
	char *subject, *name, *detail;
	const struct st_rule *rule;
};

struct list {
	struct item *v;
	size_t n, cap;
	st_day as_of;
	long within;   /* -1: each rule's own warning window */
	int oom;
};

static char *dup(const char *s)
{
	return strdup(s ? s : "");
}

static int collect(void *arg, const struct st_subject *s)
{
	struct list *l = arg;

	for (size_t i = 0; i < s->nresults; i++) {
		const struct st_result *r = &s->results[i];
		int take = r->status == ST_OVERDUE ||
			   (l->within < 0 ? r->status == ST_DUE_SOON :
			    (r->status == ST_DUE_SOON || r->status == ST_PASS) &&
				    r->due != ST_DAY_NONE && r->due <= l->as_of + l->within);
		if (!take)
			continue;
		if (l->n == l->cap) {
			size_t cap = l->cap ? l->cap * 2 : 64;
			struct item *v = realloc(l->v, cap * sizeof *v);
			if (!v)
				return l->oom = 1;
			l->v = v;
			l->cap = cap;
		}
		struct item *it = &l->v[l->n];
		it->status = r->status == ST_PASS ? ST_DUE_SOON : r->status;
		it->due = r->due;
		it->rule = r->rule;
		it->subject = dup(s->id);
		it->name = dup(s->name);
		it->detail = dup(r->detail_zh);
		l->n++;
		if (!it->subject || !it->name || !it->detail)
			return l->oom = 1;
	}
	return 0;
}

/* most late first: the earliest due date; ties by subject and rule */
static int item_cmp(const void *a, const void *b)
{
	const struct item *x = a, *y = b;
	if (x->due != y->due)
		return x->due < y->due ? -1 : 1;
	int c = strcmp(x->subject, y->subject);
	return c ? c : strcmp(x->rule->id, y->rule->id);
}

int cmd_overdue(struct st_cli *cli, int argc, char **argv)
{
	static const struct option opts[] = {
		{ "as-of", required_argument, NULL, 'a' },
		{ "within", required_argument, NULL, 'w' },
		{ "park", required_argument, NULL, 'p' },
		{ "tailoring", required_argument, NULL, 't' },
		{ "help", no_argument, NULL, 'h' },
		{ NULL, 0, NULL, 0 },
	};
	struct st_check_filter filter = { NULL, NULL, NULL };
	struct list l = { NULL, 0, 0, 0, -1, 0 };
	const char *as_of_arg = NULL, *tailoring = NULL;
	struct st_diag diag = ST_DIAG_INIT;
	int c, rc = 1;

	optind = 1;
	opterr = 0;
	while ((c = getopt_long(argc, argv, ":h", opts, NULL)) != -1) {
		switch (c) {
		case 'a': as_of_arg = optarg; break;
		case 'p': filter.park = optarg; break;
		case 't': tailoring = optarg; break;
		case 'w': {
			char *end;
			l.within = strtol(optarg, &end, 10);
			if (*optarg < '0' || *optarg > '9' || *end || l.within > 3660)
				return st_cli_usage(usage, "--within: '%s' 不是 0 到 3660 之间的天数",
						    optarg);
			break;
		}
		default:
			return st_cli_option(c, argv, usage, help);
		}
	}
	if (optind < argc)
		return st_cli_usage(usage, "多余的参数 '%s'", argv[optind]);
	if (st_cli_parse_as_of(as_of_arg, &l.as_of) != 0)
		return 1;
	struct st_pack *pack = st_cli_pack(cli, tailoring);
	sqlite3 *db = pack ? st_cli_db(cli, ST_STORE_READ) : NULL;
	if (!db)
		return 1;

	if (st_checker_run(db, pack, l.as_of, &filter, collect, &l, &diag) != 0) {
		if (l.oom)
			st_cli_error("内存不足");
		else
			st_cli_print_errors(&diag);
		goto out;
	}
	qsort(l.v, l.n, sizeof *l.v, item_cmp);

	size_t late = 0;
	char day[11];
	for (size_t i = 0; i < l.n; i++)
		late += l.v[i].status == ST_OVERDUE;
	printf("安全生产督办清单  评估日 %s：逾期 %zu 项，即将到期 %zu 项\n",
	       st_date_format(l.as_of, day), late, l.n - late);
	for (size_t i = 0; i < l.n; i++) {
		const struct item *it = &l.v[i];
		int days = (int)(l.as_of - it->due);
		printf("\n%s %d 天  截止 %s  %s（%s）\n  %s %s [%s]\n  %s\n  应做：%s\n",
		       it->status == ST_OVERDUE ? "逾期" : "剩余", days >= 0 ? days : -days,
		       st_date_format(it->due, day), it->name, it->subject, it->rule->id,
		       it->rule->title ? it->rule->title : "", it->rule->clause ? it->rule->clause : "",
		       it->detail, it->rule->remediation ? it->rule->remediation : "");
	}
	rc = 0;
out:
	for (size_t i = 0; i < l.n; i++) {
		free(l.v[i].subject);
		free(l.v[i].name);
		free(l.v[i].detail);
	}
	free(l.v);
	st_diag_release(&diag);
	return rc;
}
