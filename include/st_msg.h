/*
 * st_msg — the messages of the recording layer and the dossier, each written
 * once with its Chinese and its English text.
 *
 * A message is one macro that expands to its two formats, Chinese first:
 *
 *     #define ST_MSG_REQUIRED "必填，不能为空", "required, cannot be empty"
 *
 * and is passed whole to a function that takes both formats and one list of
 * arguments, declared with two format attributes (ST_MSG_FORMAT), so that the
 * compiler checks both texts against the same arguments at every call:
 *
 *     col_error(diag, where, c->name, ST_MSG_REQUIRED);
 *     add_error(res, ST_RECORD_INVALID, col, ST_MSG_FUTURE_DATE, label, name, value, today);
 *
 * Where the Chinese text names a column or a kind by its Chinese label, the
 * English one names it by its English name: the caller passes both (label,
 * then name) and each text skips the other with "%.0s", which prints
 * nothing.  Every message keeps the two texts' conversions in the same
 * order and of the same types (tests/test_msg.c checks the table below).
 *
 * The command line prints the Chinese text (st_diag lines, st_field_error
 * message); the English one travels beside it (st_diag_line_en(),
 * st_field_error.message_en) for the JSON API and English forms.
 */
#ifndef ST_MSG_H
#define ST_MSG_H

#include <stdarg.h>
#include <stddef.h>

/* for a function (zh, en, ...) whose formats are parameters a and a + 1 */
#define ST_MSG_FORMAT(a) __attribute__((format(printf, a, a + 2), format(printf, a + 1, a + 2)))

/* a message with a prefix on both texts: ST_MSG_AT("%s:%ld: ", ST_MSG_ROW_WIDTH) */
#define ST_MSG_AT(prefix, msg) ST_MSG_AT_(prefix, msg)
#define ST_MSG_AT_(prefix, zh, en) prefix zh, prefix en

/* ---- reading a CSV file (csvio.c, encoding.c) ---- */

/* strerror */
#define ST_MSG_CANNOT_OPEN "无法打开: %s", "cannot open: %s"
#define ST_MSG_CANNOT_READ "无法读取: %s", "cannot read: %s"
#define ST_MSG_READ_FAILED "读取失败: %s", "reading failed: %s"
#define ST_MSG_CSV_RECORD_TOO_LONG \
	"记录超过 %d 字节，不是正常的 CSV 文件", "a record of more than %d bytes: not a usual CSV file"
#define ST_MSG_CSV_LINE_TOO_LONG \
	"行超过 %d 字节，不是正常的 CSV 文件", "a line of more than %d bytes: not a usual CSV file"
#define ST_MSG_CSV_NUL "含有 NUL 字节，不是文本 CSV 文件", "holds a NUL byte: not a text CSV file"
/* the first bad byte, from 1 */
#define ST_MSG_NOT_UTF8 \
	"第 %zu 个字节起不是有效的 UTF-8 编码（请以“CSV UTF-8”格式保存）", \
	"not valid UTF-8 from byte %zu on (save it as \"CSV UTF-8\")"
#define ST_MSG_CSV_QUOTES \
	"引号使用不符合 CSV 规范（RFC 4180）：引号须包住整个单元格，单元格内的引号要写成两个 \"\"", \
	"quotes do not follow CSV (RFC 4180): a quote encloses a whole cell, and a quote " \
	"inside a cell is written twice (\"\")"
#define ST_MSG_CSV_OPEN_QUOTE \
	"文件在引号内结束，缺少闭合的引号", "the file ends inside quotes: a closing quote is missing"
/* the bytes as read (length, text), the same bytes read as GBK */
#define ST_MSG_GBK \
	"“%.*s”是 GBK 编码的“%s”：文件不是 UTF-8 编码，会导入成乱码（请在表格软件中另存为“CSV UTF-8”）", \
	"'%.*s' is GBK for '%s': the file is not UTF-8 and would import garbled " \
	"(save it as \"CSV UTF-8\" in the spreadsheet program)"

/* ---- a dossier's files and headers (dossier_io.c) ---- */

/* strerror */
#define ST_MSG_CANNOT_WRITE "无法写入: %s", "cannot write: %s"
#define ST_MSG_WRITE_FAILED "写入失败: %s", "writing failed: %s"
#define ST_MSG_CANNOT_OPEN_DIR "无法打开文件夹: %s", "cannot open the folder: %s"
#define ST_MSG_CANNOT_MKDIR "无法创建文件夹: %s", "cannot create the folder: %s"
#define ST_MSG_NOT_A_DIR "不是文件夹", "not a folder"

#define ST_MSG_HEADER_TOO_WIDE "表头有 %zu 列，太多了", "the header has %zu columns, too many"
#define ST_MSG_HEADER_NO_NAME "第 %zu 列没有列名", "column %zu has no name"
#define ST_MSG_HEADER_UNKNOWN "未知的列名", "no such column"
/* the column it repeats, the column's name */
#define ST_MSG_HEADER_TWICE "与第 %d 列重复（都是 %s）", "the same as column %d (both are %s)"
#define ST_MSG_HEADER_MISSING "缺少必填列", "a required column is missing"
#define ST_MSG_ROW_WIDTH \
	"该行有 %zu 个字段，表头有 %zu 列", "the row has %zu fields, the header %zu columns"
#define ST_MSG_ID_TWICE "编号 '%s' 与第 %ld 行重复", "id '%s' is the same as on line %ld"
/* strerror */
#define ST_MSG_DOSSIER_UNREADABLE "无法打开档案文件夹: %s", "cannot open the dossier folder: %s"
#define ST_MSG_NOT_CSV \
	"不是 CSV 文件，请在表格软件中另存为“CSV UTF-8”", \
	"not a CSV file: save it as \"CSV UTF-8\" in the spreadsheet program"
/* the file names joined with 、 and with ", " */
#define ST_MSG_UNKNOWN_FILE \
	"未知的档案文件（文件名应为 %s%.0s 之一）", "not a dossier file (the names are %.0s%s)"
#define ST_MSG_NOT_REGULAR "不是普通文件", "not a regular file"
#define ST_MSG_NO_DOSSIER_FILE "没有找到任何档案 CSV 文件", "no dossier CSV file found"
#define ST_MSG_EMPTY_FILE "文件是空的，至少要有表头行", "the file is empty: it needs the header row"
/* the file found */
#define ST_MSG_EXPORT_FOREIGN_FILE \
	"文件夹中有不属于园区档案的 %s；导出会整体替换该文件夹，请导出到新的文件夹，或先移走该文件", \
	"the folder holds %s, which is not a dossier file; an export replaces the folder whole: " \
	"export to a new folder, or move that file away first"

/* ---- a record's fields (dossier.c validation) ---- */

#define ST_MSG_REQUIRED "必填，不能为空", "required, cannot be empty"
/* label, name, value */
#define ST_MSG_LISTED_TWICE "%s%.0s '%s' 重复列出", "%.0s%s '%s' is listed twice"
/* value, the values joined with 、 and with ", " */
#define ST_MSG_NOT_IN_SET \
	"值 '%s' 不是 %s%.0s 之一（多个用分号分隔）", \
	"value '%s' is not one of %.0s%s (separate several with semicolons)"
#define ST_MSG_NOT_ONE_OF "值 '%s' 不是 %s%.0s 之一", "value '%s' is not one of %.0s%s"
#define ST_MSG_BAD_ID \
	"编号 '%s' 首尾不能有空格，也不能含有分号或控制字符", \
	"id '%s' may not begin or end with a space nor hold a semicolon or a control character"
/* value, reason zh, reason en, the check character expected */
#define ST_MSG_BAD_USCC_CHECK \
	"值 '%s' 无效：%s%.0s（应为 %c）", "value '%s' is not valid: %.0s%s (expected %c)"
#define ST_MSG_BAD_USCC "值 '%s' 无效：%s%.0s", "value '%s' is not valid: %.0s%s"
#define ST_MSG_NOT_COUNT "值 '%s' 不是非负整数", "value '%s' is not a non-negative integer"
#define ST_MSG_NOT_IN_RANGE \
	"值 '%s' 不是 %lld 到 %lld 之间的整数", "value '%s' is not an integer from %lld to %lld"
#define ST_MSG_BAD_DATE \
	"值 '%s' 不是有效日期（应为 YYYY-MM-DD 或 YYYY/M/D）", \
	"value '%s' is not a valid date (YYYY-MM-DD or YYYY/M/D)"
#define ST_MSG_BAD_TIME \
	"值 '%s' 不是有效时间（应为 YYYY-MM-DDTHH:MM 或 YYYY-MM-DD HH:MM）", \
	"value '%s' is not a valid time (YYYY-MM-DDTHH:MM or YYYY-MM-DD HH:MM)"
#define ST_MSG_BAD_BOOL \
	"值 '%s' 不是 yes、no（或 是、否）之一", "value '%s' is not one of yes, no (or 是, 否)"
#define ST_MSG_REASON_WITHOUT_VOID \
	"填写了作废原因，但没有作废日期", "a void reason is given but no void date"
#define ST_MSG_VOID_WITHOUT_REASON \
	"作废的记录必须填写作废原因", "a voided record must give the reason"
/* label, name, value of the later column; label, name, value of the first */
#define ST_MSG_BEFORE "%s%.0s %s 早于%s%.0s %s", "%.0s%s %s is before %.0s%s %s"
#define ST_MSG_OPERATING_WITHOUT_SINCE \
	"企业状态为 operating 时必须填写投产日期", \
	"an enterprise whose status is operating must give operating_since"
#define ST_MSG_ACTIVITY_WITHOUT_HAZCHEM \
	"危险化学品类别为 none 的企业不能填写危险化学品活动", \
	"an enterprise whose hazchem is none cannot have a hazchem_activity"
/* expires, approved, the longest a waiver may run in days */
#define ST_MSG_WAIVER_TOO_LONG \
	"豁免截止日期 %s 距批准日期 %s 超过 %d 天（豁免至少每年复核一次）", \
	"expiry date %s is after approval date %s by more than %d days " \
	"(a waiver is reviewed at least once a year)"
/* kind label, kind name, id */
#define ST_MSG_REF_MISSING \
	"%s%.0s '%s' 不存在（档案和数据库中都没有）", \
	"%.0s%s '%s' does not exist (neither in the dossier nor in the database)"
/* kind label, kind name, id, its enterprise, the record's enterprise */
#define ST_MSG_REF_OTHER_ENTERPRISE \
	"%s%.0s '%s' 属于企业 %s，不是本行的企业 %s", \
	"%.0s%s '%s' belongs to enterprise %s, not to this record's enterprise %s"
#define ST_MSG_WAIVER_SUBJECT \
	"豁免对象 '%s' 既不是园区也不是企业（档案和数据库中都没有）", \
	"subject '%s' is neither a park nor an enterprise (neither in the dossier nor in the database)"
#define ST_MSG_WAIVER_NO_PACK \
	"未加载规则包，无法核对规则编号 '%s'", "no rule pack is loaded to check rule '%s' against"
#define ST_MSG_WAIVER_NO_RULE \
	"规则 '%s' 不存在（规则包中没有这个编号）", "rule '%s' does not exist (the rule pack has no such id)"
#define ST_MSG_REFERENCED \
	"该记录已被其他记录引用（如隐患引用的检查记录、证书引用的人员），修改会使引用失效", \
	"other records refer to this one (as a hazard to its inspection, a certificate to " \
	"its worker): the change would leave them dangling"

/* ---- the recording layer (record.c): refusals and guard rails ---- */

#define ST_MSG_NO_AUTHOR \
	"未说明由谁修改（账号或操作系统用户）", "who makes the change is not given (account or user)"
#define ST_MSG_BAD_TODAY "今天的日期 '%s' 无效", "today's date '%s' is not valid"
#define ST_MSG_OUT_OF_MEMORY "内存不足", "out of memory"
/* SQLite's message */
#define ST_MSG_DB_ERROR "数据库错误: %s", "database error: %s"
/* SQLite's message */
#define ST_MSG_DB_REFUSED "数据库拒绝该记录: %s", "the database refused the record: %s"
#define ST_MSG_NOT_SAVED "记录未保存", "the record was not saved"
#define ST_MSG_MORE_ERRORS "……另有 %zu 条错误未列出", "... and %zu more errors"
#define ST_MSG_LOST_AFTER_SAVE "保存后读不到记录 %s", "record %s cannot be read back after saving"
/* label, name, the date as given, today */
#define ST_MSG_FUTURE_DATE \
	"%s%.0s %s 晚于明天（今天是 %s）；确属未来日期请用 --force 强制登记", \
	"%.0s%s %s is after tomorrow (today is %s); if it really is, record it with --force"
/* enterprise, date, the other inspection */
#define ST_MSG_DUPLICATE_INSPECTION \
	"企业 %s 在 %s 已有一次同类检查（%s）；确属另一次检查请用 --force 登记", \
	"enterprise %s already has an inspection of this kind on %s (%s); " \
	"if this is another one, record it with --force"
/* inspection, item, result label zh, result en */
#define ST_MSG_HAZARD_ITEM_NOT_FAILED \
	"检查 %s 的第 %s 项结果为%s%.0s，不能由它登记隐患（请核对检查项）", \
	"inspection %s found item %s %.0s%s, not fail: it cannot raise a hazard (check the item)"
#define ST_MSG_CLOSED_ENTERPRISE \
	"企业 %s 已关闭（企业状态为关闭），记录已保存；如有误请核对企业", \
	"enterprise %s is closed (its status is closed); the record is saved, check the enterprise " \
	"if that is wrong"
/* kind label, kind name, the column typed */
#define ST_MSG_NO_SUCH_COLUMN "%s%.0s没有“%s”这一项", "a %.0s%s has no column '%s'"
#define ST_MSG_ID_FIXED "编号不能修改", "the id cannot be changed"
/* kind label, kind name, id */
#define ST_MSG_EXISTS \
	"%s%.0s %s 已存在；要修改它请用 edit（只改给出的字段）", \
	"%.0s%s %s exists already; to change it use edit (only the fields given change)"
#define ST_MSG_NOT_FOUND "%s%.0s %s 不存在", "%.0s%s %s does not exist"
#define ST_MSG_NOTHING_TO_CHANGE "没有给出要修改的字段", "no field to change is given"
/* kind label, kind name */
#define ST_MSG_CANNOT_VOID "%s%.0s不能作废（只能修改）", "a %.0s%s cannot be voided (only edited)"
#define ST_MSG_VOID_NEEDS_REASON "作废必须说明原因", "voiding needs a reason"
/* kind label, kind name, id, void date, reason */
#define ST_MSG_ALREADY_VOIDED \
	"%s%.0s %s 已于 %s 作废（%s）", "%.0s%s %s was voided on %s (%s)"
#define ST_MSG_HAZARD_VOIDED "隐患 %s 已作废", "hazard %s is voided"
#define ST_MSG_HAZARD_CLOSED "隐患 %s 已于 %s 销号", "hazard %s was closed on %s"
#define ST_MSG_RECTIFY_NEEDS_NOTE \
	"请说明整改情况（做了什么、有何凭证）", "say how it was rectified (what was done, what shows it)"
/* id, the missing columns' labels joined with 、, their names joined with ", " */
#define ST_MSG_MAJOR_INCOMPLETE \
	"重大隐患 %s 的四落实不全（缺%s%.0s），不能销号", \
	"major hazard %s cannot be closed: its rectification plan lacks %.0s%s"
#define ST_MSG_MAJOR_NEEDS_VERIFIER \
	"重大隐患销号必须填写验收人", "closing a major hazard needs verified_by"
#define ST_MSG_HAZARD_NOT_DONE \
	"隐患 %s 尚未整改或销号，无需重新打开", "hazard %s is neither rectified nor closed: nothing to reopen"
#define ST_MSG_REOPEN_NEEDS_REASON "重新打开隐患必须说明原因", "reopening a hazard needs a reason"

/* ---- names (st_record_resolve) ---- */

/* kind label, kind name */
#define ST_MSG_NAME_MISSING "没有给出%s%.0s", "no %.0s%s is given"
/* kind label, kind name, the name typed */
#define ST_MSG_NAME_SHARED \
	"有多家%s%.0s名为“%s”，请用编号指明：", \
	"several %.0s%ss are called '%s'; name one by its id:"
/* the text typed, kind label, kind name */
#define ST_MSG_NAME_AMBIGUOUS \
	"“%s”对应多家%s%.0s，请写得更完整或用编号：", \
	"'%s' matches several %.0s%ss; write more of the name or use the id:"
#define ST_MSG_NAME_COUNT "  ……共 %d 家", "  ... %d in all"
/* kind label, kind name, the text typed */
#define ST_MSG_NAME_UNKNOWN \
	"%s%.0s“%s”不存在（编号、全称或名称中的一段都没有找到）", \
	"%.0s%s '%s' does not exist (no id, full name or part of a name matches)"
#define ST_MSG_NAME_SIMILAR "可能是：", "perhaps:"
/* kind label, kind name, table */
#define ST_MSG_NAME_LIST "全部%s%.0s见 safetrack list %s", "every %.0s%s: safetrack list %s"

/* Every message above, for the tests and the documentation:
 * ST_MSGS(M) gives M(ID) for each ST_MSG_<ID>. */
#define ST_MSGS(M) \
	M(CANNOT_OPEN) M(CANNOT_READ) M(READ_FAILED) M(CSV_RECORD_TOO_LONG) \
	M(CSV_LINE_TOO_LONG) M(CSV_NUL) M(NOT_UTF8) M(CSV_QUOTES) M(CSV_OPEN_QUOTE) M(GBK) \
	M(DB_REFUSED) M(CANNOT_WRITE) M(WRITE_FAILED) M(CANNOT_OPEN_DIR) M(CANNOT_MKDIR) \
	M(NOT_A_DIR) M(HEADER_TOO_WIDE) M(HEADER_NO_NAME) M(HEADER_UNKNOWN) M(HEADER_TWICE) \
	M(HEADER_MISSING) M(ROW_WIDTH) M(ID_TWICE) M(DOSSIER_UNREADABLE) M(NOT_CSV) \
	M(UNKNOWN_FILE) M(NOT_REGULAR) M(NO_DOSSIER_FILE) M(EMPTY_FILE) M(EXPORT_FOREIGN_FILE) \
	M(REQUIRED) M(LISTED_TWICE) M(NOT_IN_SET) M(NOT_ONE_OF) M(BAD_ID) M(BAD_USCC_CHECK) \
	M(BAD_USCC) M(NOT_COUNT) M(NOT_IN_RANGE) M(BAD_DATE) M(BAD_TIME) M(BAD_BOOL) \
	M(REASON_WITHOUT_VOID) M(VOID_WITHOUT_REASON) M(BEFORE) M(OPERATING_WITHOUT_SINCE) \
	M(ACTIVITY_WITHOUT_HAZCHEM) M(WAIVER_TOO_LONG) M(REF_MISSING) \
	M(REF_OTHER_ENTERPRISE) M(WAIVER_SUBJECT) M(WAIVER_NO_PACK) M(WAIVER_NO_RULE) \
	M(REFERENCED) M(NO_AUTHOR) M(BAD_TODAY) M(OUT_OF_MEMORY) M(DB_ERROR) M(NOT_SAVED) \
	M(MORE_ERRORS) M(LOST_AFTER_SAVE) M(FUTURE_DATE) M(DUPLICATE_INSPECTION) \
	M(HAZARD_ITEM_NOT_FAILED) M(CLOSED_ENTERPRISE) M(NO_SUCH_COLUMN) M(ID_FIXED) \
	M(EXISTS) M(NOT_FOUND) M(NOTHING_TO_CHANGE) M(CANNOT_VOID) M(VOID_NEEDS_REASON) \
	M(ALREADY_VOIDED) M(HAZARD_VOIDED) M(HAZARD_CLOSED) M(RECTIFY_NEEDS_NOTE) \
	M(MAJOR_INCOMPLETE) M(MAJOR_NEEDS_VERIFIER) M(HAZARD_NOT_DONE) \
	M(REOPEN_NEEDS_REASON) M(NAME_MISSING) M(NAME_SHARED) M(NAME_AMBIGUOUS) \
	M(NAME_COUNT) M(NAME_UNKNOWN) M(NAME_SIMILAR) M(NAME_LIST)

/* the table: one row per message */
struct st_msg {
	const char *id;     /* "REQUIRED" */
	const char *zh;     /* its Chinese format */
	const char *en;     /* its English format */
};
extern const struct st_msg st_msgs[];
extern const size_t st_nmsgs;

/* The English format of the message whose Chinese format is zh (the same
 * pointer or the same text); NULL if zh is not in the table. */
const char *st_msg_en(const char *zh);

/* Format both texts from one argument list: *zh and *en are malloc'ed
 * (the caller frees them); 0, or -1 out of memory (both NULL). */
int st_msg_format(char **zh, char **en, const char *zh_fmt, const char *en_fmt, ...)
	ST_MSG_FORMAT(3);
/* the same with a va_list (used, as by vprintf) */
int st_msg_vformat(char **zh, char **en, const char *zh_fmt, const char *en_fmt, va_list ap)
	__attribute__((format(printf, 3, 0), format(printf, 4, 0)));

#endif
