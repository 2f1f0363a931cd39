/*
 * fuzz_manifest.c — the rule pack's MANIFEST (st_manifest_read and the
 * loader's comparison of a pack with it).
 *
 * The pack is fuzz/tailoring-pack.xml with both schemas; the input is its
 * MANIFEST.  Whatever the input, a load that succeeds must be one the
 * manifest truly vouches for: every file listed once with its real digest,
 * no file left out, and the real rule count.  A refused manifest must say
 * why.  The true manifest is written once, by `rules manifest`'s function,
 * and kept as the reference.
 */
#include "fuzz_pack.h"

#include "st_manifest.h"

#include <sys/stat.h>

static char man_pack[300], man_file[320];
static struct st_manifest man_true;

static void manifest_setup(void)
{
	char from[300], to[320];
	static const char *const rng[] = { "rulepack.rng", "tailoring.rng" };

	if (man_pack[0])
		return;
	snprintf(man_pack, sizeof man_pack, "%s/mpack", fuzz_dir());
	FUZZ_CHECK(mkdir(man_pack, 0700) == 0);
	for (int i = 0; i < 2; i++) {
		snprintf(from, sizeof from, "%s/%s", fuzz_rules_dir(), rng[i]);
		snprintf(to, sizeof to, "%s/%s", man_pack, rng[i]);
		fuzz_copy(from, to);
	}
	snprintf(to, sizeof to, "%s/pack.xml", man_pack);
	fuzz_copy(getenv("ST_FUZZ_TAILORING_PACK") ? getenv("ST_FUZZ_TAILORING_PACK")
						    : "fuzz/tailoring-pack.xml", to);
	FUZZ_CHECK(fuzz_pack_manifest(man_pack));
	FUZZ_CHECK(st_manifest_read(man_pack, &man_true, NULL) == 0);
	FUZZ_CHECK(man_true.n == 3 && man_true.rules == 3);
	snprintf(man_file, sizeof man_file, "%s/MANIFEST", man_pack);
}

static void manifest_check(const struct st_pack *pack)
{
	struct st_manifest m;

	FUZZ_CHECK(pack->nrules == 3);
	/* what was accepted says what the true manifest says */
	FUZZ_CHECK(st_manifest_read(man_pack, &m, NULL) == 0);
	FUZZ_CHECK(m.n == man_true.n && m.rules == man_true.rules);
	for (size_t i = 0; i < m.n; i++) {
		const struct st_manifest_entry *e = st_manifest_find(&man_true, m.v[i].name);
		FUZZ_CHECK(e && !strcmp(e->hash, m.v[i].hash));
	}
	st_manifest_release(&m);
}

int FUZZ_ENTRY(const uint8_t *data, size_t size)
{
	manifest_setup();
	fuzz_write(man_file, data, size);
	fuzz_pack_load(man_pack, NULL, -1, manifest_check);
	return 0;
}
