/*
 * account.c — accounts, passwords, login throttling and role decisions (see
 * st_account.h).  The only code that reads or writes the accounts,
 * account_parks and login_failures tables.
 *
 * Passwords are hashed with libsodium's crypto_pwhash_str (Argon2id, the
 * interactive limits).  A login for a name that is no account still runs
 * one verification against a fixed hash, so that the time taken does not
 * tell a name that exists from one that does not.
 */
#include "st_account.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <sodium.h>

#include "st_session.h"
#include "st_store.h"

static const char *const role_names[] = { "admin", "officer", "enterprise", "viewer" };
static const char *const role_labels[] = { "管理员", "安全监管人员", "企业", "只读" };

const char *st_role_name(enum st_role role)
{
	return role_names[role];
}

const char *st_role_label(enum st_role role)
{
	return role_labels[role];
}

int st_role_parse(const char *s, enum st_role *out)
{
	for (int i = 0; i < 4; i++)
		if (!strcmp(s, role_names[i]) || !strcmp(s, role_labels[i])) {
			*out = (enum st_role)i;
			return 0;
		}
	return -1;
}

void st_account_release(struct st_account *a)
{
	if (!a)
		return;
	free(a->name);
	free(a->enterprise);
	for (size_t i = 0; i < a->nparks; i++)
		free(a->parks[i]);
	free(a->parks);
	memset(a, 0, sizeof *a);
}

void st_account_list_free(struct st_account *list, size_t n)
{
	for (size_t i = 0; i < n; i++)
		st_account_release(&list[i]);
	free(list);
}

/* number of UTF-8 characters in s, or -1 if s is not UTF-8 or holds a
 * control character */
static long utf8_chars(const char *s)
{
	const unsigned char *p = (const unsigned char *)s;
	long n = 0;

	while (*p) {
		int len;
		if (*p < 0x20 || *p == 0x7f)
			return -1;
		if (*p < 0x80)
			len = 1;
		else if ((*p & 0xe0) == 0xc0 && *p >= 0xc2)
			len = 2;
		else if ((*p & 0xf0) == 0xe0)
			len = 3;
		else if ((*p & 0xf8) == 0xf0 && *p <= 0xf4)
			len = 4;
		else
			return -1;
		for (int i = 1; i < len; i++)
			if ((p[i] & 0xc0) != 0x80)
				return -1;
		p += len;
		n++;
	}
	return n;
}

int st_password_check(const char *pw, struct st_diag *diag)
{
	long n = utf8_chars(pw);

	if (n < 0)
		return st_diag_add(diag, "密码含有控制字符或不是有效的 UTF-8 文本");
	if (n < ST_PASSWORD_MIN)
		return st_diag_add(diag, "密码至少需要 %d 个字符（现为 %ld 个）", ST_PASSWORD_MIN, n);
	if (strlen(pw) > 1024)
		return st_diag_add(diag, "密码过长（最多 1024 字节）");
	return 0;
}

static int check_name(const char *name, struct st_diag *diag)
{
	if (!*name)
		return st_diag_add(diag, "用户名不能为空");
	if (strlen(name) > ST_NAME_MAX)
		return st_diag_add(diag, "用户名过长（最多 %d 字节）", ST_NAME_MAX);
	if (utf8_chars(name) < 0 || strpbrk(name, " \t/\\\"'<>&"))
		return st_diag_add(diag, "用户名 '%s' 含有空白、引号、斜杠或尖括号等字符", name);
	return 0;
}

static int db_error(sqlite3 *db, struct st_diag *diag)
{
	return st_diag_add(diag, "数据库错误: %s", st_store_errmsg(db));
}

/* run a one-row statement with text parameters (NULL binds NULL); returns
 * the step's result code, or SQLITE_ERROR if it could not be prepared */
static int exec_text(sqlite3 *db, const char *sql, int nparam, const char *const *param)
{
	sqlite3_stmt *st = NULL;
	int rc = sqlite3_prepare_v2(db, sql, -1, &st, NULL);

	for (int i = 0; rc == SQLITE_OK && i < nparam; i++)
		rc = sqlite3_bind_text(st, i + 1, param[i], -1, SQLITE_STATIC);
	if (rc == SQLITE_OK)
		rc = sqlite3_step(st);
	sqlite3_finalize(st);
	return rc;
}

/* 1 if `SELECT 1 FROM table WHERE id = ?` finds id, 0 if not, -1 on error */
static int exists(sqlite3 *db, const char *sql, const char *id)
{
	int rc = exec_text(db, sql, 1, &id);
	return rc == SQLITE_ROW ? 1 : rc == SQLITE_DONE ? 0 : -1;
}

static int hash_password(const char *password, char out[crypto_pwhash_STRBYTES],
			 struct st_diag *diag)
{
	if (sodium_init() < 0)
		return st_diag_add(diag, "无法初始化 libsodium");
	if (crypto_pwhash_str(out, password, strlen(password),
			      crypto_pwhash_OPSLIMIT_INTERACTIVE,
			      crypto_pwhash_MEMLIMIT_INTERACTIVE) != 0)
		return st_diag_add(diag, "无法计算密码散列（内存不足）");
	return 0;
}

int st_account_add(sqlite3 *db, const char *name, enum st_role role,
		   const char *const *parks, size_t nparks, const char *enterprise,
		   const char *password, time_t now, struct st_diag *diag)
{
	char hash[crypto_pwhash_STRBYTES];
	char created[32];
	struct tm tm;
	int rc = 0;

	if (check_name(name, diag))
		return -1;
	if (role == ST_ROLE_ENTERPRISE && !enterprise)
		return st_diag_add(diag, "企业账户需要 --enterprise 指定其企业");
	if (role != ST_ROLE_ENTERPRISE && enterprise)
		return st_diag_add(diag, "只有企业账户（enterprise）可以指定 --enterprise");
	if (role != ST_ROLE_OFFICER && nparks)
		return st_diag_add(diag, "只有安全监管人员账户（officer）可以指定 --park；%s 账户可查看全部园区",
				   role_names[role]);
	if (st_password_check(password, diag))
		return -1;

	switch (exists(db, "SELECT 1 FROM accounts WHERE name = ?", name)) {
	case 1: return st_diag_add(diag, "用户 '%s' 已存在", name);
	case -1: return db_error(db, diag);
	}
	if (enterprise) {
		switch (exists(db, "SELECT 1 FROM enterprises WHERE id = ?", enterprise)) {
		case 0: return st_diag_add(diag, "没有企业 '%s'", enterprise);
		case -1: return db_error(db, diag);
		}
	}
	for (size_t i = 0; i < nparks; i++) {
		switch (exists(db, "SELECT 1 FROM parks WHERE id = ?", parks[i])) {
		case 0: return st_diag_add(diag, "没有园区 '%s'", parks[i]);
		case -1: return db_error(db, diag);
		}
	}
	if (hash_password(password, hash, diag))
		return -1;
	localtime_r(&now, &tm);
	strftime(created, sizeof created, "%Y-%m-%dT%H:%M:%S", &tm);

	if (st_store_begin(db, diag))
		return -1;
	{
		const char *p[] = { name, role_names[role], enterprise, hash, created };
		if (exec_text(db, "INSERT INTO accounts (name, role, enterprise, hash, created)"
				  " VALUES (?, ?, ?, ?, ?)", 5, p) != SQLITE_DONE)
			rc = -1;
	}
	for (size_t i = 0; !rc && i < nparks; i++) {
		const char *p[] = { name, parks[i] };
		int r = exec_text(db, "INSERT OR IGNORE INTO account_parks (account, park)"
				      " VALUES (?, ?)", 2, p);
		if (r != SQLITE_DONE)
			rc = -1;
	}
	if (rc) {
		db_error(db, diag);
		st_store_rollback(db);
		return -1;
	}
	return st_store_commit(db, diag);
}

/* 0 if the account exists, else -1 with "没有用户" or a store error */
static int need_account(sqlite3 *db, const char *name, struct st_diag *diag)
{
	switch (exists(db, "SELECT 1 FROM accounts WHERE name = ?", name)) {
	case 1: return 0;
	case 0: return st_diag_add(diag, "没有用户 '%s'", name);
	default: return db_error(db, diag);
	}
}

/* run sql (parameters: its text, then name) and end the account's sessions,
 * in one transaction */
static int update_and_end_sessions(sqlite3 *db, const char *sql, const char *value,
				   const char *name, struct st_diag *diag)
{
	const char *p[] = { value, name };

	if (need_account(db, name, diag) || st_store_begin(db, diag))
		return -1;
	if (exec_text(db, sql, value ? 2 : 1, value ? p : p + 1) != SQLITE_DONE) {
		db_error(db, diag);
		st_store_rollback(db);
		return -1;
	}
	if (st_session_end_all(db, name, diag)) {
		st_store_rollback(db);
		return -1;
	}
	return st_store_commit(db, diag);
}

int st_account_passwd(sqlite3 *db, const char *name, const char *password,
		      struct st_diag *diag)
{
	char hash[crypto_pwhash_STRBYTES];

	if (need_account(db, name, diag) || st_password_check(password, diag) ||
	    hash_password(password, hash, diag))
		return -1;
	return update_and_end_sessions(db, "UPDATE accounts SET hash = ? WHERE name = ?", hash,
				       name, diag);
}

int st_account_disable(sqlite3 *db, const char *name, struct st_diag *diag)
{
	return update_and_end_sessions(db, "UPDATE accounts SET disabled = 1, calendar = NULL"
					   " WHERE name = ?", NULL, name, diag);
}

static char *dup_col(sqlite3_stmt *st, int col)
{
	const unsigned char *t = sqlite3_column_text(st, col);
	return t ? strdup((const char *)t) : NULL;
}

/* the account row st has just stepped to (name, role, enterprise,
 * disabled), with its parks read from the store */
static int read_account(sqlite3 *db, sqlite3_stmt *st, struct st_account *a,
			struct st_diag *diag)
{
	sqlite3_stmt *ps = NULL;
	int rc;

	memset(a, 0, sizeof *a);
	a->name = dup_col(st, 0);
	if (st_role_parse((const char *)sqlite3_column_text(st, 1), &a->role))
		a->role = ST_ROLE_VIEWER;  /* the schema's CHECK makes this unreachable */
	a->enterprise = dup_col(st, 2);
	a->disabled = sqlite3_column_int(st, 3);
	if (!a->name)
		return st_diag_add(diag, "内存不足");
	rc = sqlite3_prepare_v2(db, "SELECT park FROM account_parks WHERE account = ? ORDER BY park",
				-1, &ps, NULL);
	if (rc == SQLITE_OK)
		rc = sqlite3_bind_text(ps, 1, a->name, -1, SQLITE_STATIC);
	while (rc == SQLITE_OK && (rc = sqlite3_step(ps)) == SQLITE_ROW) {
		char **p = realloc(a->parks, (a->nparks + 1) * sizeof *p);
		if (!p || !(p[a->nparks] = dup_col(ps, 0))) {
			if (p)
				a->parks = p;
			sqlite3_finalize(ps);
			return st_diag_add(diag, "内存不足");
		}
		a->parks = p;
		a->nparks++;
		rc = SQLITE_OK;
	}
	sqlite3_finalize(ps);
	if (rc != SQLITE_DONE)
		return db_error(db, diag);
	return 0;
}

#define ACCOUNT_COLS "SELECT name, role, enterprise, disabled FROM accounts"

static int get_by(sqlite3 *db, const char *sql, const char *key, struct st_account *out,
		  struct st_diag *diag)
{
	sqlite3_stmt *st = NULL;
	int rc = sqlite3_prepare_v2(db, sql, -1, &st, NULL);

	if (rc == SQLITE_OK)
		rc = sqlite3_bind_text(st, 1, key, -1, SQLITE_STATIC);
	if (rc == SQLITE_OK)
		rc = sqlite3_step(st);
	if (rc == SQLITE_ROW) {
		rc = read_account(db, st, out, diag);
		if (rc)
			st_account_release(out);
		sqlite3_finalize(st);
		return rc;
	}
	sqlite3_finalize(st);
	if (rc == SQLITE_DONE)
		return 1;
	return db_error(db, diag);
}

int st_account_get(sqlite3 *db, const char *name, struct st_account *out,
		   struct st_diag *diag)
{
	return get_by(db, ACCOUNT_COLS " WHERE name = ?", name, out, diag);
}

int st_account_list(sqlite3 *db, struct st_account **out, size_t *n, struct st_diag *diag)
{
	sqlite3_stmt *st = NULL;
	struct st_account *list = NULL;
	size_t cnt = 0;
	int rc = sqlite3_prepare_v2(db, ACCOUNT_COLS " ORDER BY name", -1, &st, NULL);

	while (rc == SQLITE_OK && (rc = sqlite3_step(st)) == SQLITE_ROW) {
		struct st_account *l = realloc(list, (cnt + 1) * sizeof *l);
		if (!l) {
			rc = SQLITE_NOMEM;
			break;
		}
		list = l;
		if (read_account(db, st, &list[cnt], diag)) {
			st_account_release(&list[cnt]);
			sqlite3_finalize(st);
			st_account_list_free(list, cnt);
			return -1;
		}
		cnt++;
		rc = SQLITE_OK;
	}
	sqlite3_finalize(st);
	if (rc != SQLITE_DONE) {
		st_account_list_free(list, cnt);
		return db_error(db, diag);
	}
	*out = list;
	*n = cnt;
	return 0;
}

/* Is name throttled at time now?  1 yes, 0 no, -1 on error.  The window
 * ends at the last failure: count the failures in the 15 minutes up to it. */
static int throttled(sqlite3 *db, const char *name, time_t now)
{
	sqlite3_stmt *st = NULL;
	int r = -1;
	int rc = sqlite3_prepare_v2(db,
		"SELECT count(*), max(last) FROM login_failures,"
		" (SELECT max(at) AS last FROM login_failures WHERE name = ?1)"
		" WHERE name = ?1 AND at > last - ?2", -1, &st, NULL);

	if (rc == SQLITE_OK)
		rc = sqlite3_bind_text(st, 1, name, -1, SQLITE_STATIC);
	if (rc == SQLITE_OK)
		rc = sqlite3_bind_int(st, 2, ST_LOGIN_WINDOW);
	if (rc == SQLITE_OK && sqlite3_step(st) == SQLITE_ROW) {
		long long n = sqlite3_column_int64(st, 0);
		long long last = sqlite3_column_int64(st, 1);
		r = n >= ST_LOGIN_MAX_FAILURES && (long long)now < last + ST_LOGIN_WINDOW;
	}
	sqlite3_finalize(st);
	return r;
}

/* record a failure for name and forget failures too old to matter */
static int record_failure(sqlite3 *db, const char *name, time_t now)
{
	sqlite3_stmt *st = NULL;
	int rc = sqlite3_prepare_v2(db, "INSERT INTO login_failures (name, at) VALUES (?, ?)", -1,
				    &st, NULL);

	if (rc == SQLITE_OK)
		rc = sqlite3_bind_text(st, 1, name, -1, SQLITE_STATIC);
	if (rc == SQLITE_OK)
		rc = sqlite3_bind_int64(st, 2, (sqlite3_int64)now);
	if (rc == SQLITE_OK)
		rc = sqlite3_step(st);
	sqlite3_finalize(st);
	if (rc != SQLITE_DONE)
		return -1;
	st = NULL;
	rc = sqlite3_prepare_v2(db, "DELETE FROM login_failures WHERE at <= ?", -1, &st, NULL);
	if (rc == SQLITE_OK)
		rc = sqlite3_bind_int64(st, 1, (sqlite3_int64)now - 2 * ST_LOGIN_WINDOW);
	if (rc == SQLITE_OK)
		rc = sqlite3_step(st);
	sqlite3_finalize(st);
	return rc == SQLITE_DONE ? 0 : -1;
}

/* a valid Argon2id hash of a password nobody has, verified against for a
 * name that is no account; computed once */
static const char *decoy_hash(void)
{
	static char hash[crypto_pwhash_STRBYTES];
	static int done;

	if (!done) {
		unsigned char pw[32];
		randombytes_buf(pw, sizeof pw);
		if (crypto_pwhash_str(hash, (const char *)pw, sizeof pw,
				      crypto_pwhash_OPSLIMIT_INTERACTIVE,
				      crypto_pwhash_MEMLIMIT_INTERACTIVE) != 0)
			return NULL;
		done = 1;
	}
	return hash;
}

enum st_login st_account_login(sqlite3 *db, const char *name, const char *password,
			       time_t now, struct st_diag *diag)
{
	return st_account_login_with(db, NULL, name, password, now, diag);
}

/* the connection to write on, and giving it back */
static sqlite3 *write_begin(sqlite3 *db, const struct st_login_writer *w)
{
	return w ? w->begin(w->arg) : db;
}

static void write_end(const struct st_login_writer *w)
{
	if (w)
		w->end(w->arg);
}

enum st_login st_account_login_with(sqlite3 *db, const struct st_login_writer *w,
				    const char *name, const char *password, time_t now,
				    struct st_diag *diag)
{
	sqlite3_stmt *st = NULL;
	sqlite3 *wdb;
	char hash[crypto_pwhash_STRBYTES] = "";
	int disabled = 1, found = 0, rc;

	if (sodium_init() < 0) {
		st_diag_add(diag, "无法初始化 libsodium");
		return ST_LOGIN_ERROR;
	}
	switch (throttled(db, name, now)) {
	case 1: return ST_LOGIN_THROTTLED;
	case -1: db_error(db, diag); return ST_LOGIN_ERROR;
	}
	rc = sqlite3_prepare_v2(db, "SELECT hash, disabled FROM accounts WHERE name = ?", -1, &st,
				NULL);
	if (rc == SQLITE_OK)
		rc = sqlite3_bind_text(st, 1, name, -1, SQLITE_STATIC);
	if (rc == SQLITE_OK)
		rc = sqlite3_step(st);
	if (rc == SQLITE_ROW) {
		const char *h = (const char *)sqlite3_column_text(st, 0);
		found = 1;
		snprintf(hash, sizeof hash, "%s", h ? h : "");
		disabled = sqlite3_column_int(st, 1);
	}
	sqlite3_finalize(st);
	if (rc != SQLITE_ROW && rc != SQLITE_DONE) {
		db_error(db, diag);
		return ST_LOGIN_ERROR;
	}
	if (!found) {
		const char *d = decoy_hash();
		/* the answer is always "no"; only the time spent matters */
		if (d && crypto_pwhash_str_verify(d, password, strlen(password)) == 0)
			found = 0;
	} else if (crypto_pwhash_str_verify(hash, password, strlen(password)) == 0 && !disabled) {
		const char *p[] = { name };
		wdb = write_begin(db, w);
		rc = exec_text(wdb, "DELETE FROM login_failures WHERE name = ?", 1, p) != SQLITE_DONE;
		if (rc)
			db_error(wdb, diag);
		write_end(w);
		return rc ? ST_LOGIN_ERROR : ST_LOGIN_OK;
	}
	wdb = write_begin(db, w);
	rc = record_failure(wdb, name, now);
	if (rc)
		db_error(wdb, diag);
	write_end(w);
	return rc ? ST_LOGIN_ERROR : ST_LOGIN_BAD;
}

int st_account_calendar_token(sqlite3 *db, const char *name, char out[65],
			      struct st_diag *diag)
{
	char digest[ST_TOKEN_HEX + 1];
	const char *p[2];

	if (need_account(db, name, diag))
		return -1;
	st_token_new(out);
	st_token_digest(out, digest);
	p[0] = digest;
	p[1] = name;
	if (exec_text(db, "UPDATE accounts SET calendar = ? WHERE name = ?", 2, p) != SQLITE_DONE)
		return db_error(db, diag);
	return 0;
}

int st_account_by_calendar(sqlite3 *db, const char *token, struct st_account *out,
			   struct st_diag *diag)
{
	char digest[ST_TOKEN_HEX + 1];

	if (!token || strlen(token) != ST_TOKEN_HEX)
		return 1;
	st_token_digest(token, digest);
	return get_by(db, ACCOUNT_COLS " WHERE calendar = ? AND disabled = 0", digest, out, diag);
}

/* ---- role decisions (HTTP.md §1) ---- */

int st_access_sees_park(const struct st_account *a, const char *park)
{
	switch (a->role) {
	case ST_ROLE_ADMIN:
	case ST_ROLE_VIEWER:
		return 1;
	case ST_ROLE_OFFICER:
		if (!a->nparks)
			return 1;
		for (size_t i = 0; i < a->nparks; i++)
			if (park && !strcmp(a->parks[i], park))
				return 1;
		return 0;
	case ST_ROLE_ENTERPRISE:
		return 0;   /* it sees its enterprise, not the park's own records */
	}
	return 0;
}

int st_access_sees_enterprise(const struct st_account *a, const char *enterprise,
			      const char *park)
{
	if (a->role == ST_ROLE_ENTERPRISE)
		return enterprise && a->enterprise && !strcmp(a->enterprise, enterprise);
	return st_access_sees_park(a, park);
}

int st_access_decide(const struct st_account *a, enum st_action act, const char *enterprise,
		     const char *park)
{
	int sees = enterprise ? st_access_sees_enterprise(a, enterprise, park)
			      : st_access_sees_park(a, park);

	if (a->disabled)
		return 404;
	if (act == ST_ACT_ACCOUNTS)
		return a->role == ST_ROLE_ADMIN ? 0 : 404;
	if (!sees)
		return 404;
	switch (act) {
	case ST_ACT_VIEW:
		return 0;
	case ST_ACT_RECORD:
	case ST_ACT_VERIFY:
		return a->role == ST_ROLE_ADMIN || a->role == ST_ROLE_OFFICER ? 0 : 403;
	case ST_ACT_RECTIFY:
		return a->role == ST_ROLE_VIEWER ? 403 : 0;
	case ST_ACT_ACCOUNTS:
		break;
	}
	return 403;
}

int st_access_may_write(const struct st_account *a)
{
	return !a->disabled && a->role != ST_ROLE_VIEWER;
}
