/*
 * st_manifest — the rule pack's manifest: which files make up the pack,
 * the SHA-256 of each, and how many rules the pack holds.
 *
 * DIR/MANIFEST is a text file written by `safetrack rules manifest DIR`
 * after the pack has passed full validation (RELAX NG included):
 *
 *     # comment lines
 *     rules 57
 *     5a8c...0923  10-park.xml
 *     8465...7808  rulepack.rng
 *
 * (a digest line is what sha256sum prints, so `grep -v '^[#r]' MANIFEST |
 * sha256sum -c` checks it by hand).  The pack's files are its *.xml rule
 * files and its *.rng schemas; README.md and the like are not, and neither
 * is a park's tailoring file, which lives outside the pack.  The loader
 * refuses a pack whose files differ from its manifest, naming each missing,
 * extra or changed file, and skips the RELAX NG validation of the files
 * whose digests the manifest vouches for.
 */
#ifndef ST_MANIFEST_H
#define ST_MANIFEST_H

#include <stddef.h>

#include "st_diag.h"
#include "st_sha256.h"

#define ST_MANIFEST_NAME "MANIFEST"
/* a manifest is a few lines per file; anything larger is not one */
#define ST_MANIFEST_MAX_BYTES (64L * 1024)

struct st_manifest_entry {
	char *name;                  /* file name within the pack directory, owned */
	char hash[ST_SHA256_HEX];    /* lowercase hex */
	int line;                    /* line in MANIFEST */
	int seen;                    /* set by the loader when the file is found */
};

struct st_manifest {
	struct st_manifest_entry *v; /* owned, in file order */
	size_t n;
	long rules;                  /* the pack's rule count */
	char *path;                  /* DIR/MANIFEST, owned */
};

/* Read DIR/MANIFEST into m (which the caller releases with
 * st_manifest_release, also after a failure).  Returns 0, or -1 with one
 * "DIR/MANIFEST:LINE: message" line per problem in diag. */
int st_manifest_read(const char *dir, struct st_manifest *m, struct st_diag *diag);
/* free what m owns and empty it */
void st_manifest_release(struct st_manifest *m);
/* the entry for file name, or NULL */
struct st_manifest_entry *st_manifest_find(const struct st_manifest *m, const char *name);

/* The pack's files in dir: every *.xml and *.rng whose name does not start
 * with '.', sorted by name.  Returns 0 with *out (file names, not paths;
 * the caller frees each and the array) and *n, or -1 with a message. */
int st_manifest_list(const char *dir, char ***out, size_t *n, struct st_diag *diag);

/* SHA-256 of the regular file path (refused before opening if it is not a
 * regular file).  Returns 0, or -1 with "PATH: message" in diag. */
int st_manifest_hash_file(const char *path, char hash[ST_SHA256_HEX], struct st_diag *diag);

/* Write DIR/MANIFEST for the files st_manifest_list() finds and the given
 * rule count, through a temporary file renamed into place (never a torn
 * manifest).  The caller has validated the pack.  Returns 0, or -1 with a
 * message. */
int st_manifest_write(const char *dir, size_t nrules, struct st_diag *diag);

#endif
