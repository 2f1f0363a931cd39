/*
 * st_uscc — the unified social credit code (统一社会信用代码), GB 32100-2015.
 *
 * 18 characters from the 31-character set 0-9 A-H J-N P-R T U W-Y (no I, O,
 * S, V, Z); the 18th is a check character: weights 3^i mod 31 over the first
 * 17, check = 31 - (sum mod 31), with 31 written as 0.
 */
#ifndef ST_USCC_H
#define ST_USCC_H

enum st_uscc_error {
	ST_USCC_OK = 0,
	ST_USCC_LENGTH,     /* not 18 characters */
	ST_USCC_CHAR,       /* a character outside the code's set (position in *pos) */
	ST_USCC_CHECK,      /* the check character does not match */
};

/* Validate code.  On ST_USCC_CHAR, *pos (if not NULL) is the 1-based
 * position of the first bad character; on ST_USCC_CHECK, *expected (if not
 * NULL) is the check character the first 17 call for. */
enum st_uscc_error st_uscc_validate(const char *code, int *pos, char *expected);
/* the check character for the first 17 characters of code, or 0 if one of
 * them is outside the set */
char st_uscc_check_char(const char *code17);
/* the message for an error, in Chinese, for dossier diagnostics */
const char *st_uscc_strerror(enum st_uscc_error e);
/* the same in English ("the code must have 18 characters") */
const char *st_uscc_strerror_en(enum st_uscc_error e);

#endif
