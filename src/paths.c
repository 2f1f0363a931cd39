/*
 * paths.c — finding rules/ and templates/ (see st_paths.h).
 *
 * The binary is found through /proc/self/exe rather than argv[0] or the
 * working directory, so that `./safetrack`, an installed `safetrack` and a
 * sanitizer build in build/asan/ all find the data that belongs to them.
 */
#include "st_paths.h"

#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

static int holds(const char *dir, const char *name, const char *probe, char *buf, size_t size)
{
	char path[PATH_MAX];

	if ((size_t)snprintf(path, sizeof path, "%s/%s/%s", dir, name, probe) >= sizeof path ||
	    access(path, R_OK) != 0)
		return 0;
	return (size_t)snprintf(buf, size, "%s/%s", dir, name) < size;
}

const char *st_data_dir(const char *env, const char *name, const char *probe, char *buf,
			size_t size)
{
	const char *v = getenv(env);
	char exe[PATH_MAX];
	ssize_t n;

	if (v && *v)
		return v;
	n = readlink("/proc/self/exe", exe, sizeof exe - 1);
	if (n > 0) {
		exe[n] = '\0';
		char *slash = strrchr(exe, '/');
		if (slash) {
			*slash = '\0';
			if (holds(exe, name, probe, buf, size))
				return buf;
			char share[PATH_MAX];
			if ((size_t)snprintf(share, sizeof share, "%s/../share/safetrack", exe) <
				    sizeof share &&
			    holds(share, name, probe, buf, size))
				return buf;
		}
	}
	snprintf(buf, size, "%s/%s", ST_DATADIR, name);
	return buf;
}
