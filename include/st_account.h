/*
 * st_account — the web server's accounts, their roles and login (HTTP.md
 * §0–§2).
 *
 * An account has a name, one of four roles, for an officer the parks it
 * looks after (none: every park), for an enterprise account its enterprise,
 * and an Argon2id password hash (libsodium crypto_pwhash_str).  Passwords
 * are at least ST_PASSWORD_MIN characters (Unicode characters, not bytes).
 *
 * Login throttling: after ST_LOGIN_MAX_FAILURES failed logins for one name
 * within ST_LOGIN_WINDOW seconds, every further attempt for that name is
 * refused, without looking at the password, until ST_LOGIN_WINDOW seconds
 * after the last failure.  Names that are no account count the same, so the
 * answers never reveal which names exist.  A successful login forgets the
 * name's failures.
 *
 * Role decisions (st_access_*) are pure functions of the account and the
 * record's enterprise and park: they answer what HTTP.md §1 asks — may the
 * account see it (else 404), and may it make this change (else 403).
 *
 * Times are seconds since the epoch passed in by the caller, so that tests
 * can move the clock.
 */
#ifndef ST_ACCOUNT_H
#define ST_ACCOUNT_H

#include <stddef.h>
#include <time.h>
#include <sqlite3.h>

#include "st_diag.h"

#define ST_PASSWORD_MIN 10
#define ST_NAME_MAX 64
#define ST_LOGIN_MAX_FAILURES 5
#define ST_LOGIN_WINDOW (15 * 60)

enum st_role { ST_ROLE_ADMIN, ST_ROLE_OFFICER, ST_ROLE_ENTERPRISE, ST_ROLE_VIEWER };

struct st_account {
	char *name;
	enum st_role role;
	char *enterprise;        /* the enterprise account's own; else NULL */
	char **parks;            /* an officer's parks; none: every park */
	size_t nparks;
	int disabled;
};

/* the role's name ("admin", ...) */
const char *st_role_name(enum st_role role);
/* the role's Chinese name ("管理员", ...) */
const char *st_role_label(enum st_role role);
/* parse "admin"|"officer"|"enterprise"|"viewer" (or the Chinese name);
 * returns 0 or -1 */
int st_role_parse(const char *s, enum st_role *out);

/* free what an account holds (not the struct); safe on a zeroed one */
void st_account_release(struct st_account *a);

/* Is pw acceptable as a password?  Returns 0, or -1 with the reason in
 * diag (too short, not UTF-8, a control character). */
int st_password_check(const char *pw, struct st_diag *diag);

/* Create an account.  parks/nparks only for an officer, enterprise only
 * (and always) for an enterprise account; each must exist in the store.
 * Returns 0 or -1 with a message in diag; nothing is stored on error. */
int st_account_add(sqlite3 *db, const char *name, enum st_role role,
		   const char *const *parks, size_t nparks, const char *enterprise,
		   const char *password, time_t now, struct st_diag *diag);
/* set a new password and end every session of the account; 0 or -1 */
int st_account_passwd(sqlite3 *db, const char *name, const char *password,
		      struct st_diag *diag);
/* disable the account and end every session of it; 0 or -1 */
int st_account_disable(sqlite3 *db, const char *name, struct st_diag *diag);
/* Look an account up: 0 and *out filled (release it), 1 when there is no
 * such account, -1 on a store error (message in diag). */
int st_account_get(sqlite3 *db, const char *name, struct st_account *out,
		   struct st_diag *diag);
/* every account by name: 0 and an array of *n the caller frees with
 * st_account_list_free(), or -1 */
int st_account_list(sqlite3 *db, struct st_account **out, size_t *n,
		    struct st_diag *diag);
void st_account_list_free(struct st_account *list, size_t n);

enum st_login { ST_LOGIN_OK, ST_LOGIN_BAD, ST_LOGIN_THROTTLED, ST_LOGIN_ERROR };

/* Check name and password at time now, with throttling.  A wrong name, a
 * wrong password and a disabled account all answer ST_LOGIN_BAD and record
 * a failure; ST_LOGIN_ERROR is a store error (message in diag). */
enum st_login st_account_login(sqlite3 *db, const char *name, const char *password,
			       time_t now, struct st_diag *diag);
/* The same, reading on db and writing (the failures) on the connection
 * w->begin(w->arg) returns, given back with w->end(w->arg) (a server whose
 * writes go through one connection; the Argon2id verification, tens of
 * milliseconds, then holds nothing).  w NULL: write on db. */
struct st_login_writer {
	sqlite3 *(*begin)(void *arg);
	void (*end)(void *arg);
	void *arg;
};
enum st_login st_account_login_with(sqlite3 *db, const struct st_login_writer *w,
				    const char *name, const char *password, time_t now,
				    struct st_diag *diag);

/* Calendar feed tokens (HTTP.md §5): a new random token for the account,
 * replacing (revoking) the old one; hex into out[65]; 0 or -1. */
int st_account_calendar_token(sqlite3 *db, const char *name, char out[65],
			      struct st_diag *diag);
/* the enabled account whose calendar token is token: 0 and *out, 1 when
 * none, -1 on error */
int st_account_by_calendar(sqlite3 *db, const char *token, struct st_account *out,
			   struct st_diag *diag);

/* What a request may do, HTTP.md §1. */
enum st_action {
	ST_ACT_VIEW,        /* see a record, an enterprise, a report */
	ST_ACT_RECORD,      /* add or edit any record of the enterprise or park */
	ST_ACT_RECTIFY,     /* a hazard's measures, funds, owner, deadline,
			     * evidence, marking it rectified */
	ST_ACT_VERIFY,      /* close, reopen or void a hazard */
	ST_ACT_ACCOUNTS,    /* manage accounts */
};

/* Does the account see park `park`?  1 or 0. */
int st_access_sees_park(const struct st_account *a, const char *park);
/* Does the account see the enterprise with this id in park `park`? */
int st_access_sees_enterprise(const struct st_account *a, const char *enterprise,
			      const char *park);
/* The answer to doing `act` on something that belongs to enterprise (may be
 * NULL for a park-level record such as a meeting) in park: 0 allowed, 404
 * not visible, 403 visible but not to be changed. */
int st_access_decide(const struct st_account *a, enum st_action act,
		     const char *enterprise, const char *park);
/* May the account change anything at all (a form worth showing)? */
int st_access_may_write(const struct st_account *a);

#endif
