/*
 * outfile.c — locks, temporaries beside the destination, fsync, and the
 * guard that keeps an output off the store (see st_outfile.h).
 *
 * Why a POSIX record lock (fcntl F_SETLK) on a separate DEST.lock rather
 * than O_EXCL alone (git's way): an O_EXCL lock outlives a killed process,
 * and an officer whose report run was cut by a power failure would then be
 * told "another writer" forever.  A record lock is dropped by the kernel
 * with its holder.  The lock file is
 * removed on release; a second writer that opened it just before may then
 * hold a lock on a file no longer linked, so after locking it checks that
 * the name still leads to the inode it locked, and starts again if not.
 */
/* realpath() and syscall(SYS_renameat2) are beyond the POSIX base the
 * Makefile asks for */
#define _GNU_SOURCE

#include "st_outfile.h"

#include <errno.h>
#include <fcntl.h>
#include <libgen.h>
#include <limits.h>
#include <stdlib.h>
#include <string.h>
#include <dirent.h>
#include <sys/stat.h>
#include <sys/syscall.h>
#include <unistd.h>

/* an exclusive POSIX record lock on the whole file, without waiting */
static int lock_fd(int fd)
{
	struct flock fl = { .l_type = F_WRLCK, .l_whence = SEEK_SET };

	return fcntl(fd, F_SETLK, &fl);
}

char *st_dirname(const char *path)
{
	char *copy = strdup(path), *d, *out;

	if (!copy)
		return NULL;
	d = dirname(copy);
	out = strdup(d);
	free(copy);
	return out;
}

static char *concat(const char *a, const char *b)
{
	size_t n = strlen(a), m = strlen(b);
	char *s = malloc(n + m + 1);

	if (s) {
		memcpy(s, a, n);
		memcpy(s + n, b, m + 1);
	}
	return s;
}

int st_lock_take(const char *dest, struct st_lock *lock, struct st_diag *diag)
{
	lock->fd = -1;
	if (!(lock->path = concat(dest, ".lock")))
		return st_diag_add(diag, "内存不足");
	for (int tries = 0; tries < 100; tries++) {
		struct stat a, b;
		int fd = open(lock->path, O_WRONLY | O_CREAT | O_NOFOLLOW | O_CLOEXEC, 0666);

		if (fd < 0) {
			st_diag_add(diag, "%s: 无法写入（无法创建锁文件 %s）: %s", dest, lock->path,
				    strerror(errno));
			break;
		}
		if (lock_fd(fd) != 0) {
			int e = errno;
			close(fd);
			if (e == EACCES || e == EAGAIN)
				st_diag_add(diag, "%s: 另一个 safetrack 正在写入同一位置（锁文件 %s），"
					    "请等它完成后再试", dest, lock->path);
			else
				st_diag_add(diag, "%s: 无法加锁: %s", lock->path, strerror(e));
			break;
		}
		if (fstat(fd, &a) == 0 && lstat(lock->path, &b) == 0 && a.st_dev == b.st_dev &&
		    a.st_ino == b.st_ino) {
			lock->fd = fd;
			return 0;
		}
		close(fd);   /* its holder removed it as we opened it: again */
	}
	if (!diag->count)
		st_diag_add(diag, "%s: 无法加锁", lock->path);
	free(lock->path);
	lock->path = NULL;
	return -1;
}

void st_lock_release(struct st_lock *lock)
{
	if (lock->fd >= 0) {
		unlink(lock->path);
		close(lock->fd);   /* drops the lock */
	}
	lock->fd = -1;
	free(lock->path);
	lock->path = NULL;
}

/* path resolved: realpath of the whole when it exists, else of its folder
 * plus its last component; NULL when even the folder does not resolve */
static char *resolve(const char *path)
{
	char *r = realpath(path, NULL), *dir, *copy, *full;

	if (r)
		return r;
	if (!(dir = st_dirname(path)) || !(copy = strdup(path))) {
		free(dir);
		return NULL;
	}
	r = realpath(dir, NULL);
	full = NULL;
	if (r) {
		char *base = basename(copy);
		size_t n = strlen(r) + strlen(base) + 2;
		if ((full = malloc(n)))
			snprintf(full, n, "%s/%s", r, base);
	}
	free(r);
	free(dir);
	free(copy);
	return full;
}

int st_output_not_store(const char *out, const char *db_path, struct st_diag *diag)
{
	static const char *const suffix[] = { "", "-wal", "-shm", "-journal" };
	struct stat so;
	char *ro, *rdb;
	int have_out, rc = 0;

	if (!db_path)
		return 0;
	have_out = stat(out, &so) == 0;
	ro = resolve(out);
	rdb = resolve(db_path);
	for (size_t i = 0; i < sizeof suffix / sizeof *suffix && !rc; i++) {
		char *name = concat(db_path, suffix[i]), *rname = NULL;
		struct stat sd;
		if (!name) {
			rc = st_diag_add(diag, "内存不足");
			break;
		}
		/* the same file under another name (a hard link, ./x.db) ... */
		if (have_out && stat(name, &sd) == 0 && sd.st_dev == so.st_dev &&
		    sd.st_ino == so.st_ino)
			rc = -1;
		/* ... or one that does not exist yet but will (x.db-wal) */
		if (!rc && ro && rdb && (rname = concat(rdb, suffix[i])) && !strcmp(ro, rname))
			rc = -1;
		if (rc)
			st_diag_add(diag, "%s: 这是数据库 %s%s，不能作为输出文件（会毁掉数据库），"
				    "请换一个文件名", out, db_path,
				    i ? "的日志文件" : " 本身");
		free(rname);
		free(name);
	}
	free(ro);
	free(rdb);
	return rc;
}

int st_fsync_fd(int fd)
{
	/* EINVAL: the file system cannot sync this kind of file (a pipe,
	 * /dev/stdout): there is nothing more to make durable */
	return fsync(fd) == 0 || errno == EINVAL || errno == EROFS ? 0 : -1;
}

int st_fsync_dir(const char *dir, struct st_diag *diag)
{
	int fd, rc = 0;

	if ((fd = open(dir, O_RDONLY | O_DIRECTORY | O_CLOEXEC)) < 0 || st_fsync_fd(fd) != 0)
		rc = st_diag_add(diag, "%s: 无法同步到磁盘: %s", dir, strerror(errno));
	if (fd >= 0)
		close(fd);
	return rc;
}

int st_fsync_parent(const char *path, struct st_diag *diag)
{
	char *dir = st_dirname(path);
	int rc;

	if (!dir)
		return st_diag_add(diag, "内存不足");
	rc = st_fsync_dir(dir, diag);
	free(dir);
	return rc;
}

char *st_realpath(const char *path)
{
	return realpath(path, NULL);
}

void st_dir_remove(const char *dir)
{
	DIR *d = opendir(dir);
	struct dirent *e;

	if (d) {
		while ((e = readdir(d)))
			if (strcmp(e->d_name, ".") && strcmp(e->d_name, ".."))
				unlinkat(dirfd(d), e->d_name, 0);
		closedir(d);
	}
	rmdir(dir);
}

void st_remove_stale(const char *dir, const char *prefix)
{
	size_t n = strlen(prefix);
	DIR *d = opendir(dir);
	struct dirent *e;

	if (!d)
		return;
	while ((e = readdir(d))) {
		const char *rest = e->d_name + n;
		struct stat sb;
		size_t r;
		if (strncmp(e->d_name, prefix, n))
			continue;
		r = strlen(rest);
		if (!(r == 6 || (r == 10 && !strcmp(rest + 6, ".old"))) ||
		    fstatat(dirfd(d), e->d_name, &sb, AT_SYMLINK_NOFOLLOW) != 0)
			continue;
		if (S_ISDIR(sb.st_mode)) {
			char *path = malloc(strlen(dir) + strlen(e->d_name) + 2);
			if (path) {
				sprintf(path, "%s/%s", dir, e->d_name);
				st_dir_remove(path);
				free(path);
			}
		} else if (S_ISREG(sb.st_mode)) {
			unlinkat(dirfd(d), e->d_name, 0);
		}
	}
	closedir(d);
}

int st_dir_swap_in(const char *tmp, const char *dir, int exists, struct st_diag *diag)
{
	char *old;
	size_t n;

	if (!exists) {
		if (rename(tmp, dir) != 0)
			return st_diag_add(diag, "%s: 无法写入: %s", dir, strerror(errno));
		return 0;
	}
#ifdef SYS_renameat2
	if (syscall(SYS_renameat2, AT_FDCWD, tmp, AT_FDCWD, dir, 2 /* RENAME_EXCHANGE */) == 0) {
		st_dir_remove(tmp);   /* now the old folder */
		return 0;
	}
	if (errno != EINVAL && errno != ENOSYS)
		return st_diag_add(diag, "%s: 无法替换: %s", dir, strerror(errno));
#endif
	n = strlen(tmp) + 8;
	if (!(old = malloc(n)))
		return st_diag_add(diag, "内存不足");
	snprintf(old, n, "%s.old", tmp);
	if (rename(dir, old) != 0) {
		st_diag_add(diag, "%s: 无法替换: %s", dir, strerror(errno));
		free(old);
		return -1;
	}
	if (rename(tmp, dir) != 0) {
		st_diag_add(diag, "%s: 无法替换: %s", dir, strerror(errno));
		rename(old, dir);   /* put the old one back */
		free(old);
		return -1;
	}
	st_dir_remove(old);
	free(old);
	return 0;
}

/* the permissions a new file gets from fopen: 0666 less the umask */
static mode_t file_mode(void)
{
	mode_t m = umask(0);

	umask(m);
	return 0666 & ~m;
}

int st_outfile_open(struct st_outfile *o, const char *path, const char *db_path,
		    struct st_diag *diag)
{
	char *dir = NULL, *base = NULL;
	int fd = -1;

	memset(o, 0, sizeof *o);
	o->lock.fd = -1;
	if (st_output_not_store(path, db_path, diag))
		return -1;
	if (st_lock_take(path, &o->lock, diag))
		return -1;
	if (!(o->path = strdup(path)) || !(dir = st_dirname(path)) || !(base = strdup(path)))
		goto nomem;
	{
		const char *b = basename(base);
		size_t n = strlen(dir) + strlen(b) + 16;
		if (!(o->tmp = malloc(n)))
			goto nomem;
		snprintf(o->tmp, n, "%s/.%s.XXXXXX", dir, b);
		/* under the lock: temporaries of this destination left by a
		 * killed run (nobody else may be writing them now) */
		o->tmp[strlen(o->tmp) - 6] = '\0';
		st_remove_stale(dir, o->tmp + strlen(dir) + 1);
		strcat(o->tmp, "XXXXXX");
	}
	/* mkstemp: a new name, O_CREAT | O_EXCL, so never a planted link */
	if ((fd = mkstemp(o->tmp)) < 0) {
		st_diag_add(diag, "%s: 无法写入: %s", path, strerror(errno));
		free(o->tmp);
		o->tmp = NULL;
		goto fail;
	}
	if (fchmod(fd, file_mode()) != 0 || !(o->f = fdopen(fd, "wb"))) {
		st_diag_add(diag, "%s: 无法写入: %s", o->tmp, strerror(errno));
		close(fd);
		goto fail;
	}
	free(dir);
	free(base);
	return 0;
nomem:
	st_diag_add(diag, "内存不足");
fail:
	free(dir);
	free(base);
	st_outfile_abort(o);
	return -1;
}

int st_outfile_commit(struct st_outfile *o, struct st_diag *diag)
{
	int rc = 0;

	if (fflush(o->f) != 0 || ferror(o->f) || st_fsync_fd(fileno(o->f)) != 0)
		rc = st_diag_add(diag, "%s: 写入失败: %s", o->path, strerror(errno));
	if (fclose(o->f) != 0 && rc == 0)
		rc = st_diag_add(diag, "%s: 写入失败: %s", o->path, strerror(errno));
	o->f = NULL;
	if (rc == 0 && rename(o->tmp, o->path) != 0)
		rc = st_diag_add(diag, "%s: 无法写入: %s", o->path, strerror(errno));
	if (rc == 0) {
		free(o->tmp);
		o->tmp = NULL;
		rc = st_fsync_parent(o->path, diag);
	}
	st_outfile_abort(o);
	return rc;
}

void st_outfile_abort(struct st_outfile *o)
{
	if (o->f)
		fclose(o->f);
	o->f = NULL;
	if (o->tmp)
		unlink(o->tmp);
	free(o->tmp);
	o->tmp = NULL;
	free(o->path);
	o->path = NULL;
	st_lock_release(&o->lock);
}
