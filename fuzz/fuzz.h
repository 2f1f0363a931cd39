/*
 * fuzz.h — helpers shared by the fuzz targets fuzz/fuzz_*.c.
 *
 * Each target is one LLVMFuzzerTestOneInput() over one module's input
 * surface.  The same sources are compiled twice: by `make fuzz` with
 * libFuzzer, and into tests/test_regress.c, which renames each entry point
 * (FUZZ_ENTRY) and replays the seed corpora and every kept finding in
 * tests/regress/ under `make check`, `make asan` and `make valgrind`.  So
 * everything here is static, and a target checks its properties with
 * FUZZ_CHECK, which aborts: libFuzzer reports an abort as a crash and keeps
 * the input, and the replay test dies the same way.
 */
#ifndef ST_FUZZ_H
#define ST_FUZZ_H

#include <errno.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#ifndef FUZZ_ENTRY
#define FUZZ_ENTRY LLVMFuzzerTestOneInput
int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);
#endif

#define FUZZ_CHECK(cond)                                                              \
	do {                                                                          \
		if (!(cond)) {                                                        \
			fprintf(stderr, "%s:%d: property failed: %s\n", __FILE__,     \
				__LINE__, #cond);                                     \
			abort();                                                      \
		}                                                                     \
	} while (0)

/* a NUL-terminated copy of the input (the caller frees); NULL if the input
 * holds a NUL itself, which a C string API cannot be handed */
static inline char *fuzz_cstr(const uint8_t *data, size_t size)
{
	char *s;

	if (memchr(data, 0, size) || !(s = malloc(size + 1)))
		return NULL;
	memcpy(s, data, size);
	s[size] = '\0';
	return s;
}

/* the first occurrence of the n bytes of needle in the size bytes at hay,
 * or NULL (memmem is not in POSIX) */
static inline const uint8_t *fuzz_find(const uint8_t *hay, size_t size, const char *needle,
				       size_t n)
{
	for (size_t i = 0; n <= size && i <= size - n; i++)
		if (hay[i] == (uint8_t)needle[0] && !memcmp(hay + i, needle, n))
			return hay + i;
	return NULL;
}

/* write size bytes to path, replacing it; aborts on failure (a fuzz run
 * with a broken scratch directory is worthless) */
static inline void fuzz_write(const char *path, const void *data, size_t size)
{
	FILE *f = fopen(path, "wb");

	FUZZ_CHECK(f != NULL);
	FUZZ_CHECK(size == 0 || fwrite(data, 1, size, f) == size);
	FUZZ_CHECK(fclose(f) == 0);
}

/* A scratch directory for this process, made once under $TMPDIR (or /tmp)
 * and removed at exit by fuzz_cleanup.  Returns a static path. */
static char fuzz_dir_path[256];

static inline void fuzz_rm_tree(const char *dir)
{
	char cmd[600];

	/* the path is ours (mkdtemp), so quoting it plainly is safe */
	snprintf(cmd, sizeof cmd, "rm -rf '%s'", dir);
	if (system(cmd) != 0)
		fprintf(stderr, "fuzz: could not remove %s\n", dir);
}

static inline void fuzz_cleanup(void)
{
	if (fuzz_dir_path[0])
		fuzz_rm_tree(fuzz_dir_path);
}

static inline const char *fuzz_dir(void)
{
	if (!fuzz_dir_path[0]) {
		const char *tmp = getenv("TMPDIR");
		snprintf(fuzz_dir_path, sizeof fuzz_dir_path, "%s/st-fuzz-XXXXXX",
			 tmp && *tmp ? tmp : "/tmp");
		FUZZ_CHECK(mkdtemp(fuzz_dir_path) != NULL);
		atexit(fuzz_cleanup);
	}
	return fuzz_dir_path;
}

/* the rules directory of the source tree: $ST_FUZZ_RULES, else rules/
 * relative to the current directory (the fuzz scripts and the unit tests
 * run from the top of the tree) */
static inline const char *fuzz_rules_dir(void)
{
	const char *d = getenv("ST_FUZZ_RULES");
	return d && *d ? d : "rules";
}

/* copy a file; aborts on failure */
static inline void fuzz_copy(const char *from, const char *to)
{
	FILE *f = fopen(from, "rb");
	char buf[8192];
	size_t n;
	FILE *t;

	FUZZ_CHECK(f != NULL);
	FUZZ_CHECK((t = fopen(to, "wb")) != NULL);
	while ((n = fread(buf, 1, sizeof buf, f)) > 0)
		FUZZ_CHECK(fwrite(buf, 1, n, t) == n);
	FUZZ_CHECK(!ferror(f));
	fclose(f);
	FUZZ_CHECK(fclose(t) == 0);
}

#endif
