/*
 * st_evidence — photos of a hazard's rectification (HTTP.md §3 evidence),
 * kept in the store beside the hazard.  The only code that touches the
 * evidence table.
 */
#ifndef ST_EVIDENCE_H
#define ST_EVIDENCE_H

#include <stddef.h>
#include <time.h>
#include <sqlite3.h>

#include "st_diag.h"

#define ST_EVIDENCE_MAX (10 * 1024 * 1024)   /* bytes of one photo */
#define ST_CAPTION_MAX 200                   /* characters of a caption */

/* "image/jpeg" or "image/png" when data is one (by its content: signature,
 * and for a JPEG the end marker), else NULL */
const char *st_evidence_sniff(const void *data, size_t len);

/* Store a photo of hazard `hazard` added by `who` at `now`.  The type is
 * decided by content; anything but a JPEG or PNG of at most
 * ST_EVIDENCE_MAX bytes is refused, as is an unknown hazard or a caption
 * that is too long.  Returns 0 with the new id in *id, or -1 with the
 * reason in diag (nothing stored). */
int st_evidence_add(sqlite3 *db, const char *hazard, const void *data, size_t len,
		    const char *caption, const char *who, time_t now, long long *id,
		    struct st_diag *diag);

struct st_evidence_info {
	long long id;
	const char *hazard, *type, *caption, *added, *added_by;   /* valid during the call */
	size_t size;
};
typedef int (*st_evidence_fn)(void *arg, const struct st_evidence_info *e);

/* Call fn for each photo of hazard (NULL: of every hazard), oldest first;
 * fn returns 0 to go on.  Returns the number listed, or -1 with a message. */
long st_evidence_list(sqlite3 *db, const char *hazard, st_evidence_fn fn, void *arg,
		      struct st_diag *diag);

/* One photo: 0 with its hazard id and type (into the buffers) and its bytes
 * in *data (the caller frees), 1 when there is none, -1 on error. */
int st_evidence_get(sqlite3 *db, long long id, char *hazard, size_t hsize, char *type,
		    size_t tsize, void **data, size_t *len, struct st_diag *diag);

/* Write every photo into DIR/evidence/ as HAZARD-N.jpg|png with an
 * index.csv (file, hazard, caption, added, added_by), beside an exported
 * dossier (import reads only DIR's own CSV files and leaves them be).
 * Nothing is written when there are no photos.  Returns the number of
 * photos written, or -1 with a message. */
long st_evidence_export(sqlite3 *db, const char *dir, struct st_diag *diag);

/* Read back what st_evidence_export wrote beside a dossier: every row of
 * DIR/evidence/index.csv names a file in DIR/evidence/ (a plain name), its
 * hazard, caption, added time and who added it.  With store 0, check every
 * row (the file is readable, at most 10 MiB, a JPEG or PNG by content, the
 * caption not too long) and change nothing; with store 1, also require
 * the hazard to exist and add the photos in one transaction, all or none,
 * skipping a photo whose hazard holds the same bytes already (importing
 * the same folder twice adds nothing).  No index: 0.  Returns the number
 * of photos added, or -1 with one message per bad row
 * ("evidence/index.csv 第 N 行：…"). */
long st_evidence_import(sqlite3 *db, const char *dir, int store, struct st_diag *diag);

#endif
