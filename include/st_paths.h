/*
 * st_paths — where safetrack's own data (rules/, templates/) is found.
 */
#ifndef ST_PATHS_H
#define ST_PATHS_H

#include <stddef.h>

/* The directory `name` (e.g. "rules"): $env if set and not empty; else
 * `name` beside the running binary (a build tree); else
 * ../share/safetrack/`name` relative to the binary (an installed tree, any
 * PREFIX); else ST_DATADIR/`name`.  A candidate counts only if it holds the
 * file `probe`.  Returns env's value or buf (filled, size bytes). */
const char *st_data_dir(const char *env, const char *name, const char *probe, char *buf,
			size_t size);

#endif
