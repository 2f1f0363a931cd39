/*
 * encoding.c — telling GBK that happens to be valid UTF-8 from UTF-8 (see
 * st_encoding.h).  GBK is read through iconv(3), glibc's GBK table.
 */
#include "st_encoding.h"

#include <errno.h>
#include <iconv.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "st_csv.h"
#include "st_msg.h"

/* the code point of the UTF-8 character at s (valid), its length in *len */
static unsigned decode(const unsigned char *s, size_t *len)
{
	if (s[0] < 0x80) {
		*len = 1;
		return s[0];
	}
	if (s[0] < 0xE0) {
		*len = 2;
		return (s[0] & 0x1Fu) << 6 | (s[1] & 0x3Fu);
	}
	if (s[0] < 0xF0) {
		*len = 3;
		return (s[0] & 0x0Fu) << 12 | (s[1] & 0x3Fu) << 6 | (s[2] & 0x3Fu);
	}
	*len = 4;
	return (s[0] & 0x07u) << 18 | (s[1] & 0x3Fu) << 12 | (s[2] & 0x3Fu) << 6 | (s[3] & 0x3Fu);
}

static int is_han(unsigned cp)
{
	return (cp >= 0x4E00 && cp <= 0x9FFF) || (cp >= 0x3400 && cp <= 0x4DBF) ||
	       (cp >= 0xF900 && cp <= 0xFAFF) || (cp >= 0x20000 && cp <= 0x2FA1F);
}

/* Chinese punctuation and full-width forms: plausible beside Han */
static int is_cjk_punct(unsigned cp)
{
	return (cp >= 0x3000 && cp <= 0x303F) || (cp >= 0xFF00 && cp <= 0xFFEF) ||
	       cp == 0x2014 || cp == 0x2026 || cp == 0x201C || cp == 0x201D || cp == 0x2018 ||
	       cp == 0x2019 || cp == 0x00B7;
}

/* a letter of U+0080-U+07FF that a Chinese dossier does not use: GBK's
 * two-byte characters read as UTF-8 land there */
static int is_unlikely(unsigned cp)
{
	if (cp < 0x80 || cp > 0x7FF)
		return 0;
	if (cp == 0xB7 || cp == 0xD7 || cp == 0xB0 || cp == 0xA0)   /* · × ° nbsp */
		return 0;
	return !(cp >= 0x600 && cp <= 0x6FF);   /* Arabic script: Uyghur names */
}

int st_encoding_looks_gbk(const char *s, size_t n, char *gbk, size_t gbk_len)
{
	const unsigned char *u = (const unsigned char *)s;
	size_t unlikely = 0, len, han = 0;
	char out[512], *in = (char *)s, *o = out;
	size_t inleft = n, outleft = sizeof out - 1;
	iconv_t cd;
	int ok;

	for (size_t i = 0; i < n; i += len) {
		unsigned cp = decode(u + i, &len);
		if (is_han(cp))
			return 0;   /* a Chinese character: this is UTF-8 Chinese */
		unlikely += is_unlikely(cp);
	}
	if (!unlikely || n > 256)
		return 0;
	if ((cd = iconv_open("UTF-8", "GBK")) == (iconv_t)-1)
		return 0;
	ok = iconv(cd, &in, &inleft, &o, &outleft) != (size_t)-1 && inleft == 0;
	iconv_close(cd);
	if (!ok)
		return 0;
	*o = '\0';
	/* as GBK: Chinese characters (two at least) and their punctuation only */
	for (size_t i = 0; out[i]; i += len) {
		unsigned cp = decode((const unsigned char *)out + i, &len);
		if (is_han(cp))
			han++;
		else if (!is_cjk_punct(cp))
			return 0;
	}
	if (han < 2)
		return 0;
	snprintf(gbk, gbk_len, "%s", out);
	return 1;
}

static int is_ascii_letter(unsigned char c)
{
	return (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z');
}

/* the first run of bytes >= 0x80 in line[0..n) that looks like GBK; 1 and
 * its offset and length, or 0 */
static int find_gbk(const char *line, size_t n, size_t *at, size_t *len, char *gbk,
		    size_t gbk_len)
{
	const unsigned char *u = (const unsigned char *)line;

	for (size_t i = 0; i < n;) {
		size_t j;
		if (u[i] < 0x80) {
			i++;
			continue;
		}
		for (j = i; j < n && u[j] >= 0x80; j++)
			;
		/* inside a Latin word ("Núñez"): accented letters, not GBK */
		if ((i > 0 && is_ascii_letter(u[i - 1])) || (j < n && is_ascii_letter(u[j]))) {
			i = j;
			continue;
		}
		if (st_encoding_looks_gbk(line + i, j - i, gbk, gbk_len)) {
			*at = i;
			*len = j - i;
			return 1;
		}
		i = j;
	}
	return 0;
}

int st_encoding_scan(const char *path, const char *name, struct st_diag *diag)
{
	FILE *f = fopen(path, "rb");
	char *line = NULL;
	size_t cap = 0;
	ssize_t got;
	long lineno = 0;
	int rc = 0;

	if (!f)
		return st_diag_msg(diag, ST_MSG_AT("%s: ", ST_MSG_CANNOT_READ), name, strerror(errno));
	while (rc == 0 && (got = getline(&line, &cap, f)) > 0) {
		char *s = line, gbk[512];
		size_t n = (size_t)got, bad, at, len;

		if (++lineno == 1 && n >= 3 && !memcmp(s, "\xEF\xBB\xBF", 3)) {
			s += 3;
			n -= 3;
		}
		/* not text at all (UTF-16, a binary file): the CSV reader
		 * says so in its own words */
		if (memchr(s, '\0', n))
			break;
		/* the CSV reader's own words, so that every file is named in
		 * one run rather than the first alone */
		if (!st_utf8_valid(s, n, &bad)) {
			st_diag_msg(diag, ST_MSG_AT("%s:%ld: ", ST_MSG_NOT_UTF8), name, lineno, bad + 1);
			rc = 1;
		} else if (find_gbk(s, n, &at, &len, gbk, sizeof gbk)) {
			st_diag_msg(diag, ST_MSG_AT("%s:%ld: ", ST_MSG_GBK), name, lineno, (int)len,
				    s + at, gbk);
			rc = 1;
		}
	}
	if (rc == 0 && ferror(f))
		rc = st_diag_msg(diag, ST_MSG_AT("%s: ", ST_MSG_READ_FAILED), name, strerror(errno));
	free(line);
	fclose(f);
	return rc;
}
