/*
 * test_account.c — accounts, passwords, login throttling, sessions, CSRF
 * tokens and role decisions, without a socket.
 */
#include "st_test.h"

#include <unistd.h>

#include "st_account.h"
#include "st_session.h"
#include "st_store.h"

#define E1 "91654200MA7A1B2C3W"
#define E2 "91654200MA7A1B2C40"
#define PW "correct horse"
#define T0 1800000000

struct fx {
	char dir[64];
	char path[128];
	sqlite3 *db;
};

static void exec_ok(sqlite3 *db, const char *sql)
{
	char *msg = NULL;
	if (sqlite3_exec(db, sql, NULL, NULL, &msg) != SQLITE_OK)
		fail_msg("%s: %s", sql, msg);
}

static long long count(sqlite3 *db, const char *sql)
{
	sqlite3_stmt *st = NULL;
	long long n = -1;
	assert_int_equal(sqlite3_prepare_v2(db, sql, -1, &st, NULL), SQLITE_OK);
	if (sqlite3_step(st) == SQLITE_ROW)
		n = sqlite3_column_int64(st, 0);
	sqlite3_finalize(st);
	return n;
}

static int setup(void **state)
{
	struct fx *f = calloc(1, sizeof *f);
	struct st_diag d = ST_DIAG_INIT;

	strcpy(f->dir, "/tmp/st-account-XXXXXX");
	assert_non_null(mkdtemp(f->dir));
	snprintf(f->path, sizeof f->path, "%s/park.db", f->dir);
	assert_int_equal(st_store_open(f->path, ST_STORE_WRITE, &f->db, &d), 0);
	exec_ok(f->db,
		"INSERT INTO parks (id, name, established) VALUES ('P1', '甲园区', '2020-01-01'),"
		" ('P2', '乙园区', '2020-01-01');"
		"INSERT INTO enterprises (id, name, park, employees, hazchem, status) VALUES"
		" ('" E1 "', '甲企业', 'P1', 10, 'none', 'construction'), ('" E2 "', '乙企业', 'P2', 10, 'none', 'construction');");
	*state = f;
	return 0;
}

static int teardown(void **state)
{
	struct fx *f = *state;
	char cmd[200];

	st_store_close(f->db);
	snprintf(cmd, sizeof cmd, "rm -rf '%s'", f->dir);
	assert_int_equal(system(cmd), 0);
	free(f);
	return 0;
}

/* add an account and expect success */
static void add_ok(sqlite3 *db, const char *name, enum st_role role, const char *park,
		   const char *enterprise)
{
	struct st_diag d = ST_DIAG_INIT;
	const char *parks[] = { park };
	int rc = st_account_add(db, name, role, parks, park ? 1 : 0, enterprise, PW, T0, &d);
	if (rc)
		fail_msg("%s", d.line[0]);
}

/* add an account, expect the error msg and nothing stored */
static void add_bad(sqlite3 *db, const char *name, enum st_role role, const char *park,
		    const char *enterprise, const char *pw, const char *msg)
{
	struct st_diag d = ST_DIAG_INIT;
	const char *parks[] = { park };
	long long before = count(db, "SELECT count(*) FROM accounts") +
			   count(db, "SELECT count(*) FROM account_parks");

	assert_int_equal(st_account_add(db, name, role, parks, park ? 1 : 0, enterprise, pw, T0, &d), -1);
	assert_int_equal(d.count, 1);
	assert_string_equal(d.line[0], msg);
	assert_int_equal(count(db, "SELECT count(*) FROM accounts") +
			 count(db, "SELECT count(*) FROM account_parks"), before);
	st_diag_release(&d);
}

static void test_account_add_errors(void **state)
{
	struct fx *f = *state;

	add_ok(f->db, "zhang", ST_ROLE_OFFICER, "P1", NULL);
	add_bad(f->db, "zhang", ST_ROLE_VIEWER, NULL, NULL, PW, "用户 'zhang' 已存在");
	add_bad(f->db, "", ST_ROLE_VIEWER, NULL, NULL, PW, "用户名不能为空");
	add_bad(f->db, "a b", ST_ROLE_VIEWER, NULL, NULL, PW,
		"用户名 'a b' 含有空白、引号、斜杠或尖括号等字符");
	add_bad(f->db, "li", ST_ROLE_VIEWER, NULL, NULL, "short", "密码至少需要 10 个字符（现为 5 个）");
	/* ten bytes but four characters */
	add_bad(f->db, "li", ST_ROLE_VIEWER, NULL, NULL, "安全第一x", "密码至少需要 10 个字符（现为 5 个）");
	add_bad(f->db, "li", ST_ROLE_VIEWER, NULL, NULL, "abc\tdefghijk",
		"密码含有控制字符或不是有效的 UTF-8 文本");
	add_bad(f->db, "li", ST_ROLE_ENTERPRISE, NULL, NULL, PW, "企业账户需要 --enterprise 指定其企业");
	add_bad(f->db, "li", ST_ROLE_OFFICER, NULL, E1, PW,
		"只有企业账户（enterprise）可以指定 --enterprise");
	add_bad(f->db, "li", ST_ROLE_VIEWER, "P1", NULL, PW,
		"只有安全监管人员账户（officer）可以指定 --park；viewer 账户可查看全部园区");
	add_bad(f->db, "li", ST_ROLE_ENTERPRISE, NULL, "91654200MA7A1B2C4X", PW,
		"没有企业 '91654200MA7A1B2C4X'");
	add_bad(f->db, "li", ST_ROLE_OFFICER, "P9", NULL, PW, "没有园区 'P9'");
}

static void test_account_get_list(void **state)
{
	struct fx *f = *state;
	struct st_diag d = ST_DIAG_INIT;
	struct st_account a, *list;
	size_t n;

	add_ok(f->db, "zhang", ST_ROLE_OFFICER, "P1", NULL);
	add_ok(f->db, "acme", ST_ROLE_ENTERPRISE, NULL, E1);
	assert_int_equal(st_account_get(f->db, "nobody", &a, &d), 1);
	assert_int_equal(st_account_get(f->db, "zhang", &a, &d), 0);
	assert_int_equal(a.role, ST_ROLE_OFFICER);
	assert_int_equal(a.nparks, 1);
	assert_string_equal(a.parks[0], "P1");
	assert_null(a.enterprise);
	st_account_release(&a);
	assert_int_equal(st_account_list(f->db, &list, &n, &d), 0);
	assert_int_equal(n, 2);
	assert_string_equal(list[0].name, "acme");
	assert_string_equal(list[0].enterprise, E1);
	st_account_list_free(list, n);
	/* the hash is Argon2id, never the password */
	assert_int_equal(count(f->db, "SELECT count(*) FROM accounts WHERE hash LIKE '$argon2id$%'"), 2);
	assert_int_equal(count(f->db, "SELECT count(*) FROM accounts WHERE hash LIKE '%" PW "%'"), 0);
}

static void test_login_wrong_and_right(void **state)
{
	struct fx *f = *state;
	struct st_diag d = ST_DIAG_INIT;

	add_ok(f->db, "zhang", ST_ROLE_OFFICER, NULL, NULL);
	assert_int_equal(st_account_login(f->db, "zhang", "wrong password", T0, &d), ST_LOGIN_BAD);
	assert_int_equal(st_account_login(f->db, "nobody", PW, T0, &d), ST_LOGIN_BAD);
	assert_int_equal(st_account_login(f->db, "zhang", PW, T0, &d), ST_LOGIN_OK);
	/* success forgets zhang's failure, not nobody's */
	assert_int_equal(count(f->db, "SELECT count(*) FROM login_failures WHERE name = 'zhang'"), 0);
	assert_int_equal(count(f->db, "SELECT count(*) FROM login_failures WHERE name = 'nobody'"), 1);
	assert_int_equal(st_account_disable(f->db, "zhang", &d), 0);
	assert_int_equal(st_account_login(f->db, "zhang", PW, T0, &d), ST_LOGIN_BAD);
	assert_int_equal(d.count, 0);
}

static void test_login_throttled(void **state)
{
	struct fx *f = *state;
	struct st_diag d = ST_DIAG_INIT;
	time_t last = T0 + 4 * 60;

	add_ok(f->db, "zhang", ST_ROLE_OFFICER, NULL, NULL);
	for (int i = 0; i < 5; i++)
		assert_int_equal(st_account_login(f->db, "zhang", "wrong password", T0 + i * 60, &d),
				 ST_LOGIN_BAD);
	/* even the right password is refused, for 15 minutes after the last failure */
	assert_int_equal(st_account_login(f->db, "zhang", PW, last + 1, &d), ST_LOGIN_THROTTLED);
	assert_int_equal(st_account_login(f->db, "zhang", PW, last + ST_LOGIN_WINDOW - 1, &d),
			 ST_LOGIN_THROTTLED);
	/* another name is not affected */
	add_ok(f->db, "li", ST_ROLE_VIEWER, NULL, NULL);
	assert_int_equal(st_account_login(f->db, "li", PW, last + 1, &d), ST_LOGIN_OK);
	/* refusals while throttled do not extend it */
	assert_int_equal(st_account_login(f->db, "zhang", PW, last + ST_LOGIN_WINDOW, &d), ST_LOGIN_OK);
	assert_int_equal(d.count, 0);
}

static void test_login_four_failures_not_throttled(void **state)
{
	struct fx *f = *state;
	struct st_diag d = ST_DIAG_INIT;

	add_ok(f->db, "zhang", ST_ROLE_OFFICER, NULL, NULL);
	/* five failures, but never five within 15 minutes */
	for (int i = 0; i < 5; i++)
		assert_int_equal(st_account_login(f->db, "zhang", "wrong password",
						  T0 + i * 4 * 60, &d), ST_LOGIN_BAD);
	assert_int_equal(st_account_login(f->db, "zhang", PW, T0 + 16 * 60 + 1, &d), ST_LOGIN_OK);
	/* five within 12 minutes: throttled until 15 minutes after the last */
	for (int i = 0; i < 5; i++)
		assert_int_equal(st_account_login(f->db, "zhang", "wrong password",
						  T0 + 3600 + i * 3 * 60, &d), ST_LOGIN_BAD);
	assert_int_equal(st_account_login(f->db, "zhang", PW, T0 + 3600 + 27 * 60 - 1, &d),
			 ST_LOGIN_THROTTLED);
	assert_int_equal(st_account_login(f->db, "zhang", PW, T0 + 3600 + 27 * 60, &d), ST_LOGIN_OK);
}

static void test_session_lifecycle(void **state)
{
	struct fx *f = *state;
	struct st_diag d = ST_DIAG_INIT;
	struct st_session s, t, u;

	add_ok(f->db, "zhang", ST_ROLE_OFFICER, "P1", NULL);
	assert_int_equal(st_session_create(f->db, "zhang", T0, &s, &d), 0);
	assert_int_equal(strlen(s.token), ST_TOKEN_HEX);
	assert_int_equal(strlen(s.csrf), ST_TOKEN_HEX);
	assert_string_not_equal(s.token, s.csrf);
	/* the store keeps a digest, not the token */
	assert_int_equal(count(f->db, "SELECT count(*) FROM sessions"), 1);
	{
		char sql[200];
		snprintf(sql, sizeof sql, "SELECT count(*) FROM sessions WHERE id = '%s'", s.token);
		assert_int_equal(count(f->db, sql), 0);
	}
	/* the read-only lookup finds a session used within the minute and
	 * says when a find would write (mark it used, or delete it) */
	assert_int_equal(st_session_lookup(f->db, s.token, T0 + 59, &t, &d), 0);
	assert_string_equal(t.account.name, "zhang");
	st_session_release(&t);
	{
		sqlite3_int64 before = sqlite3_total_changes64(f->db);
		assert_int_equal(st_session_lookup(f->db, s.token, T0 + 60, &t, &d), 2);
		assert_int_equal(st_session_lookup(f->db, s.token, T0 + ST_SESSION_IDLE, &t, &d), 2);
		assert_int_equal(st_session_lookup(f->db, "0123", T0, &t, &d), 1);
		assert_int_equal(sqlite3_total_changes64(f->db), before);
		assert_int_equal(count(f->db, "SELECT count(*) FROM sessions"), 1);
	}
	assert_int_equal(st_session_find(f->db, s.token, T0 + 100, &t, &d), 0);
	assert_string_equal(t.account.name, "zhang");
	assert_true(st_token_equal(t.csrf, s.csrf));
	st_session_release(&t);
	/* idle for just under 12 h after the last use: alive, and used again */
	assert_int_equal(st_session_find(f->db, s.token, T0 + 100 + ST_SESSION_IDLE - 1, &t, &d), 0);
	st_session_release(&t);
	assert_int_equal(st_session_find(f->db, s.token, T0 + 100 + 2 * ST_SESSION_IDLE - 2, &t, &d), 0);
	st_session_release(&t);
	/* idle 12 h: over, and deleted */
	assert_int_equal(st_session_find(f->db, s.token, T0 + 100 + 3 * ST_SESSION_IDLE, &t, &d), 1);
	assert_int_equal(count(f->db, "SELECT count(*) FROM sessions"), 0);

	/* logout ends only that session; a password change ends them all */
	assert_int_equal(st_session_create(f->db, "zhang", T0, &t, &d), 0);
	assert_int_equal(st_session_create(f->db, "zhang", T0, &u, &d), 0);
	assert_string_not_equal(t.token, u.token);
	assert_int_equal(st_session_end(f->db, t.token, &d), 0);
	st_session_release(&s);
	assert_int_equal(st_session_find(f->db, t.token, T0, &s, &d), 1);
	assert_int_equal(st_session_find(f->db, u.token, T0, &s, &d), 0);
	st_session_release(&s);
	assert_int_equal(st_account_passwd(f->db, "zhang", "another password", &d), 0);
	assert_int_equal(st_session_find(f->db, u.token, T0, &s, &d), 1);
	assert_int_equal(st_account_login(f->db, "zhang", PW, T0, &d), ST_LOGIN_BAD);
	assert_int_equal(st_account_login(f->db, "zhang", "another password", T0, &d), ST_LOGIN_OK);
	/* garbage tokens find nothing */
	assert_int_equal(st_session_find(f->db, NULL, T0, &s, &d), 1);
	assert_int_equal(st_session_find(f->db, "abc", T0, &s, &d), 1);
	assert_int_equal(st_session_find(f->db, "' OR 1=1 --", T0, &s, &d), 1);
	st_session_release(&t);
	st_session_release(&u);
	assert_int_equal(d.count, 0);
}

static void test_session_disabled_account(void **state)
{
	struct fx *f = *state;
	struct st_diag d = ST_DIAG_INIT;
	struct st_session s, t;

	add_ok(f->db, "zhang", ST_ROLE_OFFICER, NULL, NULL);
	assert_int_equal(st_session_create(f->db, "zhang", T0, &s, &d), 0);
	assert_int_equal(st_account_disable(f->db, "zhang", &d), 0);
	assert_int_equal(st_session_find(f->db, s.token, T0, &t, &d), 1);
	st_session_release(&s);
	assert_int_equal(st_account_disable(f->db, "nobody", &d), -1);
	assert_string_equal(d.line[0], "没有用户 'nobody'");
	st_diag_release(&d);
}

static void test_token_equal(void **state)
{
	char a[ST_TOKEN_HEX + 1], b[ST_TOKEN_HEX + 1];

	(void)state;
	st_token_new(a);
	st_token_new(b);
	assert_string_not_equal(a, b);
	assert_true(st_token_equal(a, a));
	assert_false(st_token_equal(a, b));
	assert_false(st_token_equal(a, NULL));
	assert_false(st_token_equal(NULL, NULL));
	assert_false(st_token_equal("", ""));
	b[0] = '\0';
	assert_false(st_token_equal(a, b));
	memcpy(b, a, sizeof b);
	b[ST_TOKEN_HEX - 1] = '\0';  /* a prefix is not equal */
	assert_false(st_token_equal(a, b));
}

static void test_calendar_token(void **state)
{
	struct fx *f = *state;
	struct st_diag d = ST_DIAG_INIT;
	char t1[65], t2[65];
	struct st_account a;

	add_ok(f->db, "zhang", ST_ROLE_OFFICER, NULL, NULL);
	assert_int_equal(st_account_calendar_token(f->db, "zhang", t1, &d), 0);
	assert_int_equal(st_account_by_calendar(f->db, t1, &a, &d), 0);
	assert_string_equal(a.name, "zhang");
	st_account_release(&a);
	/* a new token revokes the old one */
	assert_int_equal(st_account_calendar_token(f->db, "zhang", t2, &d), 0);
	assert_int_equal(st_account_by_calendar(f->db, t1, &a, &d), 1);
	assert_int_equal(st_account_by_calendar(f->db, "x", &a, &d), 1);
	assert_int_equal(st_account_disable(f->db, "zhang", &d), 0);
	assert_int_equal(st_account_by_calendar(f->db, t2, &a, &d), 1);
}

static void test_access_decide(void **state)
{
	char *p1 = (char *)"P1";
	struct st_account admin = { .role = ST_ROLE_ADMIN };
	struct st_account viewer = { .role = ST_ROLE_VIEWER };
	struct st_account off_all = { .role = ST_ROLE_OFFICER };
	struct st_account off_p1 = { .role = ST_ROLE_OFFICER, .parks = &p1, .nparks = 1 };
	struct st_account ent = { .role = ST_ROLE_ENTERPRISE, .enterprise = (char *)E1 };
	struct st_account gone = { .role = ST_ROLE_ADMIN, .disabled = 1 };

	(void)state;
	/* seeing */
	assert_int_equal(st_access_decide(&admin, ST_ACT_VIEW, E2, "P2"), 0);
	assert_int_equal(st_access_decide(&viewer, ST_ACT_VIEW, E2, "P2"), 0);
	assert_int_equal(st_access_decide(&off_all, ST_ACT_VIEW, E2, "P2"), 0);
	assert_int_equal(st_access_decide(&off_p1, ST_ACT_VIEW, E1, "P1"), 0);
	assert_int_equal(st_access_decide(&off_p1, ST_ACT_VIEW, E2, "P2"), 404);
	assert_int_equal(st_access_decide(&off_p1, ST_ACT_VIEW, NULL, "P2"), 404);
	assert_int_equal(st_access_decide(&ent, ST_ACT_VIEW, E1, "P1"), 0);
	assert_int_equal(st_access_decide(&ent, ST_ACT_VIEW, E2, "P1"), 404);
	assert_int_equal(st_access_decide(&ent, ST_ACT_VIEW, NULL, "P1"), 404);
	assert_int_equal(st_access_decide(&gone, ST_ACT_VIEW, E1, "P1"), 404);
	/* changing what it sees */
	assert_int_equal(st_access_decide(&viewer, ST_ACT_RECORD, E1, "P1"), 403);
	assert_int_equal(st_access_decide(&viewer, ST_ACT_RECTIFY, E1, "P1"), 403);
	assert_int_equal(st_access_decide(&viewer, ST_ACT_VERIFY, E1, "P1"), 403);
	assert_int_equal(st_access_decide(&off_p1, ST_ACT_RECORD, E1, "P1"), 0);
	assert_int_equal(st_access_decide(&off_p1, ST_ACT_VERIFY, E1, "P1"), 0);
	assert_int_equal(st_access_decide(&off_p1, ST_ACT_RECORD, NULL, "P1"), 0);
	assert_int_equal(st_access_decide(&off_p1, ST_ACT_RECORD, E2, "P2"), 404);
	assert_int_equal(st_access_decide(&ent, ST_ACT_RECTIFY, E1, "P1"), 0);
	assert_int_equal(st_access_decide(&ent, ST_ACT_VERIFY, E1, "P1"), 403);
	assert_int_equal(st_access_decide(&ent, ST_ACT_RECORD, E1, "P1"), 403);
	assert_int_equal(st_access_decide(&ent, ST_ACT_RECTIFY, E2, "P2"), 404);
	assert_int_equal(st_access_decide(&admin, ST_ACT_VERIFY, E2, "P2"), 0);
	/* accounts: only an admin, and nobody else learns the page exists */
	assert_int_equal(st_access_decide(&admin, ST_ACT_ACCOUNTS, NULL, NULL), 0);
	assert_int_equal(st_access_decide(&off_all, ST_ACT_ACCOUNTS, NULL, NULL), 404);
	assert_int_equal(st_access_decide(&viewer, ST_ACT_ACCOUNTS, NULL, NULL), 404);
	assert_false(st_access_may_write(&viewer));
	assert_true(st_access_may_write(&ent));
}

static void test_role_parse(void **state)
{
	enum st_role r;

	(void)state;
	assert_int_equal(st_role_parse("officer", &r), 0);
	assert_int_equal(r, ST_ROLE_OFFICER);
	assert_int_equal(st_role_parse("只读", &r), 0);
	assert_int_equal(r, ST_ROLE_VIEWER);
	assert_int_equal(st_role_parse("root", &r), -1);
	assert_string_equal(st_role_name(ST_ROLE_ENTERPRISE), "enterprise");
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test_setup_teardown(test_account_add_errors, setup, teardown),
		cmocka_unit_test_setup_teardown(test_account_get_list, setup, teardown),
		cmocka_unit_test_setup_teardown(test_login_wrong_and_right, setup, teardown),
		cmocka_unit_test_setup_teardown(test_login_throttled, setup, teardown),
		cmocka_unit_test_setup_teardown(test_login_four_failures_not_throttled, setup, teardown),
		cmocka_unit_test_setup_teardown(test_session_lifecycle, setup, teardown),
		cmocka_unit_test_setup_teardown(test_session_disabled_account, setup, teardown),
		cmocka_unit_test_setup_teardown(test_calendar_token, setup, teardown),
		cmocka_unit_test(test_token_equal),
		cmocka_unit_test(test_access_decide),
		cmocka_unit_test(test_role_parse),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
