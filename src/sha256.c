/*
 * sha256.c — SHA-256 of a buffer as hex (see st_sha256.h), by libsodium's
 * crypto_hash_sha256 (the library already links libsodium for passwords
 * and sessions).  Checked against the FIPS 180-4 vectors in
 * tests/test_rules.c.
 */
#include "st_sha256.h"

#include <sodium.h>

void st_sha256_hex(const void *data, size_t len, char hex[ST_SHA256_HEX])
{
	unsigned char digest[crypto_hash_sha256_BYTES];
	/* idempotent and thread-safe; its only failure is a missing random
	 * source, which hashing does not use */
	int ready = sodium_init();

	(void)ready;
	crypto_hash_sha256(digest, data, len);
	sodium_bin2hex(hex, ST_SHA256_HEX, digest, sizeof digest);
}
