/*
 * values.c — the enumerated values in English and Chinese (see st_values.h).
 */
#include "st_values.h"

#include <string.h>

const struct st_value_name st_value_names[] = {
	/* inspections.kind, meetings.kind */
	{ "quarterly", "季度", "季度检查 季度会议" },
	{ "mid-year", "年中", "年中检查" },
	{ "year-end", "年末", "年末检查 年终 年终检查" },
	{ "joint", "联合", "联合检查 联席会议 联合会议" },
	{ "special", "专项", "专项检查" },
	/* inspection items */
	{ "pass", "合格", "" },
	{ "fail", "不合格", "" },
	{ "na", "不适用", "无此项" },
	/* hazards.grade */
	{ "general", "一般", "一般隐患" },
	{ "major", "重大", "重大隐患" },
	/* enterprises.status */
	{ "construction", "在建", "建设中" },
	{ "operating", "在营", "生产经营 运营" },
	{ "closed", "关闭", "已关闭 停产关闭" },
	/* enterprises.hazchem */
	{ "none", "无", "不涉及" },
	{ "hazardous", "危险化学品", "危化品" },
	{ "highly-toxic", "剧毒化学品", "剧毒" },
	/* enterprises.hazchem_activity (revision 2), several joined by ';' */
	{ "produce", "生产", "" },
	{ "store", "储存", "贮存" },
	{ "use", "使用", "" },
	{ "trade", "经营", "" },
	/* evaluations.kind */
	{ "pre", "预评价", "安全预评价" },
	{ "status", "现状评价", "安全现状评价" },
	{ "periodic", "定期评价", "安全定期评价" },
	/* projects.kind */
	{ "new", "新建", "" },
	{ "rebuild", "改建", "" },
	{ "expand", "扩建", "" },
	/* equipment.kind */
	{ "boiler", "锅炉", "" },
	{ "pressure-vessel", "压力容器", "" },
	{ "pressure-pipe", "压力管道", "" },
	{ "elevator", "电梯", "" },
	{ "crane", "起重机械", "起重机" },
	{ "forklift", "叉车", "场（厂）内专用机动车辆 场内机动车辆" },
	{ "other", "其他", "其它" },
	/* yes/no columns */
	{ "yes", "是", "有" },
	{ "no", "否", "没有" },
	{ NULL, NULL, NULL },
};

const char *st_value_label(const char *en)
{
	for (const struct st_value_name *v = st_value_names; en && v->en; v++)
		if (!strcmp(v->en, en))
			return v->zh;
	return NULL;
}

int st_word_listed(const char *list, const char *word)
{
	size_t n = strlen(word);

	for (const char *p = list ? list : ""; *p;) {
		size_t len = strcspn(p, " ");
		if (len == n && !strncmp(p, word, n))
			return 1;
		p += len;
		p += *p == ' ';
	}
	return 0;
}

const char *st_value_from_zh(const char *allowed, const char *s)
{
	if (!*s)
		return NULL;
	for (const struct st_value_name *v = st_value_names; v->en; v++)
		if ((!strcmp(v->zh, s) || st_word_listed(v->aliases, s)) && st_word_listed(allowed, v->en))
			return v->en;
	return NULL;
}
