/*
 * generate.c — the synthetic park dossier (see st_generate.h).
 *
 * The dossier is made park by park: for each enterprise of a park, every one
 * of its records is written at once to the file of its kind; then the park's
 * own row, meetings and drills, which need the park's enterprises (their
 * employees for the staffing rule, their operating windows for drill
 * participants).  Only one park's enterprise summaries are held in memory.
 *
 * Randomness: splitmix64, one stream per park and per enterprise derived from
 * the seed and the entity's number, so that changing how one enterprise's
 * records are drawn never shifts every later enterprise, and so that the
 * output is the same on every platform.  Probabilities are integers in basis
 * points (1/10000); no floating point, hence no libm rounding differences.
 *
 * The data is meant to look like a Xinjiang park's ledger (the regulation is
 * Tacheng Prefecture's): real county division codes in the credit codes,
 * Han, Uyghur and Kazakh personal names, enterprise names composed from word
 * lists, and the rates a safety office sees: 85-95% of quarterly inspections
 * done, 3-8% of checklist items failed, most hazards closed in time, some
 * late, a few left open past their deadline, evaluations now and then late,
 * a few accidents a year across a province.
 */
#include "st_generate.h"

#include <assert.h>
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "st_uscc.h"

#define N_OF(a) (sizeof(a) / sizeof((a)[0]))

/* ---------------------------------------------------------------- PRNG */

struct rng {
	uint64_t s;
};

static uint64_t rng_next(struct rng *r)
{
	uint64_t z = (r->s += UINT64_C(0x9e3779b97f4a7c15));
	z = (z ^ (z >> 30)) * UINT64_C(0xbf58476d1ce4e5b9);
	z = (z ^ (z >> 27)) * UINT64_C(0x94d049bb133111eb);
	return z ^ (z >> 31);
}

/* an independent stream for entity number no of a kind (tag) */
static struct rng rng_stream(uint64_t seed, uint32_t tag, uint64_t no)
{
	struct rng r = { seed ^ ((uint64_t)tag << 56) ^ (no * UINT64_C(0xd1b54a32d192ed03)) };
	rng_next(&r);
	return r;
}

/* uniform in [0, n) for n >= 1 (Lemire's multiply-shift; the bias is far
 * below anything a dossier could show) */
static uint32_t below(struct rng *r, uint32_t n)
{
	return (uint32_t)(((rng_next(r) >> 32) * n) >> 32);
}

/* uniform in [lo, hi]; lo when hi < lo */
static int range(struct rng *r, int lo, int hi)
{
	return hi <= lo ? lo : lo + (int)below(r, (uint32_t)(hi - lo + 1));
}

/* true with probability bp / 10000 */
static int odds(struct rng *r, int bp)
{
	return (int)below(r, 10000) < bp;
}

/* an index into a list of n, skewed towards the front (common surnames,
 * common kinds first) */
static uint32_t skewed(struct rng *r, uint32_t n)
{
	uint32_t a = below(r, n), b = below(r, n);
	return a < b ? a : b;
}

#define PICK(r, list) ((list)[below((r), N_OF(list))])

/* ---------------------------------------------------------- word lists */

/* county-level divisions of Xinjiang (GB/T 2260), for credit codes and
 * resident id numbers, with the short name parks and enterprises carry;
 * in ascending order of code, which keeps the credit codes in order */
static const struct place {
	const char *code;
	const char *name;
} places[] = {
	{ "650106", "头屯河" }, { "650107", "达坂城" },   { "650109", "米东" },
	{ "650202", "独山子" }, { "650203", "克拉玛依" }, { "650204", "白碱滩" },
	{ "650205", "乌尔禾" }, { "650402", "高昌" },     { "650421", "鄯善" },
	{ "650422", "托克逊" }, { "650502", "伊州" },     { "652301", "昌吉" },
	{ "652302", "阜康" },   { "652323", "呼图壁" },   { "652324", "玛纳斯" },
	{ "652325", "奇台" },   { "652327", "吉木萨尔" }, { "652701", "博乐" },
	{ "652702", "阿拉山口" }, { "652801", "库尔勒" }, { "652901", "阿克苏" },
	{ "653101", "喀什" },   { "653201", "和田" },     { "654002", "伊宁" },
	{ "654003", "奎屯" },   { "654201", "塔城" },     { "654202", "乌苏" },
	{ "654203", "沙湾" },   { "654221", "额敏" },     { "654224", "托里" },
	{ "654225", "裕民" },   { "654226", "和布克赛尔" }, { "654301", "阿勒泰" },
	{ "659001", "石河子" }, { "659004", "五家渠" },
};

static const char *const park_kinds[] = {
	"化工园区", "工业园区", "经济技术开发区", "循环经济产业园",
	"石油化工产业园", "高新技术产业开发区",
};

static const char *const surnames[] = {
	"王", "李", "张", "刘", "陈", "杨", "黄", "赵", "吴", "周", "徐", "孙", "马", "朱",
	"胡", "郭", "何", "高", "林", "罗", "郑", "梁", "谢", "宋", "唐", "许", "韩", "冯",
	"邓", "曹", "彭", "曾", "肖", "田", "董", "袁", "潘", "于", "蒋", "蔡", "余", "杜",
	"叶", "程", "苏", "魏", "吕", "丁", "任", "沈", "姚", "卢", "姜", "崔", "钟", "谭",
	"陆", "汪", "范", "金", "石", "廖", "贾", "夏", "韦", "付", "方", "白", "邹", "孟",
	"熊", "秦", "邱", "江", "尹", "薛", "闫", "段", "雷", "侯", "龙", "史", "陶", "贺",
	"顾", "毛", "郝", "龚", "邵", "万", "钱", "严", "武", "戴", "莫", "孔", "向", "汤",
};

static const char *const given[] = {
	"伟", "芳", "娜", "敏", "静", "丽", "强", "磊", "军", "洋", "勇", "艳", "杰", "娟",
	"涛", "明", "超", "秀", "霞", "平", "刚", "桂", "英", "华", "玉", "兰", "文", "辉",
	"建", "国", "红", "鹏", "飞", "斌", "宇", "浩", "凯", "健", "俊", "帆", "旭", "宁",
	"龙", "林", "欣", "晨", "鑫", "雪", "琳", "婷", "倩", "颖", "海", "峰", "志", "新",
	"春", "梅", "成", "亮", "波", "东", "晓", "丹", "瑞", "祥", "荣", "忠", "德", "江",
};

/* Uyghur and Kazakh personal names, written in Chinese as NAME·FATHER'S NAME */
static const char *const minority[] = {
	"买买提", "艾力", "阿不都", "吐尔逊", "热合曼", "努尔兰", "古丽", "阿依古丽",
	"帕提古丽", "迪丽娜尔", "阿迪力", "艾尔肯", "库尔班", "麦麦提", "依明", "肉孜",
	"巴合提亚尔", "叶尔兰", "哈那提", "加娜尔", "别克", "赛力克", "阿依努尔", "玉素甫",
};

static const char *const brand1[] = {
	"天", "华", "中", "金", "恒", "宏", "鑫", "泰", "瑞", "昌", "汇", "广", "嘉", "德",
	"新", "永", "博", "富", "宝", "盛", "兴", "隆", "安", "众", "同", "荣", "润", "凯",
	"海", "信", "西", "北", "昆", "雪", "丝",
};
static const char *const brand2[] = {
	"源", "达", "泰", "盛", "和", "丰", "通", "远", "宇", "诚", "利", "康", "辉", "祥",
	"鼎", "发", "元", "成", "晟", "峰", "翔", "邦", "科", "能", "山", "路", "域",
};
static const char *const trade_chem[] = {
	"化工", "石化", "精细化工", "氯碱化工", "煤化工", "化肥", "农药", "工业气体",
	"油品储运", "新材料", "化学", "燃气", "炼化", "涂料", "医药化工", "硅业",
};
static const char *const trade_other[] = {
	"机械制造", "建材", "纺织", "食品", "物流", "电力", "热力", "钢结构", "塑业",
	"农业科技", "棉业", "矿业", "环保科技", "装备制造", "包装", "商贸", "番茄制品",
	"粮油", "铝业", "新能源",
};
static const char *const company_forms[] = { "有限公司", "有限责任公司", "股份有限公司" };

static const char *const agency_kinds[] = {
	"安全评价有限公司", "安全技术服务有限公司", "安全科技有限公司", "工程咨询有限公司",
};

static const char *const products_chem[] = {
	"甲醇", "聚氯乙烯", "烧碱", "合成氨", "尿素", "乙二醇", "电石", "1,4-丁二醇",
	"液化天然气", "硫酸", "双氧水", "聚丙烯", "多晶硅", "二甲醚",
};
static const char *const products_other[] = {
	"钢结构件", "番茄酱", "棉纱", "水泥", "商品混凝土", "塑料编织袋", "饲料", "铝型材",
	"光伏支架", "面粉",
};

/* the 13 checklist items of chapter 7: what an inspector writes when the
 * item fails, and the measure the hazard record then carries */
static const struct item_text {
	const char *finding[3];
	const char *measure;
} items[ST_ITEMS] = {
	{ { "未落实上级安全监管部门整改指令", "未参加园区安全生产业务培训",
	    "未按要求报送安全生产信息" }, "按指令逐项整改并书面回复" },
	{ { "安全生产台账记录不完整", "应急救援预案未按期修订", "安全管理制度未建立健全" },
	  "补齐台账，修订预案并组织评审" },
	{ { "危险化学品库房超量储存", "危险化学品安全技术说明书不全",
	    "禁忌物料混存" }, "清理超量物料，按禁忌分区分类存放" },
	{ { "配电箱无防护门、线路私拉乱接", "机械设备传动部位防护罩缺失",
	    "电气设备接地不良" }, "整改线路，加装防护罩并检测接地" },
	{ { "消防通道被占用", "灭火器过期未更换", "防爆区域使用非防爆电器" },
	  "清理通道，更换灭火器和非防爆电器" },
	{ { "压力容器超期未检", "安全阀未按期校验", "叉车未定期保养" },
	  "联系特检机构检验校验，停用超期设备" },
	{ { "安全生产责任制未分解到班组", "部门安全责任书未签订",
	    "安全考核记录缺失" }, "逐级签订责任书并建立考核记录" },
	{ { "改建项目安全设施未与主体工程同时施工", "项目安全设施设计未报批",
	    "扩建工程未落实三同时" }, "停工整改，补办安全设施设计审查" },
	{ { "安全评价报告整改意见未落实", "安全现状评价超期未做",
	    "评价整改台账缺失" }, "按评价报告意见制定整改计划并落实" },
	{ { "未按月召开安全生产例会", "安全例会记录缺失", "例会议定事项未跟踪" },
	  "建立月度例会制度并规范记录" },
	{ { "特种作业人员无证上岗", "电工作业操作证过期", "管理人员未取得安全资格证" },
	  "停止无证人员作业，组织培训取证" },
	{ { "隐患整改资金未落实", "隐患整改责任人不明确", "隐患整改期限未确定" },
	  "明确整改资金、责任人和期限" },
	{ { "厂区安全警示标识缺失", "员工宿舍与生产区未分离", "避灾线路图未设置" },
	  "设置警示标识和避灾线路图" },
};

static const char *const special_ops[] = {
	"电工作业", "焊接与热切割作业", "高处作业", "危险化学品安全作业",
	"化工自动化控制仪表作业", "制冷与空调作业",
};

static const char *const accident_texts[] = {
	"检修作业时高处坠落", "储罐区动火作业发生闪爆", "装卸作业时物体打击",
	"设备清理时机械伤害", "管线泄漏导致人员中毒", "叉车倒车时发生碰撞",
	"配电室检修时触电", "有限空间作业窒息",
};

static const char *const meeting_texts[] = {
	"通报上季度检查情况，部署本季度隐患排查工作",
	"传达上级安全生产会议精神，研究重大危险源监控措施",
	"传达\"安全生产月\"活动方案, 部署汛期安全工作",
	"分析典型事故案例，布置冬季防火防冻工作",
	"听取各企业安全生产工作汇报，督办逾期隐患",
};

/* special equipment: kind, share in basis points, test interval in months,
 * and the character its registration number starts with */
static const struct equip_kind {
	const char *kind;
	int share;
	int months;
	const char *mark;
} equip_kinds[] = {
	{ "pressure-vessel", 3000, 36, "容" }, { "pressure-pipe", 1500, 36, "管" },
	{ "boiler", 1000, 12, "锅" },          { "crane", 1500, 24, "起" },
	{ "forklift", 1800, 12, "车" },        { "elevator", 800, 12, "梯" },
	{ "other", 400, 12, "特" },
};

/* --------------------------------------------------------------- output */

#define OUT_CAP (1 << 16)

/* One CSV file being written through its own buffer.  Every field is
 * written under its column's name (ST_COL_<KIND>_<column>, st_columns.h),
 * in column order; columns skipped are empty cells, so that a column added
 * to the kind leaves every writer's other columns where they belong. */
struct out {
	const struct st_kind_info *info;
	FILE *f;
	char *buf;
	size_t len;
	int col;              /* fields begun in the current row */
	int ncols;            /* fields of a row (the kind's columns); out_end pads */
	unsigned long rows;
	int err;              /* errno of the first failed write, 0 if none */
};

static void out_flush(struct out *o)
{
	if (o->len && !o->err && fwrite(o->buf, 1, o->len, o->f) != o->len)
		o->err = errno ? errno : EIO;
	o->len = 0;
}

static void out_raw(struct out *o, const char *s, size_t n)
{
	if (o->len + n > OUT_CAP) {
		out_flush(o);
		if (n > OUT_CAP) {
			if (!o->err && fwrite(s, 1, n, o->f) != n)
				o->err = errno ? errno : EIO;
			return;
		}
	}
	memcpy(o->buf + o->len, s, n);
	o->len += n;
}

/* begin field col, after empty cells for the columns skipped */
static void out_sep(struct out *o, int col)
{
	assert(col >= o->col && col < o->ncols);   /* a writer's columns in order */
	for (; o->col <= col; o->col++)
		if (o->col)
			out_raw(o, ",", 1);
}

/* end a row; optional trailing columns not written are empty */
static void out_end(struct out *o)
{
	while (o->col < o->ncols)
		out_sep(o, o->col);
	out_raw(o, "\n", 1);
	o->col = 0;
	o->rows++;
}

/* a text field; quoted (RFC 4180) when it holds a comma, quote or line end;
 * NULL or "" is an empty cell */
static void f_str(struct out *o, int col, const char *s)
{
	out_sep(o, col);
	if (!s)
		return;
	size_t n = strlen(s);
	if (strcspn(s, ",\"\r\n") == n) {
		out_raw(o, s, n);
		return;
	}
	out_raw(o, "\"", 1);
	for (const char *p = s; *p; p++) {
		if (*p == '"')
			out_raw(o, "\"", 1);
		out_raw(o, p, 1);
	}
	out_raw(o, "\"", 1);
}

static void f_uint(struct out *o, int col, unsigned long v)
{
	char b[24];
	int i = sizeof b;

	out_sep(o, col);
	do
		b[--i] = (char)('0' + v % 10);
	while (v /= 10);
	out_raw(o, b + i, sizeof b - (size_t)i);
}

/* "yes"/"no", or an empty cell for v < 0 */
static void f_yesno(struct out *o, int col, int v)
{
	f_str(o, col, v < 0 ? NULL : v ? "yes" : "no");
}

static void put2(char *p, int v)
{
	p[0] = (char)('0' + v / 10);
	p[1] = (char)('0' + v % 10);
}

static void fmt_date(char b[11], st_day day)
{
	int y, m, d;

	st_day_to_ymd(day, &y, &m, &d);
	put2(b, y / 100);
	put2(b + 2, y % 100);
	b[4] = '-';
	put2(b + 5, m);
	b[7] = '-';
	put2(b + 8, d);
	b[10] = 0;
}

/* YYYY-MM-DD, or an empty cell for ST_DAY_NONE */
static void f_date(struct out *o, int col, st_day day)
{
	char b[11];

	out_sep(o, col);
	if (day == ST_DAY_NONE)
		return;
	fmt_date(b, day);
	out_raw(o, b, 10);
}

#define MINUTE_NONE INT64_MIN

/* YYYY-MM-DDTHH:MM, or an empty cell for MINUTE_NONE */
static void f_time(struct out *o, int col, st_minute t)
{
	char b[17];

	out_sep(o, col);
	if (t == MINUTE_NONE)
		return;
	fmt_date(b, st_time_day(t));
	int mod = (int)(t - (st_minute)st_time_day(t) * ST_MINUTES_PER_DAY);
	b[10] = 'T';
	put2(b + 11, mod / 60);
	b[13] = ':';
	put2(b + 14, mod % 60);
	out_raw(o, b, 16);
}

/* a record id: prefix, the owner's number in owner_w digits, '-', a
 * sequence number in `width` digits.  Fixed widths make the ids sort in the
 * order they are written, which is the order export writes them. */
static void f_id(struct out *o, int col, const char *prefix, int owner_w, unsigned long owner,
		 unsigned long seq, int width)
{
	char b[64];

	snprintf(b, sizeof b, "%s%0*lu-%0*lu", prefix, owner_w, owner, width, seq);
	f_str(o, col, b);
}

/* ------------------------------------------------------------ the model */

enum { HZ_NONE, HZ_HAZARDOUS, HZ_TOXIC };
static const char *const hazchem_names[] = { "none", "hazardous", "highly-toxic" };
enum { ST_CONSTRUCTION, ST_OPERATING, ST_CLOSED };
static const char *const status_names[] = { "construction", "operating", "closed" };

/* what the park's own rows need to know about one of its enterprises */
struct ent {
	char id[19];
	unsigned long no;      /* 1-based number over the whole dossier, in record ids */
	int employees;
	int status;
	st_day since;          /* operating_since, possibly before the span; or none */
	/* the days it operated within the span; from > to if none */
	st_day from, to;
};

struct gen {
	const struct st_generate_opts *opt;
	struct out out[ST_KIND_COUNT];
	st_day start, until;
	int y0, y1;                 /* first and last calendar year */
	char park_id[16];
	const struct place *place;
	/* the enterprises of all parks in this park's county: [county_lo,
	 * county_hi) by index; the first county_old have pre-2015 codes */
	unsigned long county_lo, county_hi, county_old;
	st_day reform;              /* 2015-10-01: "MA" codes from then on */
	unsigned long n_parks;
	int ent_w, park_w;          /* digits of enterprise and park numbers in ids */
	struct ent *ents;           /* park_size of them */
	size_t n_ents;
};

/* Every draw is its own statement: the order in which a call's arguments
 * are evaluated is unspecified, and the output must not depend on the
 * compiler. */
static void person(struct rng *r, char *buf, size_t n)
{
	if (odds(r, 1500)) {
		const char *a = PICK(r, minority);
		const char *b = PICK(r, minority);
		snprintf(buf, n, "%s·%s", a, b);
		return;
	}
	const char *family = surnames[skewed(r, N_OF(surnames))];
	const char *g1 = PICK(r, given);
	const char *g2 = odds(r, 7000) ? PICK(r, given) : "";
	snprintf(buf, n, "%s%s%s", family, g1, g2);
}

/* a person's name as a field, absent with probability (10000 - bp) / 10000 */
static void f_person(struct out *o, int col, struct rng *r, int bp)
{
	char name[64];

	if (!odds(r, bp)) {
		f_str(o, col, NULL);
		return;
	}
	person(r, name, sizeof name);
	f_str(o, col, name);
}

/* GB 11714 organisation code check character over 8 body characters */
static char org_check(const char *body)
{
	static const int w[8] = { 3, 7, 9, 10, 5, 8, 4, 2 };
	int sum = 0;

	for (int i = 0; i < 8; i++) {
		char c = body[i];
		sum += w[i] * (c >= '0' && c <= '9' ? c - '0' : c - 'A' + 10);
	}
	int c = 11 - sum % 11;
	return c == 10 ? 'X' : c == 11 ? '0' : (char)('0' + c);
}

/* The unified social credit code of the k-th of n enterprises registered in
 * county: "91" (an enterprise registered with market regulation), the
 * county, a 9-character organisation code and the check character.  Codes
 * issued since the 2015 reform carry "MA" organisation codes; the first
 * `old` of the n keep the eight digits of their earlier organisation code.
 * The body grows with k (a stride plus a random jitter below it), so that
 * codes are unique and come out in ascending order, which is the order
 * export writes: generate, import and export give back the same files. */
static void credit_code(char out[19], const char *county, struct rng *r, unsigned long k,
			unsigned long n, unsigned long old)
{
	static const char set[] = "0123456789ABCDEFGHJKLMNPQRTUWXY";
	char *p = out;

	memcpy(p, "91", 2);
	memcpy(p + 2, county, 6);
	p += 8;
	if (k >= old) {
		const uint64_t stride = UINT64_C(887503681) / (n - old);        /* 31^6 */
		uint64_t v = (k - old) * stride + below(r, (uint32_t)stride);
		p[0] = 'M';
		p[1] = 'A';
		for (int i = 7; i >= 2; i--, v /= 31)
			p[i] = set[v % 31];
	} else {
		const uint64_t stride = UINT64_C(100000000) / old;
		uint64_t v = k * stride + below(r, (uint32_t)stride);
		for (int i = 7; i >= 0; i--, v /= 10)
			p[i] = (char)('0' + v % 10);
	}
	p[8] = org_check(p);
	out[18] = 0;
	out[17] = st_uscc_check_char(out);
}

/* a resident identity number (GB 11643) of someone born in [1965, 2003] in
 * county, as a special-operation certificate number ("T" + id number) */
#define CERT_NUMBER_SIZE 32

static void certificate_number(struct rng *r, const char *county, char out[CERT_NUMBER_SIZE])
{
	static const int w[17] = { 7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2 };
	static const char check[] = "10X98765432";
	int y = range(r, 1965, 2003), m = range(r, 1, 12), d = range(r, 1, st_month_days(y, m));
	int sum = 0;

	int seq = range(r, 1, 999);

	snprintf(out, CERT_NUMBER_SIZE, "T%.6s%04d%02d%02d%03d", county, y, m, d, seq);
	for (int i = 0; i < 17; i++)
		sum += (out[1 + i] - '0') * w[i];
	out[18] = check[sum % 11];
	out[19] = 0;
}

static st_day min_day(st_day a, st_day b)
{
	return a < b ? a : b;
}

static st_day max_day(st_day a, st_day b)
{
	return a > b ? a : b;
}

/* d if it is on or before the end of the span, else no date: a record
 * never holds a date the dossier cannot yet know */
static st_day known(const struct gen *g, st_day d)
{
	return d != ST_DAY_NONE && d <= g->until ? d : ST_DAY_NONE;
}

/* a random day in [lo, hi], or ST_DAY_NONE if the range is empty */
static st_day day_in(struct rng *r, st_day lo, st_day hi)
{
	return lo > hi ? ST_DAY_NONE : (st_day)range(r, lo, hi);
}

/* ------------------------------------------------------- enterprise rows */

/* per-enterprise state while its records are written */
struct ectx {
	struct gen *g;
	struct ent *e;
	struct rng *r;
	struct rng *r2;       /* revision 2's rows draw from their own stream, so that
			       * every earlier row stays what it was for a seed */
	int produce;          /* hazchem_activity includes produce */
	int hazchem;
	int has_equipment, has_project;
	unsigned n_eval;
};

static void write_enterprise(struct ectx *c, int major)
{
	struct out *o = &c->g->out[ST_ENTERPRISE];
	struct rng *r = c->r;
	struct ent *e = c->e;
	char name[160];
	const char *prefix = odds(r, 4000) ? "新疆" : odds(r, 5000) ? c->g->place->name : "";
	const char *b1 = PICK(r, brand1);
	const char *b2 = PICK(r, brand2);
	const char *trade = c->hazchem != HZ_NONE ? PICK(r, trade_chem) : PICK(r, trade_other);
	const char *form = company_forms[skewed(r, N_OF(company_forms))];

	snprintf(name, sizeof name, "%s%s%s%s%s", prefix, b1, b2, trade, form);
	f_str(o, ST_COL_ENTERPRISE_id, e->id);
	f_str(o, ST_COL_ENTERPRISE_name, name);
	f_str(o, ST_COL_ENTERPRISE_park, c->g->park_id);
	f_person(o, ST_COL_ENTERPRISE_principal, r, 9800);
	f_uint(o, ST_COL_ENTERPRISE_employees, (unsigned long)e->employees);
	f_str(o, ST_COL_ENTERPRISE_hazchem, hazchem_names[c->hazchem]);
	f_yesno(o, ST_COL_ENTERPRISE_major_hazard, major);
	if (major)
		f_person(o, ST_COL_ENTERPRISE_major_hazard_owner, r, 9500);
	else
		f_str(o, ST_COL_ENTERPRISE_major_hazard_owner, NULL);
	f_str(o, ST_COL_ENTERPRISE_status, status_names[e->status]);
	f_date(o, ST_COL_ENTERPRISE_operating_since, e->since);
	if (e->status == ST_OPERATING)
		f_yesno(o, ST_COL_ENTERPRISE_committee_member, !odds(r, 400));
	else
		f_yesno(o, ST_COL_ENTERPRISE_committee_member, odds(r, 5000) ? 0 : -1);
	/* revision 2: most hazchem enterprises have their activities recorded;
	 * about half produce, most of the others store, use or trade */
	if (c->hazchem != HZ_NONE && odds(c->r2, 9000)) {
		static const char *const acts[] = {
			"produce;store", "produce", "produce;store;use", "store", "store;use",
			"use", "store;trade", "trade",
		};
		static const int bp[] = { 3000, 1000, 1000, 1500, 1000, 1200, 800, 500 };
		int pick = (int)below(c->r2, 10000), k = 0;
		while (k < 7 && pick >= bp[k])
			pick -= bp[k++];
		c->produce = !strncmp(acts[k], "produce", 7);
		f_str(o, ST_COL_ENTERPRISE_hazchem_activity, acts[k]);
	}
	out_end(o);
}

/* revision 2: why a record was voided */
static const char *const void_reasons[] = {
	"重复录入", "录入错误，已重新登记", "企业名称录错", "日期录错，已按原始记录更正",
};

/* a voided row's two last columns: voided some days after its own date
 * (never after the end of the span); nothing for the others */
static void maybe_void(struct ectx *c, struct out *o, st_day own, int bp)
{
	if (!odds(c->r2, bp))
		return;
	st_day v = known(c->g, own + range(c->r2, 0, 60));
	if (v == ST_DAY_NONE)
		return;
	f_date(o, o->info->voided, v);
	f_str(o, o->info->voided + 1, PICK(c->r2, void_reasons));   /* void_reason */
}

/* revision 2: the safety production licences of a producer, one every
 * three years from its first operating day (a licence issued before the
 * span is kept when it still ran into it); the renewal applied for three
 * to five months before expiry mostly, some late, a few never */
static void write_licences(struct ectx *c)
{
	struct out *o = &c->g->out[ST_LICENCE];
	struct gen *g = c->g;
	struct rng *r = c->r2;
	unsigned long seq = 0;

	if (!c->produce || c->e->since == ST_DAY_NONE || c->e->status == ST_CONSTRUCTION)
		return;
	st_day end = c->e->status == ST_CLOSED ? c->e->to : g->until;
	for (st_day issued = c->e->since - range(r, 10, 60); issued <= end;) {
		st_day expires = st_day_add_months(issued, 36) - 1;
		int how = (int)below(r, 100);
		st_day applied = how < 85 ? st_day_add_months(expires, -3) - range(r, 0, 60)
			       : how < 95 ? st_day_add_months(expires, -3) + range(r, 1, 45)
					  : ST_DAY_NONE;
		if (applied != ST_DAY_NONE && applied < issued)
			applied = issued;
		if (expires >= g->start) {
			char num[64];
			int y, m, d;
			st_day_to_ymd(issued, &y, &m, &d);
			snprintf(num, sizeof num, "（新）WH安许证字〔%d〕%04d号", y, range(r, 1, 9999));
			f_id(o, ST_COL_LICENCE_id, "LIC", g->ent_w, c->e->no, ++seq, 2);
			f_str(o, ST_COL_LICENCE_enterprise, c->e->id);
			f_str(o, ST_COL_LICENCE_kind, "safety-production");
			f_str(o, ST_COL_LICENCE_number, num);
			f_date(o, ST_COL_LICENCE_issued, issued);
			f_date(o, ST_COL_LICENCE_expires, expires);
			f_date(o, ST_COL_LICENCE_renewal_applied, known(g, applied));
			maybe_void(c, o, issued, 100);
			out_end(o);
		}
		if (applied == ST_DAY_NONE)
			break;   /* never renewed: producing without a valid licence */
		issued = expires + 1 + (how < 85 ? 0 : range(r, 1, 30));
	}
}

/* revision 2: a waiver now and then (about one enterprise in fifty), for
 * one of the rules that most often needs time: approved for three months
 * to a year */
static void write_waivers(struct ectx *c)
{
	static const char *const rules[][2] = {
		{ "CHK-05", "消防设施改造期间，园区批准暂缓" },
		{ "CHK-06", "特种设备更新改造期间，园区批准暂缓" },
		{ "EQUIP-PERIODIC-TEST", "设备停用待报废，园区批准暂缓检验" },
		{ "TRAIN-THREE-LEVEL", "新招职工集中培训安排在下月，园区批准暂缓" },
		{ "INSP-HALF-YEAR", "企业停产检修，园区批准暂缓考核" },
	};
	struct out *o = &c->g->out[ST_WAIVER];
	struct gen *g = c->g;
	struct rng *r = c->r2;

	if (c->e->from > c->e->to || !odds(r, 200))
		return;
	st_day approved = day_in(r, c->e->from, c->e->to);
	if (approved == ST_DAY_NONE)
		return;
	int k = (int)below(r, N_OF(rules));
	f_id(o, ST_COL_WAIVER_id, "WV", g->ent_w, c->e->no, 1, 2);
	f_str(o, ST_COL_WAIVER_subject, c->e->id);
	f_str(o, ST_COL_WAIVER_rule, rules[k][0]);
	f_str(o, ST_COL_WAIVER_reason, rules[k][1]);
	f_str(o, ST_COL_WAIVER_approved_by, "园区管委会");
	f_date(o, ST_COL_WAIVER_approved, approved);
	f_date(o, ST_COL_WAIVER_expires, approved + range(r, 90, 366));
	maybe_void(c, o, approved, 500);
	out_end(o);
}

/* special equipment: the ledger's current row per item, its next test
 * mostly ahead, a few percent past due */
static void write_equipment(struct ectx *c)
{
	struct out *o = &c->g->out[ST_EQUIPMENT];
	struct rng *r = c->r;
	st_day anchor = c->e->status == ST_CLOSED ? c->e->to : c->g->until;

	if (!odds(r, c->hazchem != HZ_NONE ? 9000 : 5000))
		return;
	c->has_equipment = 1;
	int n = 1 + range(r, 0, c->hazchem != HZ_NONE ? 11 : 4);
	for (int i = 1; i <= n; i++) {
		int pick = (int)below(r, 10000), k = 0;
		while (k + 1 < (int)N_OF(equip_kinds) && pick >= equip_kinds[k].share)
			pick -= equip_kinds[k++].share;
		const struct equip_kind *ek = &equip_kinds[k];
		st_day next = odds(r, 300) ? anchor - range(r, 1, 120)
					   : anchor + range(r, 1, ek->months * 30);
		st_day last = odds(r, 300) ? ST_DAY_NONE
					   : known(c->g, st_day_add_months(next, -ek->months));
		char reg[64];
		char cls = "123"[below(r, 3)];
		char city = "ABCDEFGHJ"[below(r, 9)];
		int serial = range(r, 1, 99999);
		int year = range(r, 5, 25);
		snprintf(reg, sizeof reg, "%s%c新%c%05d(%02d)", ek->mark, cls, city, serial, year);
		f_id(o, ST_COL_EQUIPMENT_id, "Q", c->g->ent_w, c->e->no, (unsigned long)i, 2);
		f_str(o, ST_COL_EQUIPMENT_enterprise, c->e->id);
		f_str(o, ST_COL_EQUIPMENT_kind, ek->kind);
		f_str(o, ST_COL_EQUIPMENT_registration, odds(r, 9500) ? reg : NULL);
		f_date(o, ST_COL_EQUIPMENT_last_test, last);
		f_date(o, ST_COL_EQUIPMENT_next_test, next);
		out_end(o);
	}
}

static void write_evaluation(struct ectx *c, const char *kind, st_day date, int passed)
{
	struct out *o = &c->g->out[ST_EVALUATION];
	struct rng *r = c->r;
	char agency[128];
	st_day deadline = ST_DAY_NONE, done = ST_DAY_NONE;

	const char *b1 = PICK(r, brand1);
	const char *b2 = PICK(r, brand2);
	const char *ak = PICK(r, agency_kinds);
	snprintf(agency, sizeof agency, "新疆%s%s%s", b1, b2, ak);
	if (odds(r, 3500)) {
		deadline = date + range(r, 30, 120);
		int how = (int)below(r, 100);
		if (how < 85)
			done = date + range(r, 7, deadline - date);
		else if (how < 94)
			done = deadline + range(r, 1, 60);
		done = known(c->g, done);
	}
	f_id(o, ST_COL_EVALUATION_id, "V", c->g->ent_w, c->e->no, ++c->n_eval, 3);
	f_str(o, ST_COL_EVALUATION_enterprise, c->e->id);
	f_str(o, ST_COL_EVALUATION_kind, kind);
	f_date(o, ST_COL_EVALUATION_date, date);
	f_str(o, ST_COL_EVALUATION_agency, odds(r, 9700) ? agency : NULL);
	f_yesno(o, ST_COL_EVALUATION_expert_passed, !strcmp(kind, "pre") ? -1 : passed);
	f_date(o, ST_COL_EVALUATION_rectify_deadline, deadline);
	f_date(o, ST_COL_EVALUATION_rectified, done);
	out_end(o);
}

/* a project: a new plant before the enterprise started operating, or a
 * rebuild or expansion during the span, or the plant under construction */
static void write_project(struct ectx *c, unsigned seq, const char *kind, st_day start,
			  st_day production)
{
	struct out *o = &c->g->out[ST_PROJECT];
	struct rng *r = c->r;
	struct gen *g = c->g;
	int chem = c->hazchem != HZ_NONE;
	const char *product = chem ? PICK(r, products_chem) : PICK(r, products_other);
	char name[160];

	if (!strcmp(kind, "new"))
		snprintf(name, sizeof name, "年产%d万吨%s项目", range(r, 1, 60), product);
	else if (!strcmp(kind, "expand"))
		snprintf(name, sizeof name, "%s装置扩能改造项目", product);
	else
		snprintf(name, sizeof name, "%s生产线技术改造项目", product);

	/* most paperwork precedes the construction start; a few percent comes
	 * late or never, which the PROJ-* and EVAL-PRE-ASSESSMENT rules catch */
	int how = (int)below(r, 100);
	st_day approved = how < 95 ? start - range(r, 10, 90)
			  : how < 98 ? start + range(r, 5, 60) : ST_DAY_NONE;
	how = (int)below(r, 100);
	st_day letter = how < 93 ? start - range(r, 0, 30)
			: how < 96 ? start + range(r, 3, 40) : ST_DAY_NONE;
	st_day pre = ST_DAY_NONE;
	if (chem) {
		how = (int)below(r, 100);
		pre = how < 92 ? start - range(r, 30, 180)
		      : how < 95 ? start + range(r, 10, 90) : ST_DAY_NONE;
		if (known(g, pre) != ST_DAY_NONE && pre - 40 >= g->start)
			write_evaluation(c, "pre", pre - range(r, 5, 40), 1);
	}
	st_day accepted = ST_DAY_NONE;
	if (production != ST_DAY_NONE)
		accepted = odds(r, 9600) ? production - range(r, 5, 40) : ST_DAY_NONE;

	f_id(o, ST_COL_PROJECT_id, "J", c->g->ent_w, c->e->no, seq, 1);
	f_str(o, ST_COL_PROJECT_enterprise, c->e->id);
	f_str(o, ST_COL_PROJECT_name, name);
	f_str(o, ST_COL_PROJECT_kind, kind);
	f_yesno(o, ST_COL_PROJECT_hazchem, chem);
	f_yesno(o, ST_COL_PROJECT_design_qualified, odds(r, 9700) ? 1 : odds(r, 5000) ? 0 : -1);
	f_date(o, ST_COL_PROJECT_design_approved, known(g, approved));
	int installer = odds(r, 9600) ? 1 : odds(r, 2500) ? 0 : -1;
	f_yesno(o, ST_COL_PROJECT_installer_qualified, production == ST_DAY_NONE && odds(r, 5000) ? -1 : installer);
	int three = odds(r, 9500) ? 1 : odds(r, 3000) ? 0 : -1;
	f_yesno(o, ST_COL_PROJECT_three_simultaneity, production == ST_DAY_NONE && odds(r, 5000) ? -1 : three);
	f_date(o, ST_COL_PROJECT_construction_start, known(g, start));
	f_date(o, ST_COL_PROJECT_contractor_letter, known(g, letter));
	f_date(o, ST_COL_PROJECT_pre_evaluation_filed, known(g, pre));
	f_date(o, ST_COL_PROJECT_accepted, known(g, accepted));
	f_date(o, ST_COL_PROJECT_production_start, known(g, production));
	out_end(o);
}

static void write_projects(struct ectx *c)
{
	struct gen *g = c->g;
	struct ent *e = c->e;
	struct rng *r = c->r;
	unsigned seq = 0;

	if (e->status == ST_CONSTRUCTION) {
		st_day start = g->until - range(r, 30, 700);
		if (start >= g->start) {
			write_project(c, ++seq, "new", start, ST_DAY_NONE);
		}
	} else if (e->from <= e->to && e->from > g->start + 400 && odds(r, 9000)) {
		/* the plant this enterprise started operating with */
		write_project(c, ++seq, "new", e->from - range(r, 300, 700), e->from);
	}
	if (e->from <= e->to && e->to - e->from > 500 && odds(r, 700)) {
		st_day start = day_in(r, e->from, e->to - 200);
		st_day production = ST_DAY_NONE;
		if (odds(r, 7000)) {
			production = start + range(r, 150, 500);
			production = production <= e->to ? production : ST_DAY_NONE;
		}
		write_project(c, ++seq, odds(r, 5000) ? "rebuild" : "expand", start, production);
	}
	c->has_project = seq > 0;
}

/* EVAL-STATUS-REVIEW, EVAL-TOXIC-ANNUAL, EVAL-HAZCHEM-BIENNIAL: one status
 * evaluation after the enterprise came into the dossier, then periodic ones
 * at its interval, mostly in time, some late, a few cycles skipped */
static void write_evaluations(struct ectx *c)
{
	struct ent *e = c->e;
	struct rng *r = c->r;
	int months = c->hazchem == HZ_TOXIC ? 12 : 24;

	if (c->hazchem == HZ_NONE || e->from > e->to)
		return;
	st_day last = e->from;
	st_day d = e->from + range(r, 30, 240);
	if (d <= e->to && odds(r, 9600)) {
		if (odds(r, 800)) {
			write_evaluation(c, "status", d, 0);
			d += range(r, 45, 120);
		}
		if (d <= e->to) {
			write_evaluation(c, "status", d, 1);
			last = d;
		}
	}
	for (;;) {
		st_day due = st_day_add_months(last, months);
		int how = (int)below(r, 100);
		st_day next = how < 85 ? due - range(r, 0, 60)
			      : how < 96 ? due + range(r, 1, 120)
					 : st_day_add_months(due, months) - range(r, 0, 60);
		if (next > e->to)
			break;
		if (odds(r, 300)) {
			write_evaluation(c, "periodic", next, 0);
			next += range(r, 30, 90);
			if (next > e->to)
				break;
		}
		write_evaluation(c, "periodic", next, 1);
		last = next;
	}
}

/* a hazard record; insp_id NULL for one the enterprise found itself */
static void write_hazard(struct ectx *c, unsigned long seq, const char *insp_id, int item,
			 st_day found)
{
	struct out *o = &c->g->out[ST_HAZARD];
	struct rng *r = c->r;
	struct gen *g = c->g;
	int major = odds(r, 200);
	char funds[24];

	st_day deadline = found + (major ? range(r, 60, 180) : range(r, 7, 45));
	/* closed in time mostly, some late; very few left open, more among the
	 * recent ones (old open hazards get chased down eventually) */
	int how = (int)below(r, 1000);
	int open_bp = g->until - found < 180 ? 60 : 3;
	st_day closed = how < 900 ? found + range(r, 1, deadline - found)
			: how < 1000 - open_bp ? deadline + range(r, 1, 45) : ST_DAY_NONE;
	closed = known(g, closed);
	if (odds(r, 100))
		deadline = ST_DAY_NONE;
	snprintf(funds, sizeof funds, "%d", major ? range(r, 50, 2000) * 1000 : range(r, 2, 500) * 100);

	f_id(o, ST_COL_HAZARD_id, "H", c->g->ent_w, c->e->no, seq, 4);
	f_str(o, ST_COL_HAZARD_enterprise, c->e->id);
	f_str(o, ST_COL_HAZARD_inspection, insp_id);
	if (item)
		f_uint(o, ST_COL_HAZARD_item, (unsigned long)item);
	else
		f_str(o, ST_COL_HAZARD_item, NULL);
	f_date(o, ST_COL_HAZARD_found, found);
	const struct item_text *it = &items[item ? item - 1 : (int)below(r, ST_ITEMS)];
	f_str(o, ST_COL_HAZARD_description, it->finding[below(r, 3)]);
	f_str(o, ST_COL_HAZARD_grade, major ? "major" : "general");
	f_str(o, ST_COL_HAZARD_measures, odds(r, 9800) ? it->measure : NULL);
	f_str(o, ST_COL_HAZARD_funds, odds(r, 9700) ? funds : NULL);
	f_person(o, ST_COL_HAZARD_owner, r, 9900);
	f_date(o, ST_COL_HAZARD_deadline, deadline);
	f_date(o, ST_COL_HAZARD_closed, closed);
	if (closed != ST_DAY_NONE)
		f_person(o, ST_COL_HAZARD_verified_by, r, 9700);
	else
		f_str(o, ST_COL_HAZARD_verified_by, NULL);
	/* rectified, rectification (the lifecycle columns the recording layer
	 * fills) stay empty: a generated hazard goes from open to closed */
	f_str(o, ST_COL_HAZARD_rectified, NULL);
	f_str(o, ST_COL_HAZARD_rectification, NULL);
	maybe_void(c, o, found, 50);   /* revision 2: half a percent entered twice */
	out_end(o);
}

/* the checklist items (numbers, st_items[n - 1]) that concern only some
 * enterprises: 3 危险化学品存放与证照, 6 锅炉、压力容器、管道、特种设备, 8 建设项目“三同时” */
enum { ITEM_HAZCHEM = 3, ITEM_EQUIPMENT = 6, ITEM_PROJECT = 8 };

/* one inspection per quarter in which the enterprise operated, most of them
 * done (a rate per enterprise in 85-95%), the second and fourth mostly the
 * mid-year and year-end reviews (96% done); sometimes a joint or special one;
 * every failed item should raise a hazard, and nearly always does */
static void write_inspections(struct ectx *c)
{
	struct gen *g = c->g;
	struct ent *e = c->e;
	struct rng *r = c->r;
	struct out *o = &g->out[ST_INSPECTION];
	int done_bp = range(r, 8500, 9500), fail_bp = range(r, 300, 800);
	unsigned long n_insp = 0, n_haz = 0;

	if (e->from > e->to)
		return;
	for (int y = g->y0; y <= g->y1; y++) {
		for (int q = 1; q <= 4; q++) {
			st_day lo = max_day(st_period_first(y, 3, q), e->from);
			st_day hi = min_day(st_period_last(y, 3, q), e->to);
			if (lo > hi)
				continue;
			int extra = odds(r, 400);
			for (int k = 0; k <= extra; k++) {
				const char *kind = "quarterly";
				st_day date;
				if (k) {
					kind = odds(r, 6000) ? "special" : "joint";
					date = day_in(r, lo, hi);
				} else {
					/* the mid-year and year-end reviews are park-wide
					 * campaigns in the quarter's last month, rarely
					 * missed; other quarters depend on the enterprise */
					st_day rlo = max_day(st_period_first(y, 1, q * 3), lo);
					if ((q == 2 || q == 4) && rlo <= hi && odds(r, 9600)) {
						kind = q == 2 ? "mid-year" : "year-end";
						date = day_in(r, rlo, hi);
					} else if (odds(r, done_bp)) {
						date = day_in(r, lo, hi);
					} else {
						continue;
					}
				}
				char id[64], names[160], a[64], b[64], notes[512];
				int res[ST_ITEMS], nfail = 0;
				size_t nl = 0;

				snprintf(id, sizeof id, "I%0*lu-%03lu", g->ent_w, e->no, ++n_insp);
				person(r, a, sizeof a);
				person(r, b, sizeof b);
				snprintf(names, sizeof names, "%s、%s", a, b);
				notes[0] = 0;
				for (int i = 0; i < ST_ITEMS; i++) {
					int n = i + 1;   /* the item's number */
					if ((n == ITEM_HAZCHEM && c->hazchem == HZ_NONE) ||
					    (n == ITEM_EQUIPMENT && !c->has_equipment) ||
					    (n == ITEM_PROJECT && !c->has_project))
						res[i] = 2;
					else
						res[i] = odds(r, fail_bp);
					if (res[i] == 1) {
						nfail++;
						const char *f = items[i].finding[below(r, 3)];
						int w = snprintf(notes + nl, sizeof notes - nl, "%s第%d项：%s",
								 nl ? "；" : "", i + 1, f);
						if (w > 0 && (size_t)w < sizeof notes - nl)
							nl += (size_t)w;
					}
				}
				if (!nfail && odds(r, 2000))
					snprintf(notes, sizeof notes, "%s",
						 odds(r, 9000) ? "未发现问题" : "现场\"三违\"行为已当场纠正, 未发现隐患");
				f_str(o, ST_COL_INSPECTION_id, id);
				f_str(o, ST_COL_INSPECTION_enterprise, e->id);
				f_date(o, ST_COL_INSPECTION_date, date);
				f_str(o, ST_COL_INSPECTION_kind, kind);
				f_str(o, ST_COL_INSPECTION_inspectors, odds(r, 9800) ? names : NULL);
				for (int i = 0; i < ST_ITEMS; i++)
					f_str(o, ST_ITEM_COL + i, res[i] == 2 ? "na" : res[i] ? "fail" : "pass");
				f_str(o, ST_COL_INSPECTION_notes, notes);
				out_end(o);
				for (int i = 0; i < ST_ITEMS; i++)
					if (res[i] == 1 && odds(r, 9600))
						write_hazard(c, ++n_haz, id, i + 1, date);
			}
			/* hazards the enterprise found and reported itself */
			if (odds(r, 1500))
				write_hazard(c, ++n_haz, NULL, 0, day_in(r, lo, hi));
		}
	}
}

/* TRAIN-THREE-LEVEL and CERT-SPECIAL-OPERATION: the roster, one row per
 * employee, hired over the enterprise's life; the three levels of training
 * in order before assignment except in a few careless enterprises; special
 * operators certified, the 6-year certificates mostly renewed in time */
static void write_workers(struct ectx *c)
{
	struct gen *g = c->g;
	struct ent *e = c->e;
	struct rng *r = c->r;
	struct out *o = &g->out[ST_WORKER], *oc = &g->out[ST_CERTIFICATE];
	int sloppy_bp = odds(r, 1000) ? 200 : 3;
	int special_bp = c->hazchem != HZ_NONE ? 1200 : 500;
	st_day lo, hi;

	if (e->status == ST_CONSTRUCTION) {
		lo = g->until - 300;
		hi = g->until;
	} else {
		/* the roster keeps people hired before the span */
		lo = e->since - 90;
		hi = e->to;
	}
	for (int i = 1; i <= e->employees; i++) {
		char name[64], wid[64];
		st_day hired = day_in(r, lo, hi);
		st_day l1 = hired + range(r, 0, 2);
		st_day l2 = l1 + range(r, 1, 4);
		st_day l3 = l2 + range(r, 1, 4);
		st_day assigned = l3 + range(r, 1, 7);
		const char *special = odds(r, special_bp)
			? (c->hazchem != HZ_NONE && odds(r, 4000) ? "危险化学品安全作业"
								  : PICK(r, special_ops))
			: NULL;
		if (odds(r, sloppy_bp)) {
			switch (below(r, 3)) {
			case 0: l2 = ST_DAY_NONE; break;            /* a level skipped */
			case 1: assigned = l2 + 1; break;            /* at work before team level */
			default: { st_day t = l1; l1 = l3; l3 = t; } /* levels out of order */
			}
		}
		snprintf(wid, sizeof wid, "W%0*lu-%04d", g->ent_w, e->no, i);
		person(r, name, sizeof name);
		f_str(o, ST_COL_WORKER_id, wid);
		f_str(o, ST_COL_WORKER_enterprise, e->id);
		f_str(o, ST_COL_WORKER_name, name);
		f_date(o, ST_COL_WORKER_hired, hired);
		f_date(o, ST_COL_WORKER_level1, known(g, l1));
		f_date(o, ST_COL_WORKER_level2, known(g, l2));
		f_date(o, ST_COL_WORKER_level3, known(g, l3));
		f_date(o, ST_COL_WORKER_assigned, known(g, assigned));
		f_str(o, ST_COL_WORKER_special_operation, special);
		out_end(o);
		if (!special || known(g, assigned) == ST_DAY_NONE || odds(r, 150))
			continue;
		st_day issued = assigned - range(r, 5, 60);
		for (int k = 1; issued <= g->until; k++) {
			char cid[64], number[CERT_NUMBER_SIZE];
			st_day expires = st_day_add_months(issued, 72);
			snprintf(cid, sizeof cid, "C%0*lu-%04d-%d", g->ent_w, e->no, i, k);
			certificate_number(r, g->place->code, number);
			f_str(oc, ST_COL_CERTIFICATE_id, cid);
			f_str(oc, ST_COL_CERTIFICATE_enterprise, e->id);
			f_str(oc, ST_COL_CERTIFICATE_worker, wid);
			f_str(oc, ST_COL_CERTIFICATE_kind, special);
			f_str(oc, ST_COL_CERTIFICATE_number, odds(r, 9800) ? number : NULL);
			f_date(oc, ST_COL_CERTIFICATE_issued, issued);
			f_date(oc, ST_COL_CERTIFICATE_expires, expires);
			out_end(oc);
			if (expires > g->until || !odds(r, 9700))
				break;
			issued = expires - range(r, 0, 90);
		}
	}
}

/* a few accidents a year across a province; most reported in time */
static void write_accidents(struct ectx *c)
{
	struct gen *g = c->g;
	struct ent *e = c->e;
	struct rng *r = c->r;
	struct out *o = &g->out[ST_ACCIDENT];
	int bp = c->hazchem != HZ_NONE ? 40 : 20;
	unsigned long n = 0;

	for (int y = g->y0; y <= g->y1 && e->from <= e->to; y++) {
		st_day lo = max_day(st_day_from_ymd(y, 1, 1), e->from);
		st_day hi = min_day(st_day_from_ymd(y, 12, 31), e->to);
		if (lo > hi || !odds(r, bp))
			continue;
		st_day day = day_in(r, lo, hi);
		st_minute at = (st_minute)day * ST_MINUTES_PER_DAY + range(r, 0, 1439);
		int deaths = odds(r, 500) ? range(r, 1, 3) : 0;
		int injuries = odds(r, 7000) ? range(r, 1, 4) : 0;
		int how = (int)below(r, 100);
		st_minute reported = how < 90 ? at + range(r, 30, 1200)
				     : how < 97 ? at + range(r, 1500, 4320) : MINUTE_NONE;
		if (reported != MINUTE_NONE && st_time_day(reported) > g->until)
			reported = MINUTE_NONE;
		how = (int)below(r, 100);
		st_day form = how < 90 ? day + range(r, 0, 3) : how < 95 ? day + range(r, 4, 10)
								    : ST_DAY_NONE;
		how = (int)below(r, 100);
		st_day closed = how < 85 ? day + range(r, 10, 60) : how < 95 ? day + range(r, 61, 120)
									    : ST_DAY_NONE;
		char text[128];
		snprintf(text, sizeof text, "%s，%d死%d伤", PICK(r, accident_texts), deaths, injuries);
		f_id(o, ST_COL_ACCIDENT_id, "A", g->ent_w, e->no, ++n, 2);
		f_str(o, ST_COL_ACCIDENT_enterprise, e->id);
		f_time(o, ST_COL_ACCIDENT_occurred, at);
		f_uint(o, ST_COL_ACCIDENT_deaths, (unsigned long)deaths);
		f_uint(o, ST_COL_ACCIDENT_injuries, (unsigned long)injuries);
		f_str(o, ST_COL_ACCIDENT_description, text);
		f_time(o, ST_COL_ACCIDENT_reported, reported);
		f_date(o, ST_COL_ACCIDENT_form_filed, known(g, form));
		f_date(o, ST_COL_ACCIDENT_investigation_closed, known(g, closed));
		out_end(o);
	}
}

/* RESP-LETTER-ANNUAL: signed by 31 March mostly, some later, a few never */
static void write_letters(struct ectx *c)
{
	struct gen *g = c->g;
	struct ent *e = c->e;
	struct rng *r = c->r;
	struct out *o = &g->out[ST_LETTER];

	for (int y = g->y0; y <= g->y1 && e->from <= e->to; y++) {
		st_day jan1 = st_day_from_ymd(y, 1, 1);
		if (e->to < jan1 || e->from > st_day_from_ymd(y, 12, 31))
			continue;
		int how = (int)below(r, 100);
		st_day signed_on = how < 88 ? day_in(r, jan1 + 4, st_day_from_ymd(y, 3, 31))
				   : how < 96 ? day_in(r, st_day_from_ymd(y, 4, 1), st_day_from_ymd(y, 6, 30))
					      : ST_DAY_NONE;
		if (signed_on == ST_DAY_NONE || signed_on > g->until || signed_on > e->to)
			continue;
		char id[64];
		snprintf(id, sizeof id, "L%0*lu-%d", g->ent_w, e->no, y);
		f_str(o, ST_COL_LETTER_id, id);
		f_str(o, ST_COL_LETTER_park, g->park_id);
		f_str(o, ST_COL_LETTER_enterprise, e->id);
		f_uint(o, ST_COL_LETTER_year, (unsigned long)y);
		f_date(o, ST_COL_LETTER_signed, signed_on);
		out_end(o);
	}
}

/* one enterprise: its summary for the park, then all its records */
static void gen_enterprise(struct gen *g, struct ent *e, unsigned long idx)
{
	struct rng r = rng_stream(g->opt->seed, 2, idx), r2 = rng_stream(g->opt->seed, 7, idx);
	struct ectx c = { g, e, &r, &r2, 0, HZ_NONE, 0, 0, 0 };
	static const int emp_lo[] = { 5, 20, 50, 100, 300, 1000 };
	static const int emp_hi[] = { 19, 49, 99, 299, 999, 2500 };
	static const int emp_bp[] = { 3000, 3200, 2000, 1300, 400, 100 };

	e->no = idx + 1;
	int pick = (int)below(&r, 10000), k = 0;
	while (k < 5 && pick >= emp_bp[k])
		pick -= emp_bp[k++];
	e->employees = range(&r, emp_lo[k], emp_hi[k]);
	pick = (int)below(&r, 100);
	c.hazchem = pick < 5 ? HZ_TOXIC : pick < 25 ? HZ_HAZARDOUS : HZ_NONE;
	pick = (int)below(&r, 100);
	e->status = pick < 86 ? ST_OPERATING : pick < 93 ? ST_CONSTRUCTION : ST_CLOSED;

	/* three in four were operating before the span began; one with a
	 * post-reform code cannot have operated before the reform */
	unsigned long slot = idx - g->county_lo;
	int recent = slot >= g->county_old;
	e->since = ST_DAY_NONE;
	e->from = 1;
	e->to = 0;
	if (e->status != ST_CONSTRUCTION) {
		e->since = odds(&r, 7500) ? g->start - range(&r, 1, 15 * 365)
					  : g->start + range(&r, 0, g->until - g->start - 30);
		if (recent && e->since < g->reform)
			e->since = g->reform + range(&r, 0, 365);
		e->from = max_day(e->since, g->start);
		e->to = g->until;
		if (e->status == ST_CLOSED) {
			e->to = day_in(&r, e->from + 180, g->until - 30);
			if (e->to == ST_DAY_NONE) {
				e->status = ST_OPERATING;
				e->to = g->until;
			}
		}
	}
	int major = odds(&r, c.hazchem == HZ_TOXIC ? 5000 : c.hazchem == HZ_HAZARDOUS ? 2500 : 100);
	credit_code(e->id, g->place->code, &r, slot, g->county_hi - g->county_lo, g->county_old);

	write_enterprise(&c, major);
	write_equipment(&c);
	write_projects(&c);
	write_evaluations(&c);
	write_inspections(&c);
	write_workers(&c);
	write_accidents(&c);
	write_letters(&c);
	write_licences(&c);
	write_waivers(&c);
}

/* ------------------------------------------------------------ park rows */

static void gen_park(struct gen *g, unsigned long p)
{
	struct rng r = rng_stream(g->opt->seed, 1, p);
	struct out *o;
	unsigned long workforce = 0;
	char buf[160];

	/* the county first: the enterprises' codes use it.  Parks take the
	 * counties in order, several consecutive parks sharing one when there
	 * are more parks than counties */
	unsigned long np = g->n_parks, nc = N_OF(places), c = p * nc / np;
	unsigned long first_park = (c * np + nc - 1) / nc, end_park = ((c + 1) * np + nc - 1) / nc;
	g->place = &places[c];
	g->county_lo = first_park * g->opt->park_size;
	g->county_hi = end_park * g->opt->park_size;
	if (g->county_hi > g->opt->enterprises)
		g->county_hi = g->opt->enterprises;
	/* two in five hold post-reform codes, if the span reaches the reform */
	g->county_old = g->county_hi - g->county_lo;
	if (g->until - 365 > g->reform)
		g->county_old -= (g->county_hi - g->county_lo) * 2 / 5;
	snprintf(g->park_id, sizeof g->park_id, "P%0*lu", g->park_w, p + 1);
	snprintf(buf, sizeof buf, "%s%s", g->place->name, park_kinds[p % N_OF(park_kinds)]);

	for (size_t i = 0; i < g->n_ents; i++) {
		struct ent *e = &g->ents[i];
		gen_enterprise(g, e, p * g->opt->park_size + i);
		if (e->status != ST_CLOSED)
			workforce += (unsigned long)e->employees;
	}

	/* ORG-STAFFING: most parks staff to the formula, a quarter fall short */
	long need = 2 + (workforce > 200 ? (long)(workforce - 200) / 200 : 0);
	long staff = odds(&r, 7500) ? need + range(&r, 0, 2) : need - range(&r, 1, 3);
	st_day established = g->start - range(&r, 365, 15 * 365);
	st_day plan = day_in(&r, g->start, g->until);
	int how = (int)below(&r, 100);
	st_day filed = how < 90 ? plan + range(&r, 3, 30) : how < 95 ? plan - range(&r, 1, 20)
								      : ST_DAY_NONE;
	o = &g->out[ST_PARK];
	f_str(o, ST_COL_PARK_id, g->park_id);
	f_str(o, ST_COL_PARK_name, buf);
	f_date(o, ST_COL_PARK_established, established);
	f_person(o, ST_COL_PARK_director, &r, 9700);
	f_uint(o, ST_COL_PARK_safety_staff, (unsigned long)(staff < 1 ? 1 : staff));
	f_date(o, ST_COL_PARK_plan_signed, odds(&r, 9700) ? plan : ST_DAY_NONE);
	f_date(o, ST_COL_PARK_plan_filed, known(g, filed));
	out_end(o);

	/* PARK-MEETING-QUARTERLY: nearly every quarter, plus joint meetings */
	o = &g->out[ST_MEETING];
	for (int y = g->y0; y <= g->y1; y++) {
		for (int q = 1; q <= 4; q++) {
			int n = odds(&r, 9300);
			n += odds(&r, 1200);
			for (int k = 0; k < n; k++) {
				st_day d = day_in(&r, st_period_first(y, 3, q),
						  min_day(st_period_last(y, 3, q), g->until));
				if (d == ST_DAY_NONE)
					continue;
				snprintf(buf, sizeof buf, "M%0*lu-%dQ%d-%d", g->park_w, p + 1, y, q, k + 1);
				f_str(o, ST_COL_MEETING_id, buf);
				f_str(o, ST_COL_MEETING_park, g->park_id);
				f_date(o, ST_COL_MEETING_date, d);
				f_str(o, ST_COL_MEETING_kind, k ? "joint" : "quarterly");
				f_str(o, ST_COL_MEETING_minutes, odds(&r, 9000) ? PICK(&r, meeting_texts) : NULL);
				out_end(o);
			}
		}
	}

	/* PARK-DRILL-ANNUAL and DRILL-PARTICIPATION: a drill most years in the
	 * warm season, joined by most enterprises operating then */
	o = &g->out[ST_DRILL];
	for (int y = g->y0; y <= g->y1; y++) {
		int n = odds(&r, 9500);
		n += odds(&r, 2000);
		for (int k = 0; k < n; k++) {
			st_day d = day_in(&r, st_day_from_ymd(y, 5, 1),
					  min_day(st_day_from_ymd(y, 10, 31), g->until));
			if (d == ST_DAY_NONE)
				continue;
			snprintf(buf, sizeof buf, "D%0*lu-%d-%d", g->park_w, p + 1, y, k + 1);
			f_str(o, ST_COL_DRILL_id, buf);
			f_str(o, ST_COL_DRILL_park, g->park_id);
			f_date(o, ST_COL_DRILL_date, d);
			/* the participant list is one field: build it in the
			 * buffer with the separators the spec names */
			out_sep(o, ST_COL_DRILL_participants);
			int first = 1;
			for (size_t i = 0; i < g->n_ents; i++) {
				const struct ent *e = &g->ents[i];
				if (e->from > d || e->to < d || !odds(&r, k ? 4000 : 9000))
					continue;
				if (!first)
					out_raw(o, ";", 1);
				out_raw(o, e->id, 18);
				first = 0;
			}
			out_end(o);
		}
	}
}

/* ---------------------------------------------------------------- driver */

/* decimal digits of n, at least min */
static int digits(unsigned long n, int min)
{
	int d = 1;

	while (n /= 10)
		d++;
	return d > min ? d : min;
}

static int check_opts(const struct st_generate_opts *opt, struct st_diag *diag)
{
	int y, m, d;

	if (opt->enterprises < 1 || opt->enterprises > 10000000)
		return st_diag_add(diag, "企业数应在 1 到 10000000 之间");
	if (opt->years < 1 || opt->years > ST_GENERATE_MAX_YEARS)
		return st_diag_add(diag, "年数应在 1 到 %d 之间", ST_GENERATE_MAX_YEARS);
	if (opt->park_size < 1)
		return st_diag_add(diag, "每个园区的企业数应至少为 1");
	st_day_to_ymd(opt->until, &y, &m, &d);
	if (y - opt->years < 1900 || y > 9000)
		return st_diag_add(diag, "截止日期超出范围");
	return 0;
}

int st_generate(const char *dir, const struct st_generate_opts *opt,
		struct st_generate_stats *stats, struct st_diag *diag)
{
	struct gen g;
	int rc = 0, y, m, d;

	if (check_opts(opt, diag) != 0)
		return -1;
	memset(&g, 0, sizeof g);
	g.opt = opt;
	g.until = opt->until;
	st_day_to_ymd(g.until, &y, &m, &d);
	g.y1 = y;
	g.y0 = y - opt->years + 1;
	g.start = st_day_from_ymd(g.y0, 1, 1);
	g.reform = st_day_from_ymd(2015, 10, 1);
	g.ents = calloc(opt->park_size, sizeof *g.ents);
	if (!g.ents)
		return st_diag_add(diag, "内存不足");

	for (int i = 0; i < ST_KIND_COUNT; i++) {
		struct out *o = &g.out[i];
		char path[4096];
		snprintf(path, sizeof path, "%s/%s", dir, st_kind_info(i)->file);
		o->buf = malloc(OUT_CAP);
		o->f = o->buf ? fopen(path, "wb") : NULL;
		if (!o->f) {
			rc = st_diag_add(diag, "%s: 无法写入: %s", path,
					 o->buf ? strerror(errno) : "内存不足");
			goto out;
		}
		/* the header: the kind's columns, in order (INTERCHANGE §1) */
		o->info = st_kind_info(i);
		o->ncols = o->info->ncols;
		for (int c = 0; c < o->ncols; c++) {
			if (c)
				out_raw(o, ",", 1);
			out_raw(o, o->info->cols[c].name, strlen(o->info->cols[c].name));
		}
		out_raw(o, "\n", 1);
	}

	unsigned long n_parks = (opt->enterprises + opt->park_size - 1) / opt->park_size;
	g.n_parks = n_parks;
	g.ent_w = digits(opt->enterprises, 6);
	g.park_w = digits(n_parks, 2);
	for (unsigned long p = 0; p < n_parks; p++) {
		unsigned long first = p * opt->park_size;
		g.n_ents = opt->enterprises - first < opt->park_size ? opt->enterprises - first
								   : opt->park_size;
		gen_park(&g, p);
		if (opt->progress)
			opt->progress(opt->progress_arg, first + g.n_ents, opt->enterprises);
		int failed = 0;
		for (int i = 0; i < ST_KIND_COUNT; i++)
			failed |= g.out[i].err != 0;
		if (failed)
			break;      /* the loop below names the file */
	}

out:
	for (int i = 0; i < ST_KIND_COUNT; i++) {
		struct out *o = &g.out[i];
		if (o->f) {
			out_flush(o);
			if (fclose(o->f) != 0 && !o->err)
				o->err = errno ? errno : EIO;
			if (o->err && rc == 0)
				rc = st_diag_add(diag, "%s/%s: 写入失败: %s", dir,
						 st_kind_info(i)->file, strerror(o->err));
		}
		if (stats)
			stats->rows[i] = o->rows;
		free(o->buf);
	}
	free(g.ents);
	return rc;
}

void st_generate_opts_init(struct st_generate_opts *opts)
{
	memset(opts, 0, sizeof *opts);
	opts->enterprises = 1;
	opts->years = 1;
	opts->seed = 1;
	opts->until = st_day_from_ymd(2026, 11, 28);
	opts->park_size = ST_GENERATE_PARK_SIZE;
}
