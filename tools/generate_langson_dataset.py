#!/usr/bin/env python3
"""Generate the SYNTHETIC commune-level tables of the Lạng Sơn dataset.

THE DATA THIS SCRIPT WRITES IS SYNTHETIC AND ILLUSTRATIVE. No public commune-level
New Rural Development (NTM) series exists for Lạng Sơn; the notices of the People's
Committee of Lạng Sơn (2020) give province and group aggregates only. This script
makes up commune-level group memberships, criteria met per year and recognitions,
calibrated so that their aggregates reproduce the notices' figures exactly
(Datasets/langson/indicators.csv: F01, F03-F07, F09-F11, F13-F15, F17-F19,
F21-F25, F28-F32). Which commune is in which group, which criteria it meets and
when it was recognised are invented; only the unit list (GSO codes and names,
1/1/2020) is real.

Seed: random.Random(20200212). Only rng.random() is used (its sequence is stable
across Python 3 versions); nothing depends on the iteration order of sets or on
hash randomisation, so every run writes byte-identical files.

Reads (paths relative to the repository root, found from this file's location):
    Datasets/langson/admin/gso-units-2019-2020.csv   the unit list (181 xã on 1/1/2020)
    Datasets/langson/districts.csv                   district codes and border flags
Writes:
    Datasets/langson/units.csv
    Datasets/langson/criteria.csv
    Datasets/langson/recognition.csv

After writing it re-reads the three files and checks every calibration target,
printing a table and "all checks passed"; it exits non-zero on any failure.

Usage:
    python3 tools/generate_langson_dataset.py           generate, then check
    python3 tools/generate_langson_dataset.py --check   only check the existing files

Standard library only.
"""

import argparse
import csv
import io
import math
import random
import sys
from fractions import Fraction
from pathlib import Path

SEED = 20200212

ROOT = Path(__file__).resolve().parent.parent
DATASET = ROOT / "Datasets" / "langson"
ADMIN_CSV = DATASET / "admin" / "gso-units-2019-2020.csv"
DISTRICTS_CSV = DATASET / "districts.csv"
UNITS_CSV = DATASET / "units.csv"
CRITERIA_CSV = DATASET / "criteria.csv"
RECOGNITION_CSV = DATASET / "recognition.csv"

VINTAGE = "2020-01-01"
YEARS = (2018, 2019, 2020)
CUTOFF_2020 = "2020-06-30"
CITY = "178"
BORDER_DISTRICTS = ("180", "182", "183", "188", "189")

GROUP_ORDER = (
    "border",
    "difficult",
    "pilot_difficult",
    "district_selected",
    "cohort_2019",
    "cohort_2020",
    "cohort_2020_difficult",
    "cohort_2020_pilot_since_2016",
    "cohort_2020_other",
)

CRIT = tuple(range(1, 20))
CRIT_COLS = tuple("c%02d" % i for i in CRIT)
UNITS_HEADER = ["code", "name", "district_code", "type", "vintage", "groups"]
CRITERIA_HEADER = ["unit_code", "year", "kind", "cutoff"] + list(CRIT_COLS) + ["count"]
RECOGNITION_HEADER = ["unit_code", "level", "year", "kind", "decision"]

# Criterion difficulty: weights of the weighted random order in which a commune
# comes to meet the criteria (higher = met earlier).
EASY = (4, 8, 19, 18, 1, 14, 15, 12)   # Điện, TT-TT, QP-AN, HTCT, Quy hoạch, GD, Y tế, Lao động
MEDIUM = (3, 9, 16)                     # Thủy lợi, Nhà ở, Văn hóa
HARD = (2, 10, 11, 13, 17, 6, 5, 7)     # Giao thông, Thu nhập, Hộ nghèo, TCSX, Môi trường, CSVC VH, Trường, Thương mại
CRIT_WEIGHT = {
    1: 16.0, 4: 30.0, 8: 26.0, 12: 15.0, 14: 15.0, 15: 16.0, 18: 20.0, 19: 30.0,
    3: 2.6, 9: 2.0, 16: 2.4,
    2: 0.55, 5: 0.8, 6: 0.7, 7: 0.75, 10: 0.45, 11: 0.5, 13: 0.6, 17: 0.4,
}
# Preference for the criterion a commune loses (poor households, environment, income first).
LOSS_PREFERENCE = (11, 17, 10, 13, 9, 16, 3, 2, 6, 5, 7, 12, 15, 14, 1, 18, 8, 19, 4)

# Group sizes and structure.
BORDER_QUOTA = {"180": 6, "182": 4, "183": 4, "188": 4, "189": 2}          # 20 border communes
NTM_BY_2019_QUOTA = {                                                     # 52 NTM communes by end 2019
    "178": 3, "180": 4, "181": 4, "182": 4, "183": 6, "184": 4,
    "185": 5, "186": 8, "187": 6, "188": 5, "189": 3,
}
NTM_YEAR_COUNTS = ((2011, 1), (2012, 1), (2013, 3), (2014, 4), (2015, 6),
                   (2016, 7), (2017, 8), (2018, 9))                       # 39 by end 2018
BORDER_NTM_BY_2019 = 4
DIFFICULT_NTM_BY_2019 = 15
DIFFICULT_TOTAL = 95
# Relative ease of development (early recognition) and remoteness (ĐBKK) by district.
EASE = {"178": 3.0, "180": 0.9, "181": 0.9, "182": 0.9, "183": 1.6, "184": 1.0,
        "185": 1.2, "186": 2.0, "187": 1.8, "188": 1.2, "189": 0.8}
REMOTE = {"178": 0.0, "180": 1.0, "181": 1.2, "182": 1.0, "183": 0.6, "184": 1.0,
          "185": 0.9, "186": 0.45, "187": 0.55, "188": 0.8, "189": 1.2}

# Calibration targets: (group, year) -> sum of criteria counts.
TARGET_SUMS = {
    ("all", 2018): 1817, ("all", 2019): 2088, ("all", 2020): 2300,
    ("border", 2018): 187, ("border", 2019): 212, ("border", 2020): 235,
    ("pilot_difficult", 2018): 60, ("pilot_difficult", 2019): 86,
    ("district_selected", 2018): 152, ("district_selected", 2019): 208,
    ("cohort_2019", 2018): 125,
    ("cohort_2020_other", 2019): 108,
}


class Failure(Exception):
    pass


# ----------------------------------------------------------------------------
# Random helpers built on rng.random() only.

class Rand:
    def __init__(self, seed):
        self.rng = random.Random(seed)

    def random(self):
        return self.rng.random()

    def int(self, a, b):
        """Uniform integer in [a, b]."""
        return min(b, a + int(self.rng.random() * (b - a + 1)))

    def shuffled(self, items):
        items = list(items)
        for i in range(len(items) - 1, 0, -1):
            j = self.int(0, i)
            items[i], items[j] = items[j], items[i]
        return items

    def weighted_order(self, items, weight):
        """Weighted random order without replacement (Efraimidis-Spirakis).
        Items with weight 0 come last, in their given order."""
        keyed = []
        for idx, item in enumerate(items):
            w = weight(item)
            u = self.rng.random()
            key = u ** (1.0 / w) if w > 0 else -1.0
            keyed.append((-key, idx, item))
        keyed.sort(key=lambda t: (t[0], t[1]))
        return [t[2] for t in keyed]

    def weighted_sample(self, items, k, weight=lambda _: 1.0):
        order = self.weighted_order(items, weight)
        if k > len(order) or (k > 0 and weight(order[k - 1]) <= 0):
            raise Failure("cannot draw %d of %d items" % (k, len(items)))
        return order[:k]

    def normal_int(self, mean, sd, lo, hi):
        z = sum(self.rng.random() for _ in range(12)) - 6.0
        return max(lo, min(hi, int(math.floor(mean + sd * z + 0.5))))

    def choice_weighted(self, pairs):
        """pairs: ((value, weight), ...) in a fixed order."""
        total = sum(w for _, w in pairs)
        x = self.rng.random() * total
        for value, w in pairs:
            x -= w
            if x < 0:
                return value
        return pairs[-1][0]


# ----------------------------------------------------------------------------
# Inputs

def read_csv(path):
    raw = path.read_bytes()
    text = raw.decode("utf-8-sig")
    return list(csv.DictReader(io.StringIO(text, newline="")))


def load_inputs():
    districts = read_csv(DISTRICTS_CSV)
    dist_codes = [d["code"] for d in districts]
    border_dists = tuple(sorted(d["code"] for d in districts if d["border"] == "1"))
    if border_dists != BORDER_DISTRICTS:
        raise Failure("districts.csv border districts %s, expected %s" % (border_dists, BORDER_DISTRICTS))
    units = []
    for r in read_csv(ADMIN_CSV):
        if r["commune_type"] == "Xã" and r["listed_2020_01_01"] == "1":
            units.append({"code": r["commune_code"], "name": r["commune_name"],
                          "district": r["district_code"]})
    units.sort(key=lambda u: u["code"])
    if len(units) != 181:
        raise Failure("expected 181 xã on 2020-01-01, found %d" % len(units))
    for u in units:
        if u["district"] not in dist_codes:
            raise Failure("unit %s: unknown district %s" % (u["code"], u["district"]))
    return units, sorted(dist_codes)


# ----------------------------------------------------------------------------
# Generation

def generate(units, dist_codes):
    rnd = Rand(SEED)
    codes = [u["code"] for u in units]
    district = {u["code"]: u["district"] for u in units}
    by_dist = {d: [c for c in codes if district[c] == d] for d in dist_codes}
    huyen = [d for d in dist_codes if d != CITY]

    # 1. Border communes (20) in the border districts.
    border = set()
    for d in sorted(BORDER_QUOTA):
        border.update(rnd.weighted_sample(by_dist[d], BORDER_QUOTA[d]))

    # 2. NTM communes by the end of 2019 (52), per district quota, exactly 4 border.
    ntm_by_2019 = []
    border_ntm_dists = rnd.weighted_sample(list(BORDER_DISTRICTS), BORDER_NTM_BY_2019,
                                           lambda d: EASE[d])
    for d in sorted(border_ntm_dists):
        ntm_by_2019 += rnd.weighted_sample([c for c in by_dist[d] if c in border], 1)
    for d in dist_codes:
        have = sum(1 for c in ntm_by_2019 if district[c] == d)
        pool = [c for c in by_dist[d] if c not in border]
        ntm_by_2019 += rnd.weighted_sample(pool, NTM_BY_2019_QUOTA[d] - have)
    ntm_by_2019.sort()
    ntm_set = set(ntm_by_2019)

    # 3. Recognition years: the more "precocious" (easier district, not border) earlier.
    def ease(c):
        return EASE[district[c]] * (0.5 if c in border else 1.0)
    order = rnd.weighted_order(ntm_by_2019, ease)
    city_units = [c for c in order if district[c] == CITY]
    rural = [c for c in order if district[c] != CITY]
    early = rural[:len(rural) - 13]
    recognised_2019 = sorted(rural[len(rural) - 13:])
    early_set = set(early) | set(city_units)
    early_ordered = [c for c in order if c in early_set]
    ntm_year = {}
    i = 0
    for year, n in NTM_YEAR_COUNTS:
        for c in early_ordered[i:i + n]:
            ntm_year[c] = year
        i += n
    if i != len(early_ordered):
        raise Failure("year counts do not add up to the early recognitions")
    for c in recognised_2019:
        ntm_year[c] = 2019

    # 4. Especially difficult communes: 15 among the 52, the rest among the others.
    def remote(c):
        return REMOTE[district[c]] * (3.0 if c in border else 1.0)

    def lateness(c):
        return {2019: 3.0, 2018: 2.5, 2017: 2.0, 2016: 1.5}.get(ntm_year[c], 1.0)
    difficult = set(rnd.weighted_sample(ntm_by_2019, DIFFICULT_NTM_BY_2019,
                                        lambda c: remote(c) * lateness(c)))
    not_ntm = [c for c in codes if c not in ntm_set]
    difficult.update(rnd.weighted_sample(not_ntm, DIFFICULT_TOTAL - DIFFICULT_NTM_BY_2019, remote))

    # 5. The 5 pilot especially difficult communes, in 5 different districts.
    pilot = []
    for c in rnd.weighted_order([c for c in not_ntm if c in difficult], remote):
        if all(district[p] != district[c] for p in pilot):
            pilot.append(c)
        if len(pilot) == 5:
            break
    pilot.sort()
    pilot_set = set(pilot)

    # 6. The 2020 cohort: 3 pilots (since 2016), 6 more difficult, 4 not difficult; <= 2 per district.
    since_2016 = sorted(rnd.weighted_sample(pilot, 3))
    cohort_2020 = list(since_2016)

    def take(pool, k):
        got = 0
        for c in rnd.weighted_order(pool, lambda _: 1.0):
            if got == k:
                break
            if sum(1 for x in cohort_2020 if district[x] == district[c]) < 2:
                cohort_2020.append(c)
                got += 1
        if got != k:
            raise Failure("cannot fill the 2020 cohort")
    take([c for c in not_ntm if c in difficult and c not in pilot_set], 6)
    take([c for c in not_ntm if c not in difficult], 4)
    cohort_2020.sort()
    cohort_2020_set = set(cohort_2020)
    cohort_2020_other = [c for c in cohort_2020 if c not in set(since_2016)]
    cohort_2020_difficult = [c for c in cohort_2020 if c in difficult]

    # 7. Communes chosen by the districts: 2 per huyện, never recognised.
    district_selected = []
    for d in huyen:
        pool = [c for c in by_dist[d] if c not in ntm_set and c not in cohort_2020_set and c not in pilot_set]
        district_selected += rnd.weighted_sample(pool, 2)
    district_selected.sort()

    # 8. The 2019 cohort: 12 of the 13 recognised in 2019; the 13th beat the plan.
    extra_2019 = rnd.weighted_sample(recognised_2019, 1)[0]
    cohort_2019 = [c for c in recognised_2019 if c != extra_2019]
    for c in cohort_2020:
        ntm_year[c] = 2020

    # 9. Nâng cao: 2 in 2019, 3 in 2020, among communes recognised by 2017 (earliest favoured).
    nc_pool = [c for c in early_ordered if ntm_year[c] <= 2017]
    nang_cao = rnd.weighted_sample(nc_pool, 5, lambda c: 2018.0 - ntm_year[c])
    nang_cao_year = {c: (2019 if k < 2 else 2020) for k, c in enumerate(nang_cao)}

    # 10. Two communes recognised by 2018 that lose one criterion in 2020.
    lost_pool = [c for c in early_ordered if c not in nang_cao_year and 2014 <= ntm_year[c] <= 2018]
    lost_after = rnd.weighted_sample(sorted(lost_pool), 2)
    lost_after_crit = {lost_after[0]: 17, lost_after[1]: 11}

    groups = {
        "border": set(border),
        "difficult": set(difficult),
        "pilot_difficult": set(pilot),
        "district_selected": set(district_selected),
        "cohort_2019": set(cohort_2019),
        "cohort_2020": set(cohort_2020),
        "cohort_2020_difficult": set(cohort_2020_difficult),
        "cohort_2020_pilot_since_2016": set(since_2016),
        "cohort_2020_other": set(cohort_2020_other),
    }

    # ------------------------------------------------------------------
    # Counts of criteria met: initial draws, then exact calibration.
    special = (set(pilot) | set(district_selected) | set(recognised_2019) | cohort_2020_set
               | {c for c in codes if ntm_year.get(c, 9999) <= 2018})
    count = {y: {} for y in YEARS}
    bounds = {y: {} for y in YEARS}   # (lo, hi) of the free values
    fixed = {y: set() for y in YEARS}

    def fix(y, c, v):
        count[y][c] = v
        fixed[y].add(c)

    for c in codes:
        ny = ntm_year.get(c)
        d = c in difficult
        # 2018
        if ny is not None and ny <= 2018:
            fix(2018, c, 19)
        elif c in cohort_2019:
            count[2018][c] = rnd.normal_int(10.4, 1.3, 8, 14); bounds[2018][c] = (8, 14)
        elif c == extra_2019:
            count[2018][c] = rnd.int(13, 16); bounds[2018][c] = (12, 17)
        elif c in pilot_set:
            count[2018][c] = rnd.normal_int(12.0, 1.0, 10, 14); bounds[2018][c] = (10, 14)
        elif c in groups["district_selected"]:
            count[2018][c] = rnd.normal_int(7.6, 1.2, 5, 10); bounds[2018][c] = (5, 10)
        elif c in cohort_2020_set:
            count[2018][c] = rnd.normal_int(9.0, 1.3, 6, 12); bounds[2018][c] = (6, 12)
        elif d:
            count[2018][c] = rnd.normal_int(6.2, 1.6, 3, 12); bounds[2018][c] = (3, 12)
        else:
            count[2018][c] = rnd.normal_int(7.6, 1.8, 3, 14); bounds[2018][c] = (3, 14)

    step = ((0, 0.33), (1, 0.42), (2, 0.2), (3, 0.05))

    def calibrate(y, plan):
        done = set()
        for name, members, target, private_only in plan:
            members = sorted(members)
            eligible = [c for c in members if c not in fixed[y] and c not in done
                        and not (private_only and c in special)]
            cur = sum(count[y][c] for c in members)
            deficit = target - cur
            while deficit != 0:
                moved = False
                for c in rnd.shuffled(eligible):
                    lo, hi = bounds[y][c]
                    if deficit > 0 and count[y][c] < hi:
                        count[y][c] += 1; deficit -= 1; moved = True
                    elif deficit < 0 and count[y][c] > lo:
                        count[y][c] -= 1; deficit += 1; moved = True
                    if deficit == 0:
                        break
                if not moved:
                    raise Failure("cannot calibrate %s %d: %d left" % (name, y, deficit))
            done.update(members)

    calibrate(2018, [
        ("pilot_difficult", pilot, TARGET_SUMS[("pilot_difficult", 2018)], False),
        ("district_selected", district_selected, TARGET_SUMS[("district_selected", 2018)], False),
        ("cohort_2019", cohort_2019, TARGET_SUMS[("cohort_2019", 2018)], False),
        ("border", sorted(border), TARGET_SUMS[("border", 2018)], True),
        ("all", codes, TARGET_SUMS[("all", 2018)], True),
    ])

    for c in codes:
        ny = ntm_year.get(c)
        c18 = count[2018][c]
        if ny is not None and ny <= 2019:
            fix(2019, c, 19)
        elif c in groups["cohort_2020_pilot_since_2016"]:
            count[2019][c] = rnd.int(17, 18); bounds[2019][c] = (17, 18)
        elif c in pilot_set:
            count[2019][c] = min(18, c18 + rnd.int(3, 6)); bounds[2019][c] = (c18, 18)
        elif c in groups["district_selected"]:
            count[2019][c] = c18 + rnd.int(2, 4); bounds[2019][c] = (c18 + 1, 14)
        elif c in cohort_2020_set:
            count[2019][c] = c18 + rnd.int(1, 3); bounds[2019][c] = (max(c18, 8), 15)
        else:
            count[2019][c] = min(16, c18 + rnd.choice_weighted(step)); bounds[2019][c] = (c18, 16)

    calibrate(2019, [
        ("pilot_difficult", pilot, TARGET_SUMS[("pilot_difficult", 2019)], False),
        ("district_selected", district_selected, TARGET_SUMS[("district_selected", 2019)], False),
        ("cohort_2020_other", cohort_2020_other, TARGET_SUMS[("cohort_2020_other", 2019)], False),
        ("border", sorted(border), TARGET_SUMS[("border", 2019)], True),
        ("all", codes, TARGET_SUMS[("all", 2019)], True),
    ])

    step20 = ((0, 0.25), (1, 0.4), (2, 0.25), (3, 0.1))
    for c in codes:
        ny = ntm_year.get(c)
        c19 = count[2019][c]
        if c in lost_after_crit:
            fix(2020, c, 18)
        elif ny is not None:
            fix(2020, c, 19)
        else:
            count[2020][c] = min(18, c19 + rnd.choice_weighted(step20)); bounds[2020][c] = (c19, 18)

    calibrate(2020, [
        ("border", sorted(border), TARGET_SUMS[("border", 2020)], True),
        ("all", codes, TARGET_SUMS[("all", 2020)], True),
    ])

    # 11. Four communes never recognised that lose one criterion between 2018 and 2019.
    loser_pool = [c for c in codes if c not in ntm_year and c not in pilot_set
                  and count[2018][c] >= 5 and count[2019][c] <= 17]
    losers = sorted(rnd.weighted_sample(loser_pool, 4))

    # ------------------------------------------------------------------
    # Criteria sets: each commune meets the criteria in a weighted random order.
    crit_sets = {}
    for c in codes:
        perm = rnd.weighted_order(list(CRIT), lambda k: CRIT_WEIGHT[k])
        sets = {}
        if c in losers:
            s18 = set(perm[:count[2018][c]])
            lost = next(k for k in LOSS_PREFERENCE if k in s18)
            sets[2018] = s18
            sets[2019] = set(perm[:count[2019][c] + 1]) - {lost}
            sets[2020] = set(perm[:count[2020][c] + 1]) - {lost}
        else:
            for y in YEARS:
                sets[y] = set(perm[:count[y][c]])
            if c in lost_after_crit:
                sets[2020] = set(CRIT) - {lost_after_crit[c]}
        for y in YEARS:
            if len(sets[y]) != count[y][c]:
                raise Failure("internal: criteria set size of %s %d" % (c, y))
        crit_sets[c] = sets

    # ------------------------------------------------------------------
    # Rows.
    unit_rows = []
    for u in units:
        c = u["code"]
        g = "|".join(name for name in GROUP_ORDER if c in groups[name])
        unit_rows.append([c, u["name"], u["district"], "Xã", VINTAGE, g])

    criteria_rows = []
    for c in codes:
        for y in YEARS:
            s = crit_sets[c][y]
            kind, cutoff = ("estimate", CUTOFF_2020) if y == 2020 else ("actual", "")
            flags = ["1" if k in s else "0" for k in CRIT]
            criteria_rows.append([c, str(y), kind, cutoff] + flags + [str(len(s))])

    recognition_rows = []
    for c in codes:
        recs = []
        if c in ntm_year:
            recs.append((ntm_year[c], 0, "ntm"))
        if c in nang_cao_year:
            recs.append((nang_cao_year[c], 1, "nang_cao"))
        for y, _, level in sorted(recs):
            recognition_rows.append([c, level, str(y), "estimate" if y >= 2020 else "actual", ""])

    return unit_rows, criteria_rows, recognition_rows


def write_csv(path, header, rows):
    buf = io.StringIO(newline="")
    w = csv.writer(buf, lineterminator="\n", quoting=csv.QUOTE_MINIMAL)
    w.writerow(header)
    w.writerows(rows)
    path.write_bytes(buf.getvalue().encode("utf-8"))


# ----------------------------------------------------------------------------
# Checks (independent of the generator: they read the files back).

def round_half_away(x, digits):
    """Round the exact fraction x half away from zero to `digits` decimals."""
    q = Fraction(10) ** digits
    y = abs(Fraction(x)) * q
    n = math.floor(y + Fraction(1, 2))
    return Fraction(n if x >= 0 else -n) / q


class Checker:
    def __init__(self):
        self.errors = []

    def ok(self, cond, message):
        if not cond:
            self.errors.append(message)
        return cond

    def eq(self, got, want, message):
        return self.ok(got == want, "%s: got %r, expected %r" % (message, got, want))


def read_output(path, header, chk):
    raw = path.read_bytes()
    chk.ok(not raw.startswith(b"\xef\xbb\xbf"), "%s: starts with a byte order mark" % path.name)
    chk.ok(b"\r" not in raw, "%s: contains CR characters" % path.name)
    chk.ok(raw.endswith(b"\n"), "%s: does not end with a line feed" % path.name)
    text = raw.decode("utf-8")
    rows = list(csv.reader(io.StringIO(text, newline="")))
    chk.eq(rows[0] if rows else None, header, "%s header" % path.name)
    for i, r in enumerate(rows[1:], start=2):
        chk.ok(len(r) == len(header), "%s line %d: %d fields" % (path.name, i, len(r)))
    return [dict(zip(header, r)) for r in rows[1:]]


def check(verbose=True):
    chk = Checker()
    units_in, dist_codes = load_inputs()
    dist_of = {u["code"]: u["district"] for u in units_in}
    units = read_output(UNITS_CSV, UNITS_HEADER, chk)
    criteria = read_output(CRITERIA_CSV, CRITERIA_HEADER, chk)
    recognition = read_output(RECOGNITION_CSV, RECOGNITION_HEADER, chk)
    if chk.errors:
        return chk.errors

    # units.csv
    codes = [u["code"] for u in units]
    chk.eq(codes, [u["code"] for u in units_in], "units.csv codes (sorted, as the GSO list)")
    for u, src in zip(units, units_in):
        chk.eq((u["name"], u["district_code"], u["type"], u["vintage"]),
               (src["name"], src["district"], "Xã", VINTAGE), "units.csv %s" % u["code"])
    members = {g: [] for g in GROUP_ORDER}
    for u in units:
        gs = u["groups"].split("|") if u["groups"] else []
        chk.ok(all(g in GROUP_ORDER for g in gs), "units.csv %s: unknown group in %r" % (u["code"], u["groups"]))
        chk.eq(gs, [g for g in GROUP_ORDER if g in gs], "units.csv %s: group order" % u["code"])
        for g in gs:
            if g in members:
                members[g].append(u["code"])
    S = {g: set(v) for g, v in members.items()}
    S["all"] = set(codes)

    # Group sizes and structure.
    for g, n in (("border", 20), ("pilot_difficult", 5), ("district_selected", 20), ("cohort_2019", 12),
                 ("cohort_2020", 13), ("cohort_2020_difficult", 9), ("cohort_2020_pilot_since_2016", 3),
                 ("cohort_2020_other", 10)):
        chk.eq(len(S[g]), n, "size of %s" % g)
    chk.ok(90 <= len(S["difficult"]) <= 100, "size of difficult %d not in 90-100" % len(S["difficult"]))
    chk.ok(all(dist_of[c] in BORDER_DISTRICTS for c in S["border"]), "border communes outside border districts")
    chk.ok(S["pilot_difficult"] <= S["difficult"], "pilot_difficult not within difficult")
    chk.eq(S["cohort_2020_difficult"], S["cohort_2020"] & S["difficult"], "cohort_2020_difficult = cohort_2020 ∩ difficult")
    chk.eq(S["cohort_2020_pilot_since_2016"], S["cohort_2020"] & S["pilot_difficult"],
           "cohort_2020_pilot_since_2016 = cohort_2020 ∩ pilot_difficult")
    chk.ok(S["cohort_2020_pilot_since_2016"] <= S["cohort_2020_difficult"], "pilots since 2016 not in cohort_2020_difficult")
    chk.ok(not (S["cohort_2020_pilot_since_2016"] & S["cohort_2020_other"])
           and (S["cohort_2020_pilot_since_2016"] | S["cohort_2020_other"]) == S["cohort_2020"],
           "cohort_2020 parts do not partition it")
    chk.ok(not (S["cohort_2019"] & S["cohort_2020"]), "cohort_2019 and cohort_2020 overlap")
    for d in dist_codes:
        n = sum(1 for c in S["district_selected"] if dist_of[c] == d)
        chk.eq(n, 0 if d == CITY else 2, "district_selected in district %s" % d)
    # difficult concentrated in remote districts
    def share(ds):
        pool = [c for c in codes if dist_of[c] in ds]
        return Fraction(sum(1 for c in pool if c in S["difficult"]), len(pool))
    chk.eq(sum(1 for c in S["difficult"] if dist_of[c] == CITY), 0, "difficult communes in the city")
    chk.ok(share(BORDER_DISTRICTS) > share(("186", "187")),
           "difficult not concentrated in border districts (vs Hữu Lũng, Chi Lăng)")

    # criteria.csv
    cnt = {y: {} for y in YEARS}
    sets = {y: {} for y in YEARS}
    keys = []
    for r in criteria:
        c, y = r["unit_code"], int(r["year"])
        keys.append((c, y))
        chk.ok(y in YEARS, "criteria.csv: year %s" % r["year"])
        want = ("estimate", CUTOFF_2020) if y == 2020 else ("actual", "")
        chk.eq((r["kind"], r["cutoff"]), want, "criteria.csv %s %d kind/cutoff" % (c, y))
        flags = [r[k] for k in CRIT_COLS]
        chk.ok(all(f in ("0", "1") for f in flags), "criteria.csv %s %d: flags not 0/1" % (c, y))
        s = {k for k, f in zip(CRIT, flags) if f == "1"}
        n = int(r["count"])
        chk.eq(n, len(s), "criteria.csv %s %d count" % (c, y))
        chk.ok(3 <= n <= 19, "criteria.csv %s %d: count %d outside 3-19" % (c, y, n))
        cnt[y][c] = n
        sets[y][c] = s
    chk.eq(keys, [(c, y) for c in codes for y in YEARS], "criteria.csv rows (one per unit and year, sorted)")
    if chk.errors:
        return chk.errors

    # recognition.csv
    ntm, nc = {}, {}
    rec_keys = []
    for r in recognition:
        c, lvl, y = r["unit_code"], r["level"], int(r["year"])
        rec_keys.append((c, y, lvl))
        chk.ok(c in S["all"], "recognition.csv: unknown unit %s" % c)
        chk.ok(lvl in ("ntm", "nang_cao"), "recognition.csv %s: level %s" % (c, lvl))
        chk.eq(r["kind"], "actual" if y <= 2019 else "estimate", "recognition.csv %s %s kind" % (c, lvl))
        chk.eq(r["decision"], "", "recognition.csv %s decision" % c)
        target = ntm if lvl == "ntm" else nc
        chk.ok(c not in target, "recognition.csv %s: recognised twice at %s" % (c, lvl))
        target[c] = y
    chk.eq(rec_keys, sorted(rec_keys, key=lambda k: (k[0], k[1], k[2] != "ntm")), "recognition.csv sort order")
    by18 = {c for c, y in ntm.items() if y <= 2018}
    by19 = {c for c, y in ntm.items() if y <= 2019}
    new19 = {c for c, y in ntm.items() if y == 2019}
    new20 = {c for c, y in ntm.items() if y == 2020}
    chk.eq(len(by18), 39, "NTM recognised by 2018")
    chk.ok(all(2011 <= ntm[c] <= 2018 for c in by18), "NTM recognitions before 2011")
    per_year = [sum(1 for c in by18 if ntm[c] == y) for y in range(2011, 2019)]
    chk.ok(sum(per_year[:4]) < sum(per_year[4:]), "recognitions not 'few early, more later': %s" % per_year)
    chk.eq(len(new19), 13, "NTM new in 2019 (F01)")
    chk.eq(len(by19), 52, "NTM total by 2019 (F19)")
    chk.ok(S["cohort_2019"] <= new19, "cohort_2019 not all recognised in 2019")
    chk.eq(new20, S["cohort_2020"], "NTM new in 2020 = cohort_2020 (F17)")
    chk.eq(len(ntm), 65, "NTM total by 2020 (F18)")
    chk.eq(len(by19 & S["difficult"]), 15, "difficult among the NTM by 2019 (F22)")
    chk.eq(len(by19 & S["border"]), 4, "border among the NTM by 2019 (F23)")
    chk.ok(not (set(ntm) & S["district_selected"]), "a district_selected commune is recognised")
    for d in dist_codes:
        n = sum(1 for c in by19 if dist_of[c] == d)
        chk.ok(n >= 3, "district %s has %d NTM communes by 2019 (F21)" % (d, n))
    city = [c for c in codes if dist_of[c] == CITY]
    chk.ok(all(c in by18 for c in city), "not all city communes are NTM by 2018")
    chk.eq(sorted(nc.values()), [2019, 2019, 2020, 2020, 2020], "nâng cao years (F03, F24)")
    chk.ok(all(c in ntm and ntm[c] <= 2017 for c in nc), "nâng cao not among the NTM of 2017 or earlier")

    # Recognised communes meet 19 from recognition; exactly 2 (by 2018) fall to 18 in 2020.
    dropped = []
    for c, ry in sorted(ntm.items()):
        for y in YEARS:
            if y < ry:
                continue
            if cnt[y][c] != 19:
                dropped.append((c, y, cnt[y][c]))
    chk.eq(len(dropped), 2, "recognised communes below 19 later: %s" % dropped)
    chk.ok(all(y == 2020 and n == 18 and c in by18 and c not in nc for c, y, n in dropped),
           "recognised communes that lost criteria: %s" % dropped)
    chk.ok(all(cnt[ry][c] == 19 for c, ry in ntm.items() if ry in YEARS), "recognised commune below 19 in its year")
    for c in codes:
        if c not in ntm:
            chk.ok(cnt[2019][c] <= 18 and cnt[2020][c] <= 18, "unrecognised %s meets 19" % c)

    # Growth of criteria sets.
    shrink19 = [c for c in codes if not sets[2018][c] <= sets[2019][c]]
    shrink20 = [c for c in codes if not sets[2019][c] <= sets[2020][c]]
    chk.eq(len(shrink19), 4, "communes losing criteria 2018→2019")
    chk.ok(all(c not in ntm and len(sets[2018][c] - sets[2019][c]) == 1 for c in shrink19),
           "2018→2019 losers must be unrecognised and lose exactly one criterion")
    chk.eq(sorted(shrink20), sorted(c for c, _, _ in dropped), "communes losing criteria 2019→2020")
    chk.ok(all(len(sets[2019][c] - sets[2020][c]) == 1 for c in shrink20), "2019→2020 losers lose one criterion")

    # Calibration sums and rounded means.
    def gsum(g, y):
        return sum(cnt[y][c] for c in S[g])
    for (g, y), want in sorted(TARGET_SUMS.items()):
        chk.eq(gsum(g, y), want, "sum of %s %d" % (g, y))

    def mean(g, y):
        return Fraction(gsum(g, y), len(S[g]))
    D = Fraction
    chk.eq(round_half_away(mean("all", 2019), 2), D("11.54"), "province mean 2019 (F04)")
    chk.eq(round_half_away(mean("all", 2018), 2), D("10.04"), "province mean 2018 (F05)")
    chk.eq(round_half_away(mean("all", 2019) - mean("all", 2018), 1), D("1.5"), "province increase (F04)")
    chk.eq(round_half_away(mean("border", 2019), 2), D("10.6"), "border mean 2019 (F10)")
    chk.eq(round_half_away(mean("border", 2018), 2), D("9.35"), "border mean 2018 (F11)")
    chk.eq(round_half_away(mean("border", 2019) - mean("border", 2018), 2), D("1.25"), "border increase (F10)")
    chk.ok(D("11.5") <= mean("border", 2020) <= 12, "border 2020 mean outside 11.5-12 (F25)")
    chk.eq(round_half_away(mean("pilot_difficult", 2019), 1), D("17.2"), "pilot mean 2019 (F06)")
    chk.eq(round_half_away(mean("pilot_difficult", 2018), 1), D("12.0"), "pilot mean 2018 (F07)")
    chk.eq(round_half_away(mean("district_selected", 2019), 1), D("10.4"), "district_selected mean 2019 (F14)")
    chk.eq(round_half_away(mean("district_selected", 2018), 1), D("7.6"), "district_selected mean 2018 (F15)")
    chk.eq(round_half_away(mean("cohort_2019", 2018), 1), D("10.4"), "cohort_2019 mean 2018 (F32)")
    chk.eq(round_half_away(mean("cohort_2020_other", 2019), 1), D("10.8"), "cohort_2020_other mean 2019 (F31)")
    chk.ok(D("12.5") <= mean("all", 2020) <= 13, "province 2020 mean outside 12.5-13")
    chk.ok(all(17 <= cnt[2019][c] <= 18 for c in S["cohort_2020_pilot_since_2016"]),
           "pilots since 2016 not at 17-18 criteria in 2019")

    # Plausible criterion difficulty (2019 shares).
    share19 = {k: Fraction(sum(1 for c in codes if k in sets[2019][c]), len(codes)) for k in CRIT}
    for k in EASY:
        chk.ok(share19[k] >= D("0.8"), "easy criterion c%02d met by %.0f%% in 2019" % (k, 100 * share19[k]))
    for k in HARD:
        chk.ok(D("0.2") <= share19[k] <= D("0.5"), "hard criterion c%02d met by %.0f%% in 2019" % (k, 100 * share19[k]))

    if verbose:
        print("%-30s %4s %4s %5s %6s" % ("group", "year", "n", "sum", "mean"))
        for g in ("all",) + GROUP_ORDER:
            for y in YEARS:
                print("%-30s %4d %4d %5d %6.2f" % (g, y, len(S[g]), gsum(g, y), float(mean(g, y))))
        print("NTM recognitions per year: %s" % ", ".join(
            "%d:%d" % (y, sum(1 for v in ntm.values() if v == y)) for y in range(2011, 2021)))
        print("NTM by 2019: %d (difficult %d, border %d); by 2020: %d; nâng cao 2019: %d, 2020: %d" % (
            len(by19), len(by19 & S["difficult"]), len(by19 & S["border"]), len(ntm),
            sum(1 for v in nc.values() if v == 2019), sum(1 for v in nc.values() if v == 2020)))
        print("Lost criteria after recognition (2020): %s; unrecognised losing one 2018→2019: %s" % (
            ", ".join("%s (c%02d)" % (c, min(sets[2019][c] - sets[2020][c])) for c in sorted(shrink20)),
            ", ".join("%s (c%02d)" % (c, min(sets[2018][c] - sets[2019][c])) for c in sorted(shrink19))))
        print("Share meeting each criterion in 2019: " + " ".join(
            "c%02d %d%%" % (k, round(100 * share19[k])) for k in CRIT))
    return chk.errors


def main():
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--check", action="store_true", help="only check the existing files")
    args = ap.parse_args()
    try:
        if not args.check:
            units, dist_codes = load_inputs()
            unit_rows, criteria_rows, recognition_rows = generate(units, dist_codes)
            write_csv(UNITS_CSV, UNITS_HEADER, unit_rows)
            write_csv(CRITERIA_CSV, CRITERIA_HEADER, criteria_rows)
            write_csv(RECOGNITION_CSV, RECOGNITION_HEADER, recognition_rows)
            print("wrote %s, %s, %s" % (UNITS_CSV.relative_to(ROOT), CRITERIA_CSV.relative_to(ROOT),
                                        RECOGNITION_CSV.relative_to(ROOT)))
        errors = check()
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
