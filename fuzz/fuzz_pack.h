/*
 * fuzz_pack.h — what the rule and tailoring targets share: load a pack from
 * files the target has just written and hold the loader to its contract.
 */
#ifndef ST_FUZZ_PACK_H
#define ST_FUZZ_PACK_H

#include "fuzz.h"

#include "st_rules.h"

#include <unistd.h>

/* Write dir's MANIFEST as a maintainer would (`rules manifest`: only after
 * full validation, RELAX NG included); returns 1 if it was written. */
static inline int fuzz_pack_manifest(const char *dir)
{
	char path[512];

	snprintf(path, sizeof path, "%s/MANIFEST", dir);
	unlink(path);
	return st_pack_write_manifest(dir, NULL, NULL) == 0;
}

/* Load the pack in dir (with the tailoring file, or NULL).  A load that
 * fails must have said why; one that succeeds must have said nothing, and
 * the pack is handed to check, then freed.  written: whether the manifest
 * was written just now (-1: not known); a pack that got one loads without
 * RELAX NG (the manifest vouches), so without a tailoring it must load, and
 * one that did not get one must not. */
static inline void fuzz_pack_load(const char *dir, const char *tailoring, int written,
				  void (*check)(const struct st_pack *pack))
{
	struct st_diag diag = ST_DIAG_INIT;
	struct st_pack *pack = NULL;
	int rc = st_pack_load(dir, tailoring, &pack, &diag);

	if (written >= 0 && !tailoring)
		FUZZ_CHECK((rc == 0) == (written == 1));
	if (rc == 0) {
		FUZZ_CHECK(pack && diag.count == 0 && pack->validated == 0);
		check(pack);
		st_pack_free(pack);
	} else {
		FUZZ_CHECK(diag.count > 0 && diag.line[0] != NULL);
	}
	st_diag_release(&diag);
}

#endif
