/*
 * fuzz_pack_cache.c — reading the compiled-pack cache (st_pack_cache_read,
 * rules/.pack-cache; see st_pack_cache.h).
 *
 * The input is the cache's body, after its magic line and key.  Whatever it
 * is, reading gives no pack or a whole one: every rule with the strings the
 * loader guarantees, every check with its kind, every parameter with its
 * name and text, every rule's pack one of the packs; and everything it
 * allocated is freed (no crash, no leak under the sanitizers).
 */
#include "fuzz.h"

#include "st_pack_cache.h"

#include <libxml/xpath.h>

static xmlXPathCompExprPtr cache_compile(void *arg, const char *src)
{
	(void)arg;
	return xmlXPathCompile((const xmlChar *)src);
}

int FUZZ_ENTRY(const uint8_t *data, size_t size)
{
	static const char key[ST_SHA256_HEX] =
		"0123456789abcdef0123456789abcdef0123456789abcdef0123456789abcdef";
	char path[320];
	struct st_pack *pack;
	FILE *f;

	snprintf(path, sizeof path, "%s/%s", fuzz_dir(), ST_PACK_CACHE_NAME);
	FUZZ_CHECK((f = fopen(path, "wb")) != NULL);
	fprintf(f, "%s%s\n", ST_PACK_CACHE_MAGIC, key);
	FUZZ_CHECK(size == 0 || fwrite(data, 1, size, f) == size);
	FUZZ_CHECK(fclose(f) == 0);
	if (!(pack = st_pack_cache_read(fuzz_dir(), key, cache_compile, NULL)))
		return 0;
	FUZZ_CHECK(pack->id && pack->version && pack->title && pack->dir && pack->npacks);
	for (size_t i = 0; i < pack->nrules; i++) {
		const struct st_rule *r = &pack->rules[i];
		FUZZ_CHECK(r->id && r->clause && r->clause_text && r->title && r->remediation &&
			   r->file && r->pack < pack->npacks);
		FUZZ_CHECK(!r->applies || r->applies_src);
		for (size_t j = 0; j < r->nchecks; j++) {
			FUZZ_CHECK(r->checks[j].spec != NULL);
			for (size_t k = 0; k < r->checks[j].nparams; k++)
				FUZZ_CHECK(r->checks[j].params[k].name && r->checks[j].params[k].text);
		}
	}
	st_pack_free(pack);
	return 0;
}
