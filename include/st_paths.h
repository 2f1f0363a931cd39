/*
 * st_paths — where safetrack's own data (rules/, templates/) is found.
 */
#ifndef ST_PATHS_H
#define ST_PATHS_H

#include <stddef.h>
#include <stdio.h>

/* The directory `name` (e.g. "rules"): $env if set and not empty; else
 * `name` beside the running binary (a build tree); else
 * ../share/safetrack/`name` relative to the binary (an installed tree, any
 * PREFIX); else ST_DATADIR/`name`.  A candidate counts only if it holds the
 * file `probe`.  Returns env's value or buf (filled, size bytes). */
const char *st_data_dir(const char *env, const char *name, const char *probe, char *buf,
			size_t size);

/* Open path for reading if, and only if, it is a regular file.  The type is
 * checked with stat() before anything is opened, because open() of a FIFO
 * without a writer blocks for ever and reading a device may never end; the
 * open itself is O_NONBLOCK and the type is checked again on the descriptor,
 * so that a FIFO swapped in between cannot hang the caller either.
 * Returns the stream (the caller fcloses it), or NULL with errno set:
 * ENOENT, EACCES ... from the system, or EFTYPE_ST when path exists but is
 * not a regular file (a FIFO, a socket, a device or a directory). */
#define EFTYPE_ST (-1000)
FILE *st_fopen_regular(const char *path);

/* the usual reasons a file cannot be opened, in Chinese, for errno e
 * (including EFTYPE_ST: "不是普通文件") */
const char *st_errno_zh(int e);

#endif
