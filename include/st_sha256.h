/*
 * st_sha256 — SHA-256 (FIPS 180-4) of a buffer, for the rule pack's
 * manifest; computed by libsodium.
 */
#ifndef ST_SHA256_H
#define ST_SHA256_H

#include <stddef.h>

#define ST_SHA256_HEX 65  /* 64 lowercase hex digits and a NUL */

/* the digest of data[0..len) as lowercase hex into hex (ST_SHA256_HEX bytes) */
void st_sha256_hex(const void *data, size_t len, char hex[ST_SHA256_HEX]);

#endif
