/*
 * st_outfile — writing an output (a report, an exported dossier, a backup)
 * so that nothing is ever half-written, overwritten by a second writer, or
 * redirected by a planted link.
 *
 *  - A lock beside the destination, PATH.lock (as git's index.lock), held
 *    with a POSIX record lock (fcntl): a second writer to the same destination is refused at
 *    once with a message naming the lock; the kernel drops the lock when its
 *    holder dies, so a killed run never leaves a stale one behind.
 *  - A temporary beside the destination made by mkstemp()/mkdtemp() (a new
 *    name, O_EXCL, never through a symbolic link), fsync'ed, renamed over
 *    the destination, and the folder fsync'ed, before success is reported.
 *  - An output that is the store itself or one of its -wal, -shm, -journal
 *    files (same device and inode, or the same resolved name) is refused.
 *
 * Library code: errors come back in diag, nothing is printed.
 */
#ifndef ST_OUTFILE_H
#define ST_OUTFILE_H

#include <stdio.h>

#include "st_diag.h"

struct st_lock {
	int fd;              /* -1 when not held */
	char *path;          /* "DEST.lock" */
};

/* Take the lock of destination `dest` (creating DEST.lock).  Returns 0, or
 * -1 with a message (another writer holds it, or the lock file cannot be
 * made).  Release with st_lock_release. */
int st_lock_take(const char *dest, struct st_lock *lock, struct st_diag *diag);
/* release and remove the lock file; a lock never taken is fine */
void st_lock_release(struct st_lock *lock);

/* 0 if `out` is not the store at db_path nor its -wal, -shm or -journal
 * file; -1 with a message if it is.  db_path NULL: always 0. */
int st_output_not_store(const char *out, const char *db_path, struct st_diag *diag);

struct st_outfile {
	FILE *f;             /* write here between open and commit */
	char *path;          /* the destination */
	char *tmp;           /* the temporary beside it */
	struct st_lock lock;
};

/* Refuse the store (db_path, may be NULL), take the destination's lock and
 * open a new temporary beside path.  Returns 0 with o->f open, or -1 with a
 * message (o needs no cleanup then). */
int st_outfile_open(struct st_outfile *o, const char *path, const char *db_path,
		    struct st_diag *diag);
/* Flush, fsync and close the temporary, rename it over the destination,
 * fsync the folder, release the lock.  Returns 0, or -1 with a message and
 * the destination as it was.  Either way o is released. */
int st_outfile_commit(struct st_outfile *o, struct st_diag *diag);
/* remove the temporary and release the lock; NULL-safe on a released o */
void st_outfile_abort(struct st_outfile *o);

/* fsync a folder (so that the names in it are durable); 0 or -1 */
int st_fsync_dir(const char *dir, struct st_diag *diag);
/* fsync the folder that holds `path` (so that a rename in it is durable);
 * 0 or -1 with a message */
int st_fsync_parent(const char *path, struct st_diag *diag);
/* fsync an open descriptor's file and check for errors; 0 or -1 (errno) */
int st_fsync_fd(int fd);

/* path with every link resolved (realpath), in a new string the caller
 * frees; NULL with errno set if it does not exist */
char *st_realpath(const char *path);

/* remove a folder and the files in it (not subfolders); errors ignored:
 * for temporaries this program made */
void st_dir_remove(const char *dir);

/* Remove what a killed writer left in dir: files and folders named prefix
 * followed by six characters (mkstemp/mkdtemp's), or by six and ".old".
 * Only under the destination's lock, when no other writer can be using
 * them. */
void st_remove_stale(const char *dir, const char *prefix);

/* Put the complete new folder tmp where dir is, in one step: rename it when
 * dir does not exist (exists 0), exchange the two atomically when it does
 * (renameat2 RENAME_EXCHANGE) and remove the old one.  Where the file
 * system cannot exchange, the old folder is moved aside first: a kill
 * between the two renames leaves no dir at all, never a mix.  0 or -1. */
int st_dir_swap_in(const char *tmp, const char *dir, int exists, struct st_diag *diag);

/* the folder part of path ("." if none), in a new string the caller frees,
 * or NULL if out of memory */
char *st_dirname(const char *path);

#endif
