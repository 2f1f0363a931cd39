/*
 * fuzz_rules.c — rule file loading (st_pack_load).
 *
 * The input is one rule file, loaded as the only *.xml of a pack directory
 * beside the real rulepack.rng.  A file that loads must give a consistent
 * pack (rule ids sorted and unique, every check with a known kind); one that
 * does not must say why in the diag.  The pack's manifest is written first
 * (only full validation writes one), so the load is the start-up path that
 * skips RELAX NG: it must accept exactly the files full validation accepted.
 */
#include "fuzz_pack.h"

#include <sys/stat.h>

static char rules_pack[300], rules_file[320];

static void rules_setup(void)
{
	char rng[320], src[300];

	if (rules_pack[0])
		return;
	snprintf(rules_pack, sizeof rules_pack, "%s/rules", fuzz_dir());
	FUZZ_CHECK(mkdir(rules_pack, 0700) == 0);
	snprintf(src, sizeof src, "%s/rulepack.rng", fuzz_rules_dir());
	snprintf(rng, sizeof rng, "%s/rulepack.rng", rules_pack);
	fuzz_copy(src, rng);
	snprintf(rules_file, sizeof rules_file, "%s/x.xml", rules_pack);
}

/* ids sorted, unique and found; every check of a known kind */
static void rules_check(const struct st_pack *pack)
{
	for (size_t i = 0; i < pack->nrules; i++) {
		const struct st_rule *r = &pack->rules[i];
		FUZZ_CHECK(r->id && r->file);
		FUZZ_CHECK(i == 0 || strcmp(pack->rules[i - 1].id, r->id) < 0);
		FUZZ_CHECK(st_pack_find(pack, r->id) == r);
		for (size_t c = 0; c < r->nchecks; c++)
			FUZZ_CHECK(r->checks[c].spec != NULL);
	}
}

int FUZZ_ENTRY(const uint8_t *data, size_t size)
{
	rules_setup();
	fuzz_write(rules_file, data, size);
	fuzz_pack_load(rules_pack, NULL, fuzz_pack_manifest(rules_pack), rules_check);
	return 0;
}
