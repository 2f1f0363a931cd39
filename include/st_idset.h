/*
 * st_idset — a set of record ids, each with a number (e.g. the line it was
 * seen on), for duplicate detection during import and for the ids a writer
 * rejected.  Open addressing over an arena of copied strings: millions of
 * ids cost one allocation per 64 KiB of ids, not one per id.
 */
#ifndef ST_IDSET_H
#define ST_IDSET_H

#include <stddef.h>

struct st_idset_chunk;

struct st_idset {
	size_t n, cap;                 /* entries used, slots (power of two) */
	const char **key;              /* slot keys (into the chunks), NULL = free */
	long *val;
	struct st_idset_chunk *chunks; /* copied keys */
};

#define ST_IDSET_INIT { 0, 0, NULL, NULL, NULL }

/* the number stored with id, or 0 if id is not in the set (so store
 * numbers >= 1) */
long st_idset_get(const struct st_idset *s, const char *id);
/* add id with val (>= 1), or replace its value; returns 0 or -1 when out of
 * memory */
int st_idset_put(struct st_idset *s, const char *id, long val);
/* free everything and empty the set */
void st_idset_release(struct st_idset *s);

#endif
