/*
 * session.c — server-side sessions and CSRF tokens (see st_session.h).  The
 * only code that reads or writes the sessions table.
 *
 * The cookie carries a random token; the table keys sessions by the
 * BLAKE2b digest of it, so that reading the database does not hand out
 * live sessions.  Every lookup compares digests in SQL (an index probe);
 * the token itself never leaves the request that carried it.
 */
#include "st_session.h"

#include <stdio.h>
#include <string.h>

#include <sodium.h>

#include "st_store.h"

void st_token_new(char *buf)
{
	unsigned char raw[ST_TOKEN_HEX / 2];

	/* sodium_init() is idempotent and fails only without a random
	 * source, where randombytes_buf() itself aborts: libsodium never hands
	 * out a predictable token */
	if (sodium_init() < 0)
		memset(raw, 0, sizeof raw);  /* overwritten below, or aborted */
	randombytes_buf(raw, sizeof raw);
	sodium_bin2hex(buf, ST_TOKEN_HEX + 1, raw, sizeof raw);
}

void st_token_digest(const char *token, char out[ST_TOKEN_HEX + 1])
{
	unsigned char h[ST_TOKEN_HEX / 2];

	crypto_generichash(h, sizeof h, (const unsigned char *)token, strlen(token), NULL, 0);
	sodium_bin2hex(out, ST_TOKEN_HEX + 1, h, sizeof h);
}

int st_token_equal(const char *a, const char *b)
{
	size_t n;

	if (!a || !b)
		return 0;
	n = strlen(a);
	if (!n || n != strlen(b))
		return 0;
	return sodium_memcmp(a, b, n) == 0;
}

static int db_error(sqlite3 *db, struct st_diag *diag)
{
	return st_diag_add(diag, "数据库错误: %s", st_store_errmsg(db));
}

void st_session_release(struct st_session *s)
{
	if (s)
		st_account_release(&s->account);
}

int st_session_create(sqlite3 *db, const char *name, time_t now, struct st_session *out,
		      struct st_diag *diag)
{
	char digest[ST_TOKEN_HEX + 1];
	sqlite3_stmt *st = NULL;
	int rc;

	memset(out, 0, sizeof *out);
	rc = st_account_get(db, name, &out->account, diag);
	if (rc == 1)
		return st_diag_add(diag, "没有用户 '%s'", name);
	if (rc)
		return -1;
	st_token_new(out->token);
	st_token_new(out->csrf);
	st_token_digest(out->token, digest);
	rc = sqlite3_prepare_v2(db, "INSERT INTO sessions (id, account, csrf, created, seen)"
				    " VALUES (?, ?, ?, ?, ?)", -1, &st, NULL);
	if (rc == SQLITE_OK)
		rc = sqlite3_bind_text(st, 1, digest, -1, SQLITE_STATIC);
	if (rc == SQLITE_OK)
		rc = sqlite3_bind_text(st, 2, name, -1, SQLITE_STATIC);
	if (rc == SQLITE_OK)
		rc = sqlite3_bind_text(st, 3, out->csrf, -1, SQLITE_STATIC);
	if (rc == SQLITE_OK)
		rc = sqlite3_bind_int64(st, 4, (sqlite3_int64)now);
	if (rc == SQLITE_OK)
		rc = sqlite3_bind_int64(st, 5, (sqlite3_int64)now);
	if (rc == SQLITE_OK)
		rc = sqlite3_step(st);
	sqlite3_finalize(st);
	if (rc != SQLITE_DONE) {
		db_error(db, diag);
		st_session_release(out);
		return -1;
	}
	return 0;
}

/* delete by digest; returns the step result */
static int delete_digest(sqlite3 *db, const char *digest)
{
	sqlite3_stmt *st = NULL;
	int rc = sqlite3_prepare_v2(db, "DELETE FROM sessions WHERE id = ?", -1, &st, NULL);

	if (rc == SQLITE_OK)
		rc = sqlite3_bind_text(st, 1, digest, -1, SQLITE_STATIC);
	if (rc == SQLITE_OK)
		rc = sqlite3_step(st);
	sqlite3_finalize(st);
	return rc;
}

/* st_session_find, or with readonly set: 2 (nothing written, out empty)
 * where it would have to write */
static int find(sqlite3 *db, const char *token, time_t now, int readonly,
		struct st_session *out, struct st_diag *diag)
{
	char digest[ST_TOKEN_HEX + 1];
	char name[ST_NAME_MAX + 1] = "";
	sqlite3_stmt *st = NULL;
	long long seen = 0;
	int rc;

	memset(out, 0, sizeof *out);
	if (!token || strlen(token) != ST_TOKEN_HEX)
		return 1;
	st_token_digest(token, digest);
	rc = sqlite3_prepare_v2(db, "SELECT account, csrf, seen FROM sessions WHERE id = ?", -1,
				&st, NULL);
	if (rc == SQLITE_OK)
		rc = sqlite3_bind_text(st, 1, digest, -1, SQLITE_STATIC);
	if (rc == SQLITE_OK)
		rc = sqlite3_step(st);
	if (rc == SQLITE_ROW) {
		const char *a = (const char *)sqlite3_column_text(st, 0);
		const char *c = (const char *)sqlite3_column_text(st, 1);
		snprintf(name, sizeof name, "%s", a ? a : "");
		snprintf(out->csrf, sizeof out->csrf, "%s", c ? c : "");
		seen = sqlite3_column_int64(st, 2);
	}
	sqlite3_finalize(st);
	if (rc == SQLITE_DONE)
		return 1;
	if (rc != SQLITE_ROW)
		return db_error(db, diag);

	if (readonly && ((long long)now - seen >= ST_SESSION_IDLE || (long long)now - seen >= 60))
		return 2;
	if ((long long)now - seen >= ST_SESSION_IDLE) {
		if (delete_digest(db, digest) != SQLITE_DONE)
			return db_error(db, diag);
		return 1;
	}
	rc = st_account_get(db, name, &out->account, diag);
	if (rc)
		return rc;
	if (out->account.disabled) {
		st_session_release(out);
		return 1;
	}
	snprintf(out->token, sizeof out->token, "%s", token);
	/* touching "seen" at most once a minute keeps a page view a read */
	if ((long long)now - seen >= 60) {
		st = NULL;
		rc = sqlite3_prepare_v2(db, "UPDATE sessions SET seen = ? WHERE id = ?", -1, &st,
					NULL);
		if (rc == SQLITE_OK)
			rc = sqlite3_bind_int64(st, 1, (sqlite3_int64)now);
		if (rc == SQLITE_OK)
			rc = sqlite3_bind_text(st, 2, digest, -1, SQLITE_STATIC);
		if (rc == SQLITE_OK)
			rc = sqlite3_step(st);
		sqlite3_finalize(st);
		if (rc != SQLITE_DONE) {
			st_session_release(out);
			return db_error(db, diag);
		}
	}
	return 0;
}

int st_session_find(sqlite3 *db, const char *token, time_t now, struct st_session *out,
		    struct st_diag *diag)
{
	return find(db, token, now, 0, out, diag);
}

int st_session_lookup(sqlite3 *db, const char *token, time_t now, struct st_session *out,
		      struct st_diag *diag)
{
	return find(db, token, now, 1, out, diag);
}

int st_session_end(sqlite3 *db, const char *token, struct st_diag *diag)
{
	char digest[ST_TOKEN_HEX + 1];

	if (!token || strlen(token) != ST_TOKEN_HEX)
		return 0;
	st_token_digest(token, digest);
	if (delete_digest(db, digest) != SQLITE_DONE)
		return db_error(db, diag);
	return 0;
}

int st_session_end_all(sqlite3 *db, const char *name, struct st_diag *diag)
{
	sqlite3_stmt *st = NULL;
	int rc = sqlite3_prepare_v2(db, "DELETE FROM sessions WHERE account = ?", -1, &st, NULL);

	if (rc == SQLITE_OK)
		rc = sqlite3_bind_text(st, 1, name, -1, SQLITE_STATIC);
	if (rc == SQLITE_OK)
		rc = sqlite3_step(st);
	sqlite3_finalize(st);
	if (rc != SQLITE_DONE)
		return db_error(db, diag);
	return 0;
}
