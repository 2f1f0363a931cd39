/*
 * fuzz_pack.h — what the rule and tailoring targets share: load a pack from
 * files the target has just written and hold the loader to its contract.
 */
#ifndef ST_FUZZ_PACK_H
#define ST_FUZZ_PACK_H

#include "fuzz.h"

#include "st_rules.h"

/* Load the pack in dir (with the tailoring file, or NULL).  A load that
 * fails must have said why; one that succeeds must have said nothing, and
 * the pack is handed to check, then freed. */
static inline void fuzz_pack_load(const char *dir, const char *tailoring,
				  void (*check)(const struct st_pack *pack))
{
	struct st_diag diag = ST_DIAG_INIT;
	struct st_pack *pack = NULL;

	if (st_pack_load(dir, tailoring, &pack, &diag) == 0) {
		FUZZ_CHECK(pack && diag.count == 0);
		check(pack);
		st_pack_free(pack);
	} else {
		FUZZ_CHECK(diag.count > 0 && diag.line[0] != NULL);
	}
	st_diag_release(&diag);
}

#endif
