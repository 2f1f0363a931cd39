# The checker against CATALOGUE.md "Date conventions" and single rule rows,
# on tiny dossiers (tests/data/adversarial/README.md).  Each expectation is
# "AS_OF SUBJECT RULE STATUS DUE" read from the catalogue, not from the output.
. "$TOP/tests/cli/lib.sh"
A="$TOP/tests/data/adversarial"
E1=91654202A00000011Y E2=91654202A0000002XN E3=91654202A00000038N

# expect DB AS_OF SUBJECT RULE STATUS [DUE]: the row's status and due
expect() {
	run --db "$1" check --as-of "$2" --format tsv --rule "$4"
	line=$(awk -F'\t' -v s="$3" '$2 == s' "$out")
	[ -n "$line" ] || fail "no row for $3 $4 as of $2"
	got=$(printf '%s\n' "$line" | cut -f4,5)
	[ "$got" = "$(printf '%s\t%s' "$5" "${6:-}")" ] ||
		fail "$4 $3 as of $2: got '$got', expected '$5 ${6:-}' — $line"
}
load() { run --db "$T/$1.db" import "$A/$1"; expect_rc 0; }

# RESP-LETTER-ANNUAL: due 31 March; a letter counts for its year column once signed
load letters
db="$T/letters.db"
expect "$db" 2026-03-30 $E3 RESP-LETTER-ANNUAL due-soon 2026-03-31   # 2025 met; 2026 letter not yet signed
expect "$db" 2026-03-31 $E3 RESP-LETTER-ANNUAL due-soon 2026-03-31   # due date not before A: still due-soon
expect "$db" 2026-04-01 $E3 RESP-LETTER-ANNUAL pass 2027-03-31       # signed 1 April: late, still meets 2026
grep -q "after the due date 2026-03-31" "$out" || fail "the late letter is not said to be late"
expect "$db" 2026-04-01 $E1 RESP-LETTER-ANNUAL pass 2027-03-31       # signed exactly 31 March
expect "$db" 2026-04-01 $E2 RESP-LETTER-ANNUAL pass 2027-03-31       # 2026 letter signed in 2025
expect "$db" 2026-03-30 $E2 RESP-LETTER-ANNUAL overdue 2025-03-31    # but 2025 itself was never met
expect "$db" 2027-03-01 $E1 RESP-LETTER-ANNUAL due-soon 2027-03-31   # 30 days before: inside warn_days

# ORG-STAFFING: 2 + floor(max(0, W - 200) / 200), W over construction + operating
load staffing
db="$T/staffing.db"
expect "$db" 2026-05-20 PA ORG-STAFFING pass       # W=399 -> 2, staff 2
expect "$db" 2026-05-20 PB ORG-STAFFING fail       # W=400 -> 3, staff 2
expect "$db" 2026-05-20 PC ORG-STAFFING pass       # W=1000 -> 6, staff 6
expect "$db" 2026-05-20 PD ORG-STAFFING fail       # W=1000 (closed 5000 not counted) -> 6, staff 5
grep -q "employees 1000" "$out" || fail "closed enterprise counted"
expect "$db" 2026-05-20 PE ORG-STAFFING pass       # no enterprise: W=0
expect "$db" 2026-05-20 PE ORG-COMMITTEE pass
# established 2026-02-10: Q1 and 2026 are not whole periods in scope
expect "$db" 2026-05-20 PF PARK-MEETING-QUARTERLY pass 2026-06-30
expect "$db" 2026-05-20 PF PARK-DRILL-ANNUAL pass 2027-12-31
expect "$db" 2026-02-09 PF PARK-DRILL-ANNUAL not-applicable
expect "$db" 2026-05-20 91654202B00000035Q INSP-QUARTERLY pass 2026-06-30
expect "$db" 2026-07-01 91654202B00000035Q INSP-QUARTERLY overdue 2026-06-30
expect "$db" 2026-05-20 91654202B000000786 INSP-QUARTERLY overdue 2026-03-31
# the year's first and last day for a quarterly rule
expect "$db" 2026-01-01 91654202B000000786 INSP-QUARTERLY overdue 2025-12-31
expect "$db" 2025-12-31 91654202B000000786 INSP-QUARTERLY overdue 2025-09-30
expect "$db" 2026-05-20 91654202B0000006X6 INSP-QUARTERLY not-applicable

# deadlines to the minute, intervals clamped at month ends
load deadlines
db="$T/deadlines.db"
expect "$db" 2026-05-01 $E1 ACC-REPORT-24H due-soon 2026-05-02        # report after A is read as empty
expect "$db" 2026-05-02 $E1 ACC-REPORT-24H pass                      # exactly 24 hours
expect "$db" 2026-05-02 $E2 ACC-REPORT-24H fail                      # 24 hours and 1 minute
grep -q "0h01m late" "$out" || fail "one minute late"
expect "$db" 2026-05-04 $E1 ACC-CASUALTY-FORM-3D pass                # filed on occurred + 3 days
expect "$db" 2026-05-20 $E2 ACC-CASUALTY-FORM-3D fail                # occurred + 3 days = 4 May, filed 5 May
expect "$db" 2026-01-01 $E1 EVAL-TOXIC-ANNUAL due-soon 2026-01-31    # 2025-01-31 + 1 year
expect "$db" 2026-01-31 $E1 EVAL-TOXIC-ANNUAL due-soon 2026-01-31
expect "$db" 2026-02-01 $E1 EVAL-TOXIC-ANNUAL overdue 2026-01-31
expect "$db" 2026-02-28 $E2 EVAL-HAZCHEM-BIENNIAL due-soon 2026-02-28 # 2024-02-29 + 2 years clamps
expect "$db" 2026-03-01 $E2 EVAL-HAZCHEM-BIENNIAL overdue 2026-02-28

# dates that cannot come before the record's own date are refused on import
run --db "$T/impossible.db" import "$A/impossible"
expect_rc 1
cat > "$T/want" <<'WANT'
hazards.csv:2: column deadline: 整改期限 2026-05-01 早于发现日期 2026-05-10
evaluations.csv:2: column rectify_deadline: 整改期限 2026-02-01 早于评价日期 2026-03-01
evaluations.csv:2: column rectified: 整改完成日期 2026-02-15 早于评价日期 2026-03-01
accidents.csv:2: column reported: 上报时间 2026-04-30T10:00 早于发生时间 2026-05-01T10:00
accidents.csv:2: column form_filed: 伤亡报表报送日期 2026-04-01 早于发生时间 2026-05-01T10:00
accidents.csv:2: column investigation_closed: 调查处理结案日期 2026-04-01 早于发生时间 2026-05-01T10:00
safetrack: 导入失败（6 个错误），数据库未作任何修改
WANT
expect_err_exact "$T/want"
[ -e "$T/impossible.db" ] && fail "a failed first import left a database"

# inspections: any kind counts for INSP-QUARTERLY; half years by kind and date
load inspections
db="$T/inspections.db"
expect "$db" 2026-05-20 $E1 INSP-QUARTERLY pass 2026-06-30           # Q1 met by a joint inspection
expect "$db" 2026-07-01 $E1 INSP-QUARTERLY pass 2026-12-31           # Q2 special, Q3 mid-year
expect "$db" 2026-07-01 $E1 INSP-HALF-YEAR overdue 2026-06-30        # mid-year dated in H2 does not meet H1
expect "$db" 2026-05-20 $E2 CHK-01 fail                              # fail and pass on the latest date
expect "$db" 2026-05-20 $E2 CHK-02 not-applicable                    # na and na
expect "$db" 2026-05-20 $E2 CHK-04 pass
expect "$db" 2026-05-19 $E2 CHK-04 pass                              # 2026-02-17 = A - 91
expect "$db" 2026-05-20 $E2 CHK-04 pass                              # = A - 92: both ends included
expect "$db" 2026-05-21 $E2 CHK-04 not-checked
expect "$db" 2026-05-20 $E2 HAZ-FROM-FAILED-ITEM fail

# workers, certificates, drills
load workers
db="$T/workers.db"
expect "$db" 2026-05-20 $E1 TRAIN-THREE-LEVEL fail                   # only W5 (out of order)
grep -q "1 of 4 record" "$out" || fail "W1 (not assigned) is judged, or W4 (equal dates) fails"
expect "$db" 2026-05-20 $E1 CERT-SPECIAL-OPERATION fail              # W2 holds another kind only
expect "$db" 2026-05-21 $E1 CERT-SPECIAL-OPERATION overdue 2026-05-20 # overdue > fail
expect "$db" 2026-05-20 $E1 DRILL-PARTICIPATION pass 2026-12-31
expect "$db" 2026-05-20 $E2 DRILL-PARTICIPATION not-applicable       # closed, though listed
expect "$db" 2026-05-20 $E3 DRILL-PARTICIPATION pass 2026-12-31      # operating since 1 Jan 2026
expect "$db" 2026-05-20 P1 ORG-COMMITTEE fail
exit 0
