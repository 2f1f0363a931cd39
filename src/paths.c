/*
 * paths.c — finding rules/ and templates/ (see st_paths.h).
 *
 * The binary is found through /proc/self/exe rather than argv[0] or the
 * working directory, so that `./safetrack`, an installed `safetrack` and a
 * sanitizer build in build/asan/ all find the data that belongs to them.
 */
#include "st_paths.h"

#include <errno.h>
#include <fcntl.h>
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
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

FILE *st_fopen_regular(const char *path)
{
	struct stat st;
	FILE *f;
	int fd, flags;

	if (stat(path, &st) != 0)
		return NULL;
	if (!S_ISREG(st.st_mode)) {
		errno = EFTYPE_ST;
		return NULL;
	}
	if ((fd = open(path, O_RDONLY | O_NONBLOCK | O_NOCTTY | O_CLOEXEC)) < 0)
		return NULL;
	if (fstat(fd, &st) != 0 || !S_ISREG(st.st_mode) ||
	    (flags = fcntl(fd, F_GETFL)) < 0 || fcntl(fd, F_SETFL, flags & ~O_NONBLOCK) < 0) {
		int e = errno;
		if (!S_ISREG(st.st_mode))
			e = EFTYPE_ST;
		close(fd);
		errno = e;
		return NULL;
	}
	if (!(f = fdopen(fd, "rb"))) {
		int e = errno;
		close(fd);
		errno = e;
	}
	return f;
}

const char *st_errno_zh(int e)
{
	switch (e) {
	case ENOENT: return "文件或目录不存在";
	case EACCES: return "没有读取权限";
	case ENOTDIR: return "不是目录";
	case EISDIR: return "是目录，不是文件";
	case ENOMEM: return "内存不足";
	case EFTYPE_ST: return "不是普通文件（可能是目录、管道或设备），拒绝读取";
	default: return strerror(e);
	}
}
