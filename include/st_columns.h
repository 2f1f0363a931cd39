/*
 * st_columns.h — the columns of every record kind, by name (INTERCHANGE §1).
 *
 * ST_<KIND>_COLUMNS(X) lists one kind's columns in their order (the CSV and
 * export order), one X(KIND, name, TYPE, label[, more]) per column:
 *
 *   name   the column's own name, a C identifier (CSV header, SQL column);
 *   TYPE   TEXT, DATE, TIME, BOOL, ID, USCC, REF, REF_OPT, REFLIST, INT,
 *          COUNT, ENUM, SET, ITEM and their required forms *_R, expanded by
 *          dossier.c into a struct st_column;
 *   label  the Chinese header alias and display label;
 *   more   ENUM/SET: the allowed values; REF*: the kind referred to;
 *          INT: min, max; COUNT: 1 if required, else 0.
 *
 * The same list yields the table (kinds[] in dossier.c) and, below, one enum
 * per kind whose constants are ST_COL_<KIND>_<name>: the column's index in
 * st_kind_info(kind)->cols and in every values[] array of that kind.  Code
 * names a column as values[ST_COL_HAZARD_deadline], never values[10], so that a
 * column added to a list moves every index with it, and a grep for a
 * column's name finds every use of it.
 */
#ifndef ST_COLUMNS_H
#define ST_COLUMNS_H

/* The checklist of chapter 7: every inspection records ST_ITEMS results,
 * columns item1 … item13 of inspections.csv; a hazard's `item` is one of
 * them. */
#define ST_ITEMS 13
/* the same inside a string literal: "第 1–" ST_ITEMS_TEXT " 项" */
#define ST_ITEMS_TEXT ST_COLUMNS_STR(ST_ITEMS)
#define ST_COLUMNS_STR(x) ST_COLUMNS_STR_(x)
#define ST_COLUMNS_STR_(x) #x

/* revision 2: every kind but parks and enterprises can be voided; these two
 * are always its last columns (st_kind_info.voided names the first) */
#define ST_VOIDABLE(X, K) \
	X(K, voided, DATE, "作废日期") \
	X(K, void_reason, TEXT, "作废原因")

#define ST_PARK_COLUMNS(X) \
	X(PARK, id, ID, "编号") \
	X(PARK, name, TEXT_R, "园区名称") \
	X(PARK, established, DATE_R, "成立日期") \
	X(PARK, director, TEXT, "安委会主任") \
	X(PARK, safety_staff, COUNT, "专职安全管理人员数", 0) \
	X(PARK, plan_signed, DATE, "应急预案签署日期") \
	X(PARK, plan_filed, DATE, "应急预案备案日期")

#define ST_ENTERPRISE_COLUMNS(X) \
	X(ENTERPRISE, id, USCC, "统一社会信用代码") \
	X(ENTERPRISE, name, TEXT_R, "企业名称") \
	X(ENTERPRISE, park, REF, "所属园区", ST_PARK) \
	X(ENTERPRISE, principal, TEXT, "主要负责人") \
	X(ENTERPRISE, employees, COUNT, "从业人员数", 1) \
	X(ENTERPRISE, hazchem, ENUM, "危险化学品类别", "none hazardous highly-toxic") \
	X(ENTERPRISE, major_hazard, BOOL, "重大危险源") \
	X(ENTERPRISE, major_hazard_owner, TEXT, "重大危险源责任人") \
	X(ENTERPRISE, status, ENUM, "企业状态", "construction operating closed") \
	X(ENTERPRISE, operating_since, DATE, "投产日期") \
	X(ENTERPRISE, committee_member, BOOL, "安委会成员") \
	X(ENTERPRISE, hazchem_activity, SET, "危险化学品活动", "produce store use trade")

/* item1 … item13: the checklist of chapter 7 (ST_ITEMS in st_dossier.h) */
#define ST_INSPECTION_COLUMNS(X) \
	X(INSPECTION, id, ID, "编号") \
	X(INSPECTION, enterprise, REF, "企业", ST_ENTERPRISE) \
	X(INSPECTION, date, DATE_R, "检查日期") \
	X(INSPECTION, kind, ENUM, "检查类型", "quarterly mid-year year-end joint special") \
	X(INSPECTION, inspectors, TEXT, "检查人员") \
	X(INSPECTION, item1, ITEM, "第1项") \
	X(INSPECTION, item2, ITEM, "第2项") \
	X(INSPECTION, item3, ITEM, "第3项") \
	X(INSPECTION, item4, ITEM, "第4项") \
	X(INSPECTION, item5, ITEM, "第5项") \
	X(INSPECTION, item6, ITEM, "第6项") \
	X(INSPECTION, item7, ITEM, "第7项") \
	X(INSPECTION, item8, ITEM, "第8项") \
	X(INSPECTION, item9, ITEM, "第9项") \
	X(INSPECTION, item10, ITEM, "第10项") \
	X(INSPECTION, item11, ITEM, "第11项") \
	X(INSPECTION, item12, ITEM, "第12项") \
	X(INSPECTION, item13, ITEM, "第13项") \
	X(INSPECTION, notes, TEXT, "备注") \
	ST_VOIDABLE(X, INSPECTION)

#define ST_HAZARD_COLUMNS(X) \
	X(HAZARD, id, ID, "编号") \
	X(HAZARD, enterprise, REF, "企业", ST_ENTERPRISE) \
	X(HAZARD, inspection, REF_OPT, "检查编号", ST_INSPECTION) \
	X(HAZARD, item, INT, "检查项", 1, ST_ITEMS) \
	X(HAZARD, found, DATE_R, "发现日期") \
	X(HAZARD, description, TEXT_R, "隐患描述") \
	X(HAZARD, grade, ENUM, "隐患等级", "general major") \
	X(HAZARD, measures, TEXT, "整改措施") \
	X(HAZARD, funds, COUNT, "整改资金", 0) \
	X(HAZARD, owner, TEXT, "整改责任人") \
	X(HAZARD, deadline, DATE, "整改期限") \
	X(HAZARD, closed, DATE, "销号日期") \
	X(HAZARD, verified_by, TEXT, "验收人") \
	X(HAZARD, rectified, DATE, "整改完成日期") \
	X(HAZARD, rectification, TEXT, "整改情况") \
	ST_VOIDABLE(X, HAZARD)

#define ST_EVALUATION_COLUMNS(X) \
	X(EVALUATION, id, ID, "编号") \
	X(EVALUATION, enterprise, REF, "企业", ST_ENTERPRISE) \
	X(EVALUATION, kind, ENUM, "评价类型", "pre status periodic") \
	X(EVALUATION, date, DATE_R, "评价日期") \
	X(EVALUATION, agency, TEXT, "评价机构") \
	X(EVALUATION, expert_passed, BOOL, "专家评审通过") \
	X(EVALUATION, rectify_deadline, DATE, "整改期限") \
	X(EVALUATION, rectified, DATE, "整改完成日期") \
	ST_VOIDABLE(X, EVALUATION)

#define ST_PROJECT_COLUMNS(X) \
	X(PROJECT, id, ID, "编号") \
	X(PROJECT, enterprise, REF, "企业", ST_ENTERPRISE) \
	X(PROJECT, name, TEXT_R, "项目名称") \
	X(PROJECT, kind, ENUM, "项目类型", "new rebuild expand") \
	X(PROJECT, hazchem, BOOL, "涉及危险化学品") \
	X(PROJECT, design_qualified, BOOL, "设计单位有资质") \
	X(PROJECT, design_approved, DATE, "安全设计审批日期") \
	X(PROJECT, installer_qualified, BOOL, "安装单位有资质") \
	X(PROJECT, three_simultaneity, BOOL, "三同时落实") \
	X(PROJECT, construction_start, DATE, "开工日期") \
	X(PROJECT, contractor_letter, DATE, "施工安全责任书签订日期") \
	X(PROJECT, pre_evaluation_filed, DATE, "预评价报告备案日期") \
	X(PROJECT, accepted, DATE, "竣工验收日期") \
	X(PROJECT, production_start, DATE, "投产日期") \
	ST_VOIDABLE(X, PROJECT)

#define ST_WORKER_COLUMNS(X) \
	X(WORKER, id, ID, "编号") \
	X(WORKER, enterprise, REF, "企业", ST_ENTERPRISE) \
	X(WORKER, name, TEXT_R, "姓名") \
	X(WORKER, hired, DATE, "入职日期") \
	X(WORKER, level1, DATE, "厂级教育日期") \
	X(WORKER, level2, DATE, "车间级教育日期") \
	X(WORKER, level3, DATE, "班组级教育日期") \
	X(WORKER, assigned, DATE, "上岗日期") \
	X(WORKER, special_operation, TEXT, "特种作业类别") \
	ST_VOIDABLE(X, WORKER)

#define ST_CERTIFICATE_COLUMNS(X) \
	X(CERTIFICATE, id, ID, "编号") \
	X(CERTIFICATE, enterprise, REF, "企业", ST_ENTERPRISE) \
	X(CERTIFICATE, worker, REF, "人员编号", ST_WORKER) \
	X(CERTIFICATE, kind, TEXT_R, "作业类别") \
	X(CERTIFICATE, number, TEXT, "证书编号") \
	X(CERTIFICATE, issued, DATE, "发证日期") \
	X(CERTIFICATE, expires, DATE_R, "有效期至") \
	ST_VOIDABLE(X, CERTIFICATE)

#define ST_EQUIPMENT_COLUMNS(X) \
	X(EQUIPMENT, id, ID, "编号") \
	X(EQUIPMENT, enterprise, REF, "企业", ST_ENTERPRISE) \
	X(EQUIPMENT, kind, ENUM, "设备类别", \
	  "boiler pressure-vessel pressure-pipe elevator crane forklift other") \
	X(EQUIPMENT, registration, TEXT, "使用登记证号") \
	X(EQUIPMENT, last_test, DATE, "上次检验日期") \
	X(EQUIPMENT, next_test, DATE_R, "下次检验日期") \
	ST_VOIDABLE(X, EQUIPMENT)

#define ST_ACCIDENT_COLUMNS(X) \
	X(ACCIDENT, id, ID, "编号") \
	X(ACCIDENT, enterprise, REF, "企业", ST_ENTERPRISE) \
	X(ACCIDENT, occurred, TIME_R, "发生时间") \
	X(ACCIDENT, deaths, COUNT, "死亡人数", 0) \
	X(ACCIDENT, injuries, COUNT, "受伤人数", 0) \
	X(ACCIDENT, description, TEXT, "事故简况") \
	X(ACCIDENT, reported, TIME, "上报时间") \
	X(ACCIDENT, form_filed, DATE, "伤亡报表报送日期") \
	X(ACCIDENT, investigation_closed, DATE, "调查处理结案日期") \
	ST_VOIDABLE(X, ACCIDENT)

#define ST_MEETING_COLUMNS(X) \
	X(MEETING, id, ID, "编号") \
	X(MEETING, park, REF, "园区", ST_PARK) \
	X(MEETING, date, DATE_R, "会议日期") \
	X(MEETING, kind, ENUM, "会议类型", "quarterly joint") \
	X(MEETING, minutes, TEXT, "会议纪要") \
	ST_VOIDABLE(X, MEETING)

#define ST_DRILL_COLUMNS(X) \
	X(DRILL, id, ID, "编号") \
	X(DRILL, park, REF, "园区", ST_PARK) \
	X(DRILL, date, DATE_R, "演练日期") \
	X(DRILL, participants, REFLIST, "参演企业", ST_ENTERPRISE) \
	ST_VOIDABLE(X, DRILL)

#define ST_LETTER_COLUMNS(X) \
	X(LETTER, id, ID, "编号") \
	X(LETTER, park, REF, "园区", ST_PARK) \
	X(LETTER, enterprise, REF, "企业", ST_ENTERPRISE) \
	X(LETTER, year, INT_R, "年度", 1000, 9999) \
	X(LETTER, signed, DATE_R, "签订日期") \
	ST_VOIDABLE(X, LETTER)

/* revision 2 */
#define ST_LICENCE_COLUMNS(X) \
	X(LICENCE, id, ID, "编号") \
	X(LICENCE, enterprise, REF, "企业", ST_ENTERPRISE) \
	X(LICENCE, kind, ENUM, "许可证类别", \
	  "safety-production hazchem-trade hazchem-use other") \
	X(LICENCE, number, TEXT, "许可证编号") \
	X(LICENCE, issued, DATE_R, "发证日期") \
	X(LICENCE, expires, DATE_R, "有效期至") \
	X(LICENCE, renewal_applied, DATE, "申请延期日期") \
	ST_VOIDABLE(X, LICENCE)

/* subject: a park id or an enterprise code; rule: an id of the rule pack */
#define ST_WAIVER_COLUMNS(X) \
	X(WAIVER, id, ID, "编号") \
	X(WAIVER, subject, TEXT_R, "豁免对象") \
	X(WAIVER, rule, TEXT_R, "规则编号") \
	X(WAIVER, reason, TEXT_R, "豁免理由") \
	X(WAIVER, approved_by, TEXT_R, "批准人") \
	X(WAIVER, approved, DATE_R, "批准日期") \
	X(WAIVER, expires, DATE_R, "豁免截止日期") \
	ST_VOIDABLE(X, WAIVER)

/* every kind, in the order of enum st_kind: ST_KINDS(K) gives
 * K(PARK, parks) ... (the kind's name and its table's) */
#define ST_KINDS(K) \
	K(PARK, parks) K(ENTERPRISE, enterprises) K(INSPECTION, inspections) \
	K(HAZARD, hazards) K(EVALUATION, evaluations) K(PROJECT, projects) \
	K(WORKER, workers) K(CERTIFICATE, certificates) K(EQUIPMENT, equipment) \
	K(ACCIDENT, accidents) K(MEETING, meetings) K(DRILL, drills) \
	K(LETTER, letters) K(LICENCE, licences) K(WAIVER, waivers)

/* the column indices: enum { ST_COL_HAZARD_id, ..., ST_HAZARD_NCOLS }, and
 * ST_COL_HAZARD_none (-1) where a kind has no such column (kinds[]' owner
 * and own date) */
#define ST_COLUMN_INDEX(K, name, ...) ST_COL_##K##_##name,
#define ST_COLUMN_ENUM(K, table) \
	enum { ST_##K##_COLUMNS(ST_COLUMN_INDEX) ST_##K##_NCOLS, ST_COL_##K##_none = -1 };
ST_KINDS(ST_COLUMN_ENUM)
#undef ST_COLUMN_ENUM

/* every kind's first column is its id: values[ST_COL_id] in code that
 * serves every kind */
enum { ST_COL_id = 0 };
#define ST_COLUMN_ID_FIRST(K, table) \
	_Static_assert((int)ST_COL_##K##_id == (int)ST_COL_id, #table ": id is the first column");
ST_KINDS(ST_COLUMN_ID_FIRST)
#undef ST_COLUMN_ID_FIRST

#endif
