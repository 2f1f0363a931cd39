/*
 * fuzz_tailoring.c — tailoring file loading (st_pack_load with a tailoring).
 *
 * The pack is fuzz/tailoring-pack.xml, a three-rule copy of real rules; the
 * input is the tailoring file.  A tailoring that loads may only have changed
 * integer parameters (within their bounds) and selection; one that does not
 * must say why.
 */
#include "fuzz_pack.h"

#include <sys/stat.h>

static char tail_pack[300], tail_file[320];

static void tailoring_setup(void)
{
	char from[300], to[320];
	static const char *const rng[] = { "rulepack.rng", "tailoring.rng" };

	if (tail_pack[0])
		return;
	snprintf(tail_pack, sizeof tail_pack, "%s/tpack", fuzz_dir());
	FUZZ_CHECK(mkdir(tail_pack, 0700) == 0);
	for (int i = 0; i < 2; i++) {
		snprintf(from, sizeof from, "%s/%s", fuzz_rules_dir(), rng[i]);
		snprintf(to, sizeof to, "%s/%s", tail_pack, rng[i]);
		fuzz_copy(from, to);
	}
	snprintf(to, sizeof to, "%s/pack.xml", tail_pack);
	fuzz_copy(getenv("ST_FUZZ_TAILORING_PACK") ? getenv("ST_FUZZ_TAILORING_PACK")
						    : "fuzz/tailoring-pack.xml", to);
	snprintf(tail_file, sizeof tail_file, "%s/tailoring.xml", fuzz_dir());
	FUZZ_CHECK(fuzz_pack_manifest(tail_pack));
}

/* the pack's three rules; tailored parameters integers within bounds */
static void tailoring_check(const struct st_pack *pack)
{
	FUZZ_CHECK(pack->nrules == 3);
	for (size_t i = 0; i < pack->nrules; i++) {
		const struct st_rule *r = &pack->rules[i];
		for (size_t c = 0; c < r->nchecks; c++) {
			const struct st_check *k = &r->checks[c];
			for (size_t p = 0; p < k->nparams; p++) {
				const struct st_param *v = &k->params[p];
				if (!v->tailored || !v->spec)
					continue;
				FUZZ_CHECK(v->spec->type == ST_PARAM_INT);
				FUZZ_CHECK(v->ival >= v->spec->min && v->ival <= v->spec->max);
			}
		}
	}
}

int FUZZ_ENTRY(const uint8_t *data, size_t size)
{
	tailoring_setup();
	fuzz_write(tail_file, data, size);
	fuzz_pack_load(tail_pack, tail_file, -1, tailoring_check);
	return 0;
}
