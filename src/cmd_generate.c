/*
 * cmd_generate.c — `safetrack generate`: write a synthetic park dossier.
 *
 *   safetrack generate --enterprises N --years Y --seed S [--until DATE]
 *                      [--park-size N] [--force] DIR
 *
 * The options are all required but --until, --park-size and --force, so that
 * a command line names everything the output depends on and can be rerun to
 * the same bytes.  DIR is created if missing; an existing DIR that already
 * holds CSV files is refused without --force, because overwriting someone's
 * dossier by a typo would be unrecoverable.
 */
#include <dirent.h>
#include <errno.h>
#include <inttypes.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "st_cli.h"
#include "st_generate.h"

static const char usage[] =
	"safetrack generate --enterprises N --years Y --seed S [--until DATE] "
	"[--park-size N] [--force] DIR";

static void print_help(void)
{
	printf("用法: %s\n\n"
	       "生成可复现的合成园区档案（CSV 文件夹，格式同 import/export），用于测试与性能基准。\n"
	       "相同的参数总是生成逐字节相同的文件。\n\n"
	       "选项:\n"
	       "  --enterprises N  企业数（约每 %d 家企业一个园区）\n"
	       "  --years Y        覆盖的自然年数（截至 --until 所在年份，1–%d）\n"
	       "  --seed S         随机种子（非负整数）\n"
	       "  --until DATE     档案截止日期，记录均不晚于此日（默认 2026-11-28）\n"
	       "  --park-size N    每个园区的企业数（默认 %d）\n"
	       "  --force          DIR 中已有 CSV 文件时仍然覆盖\n"
	       "  --help           显示本帮助\n",
	       usage, ST_GENERATE_PARK_SIZE, ST_GENERATE_MAX_YEARS, ST_GENERATE_PARK_SIZE);
}

/* a whole decimal number, no sign, no trailing text */
static int parse_u64(const char *s, uint64_t *out)
{
	char *end;

	if (!*s || *s < '0' || *s > '9')
		return -1;
	errno = 0;
	unsigned long long v = strtoull(s, &end, 10);
	if (errno || *end)
		return -1;
	*out = (uint64_t)v;
	return 0;
}

/* 1 if dir holds a file whose name ends in ".csv", 0 if not, -1 if it
 * cannot be read (errno set) */
static int has_csv(const char *dir)
{
	DIR *d = opendir(dir);
	struct dirent *de;
	int found = 0;

	if (!d)
		return -1;
	while (!found && (de = readdir(d)) != NULL) {
		size_t n = strlen(de->d_name);
		found = n > 4 && !strcmp(de->d_name + n - 4, ".csv");
	}
	closedir(d);
	return found;
}

static void show_progress(void *arg, unsigned long done, unsigned long total)
{
	(void)arg;
	fprintf(stderr, "\r已生成 %lu / %lu 家企业", done, total);
	if (done == total)
		fputc('\n', stderr);
}

int cmd_generate(struct st_cli *cli, int argc, char **argv)
{
	struct st_generate_opts opt;
	struct st_generate_stats stats;
	struct st_diag diag = ST_DIAG_INIT;
	const char *dir = NULL;
	int force = 0, have_n = 0, have_y = 0, have_s = 0;
	struct stat sb;

	(void)cli;
	st_generate_opts_init(&opt);
	for (int i = 1; i < argc; i++) {
		const char *a = argv[i];
		uint64_t v;

		if (!strcmp(a, "--help") || !strcmp(a, "-h")) {
			print_help();
			return 0;
		} else if (!strcmp(a, "--force")) {
			force = 1;
		} else if (!strcmp(a, "--enterprises") || !strcmp(a, "--years") ||
			   !strcmp(a, "--seed") || !strcmp(a, "--until") ||
			   !strcmp(a, "--park-size")) {
			if (i + 1 >= argc)
				return st_cli_usage(usage, "选项 %s 需要一个值", a);
			const char *val = argv[++i];
			if (!strcmp(a, "--until")) {
				if (st_date_parse(val, &opt.until) != 0)
					return st_cli_usage(usage, "--until: '%s' 不是日期（YYYY-MM-DD）", val);
				continue;
			}
			if (parse_u64(val, &v) != 0)
				return st_cli_usage(usage, "%s: '%s' 不是非负整数", a, val);
			if (!strcmp(a, "--seed")) {
				opt.seed = v;
				have_s = 1;
			} else if (!strcmp(a, "--enterprises")) {
				if (v < 1 || v > 10000000)
					return st_cli_usage(usage, "--enterprises 应在 1 到 10000000 之间");
				opt.enterprises = (unsigned long)v;
				have_n = 1;
			} else if (!strcmp(a, "--years")) {
				if (v < 1 || v > ST_GENERATE_MAX_YEARS)
					return st_cli_usage(usage, "--years 应在 1 到 %d 之间",
							    ST_GENERATE_MAX_YEARS);
				opt.years = (int)v;
				have_y = 1;
			} else {
				if (v < 1 || v > 1000000)
					return st_cli_usage(usage, "--park-size 应在 1 到 1000000 之间");
				opt.park_size = (unsigned)v;
			}
		} else if (a[0] == '-' && a[1]) {
			return st_cli_usage(usage, "未知选项 '%s'", a);
		} else if (dir) {
			return st_cli_usage(usage, "只能指定一个目录");
		} else {
			dir = a;
		}
	}
	if (!have_n || !have_y || !have_s)
		return st_cli_usage(usage, "缺少 %s", !have_n ? "--enterprises"
						   : !have_y ? "--years" : "--seed");
	if (!dir)
		return st_cli_usage(usage, "缺少目录 DIR");

	if (stat(dir, &sb) == 0) {
		if (!S_ISDIR(sb.st_mode))
			return st_cli_error("%s: 不是目录", dir);
		int csv = has_csv(dir);
		if (csv < 0)
			return st_cli_error("%s: 无法读取: %s", dir, strerror(errno));
		if (csv && !force)
			return st_cli_error("%s: 目录中已有 CSV 文件；确认覆盖请加 --force", dir);
	} else if (mkdir(dir, 0777) != 0) {
		return st_cli_error("%s: 无法创建目录: %s", dir, strerror(errno));
	}

	if (isatty(STDERR_FILENO))
		opt.progress = show_progress;
	if (st_generate(dir, &opt, &stats, &diag) != 0) {
		st_cli_print_diag(&diag);
		st_diag_release(&diag);
		return 1;
	}

	unsigned long total = 0;
	printf("已在 %s 生成合成档案（%lu 家企业，%d 年，种子 %" PRIu64 "）:\n", dir,
	       opt.enterprises, opt.years, opt.seed);
	for (int i = 0; i < ST_KIND_COUNT; i++) {
		printf("  %-18s %10lu 行\n", st_kind_info(i)->file, stats.rows[i]);
		total += stats.rows[i];
	}
	printf("  %-18s %10lu 行\n", "合计", total);
	return 0;
}
