/*
 * test_http.c — what the web server decodes, without a socket: urlencoded
 * forms and query strings, multipart bodies, cookies, the paths it accepts
 * and refuses, and the type of an uploaded photo by its content.
 */
#include "st_test.h"

#include "st_evidence.h"
#include "st_http.h"

static void test_urlencoded(void **state)
{
	struct st_form f = { 0 };
	const char *s = "user=zhang+san&password=a%26b%3Dc&empty=&flag&note=%E5%AE%89%E5%85%A8";

	(void)state;
	assert_int_equal(st_form_urlencoded(s, strlen(s), &f), 0);
	assert_int_equal(f.n, 5);
	assert_string_equal(st_form_get(&f, "user"), "zhang san");
	assert_string_equal(st_form_get(&f, "password"), "a&b=c");
	assert_string_equal(st_form_get(&f, "empty"), "");
	assert_string_equal(st_form_get(&f, "flag"), "");
	assert_string_equal(st_form_get(&f, "note"), "安全");
	assert_null(st_form_get(&f, "missing"));
	st_form_release(&f);
}

static void test_urlencoded_malformed(void **state)
{
	static const char *const bad[] = {
		"a=%", "a=%4", "a=%zz", "a=%00", "a=%C3%28", "a=%FF", "%=1", "a=%E5%AE",
	};
	(void)state;
	for (size_t i = 0; i < sizeof bad / sizeof bad[0]; i++) {
		struct st_form f = { 0 };
		if (st_form_urlencoded(bad[i], strlen(bad[i]), &f) != -1)
			fail_msg("accepted %s", bad[i]);
		st_form_release(&f);
	}
}

#define CRLF "\r\n"
static const char body[] =
	"--XyZ" CRLF
	"Content-Disposition: form-data; name=\"caption\"" CRLF CRLF
	"整改后照片" CRLF
	"--XyZ" CRLF
	"Content-Disposition: form-data; name=\"photo\"; filename=\"a.jpg\"" CRLF
	"Content-Type: image/jpeg" CRLF CRLF
	"\xff\xd8\xff\x00\x01\xff\xd9" CRLF
	"--XyZ--" CRLF;

static void test_multipart(void **state)
{
	struct st_form f = { 0 };
	const struct st_form_field *p;

	(void)state;
	assert_int_equal(st_form_multipart(body, sizeof body - 1,
					   "multipart/form-data; boundary=XyZ", &f), 0);
	assert_int_equal(f.n, 2);
	assert_string_equal(st_form_get(&f, "caption"), "整改后照片");
	p = st_form_field(&f, "photo");
	assert_non_null(p);
	assert_int_equal(p->len, 7);   /* the NUL inside is kept */
	assert_string_equal(p->filename, "a.jpg");
	assert_string_equal(p->type, "image/jpeg");
	assert_string_equal(st_evidence_sniff(p->value, p->len), "image/jpeg");
	st_form_release(&f);
	/* quoted boundary */
	assert_int_equal(st_form_multipart(body, sizeof body - 1,
					   "multipart/form-data; boundary=\"XyZ\"", &f), 0);
	st_form_release(&f);
}

static void test_multipart_malformed(void **state)
{
	struct st_form f = { 0 };
	char cut[sizeof body];

	(void)state;
	/* no boundary, another boundary, not multipart, cut short */
	assert_int_equal(st_form_multipart(body, sizeof body - 1, "multipart/form-data", &f), -1);
	assert_int_equal(st_form_multipart(body, sizeof body - 1,
					   "multipart/form-data; boundary=other", &f), -1);
	assert_int_equal(st_form_multipart(body, sizeof body - 1, "text/plain; boundary=XyZ", &f), -1);
	memcpy(cut, body, sizeof body);
	assert_int_equal(st_form_multipart(cut, 60, "multipart/form-data; boundary=XyZ", &f), -1);
	st_form_release(&f);
	/* a text field with a NUL is refused; a part without a name too */
	{
		static const char nul[] = "--B" CRLF "Content-Disposition: form-data; name=\"a\"" CRLF CRLF
					  "x\0y" CRLF "--B--" CRLF;
		static const char anon[] = "--B" CRLF "Content-Disposition: form-data" CRLF CRLF
					   "x" CRLF "--B--" CRLF;
		assert_int_equal(st_form_multipart(nul, sizeof nul - 1,
						   "multipart/form-data; boundary=B", &f), -1);
		st_form_release(&f);
		assert_int_equal(st_form_multipart(anon, sizeof anon - 1,
						   "multipart/form-data; boundary=B", &f), -1);
		st_form_release(&f);
	}
}

static void test_cookie(void **state)
{
	char v[16];

	(void)state;
	assert_int_equal(st_cookie_get("a=1; st_session=abc; b=2", "st_session", v, sizeof v), 0);
	assert_string_equal(v, "abc");
	assert_int_equal(st_cookie_get("st_session=xyz", "st_session", v, sizeof v), 0);
	assert_string_equal(v, "xyz");
	assert_int_equal(st_cookie_get("xst_session=1", "st_session", v, sizeof v), -1);
	assert_int_equal(st_cookie_get("a=1", "st_session", v, sizeof v), -1);
	assert_int_equal(st_cookie_get("st_session=0123456789abcdefXYZ", "st_session", v, sizeof v), -1);
	assert_int_equal(st_cookie_get("", "st_session", v, sizeof v), -1);
}

static void test_paths(void **state)
{
	(void)state;
	assert_true(st_http_local_path("/"));
	assert_true(st_http_local_path("/enterprises/X?as_of=2026-01-01"));
	assert_false(st_http_local_path("//evil.example/"));
	assert_false(st_http_local_path("/\\evil.example/"));
	assert_false(st_http_local_path("https://evil.example/"));
	assert_false(st_http_local_path("evil"));
	assert_false(st_http_local_path("/a\r\nSet-Cookie: x=1"));
	assert_false(st_http_local_path("/../etc/passwd"));
	assert_false(st_http_local_path(NULL));
	assert_true(st_http_path_dotdot("/static/../x"));
	assert_true(st_http_path_dotdot("/.."));
	assert_true(st_http_path_dotdot("/static/%2e%2E/x"));
	assert_true(st_http_path_dotdot("/a/.%2e"));
	assert_true(st_http_path_dotdot("/a/..%2fb"));
	assert_false(st_http_path_dotdot("/a/..b/c"));
	assert_false(st_http_path_dotdot("/a/.../c"));
	assert_false(st_http_path_dotdot("/a?x=/../"));
}

static void test_sniff(void **state)
{
	unsigned char png[40] = { 0x89, 'P', 'N', 'G', '\r', '\n', 0x1a, '\n', 0, 0, 0, 13,
				  'I', 'H', 'D', 'R' };
	static const char fake[] = "\xff\xd8\xff<html><script>alert(1)</script>";
	static const char text[] = "GIF89a not a jpeg at all";

	(void)state;
	assert_string_equal(st_evidence_sniff(png, sizeof png), "image/png");
	assert_null(st_evidence_sniff(png, 20));
	png[12] = 'X';
	assert_null(st_evidence_sniff(png, sizeof png));
	assert_null(st_evidence_sniff(fake, sizeof fake - 1));   /* no EOI */
	assert_null(st_evidence_sniff(text, sizeof text - 1));
	assert_null(st_evidence_sniff("", 0));
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_urlencoded),
		cmocka_unit_test(test_urlencoded_malformed),
		cmocka_unit_test(test_multipart),
		cmocka_unit_test(test_multipart_malformed),
		cmocka_unit_test(test_cookie),
		cmocka_unit_test(test_paths),
		cmocka_unit_test(test_sniff),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
