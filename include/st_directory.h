/*
 * st_directory — the parks and enterprises the web front end lists and
 * decides access by, read from the store.
 */
#ifndef ST_DIRECTORY_H
#define ST_DIRECTORY_H

#include <stddef.h>
#include <sqlite3.h>

#include "st_diag.h"

struct st_dir_entry {
	char *id, *name, *park, *status;   /* owned; park and status NULL for a park */
};

/* every enterprise by id (parks == 0) or every park by id (parks == 1): 0
 * and an array of *n the caller frees with st_directory_free(), or -1 */
int st_directory_list(sqlite3 *db, int parks, struct st_dir_entry **out, size_t *n,
		      struct st_diag *diag);
void st_directory_free(struct st_dir_entry *v, size_t n);
/* one enterprise's park into park[size]: 0, 1 when there is no such
 * enterprise, -1 on error */
int st_directory_enterprise_park(sqlite3 *db, const char *id, char *park, size_t size,
				 struct st_diag *diag);

#endif
