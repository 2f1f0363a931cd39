/*
 * st_session — server-side login sessions and their CSRF tokens (HTTP.md §2).
 *
 * A session is a random 256-bit token the browser keeps in the st_session
 * cookie; the store keeps only a hash of it, the account, a random CSRF
 * token, and when it was created and last used.  A session not used for
 * ST_SESSION_IDLE seconds is over; ending a session (logout, password
 * change, disabled account) deletes it on the server.  A new session is
 * made at every login (a session id set before login is never kept, which
 * defeats session fixation).
 */
#ifndef ST_SESSION_H
#define ST_SESSION_H

#include <time.h>
#include <sqlite3.h>

#include "st_account.h"
#include "st_diag.h"

#define ST_SESSION_IDLE (12 * 60 * 60)
#define ST_TOKEN_HEX 64       /* a token as hex, without the NUL */

struct st_session {
	char token[ST_TOKEN_HEX + 1];   /* the cookie value */
	char csrf[ST_TOKEN_HEX + 1];
	struct st_account account;
};

/* fill buf[ST_TOKEN_HEX + 1] with a new random token */
void st_token_new(char *buf);
/* the hex BLAKE2b-256 digest of a token, the form the store keeps */
void st_token_digest(const char *token, char out[ST_TOKEN_HEX + 1]);
/* Constant-time comparison of two tokens; 1 when both are non-NULL, of the
 * same length, not empty, and equal. */
int st_token_equal(const char *a, const char *b);

/* Start a session for the (already logged-in) account name at time now:
 * 0 and *out filled (release it), or -1 with a message. */
int st_session_create(sqlite3 *db, const char *name, time_t now, struct st_session *out,
		      struct st_diag *diag);
/* Find the live session of cookie value token at time now and mark it
 * used: 0 and *out filled, 1 when there is none (unknown, expired, or its
 * account disabled; an expired one is deleted), -1 on a store error. */
int st_session_find(sqlite3 *db, const char *token, time_t now, struct st_session *out,
		    struct st_diag *diag);
/* The same without writing, for a read-only connection: 2 (out empty)
 * where st_session_find would write (the session's last use is a minute
 * old or more, or it has expired): call st_session_find then. */
int st_session_lookup(sqlite3 *db, const char *token, time_t now, struct st_session *out,
		      struct st_diag *diag);
/* end the session of token (nothing if none); 0 or -1 */
int st_session_end(sqlite3 *db, const char *token, struct st_diag *diag);
/* end every session of an account; 0 or -1 */
int st_session_end_all(sqlite3 *db, const char *name, struct st_diag *diag);
/* free what a session holds (not the struct) */
void st_session_release(struct st_session *s);

#endif
