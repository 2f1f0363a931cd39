#!/usr/bin/env python3
"""Self-check of the sample dossier, independent of safetrack.

  sample_check.py validate [DIR]          the dossier is well formed (INTERCHANGE §1):
                                          columns, enums, dates, ids, references, credit codes
  sample_check.py expect DATE [DIR]       a reference evaluation of every catalogue rule as of
                                          DATE, printed like `check --format tsv` (kind, subject,
                                          rule, status, due, detail)
  sample_check.py compare DATE TSV [DIR]  compare a `check --format tsv` output with `expect`

The reference evaluation is a second, deliberately plain reading of
docs/regulation/CATALOGUE.md, written to review the sample's expectations
(sample/README.md) and to cross-check the C checker; where the two disagree,
the catalogue text decides.  DIR defaults to the folder above this script.
"""
import calendar
import csv
import datetime as dt
import os
import sys

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from uscc import uscc_valid  # noqa: E402

D = dt.date
BOOL = ("yes", "no")

# kind -> (file, required, optional, {column: type}); types: date, time, bool, int, enum tuple
SCHEMA = {
    "parks": (["id", "name", "established"],
              ["director", "safety_staff", "plan_signed", "plan_filed"],
              {"established": "date", "safety_staff": "int", "plan_signed": "date", "plan_filed": "date"}),
    "enterprises": (["id", "name", "park", "employees", "hazchem", "status"],
                    ["principal", "major_hazard", "major_hazard_owner", "operating_since", "committee_member"],
                    {"employees": "int", "hazchem": ("none", "hazardous", "highly-toxic"),
                     "major_hazard": BOOL, "status": ("construction", "operating", "closed"),
                     "operating_since": "date", "committee_member": BOOL}),
    "inspections": (["id", "enterprise", "date", "kind"] + [f"item{i}" for i in range(1, 14)],
                    ["inspectors", "notes"],
                    dict({"date": "date", "kind": ("quarterly", "mid-year", "year-end", "joint", "special")},
                         **{f"item{i}": ("pass", "fail", "na") for i in range(1, 14)})),
    "hazards": (["id", "enterprise", "found", "description", "grade"],
                ["inspection", "item", "measures", "funds", "owner", "deadline", "closed", "verified_by"],
                {"item": "int", "found": "date", "grade": ("general", "major"), "funds": "int",
                 "deadline": "date", "closed": "date"}),
    "evaluations": (["id", "enterprise", "kind", "date"],
                    ["agency", "expert_passed", "rectify_deadline", "rectified"],
                    {"kind": ("pre", "status", "periodic"), "date": "date", "expert_passed": BOOL,
                     "rectify_deadline": "date", "rectified": "date"}),
    "projects": (["id", "enterprise", "name", "kind"],
                 ["hazchem", "design_qualified", "design_approved", "installer_qualified",
                  "three_simultaneity", "construction_start", "contractor_letter",
                  "pre_evaluation_filed", "accepted", "production_start"],
                 {"kind": ("new", "rebuild", "expand"), "hazchem": BOOL, "design_qualified": BOOL,
                  "design_approved": "date", "installer_qualified": BOOL, "three_simultaneity": BOOL,
                  "construction_start": "date", "contractor_letter": "date",
                  "pre_evaluation_filed": "date", "accepted": "date", "production_start": "date"}),
    "workers": (["id", "enterprise", "name"],
                ["hired", "level1", "level2", "level3", "assigned", "special_operation"],
                {k: "date" for k in ("hired", "level1", "level2", "level3", "assigned")}),
    "certificates": (["id", "enterprise", "worker", "kind", "expires"], ["number", "issued"],
                     {"issued": "date", "expires": "date"}),
    "equipment": (["id", "enterprise", "kind", "next_test"], ["registration", "last_test"],
                  {"kind": ("boiler", "pressure-vessel", "pressure-pipe", "elevator", "crane",
                            "forklift", "other"), "last_test": "date", "next_test": "date"}),
    "accidents": (["id", "enterprise", "occurred"],
                  ["deaths", "injuries", "description", "reported", "form_filed", "investigation_closed"],
                  {"occurred": "time", "deaths": "int", "injuries": "int", "reported": "time",
                   "form_filed": "date", "investigation_closed": "date"}),
    "meetings": (["id", "park", "date", "kind"], ["minutes"],
                 {"date": "date", "kind": ("quarterly", "joint")}),
    "drills": (["id", "park", "date"], ["participants"], {"date": "date"}),
    "letters": (["id", "park", "enterprise", "year", "signed"], [], {"year": "int", "signed": "date"}),
    # revision 2
    "licences": (["id", "enterprise", "kind", "issued", "expires"], ["number", "renewal_applied"],
                 {"kind": ("safety-production", "hazchem-trade", "hazchem-use", "other"),
                  "issued": "date", "expires": "date", "renewal_applied": "date"}),
    "waivers": (["id", "subject", "rule", "reason", "approved_by", "approved", "expires"], [],
                {"approved": "date", "expires": "date"}),
}
# revision 2: every kind but parks and enterprises can be voided
for _k, (_req, _opt, _types) in SCHEMA.items():
    if _k not in ("parks", "enterprises"):
        _opt += ["voided", "void_reason"]
        _types["voided"] = "date"
SCHEMA["enterprises"][1].append("hazchem_activity")
ORDER = list(SCHEMA)
REFS = {"enterprises": {"park": "parks"}, "letters": {"park": "parks", "enterprise": "enterprises"},
        "meetings": {"park": "parks"}, "drills": {"park": "parks"},
        "hazards": {"inspection": "inspections"}, "certificates": {"worker": "workers"},
        "licences": {"enterprise": "enterprises"}}
# Forward-looking dates: planned deadlines and expiries are not "read as empty" when after A.
PLANNED = {"deadline", "rectify_deadline", "expires", "next_test"}
OWN_DATE = {"inspections": "date", "hazards": "found", "evaluations": "date", "workers": "hired",
            "certificates": "issued", "accidents": "occurred", "meetings": "date", "drills": "date",
            "letters": "signed", "licences": "issued", "waivers": "approved"}
# revision 2: the national pack's rules and their effective dates
NATIONAL_FROM = {"NAT-ACC-REPORT-1H": D(2007, 6, 1), "NAT-HAZCHEM-EVAL-3Y": D(2011, 12, 1),
                 "NAT-SAFETY-LICENCE": D(2004, 1, 13)}


def parse_date(s):
    return D.fromisoformat(s) if s else None


def parse_time(s):
    return dt.datetime.fromisoformat(s) if s else None


def load(folder):
    data, errors = {}, []
    for kind in ORDER:
        path = os.path.join(folder, kind + ".csv")
        if not os.path.exists(path):
            data[kind] = []
            continue
        required, optional, types = SCHEMA[kind]
        with open(path, encoding="utf-8-sig", newline="") as f:
            rd = csv.DictReader(f)
            cols = rd.fieldnames or []
            for c in cols:
                if c not in required and c not in optional:
                    errors.append(f"{kind}.csv:1: column {c}: unknown column")
            for c in required:
                if c not in cols:
                    errors.append(f"{kind}.csv:1: column {c}: required column missing")
            rows = []
            for line, row in enumerate(rd, start=2):
                for c in required:
                    if not row.get(c):
                        errors.append(f"{kind}.csv:{line}: column {c}: required value missing")
                for c, t in types.items():
                    v = row.get(c) or ""
                    if not v:
                        continue
                    try:
                        if t == "date":
                            D.fromisoformat(v)
                            if len(v) != 10:
                                raise ValueError
                        elif t == "time":
                            if len(v) != 16 or v[10] != "T":
                                raise ValueError
                            dt.datetime.fromisoformat(v)
                        elif t == "int":
                            if int(v) < 0:
                                raise ValueError
                        elif v not in t:
                            raise ValueError
                    except ValueError:
                        errors.append(f"{kind}.csv:{line}: column {c}: bad value {v!r}")
                row["_line"] = line
                rows.append(row)
            data[kind] = rows
    # ids, references, cross-record consistency
    ids = {}
    for kind in ORDER:
        seen = {}
        for r in data[kind]:
            if r["id"] in seen:
                errors.append(f"{kind}.csv:{r['_line']}: column id: duplicate of line {seen[r['id']]}")
            seen[r["id"]] = r["_line"]
        ids[kind] = {r["id"]: r for r in data[kind]}
    ent = ids["enterprises"]
    for r in data["enterprises"]:
        if not uscc_valid(r["id"]):
            errors.append(f"enterprises.csv:{r['_line']}: column id: invalid credit code {r['id']}")
        if r["status"] == "operating" and not r.get("operating_since"):
            errors.append(f"enterprises.csv:{r['_line']}: column operating_since: required when operating")
    for kind in ORDER:
        for r in data[kind]:
            if "enterprise" in SCHEMA[kind][0] and r["enterprise"] not in ent:
                errors.append(f"{kind}.csv:{r['_line']}: column enterprise: unknown {r['enterprise']}")
            for col, target in REFS.get(kind, {}).items():
                if r.get(col) and r[col] not in ids[target]:
                    errors.append(f"{kind}.csv:{r['_line']}: column {col}: unknown {r[col]}")
    for r in data["hazards"]:
        insp = ids["inspections"].get(r.get("inspection") or "")
        if insp and insp["enterprise"] != r["enterprise"]:
            errors.append(f"hazards.csv:{r['_line']}: inspection of another enterprise")
        if insp and r.get("item") and insp[f"item{r['item']}"] != "fail":
            errors.append(f"hazards.csv:{r['_line']}: item {r['item']} did not fail in {insp['id']}")
        if r.get("item") and not 1 <= int(r["item"]) <= 13:
            errors.append(f"hazards.csv:{r['_line']}: column item: not 1-13")
    for r in data["certificates"]:
        w = ids["workers"].get(r["worker"])
        if w and w["enterprise"] != r["enterprise"]:
            errors.append(f"certificates.csv:{r['_line']}: worker of another enterprise")
    for r in data["letters"]:
        e = ent.get(r["enterprise"])
        if e and e["park"] != r["park"]:
            errors.append(f"letters.csv:{r['_line']}: enterprise is not in park {r['park']}")
    for r in data["drills"]:
        for p in filter(None, (r.get("participants") or "").split(";")):
            if p not in ent:
                errors.append(f"drills.csv:{r['_line']}: column participants: unknown {p}")
            elif ent[p]["park"] != r["park"]:
                errors.append(f"drills.csv:{r['_line']}: participant {p} is not in park {r['park']}")
    return data, errors


# ---------------------------------------------------------------- evaluation

def add_months(d, n):
    m = d.month - 1 + n
    y, m = d.year + m // 12, m % 12 + 1
    return D(y, m, min(d.day, calendar.monthrange(y, m)[1]))


def as_of_view(data, A):
    """Reduce the dossier to what was knowable at the end of day A."""
    out = {}
    for kind, rows in data.items():
        keep = []
        for r in rows:
            own = OWN_DATE.get(kind)
            if own and r.get(own) and r[own][:10] > A.isoformat():
                continue
            if r.get("voided") and r["voided"] <= A.isoformat():
                continue   # revision 2: ignored from its void date
            r = dict(r)
            for c, t in SCHEMA[kind][2].items():
                if t in ("date", "time") and c != own and c not in PLANNED and r.get(c) \
                        and r[c][:10] > A.isoformat():
                    r[c] = ""
            keep.append(r)
        out[kind] = keep
    return out


RANK = {"error": 5, "overdue": 4, "fail": 3, "due-soon": 2, "pass": 1}


def worst(results):
    """results: list of (status, due, detail); the worst, earliest due first."""
    if not results:
        return ("pass", "", "no event to judge")
    return sorted(results, key=lambda x: (-RANK[x[0]], x[1] or "9999"))[0]


def periods(kind, A):
    """(start, end, due) periods around A, oldest first."""
    out = []
    for y in range(A.year - 6, A.year + 2):
        if kind == "quarter":
            for q in range(4):
                s = D(y, 3 * q + 1, 1)
                e = add_months(s, 3) - dt.timedelta(days=1)
                out.append((s, e, e))
        elif kind == "half":
            for h in range(2):
                s = D(y, 6 * h + 1, 1)
                e = add_months(s, 6) - dt.timedelta(days=1)
                out.append((s, e, e))
        else:
            out.append((D(y, 1, 1), D(y, 12, 31), D(y, 12, 31) if kind == "year" else D(y, 3, 31)))
    return out


def calendar_rule(kind, A, scope_start, met, warn, label):
    """met(start, end) -> True when the period is met as of A."""
    ps = [p for p in periods(kind, A) if p[0] >= scope_start]
    past = [p for p in ps if p[2] < A]
    unmet = [label(p) for p in past[-4:] if not met(p)]
    if past and not met(past[-1]):
        return ("overdue", past[-1][2].isoformat(), "unmet: " + ", ".join(unmet))
    nxt = [p for p in ps if p[2] >= A][0]
    if not met(nxt) and A >= nxt[2] - dt.timedelta(days=warn):
        return ("due-soon", nxt[2].isoformat(), f"{label(nxt)} not yet met")
    if met(nxt):  # the current period is done: the next deadline is the one after it
        nxt = [p for p in ps if p[2] > nxt[2]][0]
    return ("pass", nxt[2].isoformat(), ("earlier unmet: " + ", ".join(unmet)) if unmet else "")


def qlabel(p):
    return f"{p[0].year}Q{(p[0].month - 1) // 3 + 1}"


def hlabel(p):
    return f"{p[0].year}H{1 if p[0].month == 1 else 2}"


def ylabel(p):
    return str(p[0].year)


def deadline_event(A, event_day, deadline, resolved, warn=30, lookback=365, timed=False):
    """One event of a deadline rule; None when it is no longer judged."""
    if resolved and event_day < A - dt.timedelta(days=lookback):
        return None
    if timed:
        end_of_a = dt.datetime.combine(A + dt.timedelta(days=1), dt.time())
        if resolved:
            return ("pass", "", "on time") if resolved <= deadline else ("fail", "", f"late {resolved - deadline}")
        if deadline < end_of_a:
            return ("overdue", deadline.date().isoformat(), "missing")
        return ("pass", deadline.date().isoformat(), "pending")
    if resolved:
        late = (resolved - deadline).days
        return ("pass", "", "on time") if late <= 0 else ("fail", "", f"{late} days late")
    if A > deadline:
        return ("overdue", deadline.isoformat(), f"{(A - deadline).days} days late")
    if A >= deadline - dt.timedelta(days=warn):
        return ("due-soon", deadline.isoformat(), "pending")
    return ("pass", deadline.isoformat(), "pending")


def interval_rule(A, base, months, warn=30):
    due = add_months(base, months)
    if A > due:
        return ("overdue", due.isoformat(), f"base {base} + {months} months; {(A - due).days} days late")
    if A >= due - dt.timedelta(days=warn):
        return ("due-soon", due.isoformat(), f"base {base} + {months} months")
    return ("pass", due.isoformat(), f"base {base} + {months} months")


PARK_RULES = ["ORG-COMMITTEE", "ORG-STAFFING", "PARK-DRILL-ANNUAL", "PARK-EMERGENCY-PLAN",
              "PARK-MEETING-QUARTERLY"]
ENT_RULES = sorted(["INSP-QUARTERLY", "INSP-HALF-YEAR"] + [f"CHK-{i:02d}" for i in range(1, 14)] +
                   ["HAZ-FOUR-IMPLEMENTATIONS", "HAZ-RECTIFY-DEADLINE", "HAZ-FROM-FAILED-ITEM",
                    "EVAL-PRE-ASSESSMENT", "EVAL-STATUS-REVIEW", "EVAL-TOXIC-ANNUAL",
                    "EVAL-HAZCHEM-BIENNIAL", "EVAL-RECTIFICATION", "PROJ-SAFETY-DESIGN",
                    "PROJ-QUALIFIED-INSTALLER", "PROJ-THREE-SIMULTANEITY", "PROJ-CONTRACTOR-LETTER",
                    "PROJ-ACCEPTANCE", "RESP-LETTER-ANNUAL", "DRILL-PARTICIPATION",
                    "TRAIN-THREE-LEVEL", "CERT-SPECIAL-OPERATION", "MAJOR-HAZARD-OWNER",
                    "EQUIP-PERIODIC-TEST", "ACC-REPORT-24H", "ACC-CASUALTY-FORM-3D", "ACC-INVESTIGATION",
                    "NAT-ACC-REPORT-1H", "NAT-HAZCHEM-EVAL-3Y", "NAT-SAFETY-LICENCE"])
NA = ("not-applicable", "", "")


def operating_on(e, A):
    return e["status"] == "operating" and e.get("operating_since") and parse_date(e["operating_since"]) <= A


def eval_park(p, v, A):
    res = {}
    est = parse_date(p["established"])
    if A < est:
        return {r: NA for r in PARK_RULES}
    ents = [e for e in v["enterprises"] if e["park"] == p["id"]]
    # revision 2: enterprises under construction are members too
    outside = [e["id"] for e in ents if (e["status"] == "construction" or operating_on(e, A))
               and e.get("committee_member") != "yes"]
    if not p.get("director"):
        res["ORG-COMMITTEE"] = ("fail", "", "no director")
    else:
        res["ORG-COMMITTEE"] = ("fail", "", "not members: " + " ".join(outside)) if outside else ("pass", "", "")
    W = sum(int(e["employees"]) for e in ents if e["status"] in ("construction", "operating"))
    need = 2 + max(0, W - 200) // 200
    staff = int(p["safety_staff"]) if p.get("safety_staff") else None
    res["ORG-STAFFING"] = ("pass" if staff is not None and staff >= need else "fail", "",
                           f"staff {staff} required {need} (employees {W})")
    meets = [parse_date(m["date"]) for m in v["meetings"] if m["park"] == p["id"] and m["kind"] == "quarterly"]
    res["PARK-MEETING-QUARTERLY"] = calendar_rule(
        "quarter", A, est, lambda q: any(q[0] <= d <= q[1] for d in meets), 15, qlabel)
    # revision 2: a drill counts only with a participating enterprise
    drills = [parse_date(d["date"]) for d in v["drills"] if d["park"] == p["id"] and d.get("participants")]
    res["PARK-DRILL-ANNUAL"] = calendar_rule(
        "year", A, est, lambda y: any(y[0] <= d <= y[1] for d in drills), 30, ylabel)
    s, f = parse_date(p.get("plan_signed")), parse_date(p.get("plan_filed"))
    res["PARK-EMERGENCY-PLAN"] = ("pass", "", "") if s and f and f >= s else \
        ("fail", "", f"signed {s} filed {f}")
    return res


def eval_enterprise(e, v, A):
    if e["status"] == "closed":
        return {r: NA for r in ENT_RULES}
    mine = {k: [r for r in v[k] if r.get("enterprise") == e["id"]]
            for k in ("inspections", "hazards", "evaluations", "projects", "workers", "certificates",
                      "equipment", "accidents", "letters", "licences")}
    op = operating_on(e, A)
    since = parse_date(e.get("operating_since"))
    res = {r: NA for r in ENT_RULES}
    insp = mine["inspections"]
    if op:
        dates = [parse_date(i["date"]) for i in insp]
        res["INSP-QUARTERLY"] = calendar_rule(
            "quarter", A, since, lambda q: any(q[0] <= d <= q[1] for d in dates), 15, qlabel)
        res["INSP-HALF-YEAR"] = calendar_rule(
            "half", A, since,
            lambda h: any(h[0] <= parse_date(i["date"]) <= h[1] and
                          i["kind"] == ("mid-year" if h[0].month == 1 else "year-end") for i in insp),
            30, hlabel)
        lo = A - dt.timedelta(days=92)
        window = [i for i in insp if lo <= parse_date(i["date"]) <= A]
        latest_day = max((i["date"] for i in window), default=None)
        latest = [i for i in window if i["date"] == latest_day]
        for n in range(1, 14):
            rule = f"CHK-{n:02d}"
            if (n == 3 and e["hazchem"] == "none") or (n == 6 and not mine["equipment"]) or \
                    (n == 8 and not mine["projects"]):
                continue
            vals = {i[f"item{n}"] for i in latest}
            if not latest:
                res[rule] = ("not-checked", "", "no inspection in window")
            elif "fail" in vals:
                res[rule] = ("fail", "", latest_day)
            elif "pass" in vals:
                res[rule] = ("pass", "", latest_day)
            else:
                res[rule] = NA
        linked = {(h.get("inspection"), h.get("item")) for h in mine["hazards"]}

        def open_then(i, n):  # revision 2: an open hazard of that item found again
            return any(h.get("item") == str(n) and h["found"] <= i["date"] and
                       (not h.get("closed") or h["closed"] >= i["date"]) for h in mine["hazards"])
        missing = [f"{i['id']}#{n}" for i in window for n in range(1, 14)
                   if i[f"item{n}"] == "fail" and (i["id"], str(n)) not in linked and not open_then(i, n)]
        res["HAZ-FROM-FAILED-ITEM"] = ("fail", "", " ".join(missing)) if missing else ("pass", "", "")
    if mine["hazards"]:
        bad = []
        for h in mine["hazards"]:
            if not h.get("closed"):
                gaps = [c for c in ("measures", "funds", "owner", "deadline") if not h.get(c)]
                if gaps:
                    bad.append(f"{h['id']}({','.join(gaps)})")
        res["HAZ-FOUR-IMPLEMENTATIONS"] = ("fail", "", " ".join(bad)) if bad else ("pass", "", "")
        evs = [deadline_event(A, parse_date(h["found"]), parse_date(h["deadline"]), parse_date(h.get("closed")))
               for h in mine["hazards"] if h.get("deadline")]
        res["HAZ-RECTIFY-DEADLINE"] = worst([x for x in evs if x])
    hz_projects = [p for p in mine["projects"] if p.get("hazchem") == "yes"]
    if hz_projects:
        out = []
        for p in hz_projects:
            cs, pre = parse_date(p.get("construction_start")), parse_date(p.get("pre_evaluation_filed"))
            out.append(("pass", "", "") if not cs or (pre and pre <= cs) else ("fail", "", p["id"]))
        res["EVAL-PRE-ASSESSMENT"] = worst(out)
    evals = mine["evaluations"]
    if op and e["hazchem"] != "none":
        ok = any(x["kind"] == "status" and x.get("expert_passed") == "yes" for x in evals)
        res["EVAL-STATUS-REVIEW"] = ("pass", "", "") if ok else ("fail", "", "no passed status evaluation")
        passed = [parse_date(x["date"]) for x in evals
                  if x["kind"] in ("status", "periodic") and x.get("expert_passed") == "yes"]
        base = max(passed) if passed else since
        if e["hazchem"] == "highly-toxic":
            res["EVAL-TOXIC-ANNUAL"] = interval_rule(A, base, 12)
        else:
            res["EVAL-HAZCHEM-BIENNIAL"] = interval_rule(A, base, 24)
    if evals:
        evs = [deadline_event(A, parse_date(x["date"]), parse_date(x["rectify_deadline"]),
                              parse_date(x.get("rectified"))) for x in evals if x.get("rectify_deadline")]
        res["EVAL-RECTIFICATION"] = worst([x for x in evs if x])
    projects = mine["projects"]
    if projects:
        def flag(col):
            out = []
            for p in projects:
                val = p.get(col)
                if val == "no" or (not val and p.get("production_start")):
                    out.append(("fail", "", f"{p['id']} {col}={val or 'empty'}"))
                else:
                    out.append(("pass", "", ""))
            return worst(out)
        out = []
        for p in projects:
            cs, ap = parse_date(p.get("construction_start")), parse_date(p.get("design_approved"))
            if cs:
                good = p.get("design_qualified") == "yes" and ap and ap <= cs
            else:
                good = p.get("design_qualified") != "no"
            out.append(("pass", "", "") if good else ("fail", "", p["id"]))
        res["PROJ-SAFETY-DESIGN"] = worst(out)
        res["PROJ-QUALIFIED-INSTALLER"] = flag("installer_qualified")
        res["PROJ-THREE-SIMULTANEITY"] = flag("three_simultaneity")
        started = [p for p in projects if p.get("construction_start")]
        if started:
            res["PROJ-CONTRACTOR-LETTER"] = worst([
                ("pass", "", "") if p.get("contractor_letter") and p["contractor_letter"] <= p["construction_start"]
                else ("fail", "", p["id"]) for p in started])
        res["PROJ-ACCEPTANCE"] = worst([
            ("fail", "", p["id"]) if p.get("production_start") and
            (not p.get("accepted") or p["accepted"] > p["production_start"]) else ("pass", "", "")
            for p in projects])
    if op:
        letters = mine["letters"]
        res["RESP-LETTER-ANNUAL"] = calendar_rule(
            "letter", A, since, lambda y: any(int(x["year"]) == y[0].year for x in letters), 30, ylabel)
        drills = [parse_date(d["date"]) for d in v["drills"] if d["park"] == e["park"] and
                  e["id"] in (d.get("participants") or "").split(";")]
        res["DRILL-PARTICIPATION"] = calendar_rule(
            "year", A, since, lambda y: any(y[0] <= d <= y[1] for d in drills), 30, ylabel)
        bad = []
        for w in mine["workers"]:
            if not w.get("assigned"):
                continue
            ls = [w.get("level1"), w.get("level2"), w.get("level3"), w["assigned"]]
            if not all(ls) or not ls[0] <= ls[1] <= ls[2] <= ls[3]:
                bad.append(w["id"])
        res["TRAIN-THREE-LEVEL"] = ("fail", "", " ".join(bad)) if bad else ("pass", "", "")
        out = []
        for w in mine["workers"]:
            if not w.get("special_operation") or not w.get("assigned"):
                continue
            certs = [parse_date(c["expires"]) for c in mine["certificates"]
                     if c["worker"] == w["id"] and c["kind"] == w["special_operation"]]
            if not certs:
                out.append(("fail", "", f"{w['id']} no certificate"))
                continue
            # revision 2: at the post before the first certificate (lookback 365 days)
            issued = [parse_date(c["issued"]) for c in mine["certificates"]
                      if c["worker"] == w["id"] and c["kind"] == w["special_operation"] and c.get("issued")]
            if issued and parse_date(w["assigned"]) < min(issued) and \
                    min(issued) >= A - dt.timedelta(days=365):
                out.append(("fail", "", f"{w['id']} at the post before {min(issued)}"))
            exp = max(certs)
            if exp < A:
                out.append(("overdue", exp.isoformat(), f"{w['id']} expired"))
            elif A >= exp - dt.timedelta(days=30):
                out.append(("due-soon", exp.isoformat(), f"{w['id']} expires"))
            else:
                out.append(("pass", exp.isoformat(), ""))
        res["CERT-SPECIAL-OPERATION"] = worst(out) if out else ("pass", "", "no special operation")
        if res["CERT-SPECIAL-OPERATION"][0] == "pass":
            dues = [x[1] for x in out if x[1]]
            res["CERT-SPECIAL-OPERATION"] = ("pass", min(dues) if dues else "", "")
    if e.get("major_hazard") == "yes":
        res["MAJOR-HAZARD-OWNER"] = ("pass", "", "") if e.get("major_hazard_owner") else ("fail", "", "no owner")
    if mine["equipment"]:
        out = []
        for q in mine["equipment"]:
            nt = parse_date(q["next_test"])
            out.append(("overdue" if nt < A else "due-soon" if A >= nt - dt.timedelta(days=30) else "pass",
                        nt.isoformat(), q["id"]))
        res["EQUIP-PERIODIC-TEST"] = sorted(out, key=lambda x: (-RANK[x[0]], x[1]))[0]
    acc = mine["accidents"]
    casualty = [a for a in acc if int(a.get("deaths") or 0) + int(a.get("injuries") or 0) > 0]
    if casualty:
        res["ACC-REPORT-24H"] = worst([x for x in (
            deadline_event(A, parse_time(a["occurred"]).date(), parse_time(a["occurred"]) + dt.timedelta(hours=24),
                           parse_time(a.get("reported")), timed=True) for a in casualty) if x])
        res["ACC-CASUALTY-FORM-3D"] = worst([x for x in (
            deadline_event(A, parse_time(a["occurred"]).date(), parse_time(a["occurred"]).date() + dt.timedelta(days=3),
                           parse_date(a.get("form_filed"))) for a in casualty) if x])
    if acc:
        res["ACC-INVESTIGATION"] = worst([x for x in (
            deadline_event(A, parse_time(a["occurred"]).date(), parse_time(a["occurred"]).date() + dt.timedelta(days=60),
                           parse_date(a.get("investigation_closed"))) for a in acc) if x])
    national(e, v, A, mine, op, since, res)
    return res


def national(e, v, A, mine, op, since, res):
    """Revision 2: the national pack (CATALOGUE.md, "The national pack")."""
    f = NATIONAL_FROM
    acc = [a for a in mine["accidents"] if parse_time(a["occurred"]).date() >= f["NAT-ACC-REPORT-1H"]]
    if acc and A >= f["NAT-ACC-REPORT-1H"]:
        res["NAT-ACC-REPORT-1H"] = worst([x for x in (
            deadline_event(A, parse_time(a["occurred"]).date(), parse_time(a["occurred"]) + dt.timedelta(hours=1),
                           parse_time(a.get("reported")), timed=True) for a in acc) if x])
    acts = set(filter(None, (e.get("hazchem_activity") or "").split(";")))
    if op and e["hazchem"] != "none" and A >= f["NAT-HAZCHEM-EVAL-3Y"] and (not acts or acts & {"produce", "store"}):
        if not acts:
            res["NAT-HAZCHEM-EVAL-3Y"] = ("not-checked", "", "activities not recorded")
        else:
            done = [parse_date(x["date"]) for x in mine["evaluations"]
                    if x["kind"] in ("status", "periodic") and x.get("agency")]
            base = max(done) if done else max(since, f["NAT-HAZCHEM-EVAL-3Y"])
            res["NAT-HAZCHEM-EVAL-3Y"] = interval_rule(A, base, 36)
    if op and e["hazchem"] != "none" and A >= f["NAT-SAFETY-LICENCE"] and (not acts or "produce" in acts):
        if not acts:
            res["NAT-SAFETY-LICENCE"] = ("not-checked", "", "activities not recorded")
        else:
            lic = sorted((x for x in mine["licences"] if x["kind"] == "safety-production"),
                         key=lambda x: (x["expires"], [-ord(ch) for ch in x["id"]]))
            if not lic:
                res["NAT-SAFETY-LICENCE"] = ("fail", "", "no licence")
            else:
                L = lic[-1]
                exp = parse_date(L["expires"])
                R = add_months(exp, -3)
                applied = parse_date(L.get("renewal_applied"))
                if exp < A:
                    res["NAT-SAFETY-LICENCE"] = ("fail", "", "expired")
                elif applied:
                    res["NAT-SAFETY-LICENCE"] = ("pass", exp.isoformat(), "") if applied <= R else \
                        ("fail", "", f"applied {(applied - R).days} days late")
                elif A > R:
                    res["NAT-SAFETY-LICENCE"] = ("overdue", R.isoformat(), "")
                elif A >= R - dt.timedelta(days=30):
                    res["NAT-SAFETY-LICENCE"] = ("due-soon", R.isoformat(), "")
                else:
                    res["NAT-SAFETY-LICENCE"] = ("pass", R.isoformat(), "")


def waive(kind, subject, rule, result, v, A):
    """Revision 2: an active waiver turns fail, overdue, due-soon, not-checked into waived."""
    if result[0] not in ("fail", "overdue", "due-soon", "not-checked"):
        return result
    active = [w["expires"] for w in v["waivers"] if w["subject"] == subject and w["rule"] == rule
              and w["approved"] <= A.isoformat() <= w["expires"]]
    return ("waived", max(active), "waived") if active else result


def expect(data, A):
    v = as_of_view(data, A)
    lines = []
    for p in sorted(v["parks"], key=lambda p: p["id"]):
        for rule, r in sorted(eval_park(p, v, A).items()):
            st, due, det = waive("park", p["id"], rule, r, v, A)
            lines.append(("park", p["id"], rule, st, due, det))
    for e in sorted(v["enterprises"], key=lambda e: e["id"]):
        for rule, r in sorted(eval_enterprise(e, v, A).items()):
            st, due, det = waive("enterprise", e["id"], rule, r, v, A)
            lines.append(("enterprise", e["id"], rule, st, due, det))
    return lines


def main(argv):
    here = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
    if len(argv) >= 2 and argv[1] == "validate":
        data, errors = load(argv[2] if len(argv) > 2 else here)
        for e in errors:
            print(e)
        if not errors:
            print("ok: " + ", ".join(f"{k} {len(v)}" for k, v in data.items()))
        return 1 if errors else 0
    if len(argv) >= 3 and argv[1] == "expect":
        data, errors = load(argv[3] if len(argv) > 3 else here)
        if errors:
            print("\n".join(errors), file=sys.stderr)
            return 1
        print("kind\tsubject\trule\tstatus\tdue\tdetail")
        for line in expect(data, D.fromisoformat(argv[2])):
            print("\t".join(line))
        return 0
    if len(argv) >= 4 and argv[1] == "compare":
        data, errors = load(argv[4] if len(argv) > 4 else here)
        want = {(k, s, r): (st, due) for k, s, r, st, due, _ in expect(data, D.fromisoformat(argv[2]))}
        got = {}
        with open(argv[3], encoding="utf-8") as f:
            for line in f.read().splitlines()[1:]:
                k, s, r, st, due = (line.split("\t") + [""] * 6)[:5]
                got[(k, s, r)] = (st, due)
        diffs = 0
        for key in sorted(set(want) | set(got)):
            if want.get(key) != got.get(key):
                diffs += 1
                print("\t".join(key), "want", want.get(key), "got", got.get(key), sep="\t")
        print(f"{diffs} differences over {len(want)} expected rows")
        return 1 if diffs else 0
    print(__doc__, file=sys.stderr)
    return 2


if __name__ == "__main__":
    sys.exit(main(sys.argv))
