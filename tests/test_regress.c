/*
 * test_regress.c — replay the fuzz targets' seed corpora and every input a
 * fuzzer once failed on (tests/regress/TARGET/), so that `make check`,
 * `make asan` and `make valgrind` keep each finding fixed.
 *
 * The fuzz targets (fuzz/fuzz_*.c) are compiled in here with their entry
 * point renamed; each checks its own properties and aborts on a violation,
 * so replaying an input is calling the target on it.  A SIGABRT handler
 * names the input that failed.  Run from the top of the tree (make does).
 */
#include "st_test.h"

#include <dirent.h>
#include <signal.h>
#include <unistd.h>

int fuzz_date_one(const uint8_t *data, size_t size);
int fuzz_uscc_one(const uint8_t *data, size_t size);
int fuzz_rules_one(const uint8_t *data, size_t size);
int fuzz_tailoring_one(const uint8_t *data, size_t size);
int fuzz_csv_one(const uint8_t *data, size_t size);
int fuzz_dossier_one(const uint8_t *data, size_t size);
int fuzz_manifest_one(const uint8_t *data, size_t size);
int fuzz_form_one(const uint8_t *data, size_t size);
int fuzz_pack_cache_one(const uint8_t *data, size_t size);

#define FUZZ_ENTRY fuzz_date_one
#include "../fuzz/fuzz_date.c"
#undef FUZZ_ENTRY
#define FUZZ_ENTRY fuzz_uscc_one
#include "../fuzz/fuzz_uscc.c"
#undef FUZZ_ENTRY
#define FUZZ_ENTRY fuzz_rules_one
#include "../fuzz/fuzz_rules.c"
#undef FUZZ_ENTRY
#define FUZZ_ENTRY fuzz_tailoring_one
#include "../fuzz/fuzz_tailoring.c"
#undef FUZZ_ENTRY
#define FUZZ_ENTRY fuzz_csv_one
#include "../fuzz/fuzz_csv.c"
#undef FUZZ_ENTRY
#define FUZZ_ENTRY fuzz_dossier_one
#include "../fuzz/fuzz_dossier.c"
#undef FUZZ_ENTRY
#define FUZZ_ENTRY fuzz_manifest_one
#include "../fuzz/fuzz_manifest.c"
#undef FUZZ_ENTRY
#define FUZZ_ENTRY fuzz_form_one
#include "../fuzz/fuzz_form.c"
#undef FUZZ_ENTRY
#define FUZZ_ENTRY fuzz_pack_cache_one
#include "../fuzz/fuzz_pack_cache.c"
#undef FUZZ_ENTRY

static char replaying[600];

static void on_abort(int sig)
{
	static const char msg[] = "test_regress: failed on input ";

	(void)sig;
	if (write(2, msg, sizeof msg - 1) < 0 ||
	    write(2, replaying, strlen(replaying)) < 0 || write(2, "\n", 1) < 0)
		_exit(134);
	signal(SIGABRT, SIG_DFL);
	raise(SIGABRT);
}

static int cmp_names(const void *a, const void *b)
{
	return strcmp(*(char *const *)a, *(char *const *)b);
}

/* call fn on every file in dir, in name order; returns how many */
static size_t replay_dir(const char *dir, int (*fn)(const uint8_t *, size_t))
{
	char *names[512];
	size_t n = 0;
	struct dirent *e;
	DIR *d = opendir(dir);

	if (!d)
		return 0;
	while ((e = readdir(d)) && n < 512)
		if (e->d_name[0] != '.') {
			names[n] = malloc(strlen(e->d_name) + 1);
			assert_non_null(names[n]);
			strcpy(names[n++], e->d_name);
		}
	closedir(d);
	qsort(names, n, sizeof *names, cmp_names);
	for (size_t i = 0; i < n; i++) {
		FILE *f;
		long size;
		uint8_t *buf;

		snprintf(replaying, sizeof replaying, "%s/%s", dir, names[i]);
		assert_non_null(f = fopen(replaying, "rb"));
		assert_int_equal(fseek(f, 0, SEEK_END), 0);
		assert_true((size = ftell(f)) >= 0);
		rewind(f);
		assert_non_null(buf = malloc((size_t)size + 1));
		assert_int_equal(fread(buf, 1, (size_t)size, f), (size_t)size);
		fclose(f);
		assert_int_equal(fn(buf, (size_t)size), 0);
		free(buf);
		free(names[i]);
	}
	return n;
}

/* the seeds must be there (an empty corpus would make this test vacuous);
 * the regression folder may not exist yet for a target */
static void replay(const char *target, int (*fn)(const uint8_t *, size_t))
{
	char dir[300];

	snprintf(dir, sizeof dir, "fuzz/corpus/%s", target);
	assert_true(replay_dir(dir, fn) > 0);
	snprintf(dir, sizeof dir, "tests/regress/%s", target);
	replay_dir(dir, fn);
}

struct target {
	const char *name;
	int (*fn)(const uint8_t *, size_t);
};

static const struct target targets[] = {
	{ "date", fuzz_date_one },
	{ "uscc", fuzz_uscc_one },
	{ "rules", fuzz_rules_one },
	{ "tailoring", fuzz_tailoring_one },
	{ "csv", fuzz_csv_one },
	{ "dossier", fuzz_dossier_one },
	{ "manifest", fuzz_manifest_one },
	{ "form", fuzz_form_one },
	{ "pack_cache", fuzz_pack_cache_one },
};

static void test_regress_replay(void **state)
{
	const struct target *t = *state;
	replay(t->name, t->fn);
}

int main(void)
{
	enum { N = sizeof targets / sizeof *targets };
	struct CMUnitTest tests[N];

	/* one test per target, named after it, with the target as its state */
	for (size_t i = 0; i < N; i++)
		tests[i] = (struct CMUnitTest){ targets[i].name, test_regress_replay, NULL, NULL,
						(void *)&targets[i] };
	signal(SIGABRT, on_abort);
	return cmocka_run_group_tests(tests, NULL, NULL);
}
