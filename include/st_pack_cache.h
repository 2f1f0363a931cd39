/*
 * st_pack_cache — a loaded rule pack kept in a file beside the rule files,
 * so that a start whose pack is as its manifest says need not parse the
 * XML again (issue #14 target 2).  Used by the loader (rules.c) only.
 *
 * DIR/.pack-cache holds the pack as the loader built it before any
 * tailoring: every string and number of every rule, check and parameter;
 * the XPath expressions as text, compiled again when the cache is read.
 * Its key is the SHA-256 of the manifest's lines and of the program's
 * GNU build id, so a changed pack (which must get a new manifest) and a
 * rebuilt program (whose loader may build another pack from the same
 * files) both miss.  The loader reads it only when every pack file's
 * digest, taken from the file status record (st_manifest.h), matches the
 * manifest, and never for `rules validate` / `rules manifest`.  Like the
 * status record it is a cache: missing, unreadable or damaged means
 * loading the XML, and it is written only where the directory is writable.
 */
#ifndef ST_PACK_CACHE_H
#define ST_PACK_CACHE_H

#include <libxml/xpath.h>

#include "st_rules.h"
#include "st_sha256.h"

#define ST_PACK_CACHE_NAME ".pack-cache"
/* the file's first line; the key and a newline follow */
#define ST_PACK_CACHE_MAGIC "safetrack rule pack cache 1\n"
#define ST_PACK_CACHE_MAX_BYTES (8L * 1024 * 1024)

/* the running program's GNU build id as hex into out (at most len bytes
 * with the NUL); 0, or -1 if it has none */
int st_build_id(char *out, size_t len);

/* compiles an XPath expression of the pack again (NULL if it cannot) */
typedef xmlXPathCompExprPtr (*st_pack_cache_compile)(void *arg, const char *src);

/* Write pack (as loaded from dir, before tailoring) under key; silently
 * nothing if the directory cannot be written. */
void st_pack_cache_write(const char *dir, const char key[ST_SHA256_HEX],
			 const struct st_pack *pack);

/* The pack kept under key in dir, its file names under dir and its XPath
 * compiled by compile(arg, src); NULL if there is none, it has another
 * key, or it is damaged (or memory ran short). */
struct st_pack *st_pack_cache_read(const char *dir, const char key[ST_SHA256_HEX],
				   st_pack_cache_compile compile, void *arg);

#endif
