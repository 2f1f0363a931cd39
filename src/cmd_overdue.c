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

#include "st_chase.h"
#include "st_cli.h"

static const char usage[] =
	"safetrack overdue [--as-of DATE] [--within DAYS] [--park ID] [--tailoring FILE]";

static const char help[] =
	"列出全园区已逾期和即将到期的义务，逾期最久的排在最前，并给出应做的事。\n\n"
	"  --as-of DATE       评估日（默认今天）\n"
	"  --within DAYS      列出 DAYS 天内到期的义务（默认按各规则的预警天数）\n"
	"  --park ID          只看这个园区\n"
	"  --tailoring FILE   园区裁剪文件\n";

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
	struct st_chase l;
	long within = -1;
	st_day as_of;
	const char *as_of_arg = NULL, *tailoring = NULL;
	struct st_diag diag = ST_DIAG_INIT;
	int c;

	optind = 1;
	opterr = 0;
	while ((c = getopt_long(argc, argv, ":h", opts, NULL)) != -1) {
		switch (c) {
		case 'a': as_of_arg = optarg; break;
		case 'p': filter.park = optarg; break;
		case 't': tailoring = optarg; break;
		case 'w': {
			char *end;
			within = strtol(optarg, &end, 10);
			if (*optarg < '0' || *optarg > '9' || *end || within > 3660)
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
	if (st_cli_parse_as_of(as_of_arg, &as_of) != 0)
		return 1;
	struct st_pack *pack = st_cli_pack(cli, tailoring);
	sqlite3 *db = pack ? st_cli_db(cli, ST_STORE_READ) : NULL;
	if (!db)
		return 1;

	if (st_chase_run(db, pack, as_of, within, &filter, NULL, NULL, &l, &diag) != 0) {
		st_cli_print_errors(&diag);
		st_diag_release(&diag);
		return 1;
	}

	size_t late = l.overdue;
	char day[11];
	printf("安全生产督办清单  评估日 %s：逾期 %zu 项，即将到期 %zu 项\n",
	       st_date_format(as_of, day), late, l.n - late);
	for (size_t i = 0; i < l.n; i++) {
		const struct st_chase_item *it = &l.v[i];
		int days = (int)(as_of - it->due);
		printf("\n%s %d 天  截止 %s  %s（%s）\n  %s %s [%s]\n  %s\n  应做：%s\n",
		       it->status == ST_OVERDUE ? "逾期" : "剩余", days >= 0 ? days : -days,
		       st_date_format(it->due, day), it->name, it->subject, it->rule->id,
		       it->rule->title ? it->rule->title : "", it->rule->clause ? it->rule->clause : "",
		       it->detail, it->rule->remediation ? it->rule->remediation : "");
	}
	st_chase_release(&l);
	st_diag_release(&diag);
	return 0;
}
