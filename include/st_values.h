/*
 * st_values — the enumerated values of the dossier in English and Chinese
 * (docs/values.md is this table in words).
 *
 * Records store the English value (the dossier's, INTERCHANGE §1); every
 * input — a dossier cell, a command-line option, a web form — may give the
 * Chinese label or one of its aliases instead, and every listing shows the
 * Chinese label.  One table, so that the words never drift apart.
 */
#ifndef ST_VALUES_H
#define ST_VALUES_H

struct st_value_name {
	const char *en;       /* "quarterly" */
	const char *zh;       /* "季度": the label shown */
	const char *aliases;  /* other accepted Chinese words, space-separated */
};

/* the table, ending with { NULL, NULL, NULL } */
extern const struct st_value_name st_value_names[];

/* the Chinese label of an English value; NULL if it has none */
const char *st_value_label(const char *en);

/* the English value among `allowed` (space-separated) whose Chinese label
 * or an alias is s; NULL if none */
const char *st_value_from_zh(const char *allowed, const char *s);

/* 1 if word is one of the space-separated words of list (NULL: none) */
int st_word_listed(const char *list, const char *word);

#endif
