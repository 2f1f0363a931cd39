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
#include <sys/stat.h>
#include <time.h>

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

/* ---- the file status record: digests without reading every byte ----
 *
 * DIR/.manifest-stat remembers, for each pack file, the SHA-256 it had and
 * its file status when it was last read: device, inode, size, modification
 * and change times (nanoseconds).  A file whose status is still the same
 * has the same bytes (any write changes its change time, which no user can
 * set back), so the loader takes the recorded digest instead of hashing
 * the file again; it still compares that digest with the manifest.  The
 * record is a cache: missing, unreadable, malformed or stale entries only
 * mean hashing again, and it is written (when the directory is writable)
 * by any load that found every digest matching the manifest.  An entry is
 * recorded only for a file last changed at least ST_STAT_SETTLE_SECONDS
 * before the load began: a file changed again within the same tick of the
 * file system's clock would keep its times (git's "racily clean" case). */
#define ST_MANIFEST_STAT_NAME ".manifest-stat"
#define ST_STAT_SETTLE_SECONDS 2
#define ST_STAT_MAX_ENTRIES 256

struct st_stat_entry {
	char *name;                  /* file name within the pack directory, owned */
	char hash[ST_SHA256_HEX];
	unsigned long long dev, ino;
	long long size;
	long long mtime_s, ctime_s;
	long mtime_ns, ctime_ns;
};

struct st_manifest_stats {
	struct st_stat_entry *v;     /* owned */
	size_t n;
	struct timespec begun;       /* when the load began (CLOCK_REALTIME) */
	int dirty;                   /* an entry was added or changed */
};

/* Read DIR/.manifest-stat into s (released with st_manifest_stats_release)
 * and note the time.  Never fails: without a usable record s is empty. */
void st_manifest_stats_read(const char *dir, struct st_manifest_stats *s);
/* the recorded digest of file name if st is the status it was recorded
 * with, else NULL */
const char *st_manifest_stats_find(const struct st_manifest_stats *s, const char *name,
				   const struct stat *st);
/* remember name's digest with status st, unless the file changed too
 * recently to be told apart (see above) or memory is short */
void st_manifest_stats_put(struct st_manifest_stats *s, const char *name, const struct stat *st,
			   const char hash[ST_SHA256_HEX]);
/* write DIR/.manifest-stat if an entry changed; a directory that cannot be
 * written is left as it is, silently (the record is only a cache) */
void st_manifest_stats_write(const char *dir, struct st_manifest_stats *s);
void st_manifest_stats_release(struct st_manifest_stats *s);
/* the SHA-256 of pack file path: the recorded one if its status is as
 * recorded in s, else computed (and remembered in s).  0, or -1 with
 * "PATH: message" in diag. */
int st_manifest_digest(const char *path, struct st_manifest_stats *s, char hash[ST_SHA256_HEX],
		       struct st_diag *diag);
/* 1 if a and b are the same status as far as the record tells */
int st_stat_same(const struct stat *a, const struct stat *b);

#endif
