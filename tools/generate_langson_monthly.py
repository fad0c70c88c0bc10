#!/usr/bin/env python3
"""Generate the SYNTHETIC monthly Lạng Sơn dataset, Datasets/langson-monthly/ (2019-01 to 2020-12).

THE MONTHLY DATA THIS SCRIPT WRITES IS SYNTHETIC AND ILLUSTRATIVE. No public monthly series of the New Rural
Development (NTM) programme exists for Lạng Sơn: the notices of the People's Committee (2020) give yearly
province and group figures only. This script spreads the yearly synthetic tables of Datasets/langson/ (made by
tools/generate_langson_dataset.py) over the months, and makes up a monthly capital series, so that:

  * criteria.csv (column `period`): every commune at each month's end. The 2019-12 rows equal langson's 2019
    rows criterion by criterion, the 2020-12 rows its 2020 rows (estimates to the end of 2020, actual to
    30/6/2020). Between two Decembers (2018's for 2019) a commune gains, and the few communes that lose a
    criterion in langson lose, criteria one at a time in made-up months, more of them in the second half of
    the year (when reviews happen). A commune recognised in a month meets all 19 criteria by that month's end.
    Months to 2020-06 are `actual` (cut-off empty); 2020-07 to 2020-12 are `estimate` (cut-off 2020-06-30).
  * recognition.csv (column `period`): langson's recognitions; those of 2019 and 2020 given a made-up month
    (most decisions in the last quarter). The notices do not say how many communes were recognised by
    30/6/2020: this script chooses 2 of the 13 communes of 2020 (two of the three especially difficult
    communes piloted since 2016, which met 17-18 criteria at the end of 2019), in April-June, `actual`; the
    other 11 and the 3 nâng cao of 2020 are `estimate`. Recognitions before 2019 keep their year as period.
  * indicators.csv (columns `period`, `aggregation`, `spread`): langson's real yearly figures about 2019 and 2020 (same ids,
    sources and quotes; the five figures about 2018 are left out, the dataset's periods start in 2019), and a
    monthly capital series by source (see CAPITAL_SOURCES): a yearly plan per source for 2019 (made up) and
    2020 (made up per source, adding up to the notice's 4.111,5 billion VND, with central + local budget =
    the notice's 985,7 of direct state budget), except central_budget 2020, whose plan is given month by month
    (the province's disbursement schedule, made up); monthly disbursement per source (flows, metric
    capital_disbursed_<source>): slow early in the year, peaking in the fourth quarter, actual to 2020-06 and
    estimates after, each year's months adding up to a stated share of the plan (capital_disbursed_share_*);
    and capital_disbursed, the six sources added up (yearly plans, not spread, and months).
    Flows (capital_disbursed_*, ntm_new, advanced_new, …) have `aggregation: sum`, stocks `last`.
    Yearly plans of the non-budget sources carry `spread: even` (a plan to date may be the plan spread evenly
    over the months); the budget sources' plans do not (their disbursement follows allocation decisions and
    the building season).

Copies units.csv, districts.csv, groups.csv, boundaries/ and admin/ of langson byte for byte (a dataset
folder is self-contained); sources.csv is langson's plus one row naming this generator as the source of the
illustrative figures.

Seed: random.Random(2020021212) ("20200212", the yearly generator's seed, then "12" for months). Only
rng.random() is used, through the yearly generator's Rand; every run writes byte-identical files.

Reads:  Datasets/langson/{units,districts,groups,sources,criteria,recognition,indicators}.csv, boundaries/, admin/
Writes: Datasets/langson-monthly/

After writing it re-reads the files and checks every calibration (December = the yearly rows; months add up to
the yearly totals; plans add up to the notice's figures), printing tables and "all checks passed"; it exits
non-zero on any failure. --check only checks the existing files, and also regenerates them in memory and
compares the bytes.

Usage:
    python3 tools/generate_langson_monthly.py           generate, then check
    python3 tools/generate_langson_monthly.py --check   only check the existing files

Standard library only.
"""

import argparse
import csv
import io
import sys
from fractions import Fraction
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
import generate_langson_dataset as yearly  # noqa: E402  (the yearly generator: Rand, CSV helpers, criteria)

from generate_langson_dataset import CRIT, CRIT_COLS, Checker, Failure, Rand  # noqa: E402

SEED = 2020021212

ROOT = yearly.ROOT
YEARLY = ROOT / "Datasets" / "langson"
OUT = ROOT / "Datasets" / "langson-monthly"
COPIED_FILES = ("units.csv", "districts.csv", "groups.csv",
                "boundaries/districts.geojson", "boundaries/SOURCE.md",
                "admin/SOURCE.md", "admin/gso-units-2019-2020.csv")

YEARS = (2019, 2020)
MONTHS = tuple(range(1, 13))
PERIODS = tuple("%d-%02d" % (y, m) for y in YEARS for m in MONTHS)
CUTOFF = "2020-06-30"
LAST_ACTUAL = "2020-06"

CRITERIA_HEADER = ["unit_code", "period", "kind", "cutoff"] + list(CRIT_COLS) + ["count"]
RECOGNITION_HEADER = ["unit_code", "level", "period", "kind", "decision"]
INDICATORS_HEADER = ["id", "scope", "group", "metric", "period", "kind", "aggregation", "spread", "basis", "value", "value_high",
                     "unit", "direction", "source", "derivation", "quote"]
YEARLY_CRITERIA_HEADER = yearly.CRITERIA_HEADER
YEARLY_RECOGNITION_HEADER = yearly.RECOGNITION_HEADER
YEARLY_INDICATORS_HEADER = ["id", "scope", "group", "metric", "year", "kind", "basis", "value", "value_high",
                            "unit", "direction", "source", "derivation", "quote"]

# Month weights. Criteria met: reviews and appraisals cluster in the second half of the year (Tết in
# January/February is slow). Recognition decisions: mostly in the last quarter. Disbursement: slow while
# capital is allocated and projects tendered, then rising to the year-end settlement.
GAIN_WEIGHTS = (2, 1, 3, 3, 4, 5, 5, 7, 9, 12, 15, 20)
DECISION_WEIGHTS = (0, 0, 0, 0, 0, 0, 1, 1, 2, 3, 5, 8)
EARLY_2020_DECISION_WEIGHTS = (0, 0, 0, 1, 1, 2, 0, 0, 0, 0, 0, 0)
DISBURSE_WEIGHTS = (3, 2, 4, 5, 6, 8, 7, 8, 10, 12, 14, 21)
SCHEDULE_WEIGHTS = (2, 3, 5, 7, 8, 10, 8, 9, 10, 11, 12, 15)   # central budget 2020: the planned schedule
RECOGNISED_BY_JUNE_2020 = 2
MAX_PER_MONTH = 2                                       # criteria a commune gains in one month, at most
APPRAISAL_MONTHS = ((0, 1), (1, 3), (2, 2), (3, 1))   # months from meeting 19 criteria to the decision

# Sources of capital for the programme (tenths of a billion VND). 2020: the notice's total need 4.111,5,
# of which direct state budget 985,7 (central + local); the split is made up. 2019: made up, plausible.
CAPITAL_SOURCES = (
    # id, Vietnamese, English, spread, plan 2019, plan 2020, disbursed share 2019 %, 2020 %
    ("central_budget", "ngân sách trung ương đầu tư trực tiếp", "central budget (direct)", "", 6120, 6954, 97, 95),
    ("local_budget", "ngân sách địa phương đầu tư trực tiếp", "local budget (direct)", "", 2485, 2903, 94, 92),
    ("integrated", "vốn lồng ghép các chương trình, dự án khác", "integrated from other programmes", "", 9050, 10205, 88, 86),
    ("credit", "vốn tín dụng", "credit", "even", 15600, 17200, 100, 98),
    ("enterprises", "vốn doanh nghiệp", "enterprises", "even", 1600, 1853, 82, 80),
    ("community", "người dân, cộng đồng đóng góp", "people and community", "even", 1750, 2000, 96, 94),
)
MONTHLY_PLAN = {("central_budget", 2020)}      # plans given month by month instead of a yearly row
NEED_2020 = 41115
DIRECT_BUDGET_2020 = 9857
ILLUSTRATIVE_SOURCE = "annex-illustrative-monthly"
ILLUSTRATIVE_QUOTE = "Số liệu minh họa, không phải số liệu thật (illustrative, not real data)"
NOTICE = "tb-2020-02-ntm2020"
# Flows (aggregation: sum, a year's figure is the sum of its months'); every other metric is a stock (last).
FLOW_METRICS = ("ntm_new", "advanced_new", "model_residential_areas_new", "capital_need_total",
                "capital_state_budget_direct")


def aggregation(metric):
    return "sum" if metric in FLOW_METRICS or metric.startswith("capital_disbursed_") and "_share_" not in metric else "last"


def rel(path):
    return str(path.relative_to(ROOT))


def read_table(path, header):
    """Rows of a langson CSV as dicts, checking its header."""
    rows = yearly.read_csv(path)
    if not rows or list(rows[0].keys()) != header:
        raise Failure("%s: expected the columns %s" % (rel(path), ",".join(header)))
    return rows


def period_kind(period):
    return ("actual", "") if period <= LAST_ACTUAL else ("estimate", CUTOFF)


# ----------------------------------------------------------------------------
# Inputs: the yearly dataset.

def load_yearly():
    crit = read_table(YEARLY / "criteria.csv", YEARLY_CRITERIA_HEADER)
    sets, rows = {}, {}
    for r in crit:
        y = int(r["year"])
        sets.setdefault(r["unit_code"], {})[y] = {k for k, col in zip(CRIT, CRIT_COLS) if r[col] == "1"}
        rows[(r["unit_code"], y)] = r
    units = [r["code"] for r in read_table(YEARLY / "units.csv", yearly.UNITS_HEADER)]
    groups = {r["code"]: set(r["groups"].split("|")) if r["groups"] else set()
              for r in read_table(YEARLY / "units.csv", yearly.UNITS_HEADER)}
    recs = read_table(YEARLY / "recognition.csv", YEARLY_RECOGNITION_HEADER)
    facts = read_table(YEARLY / "indicators.csv", YEARLY_INDICATORS_HEADER)
    for c in units:
        if set(sets.get(c, {})) != {2018, 2019, 2020}:
            raise Failure("criteria.csv of langson: unit %s lacks a year of 2018-2020" % c)
    return {"units": units, "groups": groups, "sets": sets, "rows": rows, "recs": recs, "facts": facts}


# ----------------------------------------------------------------------------
# Generation: recognitions first (their months bound the months of the criteria a commune gains).

def recognition_months(rnd, y):
    """(unit, level) -> (year, month or None) for every recognition of langson."""
    months = {}
    ntm2020 = sorted(r["unit_code"] for r in y["recs"] if r["level"] == "ntm" and r["year"] == "2020")
    pilots = [c for c in ntm2020 if "cohort_2020_pilot_since_2016" in y["groups"][c]]
    pilots.sort(key=lambda c: (-len(y["sets"][c][2019]), c))
    early = set(rnd.weighted_sample(pilots, RECOGNISED_BY_JUNE_2020,
                                    lambda c: 1.0 + len(y["sets"][c][2019]) - 17))
    for r in y["recs"]:
        c, level, year = r["unit_code"], r["level"], int(r["year"])
        if year not in YEARS:
            months[(c, level)] = (year, None)
            continue
        weights = EARLY_2020_DECISION_WEIGHTS if (level == "ntm" and c in early) else DECISION_WEIGHTS
        months[(c, level)] = (year, rnd.choice_weighted(tuple(zip(MONTHS, weights))))
    return months


def event_months(rnd, k, last):
    """Months in 1..last for k events, in order, drawn by GAIN_WEIGHTS; at most MAX_PER_MONTH events of a
    commune in one month (more only when k exceeds MAX_PER_MONTH × last)."""
    cap = max(MAX_PER_MONTH, -(-k // last))
    taken = [0] * (last + 1)
    for _ in range(k):
        pairs = tuple((m, GAIN_WEIGHTS[m - 1] if taken[m] < cap else 0) for m in range(1, last + 1))
        m = rnd.choice_weighted(pairs)
        if taken[m] >= cap:   # rounding at the end of the weights: the first month with room
            m = next(n for n in range(1, last + 1) if taken[n] < cap)
        taken[m] += 1
    return [m for m in range(1, last + 1) for _ in range(taken[m])]


def month_steps(rnd, c, year, before, after, rec_month):
    """The criteria set of commune c at each month's end of `year`, from `before` (last December) to `after`."""
    gains = rnd.weighted_order(sorted(after - before), lambda k: yearly.CRIT_WEIGHT[k])
    losses = sorted(before - after)
    events = [("+", k) for k in gains]
    for k in losses:   # a loss comes at a random place among the gains
        events.insert(rnd.int(0, len(events)), ("-", k))
    last = 12
    if rec_month is not None:   # the 19th criterion comes 0-3 months before the decision (the appraisal)
        last = max(1, rec_month - rnd.choice_weighted(APPRAISAL_MONTHS))
    if rec_month is None or not events:
        months = event_months(rnd, len(events), last)
    elif last == 1:
        months = [1] * len(events)
    else:   # the last criterion is met in month `last`, the others before it
        months = event_months(rnd, len(events) - 1, last - 1) + [last]
    states, cur, i = [], set(before), 0
    for m in MONTHS:
        while i < len(events) and months[i] == m:
            sign, k = events[i]
            cur = cur | {k} if sign == "+" else cur - {k}
            i += 1
        states.append(frozenset(cur))
    if states[-1] != after:
        raise Failure("internal: commune %s does not reach its %d set" % (c, year))
    return states


def criteria_rows(rnd, y, rec):
    rows = []
    for c in y["units"]:
        states = []
        for year in YEARS:
            rec_year, rec_month = rec.get((c, "ntm"), (None, None))
            states += month_steps(rnd, c, year, y["sets"][c][year - 1], y["sets"][c][year],
                                  rec_month if rec_year == year else None)
        for period, s in zip(PERIODS, states):
            kind, cutoff = period_kind(period)
            flags = ["1" if k in s else "0" for k in CRIT]
            rows.append([c, period, kind, cutoff] + flags + [str(len(s))])
    return rows


def recognition_rows(y, rec):
    rows = []
    for r in y["recs"]:
        year, month = rec[(r["unit_code"], r["level"])]
        period = str(year) if month is None else "%d-%02d" % (year, month)
        kind = r["kind"] if month is None else period_kind(period)[0]
        rows.append([r["unit_code"], r["level"], period, kind, r["decision"]])
    return rows


def spread_tenths(rnd, total, weights, jitter):
    """Split `total` (an integer) over len(weights) parts in proportion to weights × a random factor
    in [1 - jitter, 1 + jitter], by largest remainders (ties to the earlier part)."""
    w = [Fraction(wt) * (1 + Fraction(round((2 * rnd.random() - 1) * jitter * 1000), 1000)) for wt in weights]
    exact = [total * x / sum(w) for x in w]
    parts = [int(e) for e in exact]
    order = sorted(range(len(w)), key=lambda i: (-(exact[i] - parts[i]), i))
    for i in order[:total - sum(parts)]:
        parts[i] += 1
    return parts


def tenths(n):
    return "%d.%d" % (n // 10, n % 10)


def yearly_fact_rows(y):
    rows = []
    for f in y["facts"]:
        if int(f["year"]) not in YEARS:
            continue
        rows.append([f["id"], f["scope"], f["group"], f["metric"], f["year"], f["kind"], aggregation(f["metric"]), "",
                     f["basis"], f["value"],
                     f["value_high"], f["unit"], f["direction"], f["source"], f["derivation"], f["quote"]])
    return rows


def capital_rows(rnd):
    rows = []
    for sid, vi, en, spread, plan19, plan20, share19, share20 in CAPITAL_SOURCES:
        for year, plan, share in ((2019, plan19, share19), (2020, plan20, share20)):
            metric = "capital_disbursed_" + sid
            made = ("ILLUSTRATIVE split: the six sources' 2020 plans add up to the notice's total need 4111.5 (F33), "
                    "central + local budget to its direct state budget 985.7 (F34)"
                    if year == 2020 else "ILLUSTRATIVE: made up, no source states it")
            if (sid, year) in MONTHLY_PLAN:
                for m, v in zip(MONTHS, spread_tenths(rnd, plan, SCHEDULE_WEIGHTS, 0.1)):
                    rows.append(["CAP-P%d-%02d-%s" % (year, m, sid), "province", "all", metric, "%d-%02d" % (year, m),
                                 "plan", "sum", "", "derived", tenths(v), "", "billion VND", "higher", ILLUSTRATIVE_SOURCE,
                                 "planned disbursement in the month, %s / %s; the 12 months add up to the %d plan "
                                 "%s. %s" % (en, vi, year, tenths(plan), made), ILLUSTRATIVE_QUOTE])
            else:
                rows.append(["CAP-P%d-%s" % (year, sid), "province", "all", metric, str(year), "plan", "sum",
                             spread, "derived", tenths(plan), "", "billion VND", "higher", ILLUSTRATIVE_SOURCE,
                             "plan for the year, %s / %s. %s" % (en, vi, made), ILLUSTRATIVE_QUOTE])
            total = (plan * share + 50) // 100
            kind_year = "actual" if year == 2019 else "estimate"
            rows.append(["CAP-S%d-%s" % (year, sid), "province", "all", "capital_disbursed_share_" + sid, str(year),
                         kind_year, "last", "", "derived", str(share), "", "percent", "higher", ILLUSTRATIVE_SOURCE,
                         "ILLUSTRATIVE: the 12 monthly %s rows of %d add up to %s = %d%% of the plan %s"
                         % (metric, year, tenths(total), share, tenths(plan)), ILLUSTRATIVE_QUOTE])
            for m, v in zip(MONTHS, spread_tenths(rnd, total, DISBURSE_WEIGHTS, 0.2)):
                period = "%d-%02d" % (year, m)
                rows.append(["CAP-D%s-%s" % (period, sid), "province", "all", metric, period, period_kind(period)[0],
                             "sum", "", "derived", tenths(v), "", "billion VND", "higher", ILLUSTRATIVE_SOURCE,
                             "ILLUSTRATIVE: disbursed in the month (a flow), %s / %s" % (en, vi), ILLUSTRATIVE_QUOTE])
    return rows


def total_rows(rows):
    """capital_disbursed (all sources): the yearly plans and the monthly disbursement summed over the sources."""
    plan, disb = {}, {}
    for r in rows:
        if not r[3].startswith("capital_disbursed_") or "_share_" in r[3]:
            continue
        v = int(round(Fraction(r[9]) * 10))
        if r[5] == "plan":
            plan[int(r[4][:4])] = plan.get(int(r[4][:4]), 0) + v
        else:
            disb[r[4]] = disb.get(r[4], 0) + v
    names = ", ".join(s[0] for s in CAPITAL_SOURCES)
    out = []
    for year in YEARS:
        out.append(["CAP-P%d-total" % year, "province", "all", "capital_disbursed", str(year), "plan", "sum", "",
                    "derived", tenths(plan[year]), "", "billion VND", "higher", ILLUSTRATIVE_SOURCE,
                    "the plans of the six sources (%s) for %d added up; not spread, as the budget sources' plans are "
                    "not" % (names, year) + ("; equals the notice's total need 4111.5 (F33)" if year == 2020 else
                                             " (ILLUSTRATIVE, made up)"), ILLUSTRATIVE_QUOTE])
        for m in MONTHS:
            period = "%d-%02d" % (year, m)
            out.append(["CAP-D%s-total" % period, "province", "all", "capital_disbursed", period, period_kind(period)[0],
                        "sum", "", "derived", tenths(disb[period]), "", "billion VND", "higher", ILLUSTRATIVE_SOURCE,
                        "ILLUSTRATIVE: disbursed in the month from all sources, the six capital_disbursed_<source> rows "
                        "of the month added up", ILLUSTRATIVE_QUOTE])
    return out


def sources_bytes():
    # The yearly sources, with the `illustrative` column: 1 for the source of the made-up monthly figures, so that
    # findings mark what they state from it.
    yearly = list(csv.reader(io.StringIO((YEARLY / "sources.csv").read_text(encoding="utf-8"))))
    raw = csv_bytes(yearly[0] + ["illustrative"], [r + [""] for r in yearly[1:]])
    # The citation printed under charts names what the figures are, never the script that made them.
    row = [ILLUSTRATIVE_SOURCE, "Annex (số liệu minh họa)", "Annex (illustrative data)",
           "Số liệu minh họa theo tháng",
           "Illustrative monthly figures", "", "",
           "Số liệu minh họa (không phải số liệu thật), hiệu chỉnh theo số liệu cả năm của các thông báo "
           "của UBND tỉnh Lạng Sơn năm 2020",
           "Illustrative figures (not real data), calibrated to the yearly figures of the 2020 notices of "
           "Lạng Sơn People's Committee", "1"]
    return raw + csv_bytes(None, [row])


MANIFEST = """# Annex dataset manifest: see docs/data-format.md. Written by tools/generate_langson_monthly.py.
name: langson-monthly
title:
  vi: "Tỉnh Lạng Sơn: xây dựng nông thôn mới 2019–2020 theo tháng (số liệu minh họa)"
  en: "Lạng Sơn province: New Rural Development 2019–2020 by month (illustrative data)"
region: { name: Lạng Sơn, code: "20", level: province }
unit_vintage: 2020-01-01
periods: { from: 2019-01, to: 2020-12 }
synthetic: true
provenance:
  en: >
    ILLUSTRATIVE, SYNTHETIC data: every commune-level monthly figure (criteria.csv, the months of
    recognition.csv, the groups of units.csv) and every monthly capital figure (the capital_disbursed_*
    rows of indicators.csv, the plans per source) is made up by tools/generate_langson_monthly.py
    (seed 2020021212) from the synthetic yearly tables of Datasets/langson (seed 20200212). What is real:
    the yearly figures the months add up to, from two notices of the People's Committee of Lạng Sơn
    (2020): December's criteria reproduce the notices' yearly means and counts, the recognitions of each
    year their numbers, and the 2020 capital plans their total need (4,111.5 billion VND) and direct state
    budget (985.7). The notices' own figures are in indicators.csv with their sources and quotes.
    Figures are actual to 30/6/2020 and estimates after. Units and codes: General Statistics Office list
    of administrative units, 1/1/2020 (admin/).
  vi: >
    SỐ LIỆU MINH HỌA (không phải số liệu thật): mọi số liệu cấp xã theo tháng (criteria.csv, tháng công
    nhận trong recognition.csv, nhóm xã trong units.csv) và mọi số liệu vốn theo tháng (các dòng
    capital_disbursed_* của indicators.csv, kế hoạch vốn theo nguồn) được tạo bằng
    tools/generate_langson_monthly.py (hạt giống 2020021212) từ các bảng minh họa theo năm của
    Datasets/langson (hạt giống 20200212). Số liệu thật: số liệu cả năm mà các tháng cộng lại, theo hai
    thông báo của UBND tỉnh Lạng Sơn (năm 2020): tiêu chí tháng 12 khớp với bình quân và số xã của thông
    báo, số xã được công nhận mỗi năm khớp với thông báo, kế hoạch vốn năm 2020 khớp với tổng nhu cầu
    (4.111,5 tỷ đồng) và vốn ngân sách đầu tư trực tiếp (985,7 tỷ đồng). Số liệu của thông báo được ghi
    trong indicators.csv, kèm nguồn và trích dẫn. Số liệu thực hiện đến ngày 30/6/2020, sau đó là số ước.
    Danh mục và mã đơn vị hành chính: Tổng cục Thống kê, ngày 1/1/2020 (thư mục admin/).
licence: >
  Annex dataset, CC BY 4.0. Unit names and codes are official public facts (Tổng cục Thống kê, Danh mục
  đơn vị hành chính Việt Nam).
csv: { delimiter: ",", decimal: "." }
boundaries:
  file: boundaries/districts.geojson
  key: code
  name: name
  attribution:
    vi: "Ranh giới huyện: geoBoundaries (CC BY 3.0 IGO)"
    en: "District boundaries: geoBoundaries (CC BY 3.0 IGO)"
"""


def csv_bytes(header, rows):
    buf = io.StringIO(newline="")
    w = csv.writer(buf, lineterminator="\n", quoting=csv.QUOTE_MINIMAL)
    if header is not None:
        w.writerow(header)
    w.writerows(rows)
    return buf.getvalue().encode("utf-8")


def generate():
    """The files of the monthly dataset: relative path -> bytes."""
    y = load_yearly()
    rnd = Rand(SEED)
    rec = recognition_months(rnd, y)
    crit = criteria_rows(rnd, y, rec)
    files = {f: (YEARLY / f).read_bytes() for f in COPIED_FILES}
    files["manifest.yaml"] = MANIFEST.encode("utf-8")
    files["sources.csv"] = sources_bytes()
    files["criteria.csv"] = csv_bytes(CRITERIA_HEADER, crit)
    files["recognition.csv"] = csv_bytes(RECOGNITION_HEADER, recognition_rows(y, rec))
    capital = capital_rows(rnd)
    files["indicators.csv"] = csv_bytes(INDICATORS_HEADER, yearly_fact_rows(y) + capital + total_rows(capital))
    return files


def write_all(files):
    """Writes every file next to its place, then renames them in (no half-written dataset on failure)."""
    staged = []
    for name in sorted(files):
        path = OUT / name
        path.parent.mkdir(parents=True, exist_ok=True)
        tmp = path.with_name(path.name + ".tmp")
        tmp.write_bytes(files[name])
        staged.append((tmp, path))
    for tmp, path in staged:
        tmp.replace(path)


# ----------------------------------------------------------------------------
# Checks: they read the files back and compare them with the yearly dataset.

def read_out(name, header, chk):
    return yearly.read_output(OUT / name, header, chk)


def check_copies(chk):
    for f in COPIED_FILES:
        chk.ok((OUT / f).read_bytes() == (YEARLY / f).read_bytes(), "%s differs from langson's" % f)
    src = list(csv.reader(io.StringIO((OUT / "sources.csv").read_text(encoding="utf-8"))))
    yearly = list(csv.reader(io.StringIO((YEARLY / "sources.csv").read_text(encoding="utf-8"))))
    chk.ok([r[:-1] for r in src[:len(yearly)]] == yearly and all(r[-1] == "" for r in src[1:len(yearly)]),
           "sources.csv does not start with langson's rows (and an empty illustrative column)")
    chk.ok(all(r[-1] == "1" for r in src[len(yearly):]), "the made-up monthly source is not marked illustrative")
    manifest = (OUT / "manifest.yaml").read_text(encoding="utf-8")
    for needle in ("name: langson-monthly", "periods: { from: 2019-01, to: 2020-12 }", "synthetic: true",
                   "theo tháng", "by month", "số liệu minh họa", "illustrative", "ILLUSTRATIVE", "SỐ LIỆU MINH HỌA"):
        chk.ok(needle in manifest, "manifest.yaml lacks %r" % needle)


def parse_criteria(rows, chk):
    sets = {}
    for r in rows:
        c, p = r["unit_code"], r["period"]
        chk.eq((r["kind"], r["cutoff"]), period_kind(p), "criteria.csv %s %s kind/cutoff" % (c, p))
        flags = [r[k] for k in CRIT_COLS]
        chk.ok(all(f in ("0", "1") for f in flags), "criteria.csv %s %s: flags not 0/1" % (c, p))
        s = frozenset(k for k, f in zip(CRIT, flags) if f == "1")
        chk.eq(r["count"], str(len(s)), "criteria.csv %s %s count" % (c, p))
        sets[(c, p)] = s
    return sets


def check_criteria(chk, y, rec_ntm):
    """Calibration of criteria.csv; returns (gains per month, changes per commune-month) for the report."""
    rows = read_out("criteria.csv", CRITERIA_HEADER, chk)
    keys = [(r["unit_code"], r["period"]) for r in rows]
    chk.eq(keys, [(c, p) for c in y["units"] for p in PERIODS], "criteria.csv rows (one per unit and month, sorted)")
    if chk.errors:
        return None
    sets = parse_criteria(rows, chk)
    by_key = {k: r for k, r in zip(keys, rows)}
    for c in y["units"]:
        for year in YEARS:
            got, want = by_key[(c, "%d-12" % year)], y["rows"][(c, year)]
            chk.eq([got[k] for k in ["kind", "cutoff"] + list(CRIT_COLS) + ["count"]],
                   [want[k] for k in ["kind", "cutoff"] + list(CRIT_COLS) + ["count"]],
                   "criteria.csv %s %d-12 = langson's %d row" % (c, year, year))
    gains = {p: 0 for p in PERIODS}
    multi, losses, lag = [], [], {}
    for c in y["units"]:
        prev, had_loss = y["sets"][c][2018], False
        for p in PERIODS:
            cur = sets[(c, p)]
            gains[p] += len(cur - prev)
            if len(cur ^ prev) > 1:
                multi.append((c, p, len(cur ^ prev)))
            if prev - cur:
                losses.append((c, p, sorted(prev - cur)))
                had_loss = True
            if (c, "ntm") not in rec_ntm:
                chk.ok(len(cur) < 19, "criteria.csv %s %s: meets 19 but is never recognised" % (c, p))
            elif rec_ntm[(c, "ntm")] > p:   # meets 19 before the decision: the months of appraisal
                lag[c] = lag.get(c, 0) + (len(cur) == 19)
            else:   # from its recognition on, 19 until it loses one (langson's two communes that lose in 2020)
                chk.ok(len(cur) == 19 or (had_loss and len(cur) == 18),
                       "criteria.csv %s %s: recognised but %d criteria" % (c, p, len(cur)))
            prev = cur
    yearly_losses = sum(len(y["sets"][c][yy - 1] - y["sets"][c][yy]) for c in y["units"] for yy in YEARS)
    chk.eq(len(losses), yearly_losses, "monthly losses (one criterion at a time) = langson's yearly losses")
    chk.ok(all(len(k) == 1 for _, _, k in losses), "a commune loses two criteria in one month")
    for year in YEARS:
        h1 = sum(gains["%d-%02d" % (year, m)] for m in range(1, 7))
        h2 = sum(gains["%d-%02d" % (year, m)] for m in range(7, 13))
        chk.ok(h2 > h1, "criteria gained in %d: second half %d not above first half %d" % (year, h2, h1))
    chk.ok(all(n <= 6 for n in lag.values()), "a commune meets 19 more than 6 months before its recognition: %s" % lag)
    return gains, multi, lag


def check_recognition(chk, y):
    rows = read_out("recognition.csv", RECOGNITION_HEADER, chk)
    chk.eq([(r["unit_code"], r["level"]) for r in rows], [(r["unit_code"], r["level"]) for r in y["recs"]],
           "recognition.csv: langson's recognitions in its order")
    periods = {}
    for r, want in zip(rows, y["recs"]):
        p, year = r["period"], int(want["year"])
        if year in YEARS:
            chk.ok(len(p) == 7 and p[:5] == "%d-" % year and "01" <= p[5:] <= "12",
                   "recognition.csv %s %s: period %s is not a month of %d" % (r["unit_code"], r["level"], p, year))
            chk.eq(r["kind"], period_kind(p)[0], "recognition.csv %s %s kind" % (r["unit_code"], r["level"]))
        else:
            chk.eq((p, r["kind"]), (want["year"], want["kind"]), "recognition.csv %s (before 2019)" % r["unit_code"])
        chk.eq(r["decision"], want["decision"], "recognition.csv %s decision" % r["unit_code"])
        periods[(r["unit_code"], r["level"])] = p
    monthly = [p for p in periods.values() if len(p) == 7]
    q4 = sum(1 for p in monthly if p[5:] >= "10")
    chk.ok(2 * q4 > len(monthly), "recognitions of 2019-2020 in the fourth quarter: %d of %d" % (q4, len(monthly)))
    by_june = [k for k, p in periods.items() if k[1] == "ntm" and "2020-01" <= p <= LAST_ACTUAL]
    chk.eq(len(by_june), RECOGNISED_BY_JUNE_2020, "NTM recognitions of 2020 to June (actual)")
    return periods


def check_indicators(chk, y):
    rows = read_out("indicators.csv", INDICATORS_HEADER, chk)
    if chk.errors:
        return None
    kept = [f for f in y["facts"] if int(f["year"]) in YEARS]
    got = {r["id"]: r for r in rows}
    chk.eq(len(got), len(rows), "indicators.csv: ids unique")
    for f in kept:
        r = got.get(f["id"])
        if chk.ok(r is not None, "indicators.csv lacks %s" % f["id"]):
            chk.eq([r[k] for k in INDICATORS_HEADER if k not in ("period", "spread", "aggregation")]
                   + [r["period"], r["spread"], r["aggregation"]],
                   [f[k] for k in YEARLY_INDICATORS_HEADER if k != "year"] + [f["year"], "", aggregation(f["metric"])],
                   "indicators.csv %s = langson's" % f["id"])
    value = lambda r: int(round(Fraction(r["value"]) * 10))
    plans, disb, shares = {}, {}, {}
    for r in rows:
        if r["source"] != ILLUSTRATIVE_SOURCE:
            continue
        chk.eq(r["aggregation"], "last" if "_share_" in r["metric"] else "sum", "indicators.csv %s aggregation" % r["id"])
        sid = r["metric"].replace("capital_disbursed_share_", "").replace("capital_disbursed_", "")
        sid = "total" if sid == "capital_disbursed" else sid
        year = int(r["period"][:4])
        chk.ok(r["period"][:4] in ("2019", "2020"), "indicators.csv %s: period %s" % (r["id"], r["period"]))
        if r["kind"] == "plan":
            plans[(sid, year)] = plans.get((sid, year), 0) + value(r)
            chk.eq(r["spread"], dict((s[0], s[3]) for s in CAPITAL_SOURCES).get(sid, "") if len(r["period"]) == 4 else "",
                   "indicators.csv %s spread" % r["id"])
        elif r["metric"].startswith("capital_disbursed_share_"):
            shares[(sid, year)] = int(r["value"])
        else:
            chk.eq(r["kind"], period_kind(r["period"])[0], "indicators.csv %s kind" % r["id"])
            disb.setdefault((sid, year), {})[int(r["period"][5:])] = value(r)
    return plans, disb, shares, rows


def check_capital(chk, plans, disb, shares, rows):
    sids = [s[0] for s in CAPITAL_SOURCES]
    for year in YEARS:
        for sid in sids:
            months = disb.get((sid, year), {})
            chk.eq(sorted(months), list(MONTHS), "capital_disbursed_%s %d: one row per month" % (sid, year))
            total = sum(months.values())
            chk.eq(total, (plans[(sid, year)] * shares[(sid, year)] + 50) // 100,
                   "capital_disbursed_%s %d: the months add up to %d%% of the plan" % (sid, year, shares[(sid, year)]))
            q1 = sum(months.get(m, 0) for m in (1, 2, 3))
            q4 = sum(months.get(m, 0) for m in (10, 11, 12))
            chk.ok(q4 > 2 * q1, "capital_disbursed_%s %d: Q4 %d not well above Q1 %d" % (sid, year, q4, q1))
    for year in YEARS:
        chk.eq(plans[("total", year)], sum(plans[(s, year)] for s in sids), "capital_disbursed plan %d = the sources'" % year)
        for m in MONTHS:
            chk.eq(disb[("total", year)][m], sum(disb[(s, year)][m] for s in sids),
                   "capital_disbursed %d-%02d = the sources' months" % (year, m))
    chk.eq(sum(plans[(s, 2020)] for s in sids), NEED_2020, "2020 plans add up to the total need (F33, 4111.5)")
    chk.eq(plans[("central_budget", 2020)] + plans[("local_budget", 2020)], DIRECT_BUDGET_2020,
           "2020 central + local budget = direct state budget (F34, 985.7)")
    spreads = {r["spread"] for r in rows if r["kind"] == "plan" and len(r["period"]) == 4 and r["metric"].startswith("capital_")}
    chk.eq(spreads, {"", "even"}, "plans with and without spread: even")
    chk.ok(any(r["kind"] == "plan" and len(r["period"]) == 7 for r in rows), "no monthly plan rows")


def report(y, gains, multi, lag, periods, plans, disb, shares):
    print("criteria gained across the province, by month (criteria met at the month's end minus the month before):")
    for year in YEARS:
        print("  %d: %s" % (year, " ".join("%3d" % gains["%d-%02d" % (year, m)] for m in MONTHS)))
    print("commune-months with more than one change: %d (%s)" % (
        len(multi), ", ".join("%s %s:%d" % t for t in multi[:6]) + (" …" if len(multi) > 6 else "")))
    print("months between meeting 19 criteria and the NTM decision (communes recognised 2019-2020): %s" % " ".join(
        "%d:%d" % (n, sum(1 for v in lag.values() if v == n) + (n == 0) * sum(
            1 for (c, lv), p in periods.items() if lv == "ntm" and len(p) == 7 and c not in lag)) for n in range(7)))
    for level in ("ntm", "nang_cao"):
        for year in YEARS:
            ms = [int(p[5:]) for (c, lv), p in periods.items() if lv == level and p[:4] == str(year) and len(p) == 7]
            print("recognitions %-8s %d by month: %s" % (level, year, " ".join("%d" % ms.count(m) for m in MONTHS)))
    print("%-16s %4s %9s %5s %9s  %s" % ("source", "year", "plan", "share", "disbursed", "months (billion VND)"))
    for s in CAPITAL_SOURCES:
        for year in YEARS:
            months = disb[(s[0], year)]
            print("%-16s %4d %9s %4d%% %9s  %s" % (s[0], year, tenths(plans[(s[0], year)]), shares[(s[0], year)],
                                                  tenths(sum(months.values())),
                                                  " ".join(tenths(months[m]) for m in MONTHS)))
    for year in YEARS:
        months = disb[("total", year)]
        print("%-16s %4d %9s %4d%% %9s  %s" % ("all (total)", year, tenths(plans[("total", year)]),
                                              round(100 * sum(months.values()) / plans[("total", year)]),
                                              tenths(sum(months.values())), " ".join(tenths(months[m]) for m in MONTHS)))


def check(verbose=True):
    chk = Checker()
    y = load_yearly()
    check_copies(chk)
    periods = check_recognition(chk, y)
    result = check_criteria(chk, y, {k: p for k, p in periods.items() if k[1] == "ntm"})
    ind = check_indicators(chk, y)
    if chk.errors or result is None or ind is None:
        return chk.errors
    gains, multi, lag = result
    plans, disb, shares, rows = ind
    check_capital(chk, plans, disb, shares, rows)
    if chk.errors:
        return chk.errors
    if verbose:
        report(y, gains, multi, lag, periods, plans, disb, shares)
    return chk.errors


def compare_with_generated(files):
    errors = []
    for name in sorted(files):
        path = OUT / name
        if not path.exists() or path.read_bytes() != files[name]:
            errors.append("%s: not the bytes the generator writes (run tools/generate_langson_monthly.py)" % rel(path))
    return errors


def main():
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--check", action="store_true",
                    help="only check the existing files (and that the generator would write the same bytes)")
    args = ap.parse_args()
    try:
        files = generate()
        if not args.check:
            write_all(files)
            print("wrote %s (%d files)" % (rel(OUT), len(files)))
        errors = check() if not args.check else compare_with_generated(files) + check()
    except (Failure, OSError, KeyError, ValueError) as e:
        print("error: %s" % e, file=sys.stderr)
        return 1
    if errors:
        for e in errors:
            print("check failed: %s" % e, file=sys.stderr)
        return 1
    print("all checks passed")
    return 0


if __name__ == "__main__":
    sys.exit(main())
