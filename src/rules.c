/* rules.c — placeholder until the rule loader lands. */
#include "st_rules.h"

#include <stdlib.h>

int st_pack_load(const char *dir, const char *tailoring, struct st_pack **out, struct st_diag *diag)
{
	(void)tailoring;
	(void)out;
	return st_diag_add(diag, "%s: rule loading not implemented yet", dir);
}

void st_pack_free(struct st_pack *pack)
{
	free(pack);
}

const char *st_rules_default_dir(void)
{
	return "rules";
}
