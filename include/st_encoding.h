/*
 * st_encoding — is a dossier file really UTF-8?
 *
 * A spreadsheet in a Chinese locale saves "CSV" in GBK.  Most GBK text is
 * not valid UTF-8 and the CSV reader refuses it, but some is, byte for
 * byte: 姚伟 (D2 A6 CE B0) reads as "Ҧΰ", and 1,920 common characters do
 * this.  Such a file would import as gibberish.  The scan looks at every
 * run of non-ASCII bytes (a run lies inside one field: the CSV syntax is
 * ASCII) and calls it GBK when, read as UTF-8, it holds letters that a
 * Chinese dossier does not use (Latin-1 supplement to NKo, U+0080-U+07FF,
 * except · × ° and the Arabic block that Uyghur names use) and no Chinese
 * character at all, while read as GBK it is at least two Chinese characters
 * and nothing else; a run touching an ASCII letter is part of a Latin word
 * ("Núñez") and is left alone.  "Müller" (one such letter, one character as
 * GBK) and any text holding a Chinese character pass.
 */
#ifndef ST_ENCODING_H
#define ST_ENCODING_H

#include <stddef.h>

#include "st_diag.h"

/* Scan the file at path (`name` in messages) line by line.  Returns 0 if it
 * is UTF-8 and nothing in it looks like GBK, 1 with one message in diag for
 * the first line that is not UTF-8 (the CSV reader's words) or that looks
 * like GBK (naming the text both ways and the "CSV UTF-8" hint), -1 if it
 * cannot be read (message in diag). */
int st_encoding_scan(const char *path, const char *name, struct st_diag *diag);

/* 1 if the n bytes at s (valid UTF-8, all >= 0x80) look like GBK text
 * read as UTF-8; the GBK reading goes into gbk (NUL-terminated, cut to
 * gbk_len) when it does */
int st_encoding_looks_gbk(const char *s, size_t n, char *gbk, size_t gbk_len);

#endif
