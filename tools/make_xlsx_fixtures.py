#!/usr/bin/env python3
"""Write the test fixtures of `annex import` (Excel workbooks laid out the way provincial offices lay them out).

NEEDS openpyxl (pip install openpyxl; tested with 3.1.5). LibreOffice is NOT needed.

Run from anywhere (paths are found from this file's location):
    python3 tools/make_xlsx_fixtures.py           write every fixture, then check them
    python3 tools/make_xlsx_fixtures.py --check   only check the existing fixtures
    python3 tools/make_xlsx_fixtures.py --verify-bomb   also inflate zip-bomb.xlsx in memory-bounded
                                                        chunks (about 10 s) and check its CRC and size

Reads Datasets/langson (units.csv, districts.csv, criteria.csv, recognition.csv): 22 communes of three
districts (Tràng Định 180, Bình Gia 181, Văn Lãng 182) with their GSO codes, names and c01..c19 of 2018,
2019 and 2020. That commune data is SYNTHETIC (tools/generate_langson_dataset.py, calibrated to the
notices of 2020); the codes and names are real.

Writes Tests/Fixtures/xlsx/: per-year-sheets.xlsx, long-sheet.xlsx, years-side-by-side.xlsx,
marks-and-flags.xlsx, cached-formulas.xlsx, exported.csv (each with NAME.expected.json: what a correct
import gives) and the refused files not-xlsx.xls, book.ods, damaged.xlsx, zip-bomb.xlsx (each with
NAME.expected.json giving the expected error substring). See Tests/Fixtures/xlsx/README.md.

Deterministic: fixed content, workbook properties created/modified fixed at 2020-07-20T08:00:00Z, every zip
member re-packed with a fixed timestamp, so reruns give byte-identical files (with the same zlib).
"""

import argparse
import csv
import datetime
import io
import json
import re
import struct
import sys
import unicodedata
import zipfile
import zlib
from decimal import Decimal, ROUND_HALF_UP
from pathlib import Path

try:
    import openpyxl
    from openpyxl.styles import Alignment, Font
    from openpyxl.utils import get_column_letter
except ImportError:  # pragma: no cover
    sys.exit("make_xlsx_fixtures.py needs openpyxl: pip install openpyxl")

ROOT = Path(__file__).resolve().parent.parent
DATA = ROOT / "Datasets" / "langson"
OUT = ROOT / "Tests" / "Fixtures" / "xlsx"

FIXED = datetime.datetime(2020, 7, 20, 8, 0, 0)
ZIP_TIME = (2020, 7, 20, 8, 0, 0)
YEARS = (2018, 2019, 2020)
ESTIMATE_YEAR, CUTOFF = 2020, "2020-06-30"
ESTIMATE_NOTE = "(Ước thực hiện đến 31/12/2020, số liệu thực hiện đến 30/6/2020)"
TITLE = "BIỂU TỔNG HỢP KẾT QUẢ THỰC HIỆN BỘ TIÊU CHÍ QUỐC GIA VỀ XÃ NÔNG THÔN MỚI"
# The 2018 and 2019 results come with the report of January 2020; the 2020 estimate (actual to 30/6/2020)
# can only come with a later report, so the 2020 sheet names one of July 2020.
ATTACHED = {
    2018: "(Kèm theo Báo cáo số 123/BC-UBND ngày 15/01/2020 của UBND tỉnh Lạng Sơn)",
    2019: "(Kèm theo Báo cáo số 123/BC-UBND ngày 15/01/2020 của UBND tỉnh Lạng Sơn)",
    2020: "(Kèm theo Báo cáo số 215/BC-UBND ngày 20/7/2020 của UBND tỉnh Lạng Sơn)",
}
CRITERIA_VI = [
    "Quy hoạch", "Giao thông", "Thủy lợi", "Điện", "Trường học", "Cơ sở vật chất văn hóa",
    "Cơ sở hạ tầng thương mại nông thôn", "Thông tin và Truyền thông", "Nhà ở dân cư", "Thu nhập",
    "Hộ nghèo", "Lao động có việc làm", "Tổ chức sản xuất", "Giáo dục và Đào tạo", "Y tế", "Văn hóa",
    "Môi trường và an toàn thực phẩm", "Hệ thống chính trị và tiếp cận pháp luật", "Quốc phòng và An ninh",
]
ROMAN = ["I", "II", "III", "IV", "V"]
DATA_NOTE = ("Datasets/langson: GSO codes and names are real (units of 1/1/2020); the commune criteria "
             "are SYNTHETIC, calibrated to the notices of the People's Committee of Lạng Sơn (2020)")

# The communes used: 8 of Tràng Định, 7 of Bình Gia, 7 of Văn Lãng. Two are both named "Xã Hồng Thái"
# (06115 Bình Gia, 06175 Văn Lãng): codes key units, names never do.
PICK = {
    "180": ["05998", "06001", "06007", "06013", "06016", "06031", "06049", "06061"],
    "181": ["06067", "06070", "06076", "06100", "06103", "06115", "06121"],
    "182": ["06127", "06136", "06151", "06157", "06163", "06175", "06181"],
}
DISTRICT_ORDER = ["180", "181", "182"]
# A commune merged away on 1/1/2020 (Resolution 818/NQ-UBTVQH14): the stray hidden row of long-sheet.xlsx.
STRAY = {"code": "06052", "name": "Xã Bắc Ái", "district": "180",
         "criteria": [1, 0, 0, 1, 0, 0, 0, 1, 0, 0, 0, 1, 0, 1, 1, 0, 0, 1, 1]}


def nfc(s):
    return unicodedata.normalize("NFC", s)


def nfd(s):
    return unicodedata.normalize("NFD", s)


# ----------------------------------------------------------------------------------------------- data

def read_csv(name):
    with open(DATA / name, encoding="utf-8-sig", newline="") as f:
        return list(csv.DictReader(f))


def load():
    districts = {r["code"]: r for r in read_csv("districts.csv")}
    units = {r["code"]: r for r in read_csv("units.csv")}
    crit = {}
    for r in read_csv("criteria.csv"):
        crit[(r["unit_code"], int(r["year"]))] = r
    recog = {}
    for r in read_csv("recognition.csv"):
        if r["level"] == "ntm":
            recog[r["unit_code"]] = (int(r["year"]), r["kind"])
    communes = []
    for d in DISTRICT_ORDER:
        for code in PICK[d]:
            u = units[code]
            assert u["district_code"] == d and u["type"] == "Xã", code
            groups = set(filter(None, u["groups"].split("|")))
            years = {}
            for y in YEARS:
                r = crit[(code, y)]
                values = [int(r["c%02d" % i]) for i in range(1, 20)]
                count = int(r["count"])
                assert sum(values) == count, (code, y)
                kind = r["kind"]
                cutoff = r["cutoff"] or None
                assert (kind, cutoff) == (("estimate", CUTOFF) if y == ESTIMATE_YEAR else ("actual", None)), (code, y)
                years[y] = {"criteria": values, "count": count, "kind": kind, "cutoff": cutoff}
            communes.append({
                "code": code, "name": nfc(u["name"]), "district": d,
                "border": "border" in groups, "difficult": "difficult" in groups,
                "years": years, "recognised": recog.get(code),
            })
    return districts, communes


DISTRICTS, COMMUNES = None, None


def district_obj(code):
    d = DISTRICTS[code]
    return {"code": code, "name": nfc(d["name"]), "full_name": nfc(d["full_name"])}


def by_district():
    return [(d, [c for c in COMMUNES if c["district"] == d]) for d in DISTRICT_ORDER]


def year_note(c, y):
    """The 'Ghi chú' text of a per-year row: the NTM recognition of that year, if any."""
    rec = c["recognised"]
    if rec and rec[0] == y:
        return ("Đạt chuẩn NTM năm %d" if rec[1] == "actual" else "Phấn đấu đạt chuẩn NTM năm %d") % y
    return None


def commune_note(c):
    """The 'Ghi chú' text of a row covering all years (years-side-by-side)."""
    rec = c["recognised"]
    if not rec:
        return None
    return ("Đạt chuẩn NTM năm %d" if rec[1] == "actual" else "Phấn đấu đạt chuẩn NTM năm %d") % rec[0]


# ----------------------------------------------------------------------------------------------- grids

class F:
    """A formula cell: its text (with '='), the value Excel would cache, and a number format."""

    def __init__(self, text, cached, fmt=None):
        self.text, self.cached, self.fmt = text, cached, fmt


class Grid:
    """One sheet's content, written to openpyxl and to CSV from the same cells."""

    def __init__(self, name, ncol):
        self.name, self.ncol = name, ncol
        self.cells, self.fmt, self.style = {}, {}, {}
        self.merges, self.hidden_rows = [], set()
        self.roles = {}  # row -> ("commune", info) or ("left_out", reason, detail)
        self.widths = {}
        self.last = 0
        self.header_row = self.note_row = self.date_row = None

    def set(self, r, c, v, fmt=None, style=None):
        if v is not None:
            self.cells[(r, c)] = v
        if fmt:
            self.fmt[(r, c)] = fmt
        if style:
            self.style[(r, c)] = style
        self.last = max(self.last, r)

    def merge(self, r1, c1, r2, c2):
        self.merges.append((r1, c1, r2, c2))

    def leave(self, r, reason, detail=None):
        assert r not in self.roles, (self.name, r)
        self.roles[r] = ("left_out", reason, detail)
        self.last = max(self.last, r)

    def commune(self, r, info):
        assert r not in self.roles, (self.name, r)
        self.roles[r] = ("commune", info)
        self.last = max(self.last, r)


def col(n):
    return get_column_letter(n)


def ref(r, c):
    return "%s%d" % (col(c), r)


def mean(values):
    return sum(values) / len(values)


def avg_row(g, r, label_cols, first_col, last_col, ranges, values_by_col, label="Bình quân"):
    """An average row: label merged over label_cols, =AVERAGE(...) over the commune rows in ranges."""
    c1, c2 = label_cols
    g.set(r, c1, label, style="bold")
    if c2 > c1:
        g.merge(r, c1, r, c2)
    for c in range(first_col, last_col + 1):
        args = ",".join("%s%d:%s%d" % (col(c), a, col(c), b) for a, b in ranges)
        g.set(r, c, F("=AVERAGE(%s)" % args, mean(values_by_col[c]), "0.00"), fmt="0.00")


# Layout 1 and 5: the provincial summary form, one sheet per year. Columns:
# A STT, B Mã xã, C Tên xã, D Huyện, E..W criteria 1..19, X Tổng số tiêu chí đạt, Y Xã biên giới, Z Xã ĐBKK,
# AA Ghi chú.
NCOL_FORM = 27
C_CODE, C_NAME, C_DIST, C_C1, C_COUNT, C_BORDER, C_DIFF, C_NOTE = 2, 3, 4, 5, 24, 25, 26, 27


def form_grid(year, sheet_name, excelish=False, report_date=None):
    """excelish: the count column and the notes are formulas, the flags booleans (cached-formulas.xlsx)."""
    g = Grid(sheet_name, NCOL_FORM)
    g.widths = {1: 5, 2: 8, 3: 20, 4: 12, C_COUNT: 10, C_BORDER: 9, C_DIFF: 9, C_NOTE: 26}
    for c in range(C_C1, C_C1 + 19):
        g.widths[c] = 4
    r = 1
    g.set(r, 1, TITLE, style="title"); g.merge(r, 1, r, NCOL_FORM); g.leave(r, "title"); r += 1
    g.set(r, 1, "NĂM %d" % year, style="title"); g.merge(r, 1, r, NCOL_FORM); g.leave(r, "title"); r += 1
    g.set(r, 1, ATTACHED[year], style="italic"); g.merge(r, 1, r, NCOL_FORM); g.leave(r, "title"); r += 1
    if year == ESTIMATE_YEAR:
        g.set(r, 1, ESTIMATE_NOTE, style="italic"); g.merge(r, 1, r, NCOL_FORM)
        g.note_row = r
        g.leave(r, "title", "estimate note: %d is an estimate, cutoff %s" % (year, CUTOFF)); r += 1
    if report_date is not None:
        g.date_row = r
        g.set(r, 1, "Ngày báo cáo:"); g.merge(r, 1, r, 2)
        g.set(r, 3, report_date, fmt="dd/mm/yyyy")
        g.leave(r, "title", "report date"); r += 1
    g.leave(r, "blank"); r += 1
    h = g.header_row = r
    for c, text in [(1, "STT"), (2, "Mã xã"), (3, "Tên xã"), (4, "Huyện"), (C_COUNT, "Tổng số tiêu chí đạt"),
                    (C_BORDER, "Xã biên giới"), (C_DIFF, "Xã ĐBKK"), (C_NOTE, "Ghi chú")]:
        g.set(h, c, text, style="header"); g.merge(h, c, h + 1, c)
    g.set(h, C_C1, "Tiêu chí", style="header"); g.merge(h, C_C1, h, C_C1 + 18)
    for i in range(19):
        g.set(h + 1, C_C1 + i, i + 1, style="header")
    g.leave(h, "header"); g.leave(h + 1, "header")
    r = h + 2
    ranges_all, values_all = [], {c: [] for c in range(C_C1, C_COUNT + 1)}
    for k, (d, cs) in enumerate(by_district()):
        g.set(r, 1, ROMAN[k], style="bold")
        g.set(r, 2, DISTRICTS[d]["full_name"], style="bold"); g.merge(r, 2, r, NCOL_FORM)
        g.leave(r, "heading", "district %s" % d); r += 1
        first = r
        values = {c: [] for c in range(C_C1, C_COUNT + 1)}
        for n, c in enumerate(cs, 1):
            y = c["years"][year]
            g.set(r, 1, n)
            g.set(r, C_CODE, c["code"])
            g.set(r, C_NAME, c["name"])
            g.set(r, C_DIST, DISTRICTS[d]["name"])
            for i, v in enumerate(y["criteria"]):
                g.set(r, C_C1 + i, v)
                values[C_C1 + i].append(v)
            values[C_COUNT].append(y["count"])
            note = year_note(c, year)
            if excelish:
                g.set(r, C_COUNT, F("=SUM(%s:%s)" % (ref(r, C_C1), ref(r, C_C1 + 18)), y["count"]))
                g.set(r, C_BORDER, c["border"])
                g.set(r, C_DIFF, c["difficult"])
                g.set(r, C_NOTE, F('=IF(%s=19,"Đạt đủ 19 tiêu chí","")' % ref(r, C_COUNT),
                                   "Đạt đủ 19 tiêu chí" if y["count"] == 19 else ""))
                note = "Đạt đủ 19 tiêu chí" if y["count"] == 19 else None
            else:
                g.set(r, C_COUNT, y["count"])
                g.set(r, C_BORDER, "x" if c["border"] else None)
                g.set(r, C_DIFF, "x" if c["difficult"] else None)
                g.set(r, C_NOTE, note)
            g.commune(r, {"c": c, "year": year, "note": note,
                          "border": c["border"], "difficult": c["difficult"]})
            r += 1
        last = r - 1
        avg_row(g, r, (2, 4), C_C1, C_COUNT, [(first, last)], values)
        g.leave(r, "average", "Bình quân of %s" % DISTRICTS[d]["full_name"]); r += 1
        g.leave(r, "blank"); r += 1
        ranges_all.append((first, last))
        for cc in values:
            values_all[cc] += values[cc]
    avg_row(g, r, (2, 4), C_C1, C_COUNT, ranges_all, values_all, label="Bình quân chung")
    g.leave(r, "average", "Bình quân chung (all districts)")
    return g


def form_columns():
    m = {"A": "serial", "B": "unit_code", "C": "unit_name", "D": "district"}
    for i in range(19):
        m[col(C_C1 + i)] = "c%02d" % (i + 1)
    m.update({col(C_COUNT): "count", col(C_BORDER): "border", col(C_DIFF): "difficult", col(C_NOTE): "note"})
    return m


# Layout 2: one long sheet.
def long_grid():
    g = Grid("Tổng hợp", 25)
    g.widths = {1: 6, 2: 14, 3: 22, 4: 20, 24: 7, 25: 24}
    for c in range(5, 24):
        g.widths[c] = 5
    g.set(1, 1, "Kết quả thực hiện tiêu chí nông thôn mới các xã, giai đoạn 2018 - 2020", style="bold")
    g.leave(1, "title")
    g.set(2, 1, ESTIMATE_NOTE, style="italic")
    g.leave(2, "title", "estimate note: %d is an estimate, cutoff %s" % (ESTIMATE_YEAR, CUTOFF))
    g.leave(3, "blank")
    heads = ["Năm", "Commune code", "Commune", "District"] + ["TC%d" % i for i in range(1, 20)] + ["Total", "Ghi chú"]
    for c, t in enumerate(heads, 1):
        g.set(4, c, t, style="header")
    g.leave(4, "header")
    r = 5

    def row(year, code, name, district, values, note=None):
        g.set(r, 1, year)
        g.set(r, 2, code)
        g.set(r, 3, name)
        g.set(r, 4, DISTRICTS[district]["full_name"])
        for i, v in enumerate(values):
            g.set(r, 5 + i, "x" if v else None)
        g.set(r, 24, sum(values))
        g.set(r, 25, note)

    for y in YEARS:
        for d, cs in by_district():
            for c in cs:
                if y == 2019 and c["code"] > STRAY["code"] and not g.hidden_rows:
                    row(y, STRAY["code"], STRAY["name"], STRAY["district"], STRAY["criteria"])
                    g.hidden_rows.add(r)
                    g.leave(r, "hidden", "%s %s: merged away on 1/1/2020; the row is hidden"
                            % (STRAY["code"], STRAY["name"]))
                    r += 1
                name = c["name"]
                # Statisticians' stray spaces: kept in the cell, trimmed by the import.
                if (y, c["code"]) in ((2019, "06070"), (2020, "06157")):
                    name = name + " "
                note = year_note(c, y)
                row(y, c["code"], name, d, c["years"][y]["criteria"], note)
                g.commune(r, {"c": c, "year": y, "note": note, "border": None, "difficult": None})
                r += 1
    g.leave(r, "blank"); r += 1
    g.set(r, 3, "Lạng Sơn, ngày 20 tháng 7 năm 2020", style="italic"); g.leave(r, "footer"); r += 1
    g.set(r, 3, "NGƯỜI LẬP BIỂU", style="bold"); g.set(r, 20, "THỦ TRƯỞNG ĐƠN VỊ", style="bold")
    g.leave(r, "footer")
    return g


def params_grid():
    g = Grid("Tham số", 3)
    g.set(1, 1, "Tham số (danh mục dùng cho biểu nhập liệu)", style="bold")
    g.set(2, 1, "Mã"); g.set(2, 2, "Tiêu chí"); g.set(2, 3, "Ký hiệu đạt")
    for i, name in enumerate(CRITERIA_VI, 1):
        g.set(2 + i, 1, "TC%d" % i); g.set(2 + i, 2, name); g.set(2 + i, 3, "x")
    g.set(23, 1, "Năm"); g.set(23, 2, 2018); g.set(23, 3, 2021)
    # A commune-looking row on the hidden sheet: an import reading it would get a spurious unit.
    g.set(24, 1, "06998"); g.set(24, 2, "Xã Thử Nghiệm"); g.set(24, 3, 19)
    return g


# Layout 3: counts for three years side by side. Columns A STT, B Mã xã, C Tên xã, D..F counts 2018..2020,
# G change since 2018 (formula), H Ghi chú. The district comes from the heading rows only.
def side_grid():
    g = Grid("Tổng hợp", 8)
    g.widths = {1: 5, 2: 8, 3: 22, 4: 10, 5: 10, 6: 10, 7: 14, 8: 28}
    g.set(1, 1, "TỔNG HỢP SỐ TIÊU CHÍ ĐẠT CHUẨN NÔNG THÔN MỚI CỦA CÁC XÃ, GIAI ĐOẠN 2018 - 2020", style="title")
    g.merge(1, 1, 1, 8); g.leave(1, "title")
    g.set(2, 1, ESTIMATE_NOTE, style="italic"); g.merge(2, 1, 2, 8)
    g.leave(2, "title", "estimate note: %d is an estimate, cutoff %s" % (ESTIMATE_YEAR, CUTOFF))
    g.leave(3, "blank")
    for c, t in [(1, "STT"), (2, "Mã xã"), (3, "Tên xã"), (7, "Tăng (+), giảm (-) so với năm 2018"), (8, "Ghi chú")]:
        g.set(4, c, t, style="header"); g.merge(4, c, 5, c)
    g.set(4, 4, "Số tiêu chí đạt", style="header"); g.merge(4, 4, 4, 6)
    for i, y in enumerate(YEARS):
        g.set(5, 4 + i, "Năm %d" % y, style="header")
    g.leave(4, "header"); g.leave(5, "header")
    r = 6
    for k, (d, cs) in enumerate(by_district()):
        g.set(r, 1, ROMAN[k], style="bold"); g.set(r, 2, DISTRICTS[d]["full_name"], style="bold")
        g.merge(r, 2, r, 8); g.leave(r, "heading", "district %s" % d); r += 1
        first = r
        values = {4: [], 5: [], 6: [], 7: []}
        for n, c in enumerate(cs, 1):
            g.set(r, 1, n); g.set(r, 2, c["code"]); g.set(r, 3, c["name"])
            for i, y in enumerate(YEARS):
                g.set(r, 4 + i, c["years"][y]["count"])
                values[4 + i].append(c["years"][y]["count"])
            delta = c["years"][2020]["count"] - c["years"][2018]["count"]
            g.set(r, 7, F("=F%d-D%d" % (r, r), delta))
            values[7].append(delta)
            g.set(r, 8, commune_note(c))
            g.commune(r, {"c": c, "year": None, "note": commune_note(c), "border": None, "difficult": None})
            r += 1
        avg_row(g, r, (2, 3), 4, 7, [(first, r - 1)], values)
        g.leave(r, "average", "Bình quân of %s" % DISTRICTS[d]["full_name"]); r += 1
        if k < 2:
            g.leave(r, "blank"); r += 1
    return g


# Layout 4: marks and flags, headers in NFD and in upper case without diacritics.
MARKS = {
    "dat": ("Đạt", "Chưa đạt"),
    "tick": ("✓", None),   # U+2713 CHECK MARK; not met: blank
    "X": ("X", None),      # upper-case X; not met: blank
}
MARK_PLAN = {2019: {"180": "dat", "181": "tick", "182": "X"},
             2020: {"180": "X", "181": "dat", "182": "tick"}}


def marks_grid(year):
    g = Grid(str(year), 26)
    g.widths = {1: 5, 2: 8, 3: 22, 4: 12, 24: 10, 25: 9, 26: 12}
    for c in range(5, 24):
        g.widths[c] = 9
    r = 1
    g.set(r, 1, "KẾT QUẢ ĐÁNH GIÁ MỨC ĐỘ ĐẠT TIÊU CHÍ NÔNG THÔN MỚI NĂM %d" % year, style="title")
    g.merge(r, 1, r, 26); g.leave(r, "title"); r += 1
    if year == ESTIMATE_YEAR:
        g.set(r, 1, ESTIMATE_NOTE, style="italic"); g.merge(r, 1, r, 26)
        g.leave(r, "title", "estimate note: %d is an estimate, cutoff %s" % (year, CUTOFF)); r += 1
    g.leave(r, "blank"); r += 1
    h = g.header_row = r
    heads = ["STT", "MA XA", "TEN XA", nfd("Huyện")]
    heads += [nfd("%d. %s" % (i, n)) for i, n in enumerate(CRITERIA_VI, 1)]
    heads += ["Tổng số\ntiêu chí đạt", nfd("Xã biên giới"), nfd("Xã đặc biệt khó khăn")]
    for c, t in enumerate(heads, 1):
        g.set(h, c, t, style="header")
    g.leave(h, "header")
    r = h + 1
    first = r
    n = 0
    for d, cs in by_district():
        met, not_met = MARKS[MARK_PLAN[year][d]]
        for c in cs:
            n += 1
            y = c["years"][year]
            g.set(r, 1, n)
            g.set(r, 2, int(c["code"]), fmt="00000")   # a number shown with leading zeros
            g.set(r, 3, nfd(c["name"]) if d == "181" else c["name"])
            g.set(r, 4, DISTRICTS[d]["name"])
            for i, v in enumerate(y["criteria"]):
                g.set(r, 5 + i, met if v else not_met)
            g.set(r, 24, y["count"])
            g.set(r, 25, "x" if c["border"] else None)
            g.set(r, 26, "x" if c["difficult"] else None)
            g.commune(r, {"c": c, "year": year, "note": None, "border": c["border"], "difficult": c["difficult"],
                          "marks": MARK_PLAN[year][d]})
            r += 1
    last = r - 1
    g.set(r, 3, "Tổng số xã", style="bold")
    g.set(r, 25, F('=COUNTIF(Y%d:Y%d,"x")' % (first, last), sum(c["border"] for c in COMMUNES)))
    g.set(r, 26, F('=COUNTIF(Z%d:Z%d,"x")' % (first, last), sum(c["difficult"] for c in COMMUNES)))
    g.leave(r, "subtotal", "Tổng số xã: counts of the flags")
    return g


# ----------------------------------------------------------------------------------------------- writing

def write_sheet(ws, g):
    for (r, c), v in sorted(g.cells.items()):
        cell = ws.cell(row=r, column=c)
        cell.value = v.text if isinstance(v, F) else v
        fmt = g.fmt.get((r, c)) or (v.fmt if isinstance(v, F) else None)
        if fmt:
            cell.number_format = fmt
        st = g.style.get((r, c))
        if st == "title":
            cell.font = Font(bold=True, size=12)
            cell.alignment = Alignment(horizontal="center")
        elif st == "header":
            cell.font = Font(bold=True)
            cell.alignment = Alignment(horizontal="center", vertical="center", wrap_text=True)
        elif st == "bold":
            cell.font = Font(bold=True)
        elif st == "italic":
            cell.font = Font(italic=True)
            cell.alignment = Alignment(horizontal="center")
    for r1, c1, r2, c2 in g.merges:
        ws.merge_cells(start_row=r1, start_column=c1, end_row=r2, end_column=c2)
    for r in sorted(g.hidden_rows):
        ws.row_dimensions[r].hidden = True
    for c, w in sorted(g.widths.items()):
        ws.column_dimensions[col(c)].width = w


def new_workbook():
    wb = openpyxl.Workbook()
    wb.remove(wb.active)
    p = wb.properties
    p.creator = "Annex test fixtures (tools/make_xlsx_fixtures.py)"
    p.lastModifiedBy = "Annex test fixtures"
    p.created = FIXED
    p.modified = FIXED
    return wb


def save_workbook(wb, grids, shared_strings=True, keep_inline=None, cache=False, relative_targets=False):
    """Save through openpyxl, then make the zip as wanted:
    shared_strings: move openpyxl's inline strings into xl/sharedStrings.xml (as Excel writes them), except the
      cells of keep_inline {sheet name: set of refs};
    cache: add the cached value of every formula cell (openpyxl writes <v /> only);
    relative_targets: worksheet targets relative to xl/ (Excel) instead of absolute (openpyxl)."""
    buf = io.BytesIO()
    wb.save(buf)
    zin = zipfile.ZipFile(io.BytesIO(buf.getvalue()))
    parts = {i.filename: zin.read(i.filename) for i in zin.infolist()}
    order = [i.filename for i in zin.infolist()]

    # Sheet name -> part name, from workbook.xml and its rels.
    wbxml = parts["xl/workbook.xml"].decode()
    rels = parts["xl/_rels/workbook.xml.rels"].decode()
    targets = {m.group(2): m.group(1) for m in re.finditer(r'Target="([^"]+)" Id="([^"]+)"', rels)}
    sheet_part = {}
    for m in re.finditer(r'<sheet name="([^"]*)" sheetId="\d+"(?: state="\w+")? r:id="([^"]+)"', wbxml):
        t = targets[m.group(2)]
        sheet_part[unescape(m.group(1))] = t.lstrip("/") if t.startswith("/") else "xl/" + t
    grids_by_name = {g.name: g for g in grids}
    assert set(sheet_part) == set(grids_by_name), (sheet_part, list(grids_by_name))

    sst, sst_index, sst_refs = [], {}, 0
    for name, part in sheet_part.items():
        g = grids_by_name[name]
        xml = parts[part].decode()
        if cache:
            def add_cache(m):
                r = m.group(1)
                row, c = split_ref(r)
                f = g.cells[(row, c)]
                assert isinstance(f, F), r
                v = f.cached
                if isinstance(v, bool):
                    return '<c r="%s"%s t="b"><f>%s</f><v>%d</v></c>' % (r, m.group(2), m.group(3), v)
                if isinstance(v, str):
                    return '<c r="%s"%s t="str"><f>%s</f><v>%s</v></c>' % (r, m.group(2), m.group(3), escape(v))
                return '<c r="%s"%s><f>%s</f><v>%s</v></c>' % (r, m.group(2), m.group(3), num(v))
            xml, n = re.subn(r'<c r="([A-Z]+\d+)"((?: s="\d+")?)><f>(.*?)</f><v\s*/></c>', add_cache, xml)
            assert n == sum(isinstance(v, F) for v in g.cells.values()), (name, n)
        if shared_strings:
            keep = (keep_inline or {}).get(name, set())

            def to_shared(m):
                nonlocal sst_refs
                r, attrs, text = m.group(1), m.group(2), m.group(4)
                if r in keep:
                    return m.group(0)
                space = m.group(3) or ""
                key = (space, text)
                if key not in sst_index:
                    sst_index[key] = len(sst)
                    sst.append(key)
                sst_refs += 1
                return '<c r="%s"%s t="s"><v>%d</v></c>' % (r, attrs, sst_index[key])
            xml = re.sub(r'<c r="([A-Z]+\d+)"((?: s="\d+")?) t="inlineStr"><is><t( xml:space="preserve")?>(.*?)</t></is></c>',
                         to_shared, xml, flags=re.S)
        parts[part] = xml.encode()

    if sst:
        body = "".join('<si><t%s>%s</t></si>' % (sp, t) for sp, t in sst)
        parts["xl/sharedStrings.xml"] = (
            '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n'
            '<sst xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" count="%d" uniqueCount="%d">%s</sst>'
            % (sst_refs, len(sst), body)).encode()
        order.append("xl/sharedStrings.xml")
        ct = parts["[Content_Types].xml"].decode()
        ct = ct.replace("</Types>", '<Override PartName="/xl/sharedStrings.xml" ContentType="application/'
                        'vnd.openxmlformats-officedocument.spreadsheetml.sharedStrings+xml" /></Types>')
        parts["[Content_Types].xml"] = ct.encode()
        ids = [int(x) for x in re.findall(r'Id="rId(\d+)"', rels)]
        rels = rels.replace("</Relationships>", '<Relationship Type="http://schemas.openxmlformats.org/'
                            'officeDocument/2006/relationships/sharedStrings" Target="sharedStrings.xml" '
                            'Id="rId%d" /></Relationships>' % (max(ids) + 1))
    if relative_targets:
        rels = rels.replace('Target="/xl/', 'Target="')
    parts["xl/_rels/workbook.xml.rels"] = rels.encode()
    if cache:
        # Excel's own files carry cached values and no forced recalculation.
        parts["xl/workbook.xml"] = parts["xl/workbook.xml"].replace(b' fullCalcOnLoad="1"', b"")

    core = parts["docProps/core.xml"].decode()
    stamp = FIXED.strftime("%Y-%m-%dT%H:%M:%SZ")
    core = re.sub(r'(<dcterms:modified xsi:type="dcterms:W3CDTF">)[^<]*(<)', r"\g<1>%s\2" % stamp, core)
    core = re.sub(r'(<dcterms:created xsi:type="dcterms:W3CDTF">)[^<]*(<)', r"\g<1>%s\2" % stamp, core)
    parts["docProps/core.xml"] = core.encode()

    order.remove("[Content_Types].xml")
    return repack([("[Content_Types].xml", parts["[Content_Types].xml"])] + [(n, parts[n]) for n in order])


def repack(entries):
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w") as z:
        for name, data in entries:
            zi = zipfile.ZipInfo(name, date_time=ZIP_TIME)
            zi.compress_type = zipfile.ZIP_DEFLATED
            zi.create_system = 0
            zi.external_attr = 0
            z.writestr(zi, data, compresslevel=6)
    return out.getvalue()


def unescape(s):
    return s.replace("&lt;", "<").replace("&gt;", ">").replace("&quot;", '"').replace("&amp;", "&")


def escape(s):
    return s.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")


def num(v):
    if isinstance(v, int) or float(v).is_integer():
        return str(int(v))
    return repr(float(v))


def split_ref(r):
    m = re.match(r"([A-Z]+)(\d+)$", r)
    return int(m.group(2)), openpyxl.utils.column_index_from_string(m.group(1))


# ----------------------------------------------------------------------------------------------- expected

def left_out(g, sheet):
    out = []
    for r in range(1, g.last + 1):
        role = g.roles.get(r)
        assert role is not None, (g.name, r)
        if role[0] == "left_out":
            e = {"sheet": sheet, "row": r, "reason": role[1]}
            if role[2]:
                e["detail"] = role[2]
            out.append(e)
    return out


def year_entry(c, y, note, at, with_criteria=True):
    yy = c["years"][y]
    e = {"criteria": list(yy["criteria"]) if with_criteria else None, "count": yy["count"],
         "kind": yy["kind"], "cutoff": yy["cutoff"]}
    if note is not None:
        e["note"] = note
    e["at"] = at
    return e


def communes_from(grids_sheets, with_criteria=True):
    """grids_sheets: [(grid, sheet name or None)]. Communes in order of first appearance."""
    out, index = [], {}
    for g, sheet in grids_sheets:
        for r in range(1, g.last + 1):
            role = g.roles.get(r)
            if not role or role[0] != "commune":
                continue
            info = role[1]
            c = info["c"]
            if c["code"] not in index:
                index[c["code"]] = len(out)
                out.append({"code": c["code"], "name": c["name"], "district": district_obj(c["district"]),
                            "border": info["border"], "difficult": info["difficult"], "years": {}})
            e = out[index[c["code"]]]
            assert e["border"] == info["border"] and e["difficult"] == info["difficult"]
            if info["year"] is None:   # one row, every year (years-side-by-side)
                for y in YEARS:
                    e["years"][str(y)] = year_entry(c, y, None, {"sheet": sheet, "row": r}, with_criteria)
                if info["note"] is not None:
                    e["note"] = info["note"]
            else:
                e["years"][str(info["year"])] = year_entry(c, info["year"], info["note"],
                                                           {"sheet": sheet, "row": r}, with_criteria)
    for e in out:
        e["years"] = {y: e["years"][y] for y in sorted(e["years"])}
    return out


def header_cells(g, rows):
    out = {}
    for r in rows:
        for c in range(1, g.ncol + 1):
            v = g.cells.get((r, c))
            if v is not None:
                out[ref(r, c)] = v
    return out


def sheet_entry(g, sheet, year, year_from, header_rows, columns, district_from, **extra):
    e = {"name": sheet, "import": True}
    if year is not None:
        e.update({"year": year, "year_from": year_from,
                  "kind": "estimate" if year == ESTIMATE_YEAR else "actual",
                  "cutoff": CUTOFF if year == ESTIMATE_YEAR else None})
    else:
        e["years_from"] = year_from
    e.update({"header_row": header_rows[0], "header_rows": header_rows,
              "header_cells": header_cells(g, header_rows), "columns": columns, "district_from": district_from,
              "last_row": g.last})
    e.update(extra)
    return e


def dump_json(path, obj):
    text = json.dumps(obj, ensure_ascii=False, indent=2)
    # Lists of plain numbers / null / true / false on one line.
    text = re.sub(r"\[\s*((?:-?[\d.]+|null|true|false)(?:,\s*(?:-?[\d.]+|null|true|false))*)\s*\]",
                  lambda m: "[" + ", ".join(x.strip() for x in m.group(1).split(",")) + "]", text)
    # Flat objects (no nested object or list) on one line when short: left_out entries, "at", header cells.
    text = re.sub(r"\{[^{}\[\]]*\}",
                  lambda m: m.group(0) if len(" ".join(m.group(0).split())) > 160 else
                  re.sub(r"\{\s+", "{", re.sub(r"\s+\}", "}", re.sub(r",\n\s+", ", ", m.group(0)))), text)
    assert json.loads(text) == obj
    path.write_text(text + "\n", encoding="utf-8")


COMMON = {
    "data_source": DATA_NOTE,
    "made_by": "python3 tools/make_xlsx_fixtures.py",
    "vocabulary": {
        "columns": "serial (STT, not imported), unit_code, unit_name, district, c01..c19 (criterion N met), "
                   "count, count_YYYY (criteria met in year YYYY), border, difficult, note, year; a column "
                   "not listed is not imported (ignored_columns says why when it has a header)",
        "left_out reasons": "title (title block: title, subtitle, 'Kèm theo' line, estimate note, report date), "
                            "header, heading (district heading row), average (Bình quân rows), subtotal, blank, "
                            "hidden (hidden row), footer (signatures)",
        "communes": "name: NFC, spaces trimmed; district code from the GSO list; border/difficult null when the "
                    "file has no such column; years[Y].criteria null when the file gives counts only; "
                    "at: where the row is (sheet null for CSV; row 1-based)",
    },
}


def expected_import(fixture, about, sheets, communes, left, ignored_sheets=(), **extra):
    e = {"fixture": fixture, "outcome": "import", "about": about}
    e.update(COMMON)
    e["sheets"] = sheets
    e["ignored_sheets"] = list(ignored_sheets)
    e["communes"] = communes
    e["left_out"] = left
    e["totals"] = {"communes": len(communes),
                   "unit_years": sum(len(c["years"]) for c in communes),
                   "districts": sorted({c["district"]["code"] for c in communes})}
    e.update(extra)
    return e


def expected_error(fixture, error, why, **extra):
    e = {"fixture": fixture, "outcome": "error", "error_contains": error, "why": why,
         "made_by": COMMON["made_by"]}
    e.update(extra)
    return e


# ----------------------------------------------------------------------------------------------- fixtures

def make_per_year():
    grids = [form_grid(y, "Năm %d" % y) for y in YEARS]
    wb = new_workbook()
    for g in grids:
        write_sheet(wb.create_sheet(g.name), g)
    data = save_workbook(wb, grids)
    sheets, left = [], []
    for y, g in zip(YEARS, grids):
        h = g.header_row
        sheets.append(sheet_entry(g, g.name, y, "sheet name 'Năm %d' and the subtitle row 'NĂM %d'" % (y, y),
                                  [h, h + 1], form_columns(), "column D (short name) and the district heading rows",
                                  estimate_note_row=g.note_row))
        left += left_out(g, g.name)
    exp = expected_import(
        "per-year-sheets.xlsx",
        "One sheet per year (Năm 2018, Năm 2019, Năm 2020) in the provincial summary form: merged title, "
        "subtitle 'NĂM YYYY', 'Kèm theo Báo cáo' line, blank row, two-row header (merged 'Tiêu chí' over 1..19), "
        "district heading rows (I, II, III + merged 'Huyện …'), 'Bình quân' rows with =AVERAGE formulas WITHOUT "
        "cached values (openpyxl writes <v />), blank separators, a final 'Bình quân chung'. Met 1 / not met 0; "
        "flags 'x'. The 2020 sheet's note '(Ước thực hiện đến 31/12/2020, số liệu thực hiện đến 30/6/2020)' makes "
        "2020 an estimate with cutoff 2020-06-30. Strings are shared strings; worksheet targets in "
        "workbook.xml.rels are absolute (/xl/worksheets/sheetN.xml), as openpyxl writes them.",
        sheets, communes_from([(g, g.name) for g in grids]), left)
    return data, exp, grids


def make_long():
    g, p = long_grid(), params_grid()
    wb = new_workbook()
    ws_p = wb.create_sheet(p.name)   # the hidden sheet comes FIRST in the workbook
    write_sheet(ws_p, p)
    ws_p.sheet_state = "hidden"
    write_sheet(wb.create_sheet(g.name), g)
    wb.active = 1
    data = save_workbook(wb, [p, g], shared_strings=False)   # openpyxl as is: inline strings only
    columns = {"A": "year", "B": "unit_code", "C": "unit_name", "D": "district"}
    for i in range(19):
        columns[col(5 + i)] = "c%02d" % (i + 1)
    columns.update({"X": "count", "Y": "note"})
    sheet = sheet_entry(g, g.name, None, "column A 'Năm'; the note in row 2 makes 2020 an estimate, cutoff 2020-06-30",
                        [4], columns, "column D (full name 'Huyện …')", met="x", not_met="blank",
                        hidden_rows=sorted(g.hidden_rows))
    exp = expected_import(
        "long-sheet.xlsx",
        "One long sheet 'Tổng hợp', one row per commune and year, column 'Năm', English-ish headers "
        "(Commune code, Commune, District, TC1..TC19, Total); met 'x', not met blank. The first sheet of the "
        "workbook, 'Tham số', is HIDDEN and must be ignored (it even holds a commune-looking row). Row %d is a "
        "HIDDEN row of a stray commune (%s %s, merged away on 1/1/2020) that must be left out. Two names carry a "
        "trailing space (trimmed). Footer rows with signatures. Written by openpyxl as is: inline strings "
        "(t=\"inlineStr\") only, no sharedStrings.xml." % (min(g.hidden_rows), STRAY["code"], STRAY["name"]),
        [sheet], communes_from([(g, g.name)]), left_out(g, g.name),
        ignored_sheets=[{"name": p.name, "reason": "hidden", "state": "hidden", "position": 1}],
        stray={"code": STRAY["code"], "name": STRAY["name"], "sheet": g.name, "row": min(g.hidden_rows),
               "must_not_appear": True})
    return data, exp


def make_side():
    g = side_grid()
    wb = new_workbook()
    write_sheet(wb.create_sheet(g.name), g)
    data = save_workbook(wb, [g])
    columns = {"A": "serial", "B": "unit_code", "C": "unit_name", "D": "count_2018", "E": "count_2019",
               "F": "count_2020", "H": "note"}
    sheet = sheet_entry(g, g.name, None, "sub-headers 'Năm 2018', 'Năm 2019', 'Năm 2020' under the merged "
                        "'Số tiêu chí đạt' (D4:F4); the note in row 2 makes 2020 an estimate, cutoff 2020-06-30",
                        [4, 5], columns, "the district heading rows only (no district column)",
                        ignored_columns={"G": "change since 2018: a formula (=F-D) without cached value, derived"})
    exp = expected_import(
        "years-side-by-side.xlsx",
        "One sheet, one row per commune, the number of criteria met in 2018, 2019 and 2020 side by side under a "
        "merged 'Số tiêu chí đạt' with sub-headers 'Năm 2018', 'Năm 2019', 'Năm 2020'. Counts only: every "
        "years[Y].criteria is null (criteria.csv gets empty c01..c19 and the count). Column G is a formula "
        "(change since 2018, no cached value): not imported. District from the heading rows.",
        [sheet], communes_from([(g, g.name)], with_criteria=False), left_out(g, g.name))
    return data, exp


def make_marks():
    grids = [marks_grid(y) for y in (2019, 2020)]
    wb = new_workbook()
    for g in grids:
        write_sheet(wb.create_sheet(g.name), g)
    data = save_workbook(wb, grids)
    columns = {"A": "serial", "B": "unit_code", "C": "unit_name", "D": "district"}
    for i in range(19):
        columns[col(5 + i)] = "c%02d" % (i + 1)
    columns.update({"X": "count", "Y": "border", "Z": "difficult"})
    sheets, left = [], []
    for g in grids:
        y = int(g.name)
        h = g.header_row
        blocks = {d: {"met": MARKS[m][0], "not_met": MARKS[m][1] or ""} for d, m in MARK_PLAN[y].items()}
        sheets.append(sheet_entry(g, g.name, y, "sheet name '%d' and the title '… NĂM %d'" % (y, y), [h], columns,
                                  "column D (short name)", marks_by_district=blocks,
                                  nfd_header_columns=["D"] + [col(c) for c in range(5, 24)] + ["Y", "Z"],
                                  codes="numbers with number format 00000 (5998 shown 05998)"))
        left += left_out(g, g.name)
    exp = expected_import(
        "marks-and-flags.xlsx",
        "Two sheets '2019' and '2020'. Met written 'Đạt' / not met 'Chưa đạt' (which CONTAINS 'đạt'), or '✓' "
        "(U+2713) / blank, or 'X' / blank, by district block (see sheets[].marks_by_district). Group flags as "
        "'x' columns 'Xã biên giới' and 'Xã đặc biệt khó khăn'. Headers of columns D..W, Y, Z in NFD "
        "(decomposed Unicode), B and C upper case without diacritics ('MA XA', 'TEN XA'), X with a line break "
        "('Tổng số\\ntiêu chí đạt'). The communes of Bình Gia have their NAMES in NFD too (NFC after import). "
        "Codes are NUMBERS formatted 00000: the import restores the leading zero. A 'Tổng số xã' row "
        "counts the flags with =COUNTIF (no cached value).",
        sheets, communes_from([(g, g.name) for g in grids]), left)
    return data, exp


def make_cached():
    report_date = datetime.date(2020, 7, 15)
    g = form_grid(2020, "Biểu 01", excelish=True, report_date=report_date)
    wb = new_workbook()
    write_sheet(wb.create_sheet(g.name), g)
    # Inline strings (t="inlineStr") kept for the title and the names of the communes of Bình Gia;
    # every other string goes to sharedStrings.xml.
    inline = {"A1"}
    for r in range(1, g.last + 1):
        role = g.roles.get(r)
        if role and role[0] == "commune" and role[1]["c"]["district"] == "181":
            inline.add(ref(r, C_NAME))
    data = save_workbook(wb, [g], keep_inline={g.name: inline}, cache=True, relative_targets=True)
    columns = form_columns()
    h = g.header_row
    date_cell = ref(g.date_row, 3)
    sheet = sheet_entry(g, g.name, 2020, "the subtitle row 'NĂM 2020' (the sheet name 'Biểu 01' names no year)",
                        [h, h + 1], columns, "column D (short name) and the district heading rows",
                        report_date="2020-07-15", report_date_cell=date_cell, estimate_note_row=g.note_row)
    # Reader-level checks: what a reader that uses cached values (and never evaluates) must see.
    cells = [
        {"cell": "A1", "type": "inlineStr", "value": TITLE},
        {"cell": "A2", "type": "s", "value": "NĂM 2020"},
        {"cell": date_cell, "type": "n", "number_format": "dd/mm/yyyy", "serial": 44027, "value": "2020-07-15",
         "meaning": "Excel serial date (1900 date system): 44027 = 2020-07-15"},
    ]
    rows = [r for r in range(1, g.last + 1) if g.roles[r][0] == "commune"]
    first = rows[0]
    bg = next(r for r in rows if g.roles[r][1]["c"]["district"] == "181")
    full = next(r for r in rows if g.roles[r][1]["c"]["years"][2020]["count"] == 19)
    c = g.roles[first][1]["c"]
    cells += [
        {"cell": ref(first, C_CODE), "type": "s", "value": c["code"]},
        {"cell": ref(first, C_COUNT), "type": "formula", "formula": g.cells[(first, C_COUNT)].text[1:],
         "value": c["years"][2020]["count"]},
        {"cell": ref(first, C_BORDER), "type": "b", "value": c["border"]},
        {"cell": ref(first, C_DIFF), "type": "b", "value": c["difficult"]},
        {"cell": ref(first, C_NOTE), "type": "formula str", "formula": g.cells[(first, C_NOTE)].text[1:],
         "value": g.cells[(first, C_NOTE)].cached},
        {"cell": ref(bg, C_NAME), "type": "inlineStr", "value": g.roles[bg][1]["c"]["name"]},
        {"cell": ref(full, C_NOTE), "type": "formula str", "formula": g.cells[(full, C_NOTE)].text[1:],
         "value": g.cells[(full, C_NOTE)].cached},
    ]
    for r in range(1, g.last + 1):
        if g.roles[r][:2] == ("left_out", "average"):
            for cc in (C_C1, C_COUNT):
                f = g.cells[(r, cc)]
                cells.append({"cell": ref(r, cc), "type": "formula", "formula": f.text[1:], "value": f.cached})
    exp = expected_import(
        "cached-formulas.xlsx",
        "The provincial form for 2020 (sheet 'Biểu 01'; year from the subtitle 'NĂM 2020'; estimate note in row 3; "
        "report date in C4 as an Excel serial date with format dd/mm/yyyy). As Excel saves it: every formula "
        "carries its CACHED value (<v>), added to openpyxl's output: 'Tổng số tiêu chí đạt' is =SUM(E:W) per "
        "commune, 'Bình quân' rows are =AVERAGE, 'Ghi chú' is =IF(…) with a cached string (t=\"str\"; empty "
        "string when fewer than 19). Flags 'Xã biên giới' / 'Xã ĐBKK' are booleans (t=\"b\", TRUE/FALSE). "
        "Strings are shared strings except A1 and the Bình Gia names, which are inline strings "
        "(t=\"inlineStr\"). Worksheet targets in workbook.xml.rels are relative (worksheets/sheet1.xml); no "
        "fullCalcOnLoad.",
        [sheet], communes_from([(g, g.name)]), left_out(g, g.name), cells=cells)
    return data, exp


def csv_display(v, fmt):
    if v is None:
        return ""
    if isinstance(v, F):
        v = v.cached
        if fmt == "0.00":
            return str(Decimal(repr(float(v))).quantize(Decimal("0.01"), rounding=ROUND_HALF_UP)).replace(".", ",")
    if isinstance(v, bool):
        return "TRUE" if v else "FALSE"
    return str(v)


def csv_field(s):
    if any(ch in s for ch in ';"\r\n'):
        return '"' + s.replace('"', '""') + '"'
    return s


def make_csv(g2019):
    g = g2019
    lines = []
    for r in range(1, g.last + 1):
        fields = [csv_field(csv_display(g.cells.get((r, c)), g.fmt.get((r, c)))) for c in range(1, g.ncol + 1)]
        lines.append(";".join(fields))
    data = ("\ufeff" + "\r\n".join(lines) + "\r\n").encode("utf-8")
    sheet = sheet_entry(g, None, 2019, "line 2 'NĂM 2019' (a CSV has no sheet name)", [5, 6], form_columns(),
                        "column D (short name) and the district heading rows")
    exp = expected_import(
        "exported.csv",
        "The 2019 sheet of per-year-sheets.xlsx as Excel exports it to CSV with a ';' list separator and ',' "
        "decimal mark: UTF-8 with a byte order mark, ';' separator, CRLF line ends, every line padded to 27 "
        "fields, merged cells' text in their first field, formulas as their shown values (the 'Bình quân' "
        "rows with a decimal comma, 2 decimals, e.g. '0,63'). Rows are lines (1-based, the BOM is not a line).",
        [sheet], communes_from([(g, None)]), left_out(g, None),
        csv={"encoding": "UTF-8 with BOM", "delimiter": ";", "decimal": ",", "line_end": "CRLF",
             "fields_per_line": g.ncol, "lines": g.last})
    return data, exp


def make_xls():
    # The start of an OLE2 compound file header (legacy .xls, BIFF8): signature, CLSID 0, minor 0x003E,
    # major 3, byte order FFFE, sector shift 9, mini sector shift 6; zero padding to one 512-byte sector.
    head = bytes.fromhex("D0CF11E0A1B11AE1") + bytes(16) + struct.pack("<HHHHH", 0x003E, 0x0003, 0xFFFE, 9, 6)
    return head + bytes(512 - len(head))


def make_ods():
    content = (
        '<?xml version="1.0" encoding="UTF-8"?>\n'
        '<office:document-content xmlns:office="urn:oasis:names:tc:opendocument:xmlns:office:1.0" '
        'xmlns:table="urn:oasis:names:tc:opendocument:xmlns:table:1.0" '
        'xmlns:text="urn:oasis:names:tc:opendocument:xmlns:text:1.0" office:version="1.2">'
        '<office:body><office:spreadsheet><table:table table:name="Năm 2019">')
    rows = [["Mã xã", "Tên xã", "Tổng số tiêu chí đạt"]]
    for c in COMMUNES[:3]:
        rows.append([c["code"], c["name"], c["years"][2019]["count"]])
    for row in rows:
        content += "<table:table-row>"
        for v in row:
            if isinstance(v, int):
                content += ('<table:table-cell office:value-type="float" office:value="%d"><text:p>%d</text:p>'
                            '</table:table-cell>' % (v, v))
            else:
                content += ('<table:table-cell office:value-type="string"><text:p>%s</text:p></table:table-cell>'
                            % escape(v))
        content += "</table:table-row>"
    content += "</table:table></office:spreadsheet></office:body></office:document-content>\n"
    manifest = (
        '<?xml version="1.0" encoding="UTF-8"?>\n'
        '<manifest:manifest xmlns:manifest="urn:oasis:names:tc:opendocument:xmlns:manifest:1.0" manifest:version="1.2">'
        '<manifest:file-entry manifest:full-path="/" manifest:version="1.2" '
        'manifest:media-type="application/vnd.oasis.opendocument.spreadsheet"/>'
        '<manifest:file-entry manifest:full-path="content.xml" manifest:media-type="text/xml"/>'
        '</manifest:manifest>\n')
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w") as z:
        zi = zipfile.ZipInfo("mimetype", date_time=ZIP_TIME)
        zi.compress_type = zipfile.ZIP_STORED   # first and stored, as ODF requires
        zi.create_system = 0
        z.writestr(zi, b"application/vnd.oasis.opendocument.spreadsheet")
        for name, data in [("content.xml", content), ("META-INF/manifest.xml", manifest)]:
            zi = zipfile.ZipInfo(name, date_time=ZIP_TIME)
            zi.compress_type = zipfile.ZIP_DEFLATED
            zi.create_system = 0
            z.writestr(zi, data.encode("utf-8"))
    return out.getvalue()


BOMB_SIZE = 9 * (1 << 28)   # 2 415 919 104 bytes = 2.25 GiB declared and real uncompressed size
BOMB_PREFIX = (b'<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n'
               b'<worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><sheetData>')
BOMB_SUFFIX = b"</sheetData></worksheet>"


def bomb_stream():
    """Yield the sheet1.xml bytes of the bomb in 1 MiB chunks (never all of it in memory)."""
    yield BOMB_PREFIX
    left = BOMB_SIZE - len(BOMB_PREFIX) - len(BOMB_SUFFIX)
    chunk = b" " * (1 << 20)
    while left > 0:
        n = min(left, len(chunk))
        yield chunk[:n]
        left -= n
    yield BOMB_SUFFIX


def make_bomb():
    """A zip written by hand (zipfile would switch to zip64 over 2 GiB): plain 32-bit sizes, the real ones."""
    small = [
        ("[Content_Types].xml",
         '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n<Types xmlns="http://schemas.openxmlformats.org/'
         'package/2006/content-types"><Default Extension="rels" ContentType="application/vnd.openxmlformats-package.'
         'relationships+xml"/><Default Extension="xml" ContentType="application/xml"/><Override PartName="/xl/'
         'workbook.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml"/>'
         '<Override PartName="/xl/worksheets/sheet1.xml" ContentType="application/vnd.openxmlformats-officedocument.'
         'spreadsheetml.worksheet+xml"/></Types>'),
        ("_rels/.rels",
         '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n<Relationships xmlns="http://schemas.openxmlformats.'
         'org/package/2006/relationships"><Relationship Id="rId1" Type="http://schemas.openxmlformats.org/'
         'officeDocument/2006/relationships/officeDocument" Target="xl/workbook.xml"/></Relationships>'),
        ("xl/workbook.xml",
         '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n<workbook xmlns="http://schemas.openxmlformats.org/'
         'spreadsheetml/2006/main" xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships">'
         '<sheets><sheet name="Năm 2019" sheetId="1" r:id="rId1"/></sheets></workbook>'),
        ("xl/_rels/workbook.xml.rels",
         '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n<Relationships xmlns="http://schemas.openxmlformats.'
         'org/package/2006/relationships"><Relationship Id="rId1" Type="http://schemas.openxmlformats.org/'
         'officeDocument/2006/relationships/worksheet" Target="worksheets/sheet1.xml"/></Relationships>'),
    ]
    dostime = (ZIP_TIME[3] << 11) | (ZIP_TIME[4] << 5) | (ZIP_TIME[5] // 2)
    dosdate = ((ZIP_TIME[0] - 1980) << 9) | (ZIP_TIME[1] << 5) | ZIP_TIME[2]
    entries = []
    for name, text in small:
        data = text.encode("utf-8")
        c = zlib.compressobj(9, zlib.DEFLATED, -15)
        comp = c.compress(data) + c.flush()
        entries.append((name, zlib.crc32(data), comp, len(data)))
    c = zlib.compressobj(9, zlib.DEFLATED, -15)
    comp, crc, size = io.BytesIO(), 0, 0
    for part in bomb_stream():
        crc = zlib.crc32(part, crc)
        size += len(part)
        comp.write(c.compress(part))
    comp.write(c.flush())
    assert size == BOMB_SIZE < 0xFFFFFFFF
    entries.insert(3, ("xl/worksheets/sheet1.xml", crc, comp.getvalue(), size))
    out, central = io.BytesIO(), io.BytesIO()
    for name, crc, comp, usize in entries:
        nb = name.encode()
        off = out.tell()
        out.write(struct.pack("<IHHHHHIIIHH", 0x04034B50, 20, 0, 8, dostime, dosdate, crc, len(comp), usize, len(nb), 0))
        out.write(nb)
        out.write(comp)
        central.write(struct.pack("<IHHHHHHIIIHHHHHII", 0x02014B50, 20, 20, 0, 8, dostime, dosdate, crc, len(comp),
                                  usize, len(nb), 0, 0, 0, 0, 0, off))
        central.write(nb)
    cd_off = out.tell()
    cd = central.getvalue()
    out.write(cd)
    out.write(struct.pack("<IHHHHIIH", 0x06054B50, 0, 0, len(entries), len(entries), len(cd), cd_off, 0))
    return out.getvalue()


# ----------------------------------------------------------------------------------------------- main

def write_all():
    OUT.mkdir(parents=True, exist_ok=True)
    written = {}

    def put(name, data, exp):
        (OUT / name).write_bytes(data)
        dump_json(OUT / (name + ".expected.json"), exp)
        written[name] = len(data)

    data, exp, grids = make_per_year()
    put("per-year-sheets.xlsx", data, exp)
    per_year_bytes = data
    put("long-sheet.xlsx", *make_long())
    put("years-side-by-side.xlsx", *make_side())
    put("marks-and-flags.xlsx", *make_marks())
    put("cached-formulas.xlsx", *make_cached())
    put("exported.csv", *make_csv(grids[1]))
    put("not-xlsx.xls", make_xls(), expected_error(
        "not-xlsx.xls", "save it as .xlsx (Excel Workbook)",
        "A legacy Excel 97-2003 workbook (OLE2 compound file: its first 8 bytes are D0 CF 11 E0 A1 B1 1A E1; "
        "512 bytes, the header sector only). Recognised by its bytes, not by its name.",
        magic="D0CF11E0A1B11AE1"))
    put("book.ods", make_ods(), expected_error(
        "book.ods", "save it as .xlsx (Excel Workbook)",
        "A minimal real OpenDocument spreadsheet (LibreOffice Calc): a zip whose first member 'mimetype' (stored) "
        "is 'application/vnd.oasis.opendocument.spreadsheet', with content.xml (3 communes of 2019) and "
        "META-INF/manifest.xml; no [Content_Types].xml nor xl/workbook.xml.",
        mimetype="application/vnd.oasis.opendocument.spreadsheet"))
    cut = len(per_year_bytes) // 2
    put("damaged.xlsx", per_year_bytes[:cut], expected_error(
        "damaged.xlsx", "not a valid xlsx (zip)",
        "per-year-sheets.xlsx truncated to its first %d of %d bytes: local headers of the first members remain, "
        "the central directory and its end record are gone." % (cut, len(per_year_bytes)),
        truncated_at=cut, original="per-year-sheets.xlsx"))
    bomb = make_bomb()
    put("zip-bomb.xlsx", bomb, expected_error(
        "zip-bomb.xlsx", "too large when uncompressed",
        "A well-formed xlsx zip (no zip64) whose member xl/worksheets/sheet1.xml is %d bytes (2.25 GiB) "
        "uncompressed -- an XML prologue, <sheetData>, spaces, </sheetData></worksheet> -- in a file of %d "
        "bytes. The local header and the central directory both declare the real size and CRC. An import must "
        "refuse it from the declared size, or stop inflating at its limit, without allocating the size."
        % (BOMB_SIZE, len(bomb)),
        member="xl/worksheets/sheet1.xml", uncompressed_size=BOMB_SIZE))
    return written


def check(verify_bomb=False):
    """Reopen every fixture and check it against its expected.json (openpyxl for the workbooks)."""
    problems = []

    def fail(msg):
        problems.append(msg)

    met_marks = {1, True, "1", "x", "X", "Đạt", "✓"}
    not_met_marks = {0, False, None, "", "0", "Chưa đạt"}

    def mark(v):
        if isinstance(v, str):
            v = nfc(v).strip()
        if v in met_marks:
            return 1
        if v in not_met_marks:
            return 0
        raise ValueError("unknown mark %r" % (v,))

    for name in ["per-year-sheets.xlsx", "long-sheet.xlsx", "years-side-by-side.xlsx", "marks-and-flags.xlsx",
                 "cached-formulas.xlsx", "exported.csv"]:
        path = OUT / name
        exp = json.loads((OUT / (name + ".expected.json")).read_text(encoding="utf-8"))
        size = path.stat().st_size
        if size > 200_000:
            fail("%s: %d bytes" % (name, size))
        if name.endswith(".csv"):
            raw = path.read_bytes()
            if not raw.startswith(b"\xef\xbb\xbf") or b"\n" in raw.replace(b"\r\n", b""):
                fail("exported.csv: BOM or CRLF")
            rows = list(csv.reader(io.StringIO(raw[3:].decode("utf-8"), newline=""), delimiter=";"))
            getters = {None: lambda r, c: rows[r - 1][c - 1] if rows[r - 1][c - 1] != "" else None}
            hidden = {None: set()}
            last = {None: len(rows)}
            if any(len(x) != exp["csv"]["fields_per_line"] for x in rows):
                fail("exported.csv: field counts")
        else:
            wb = openpyxl.load_workbook(path)                  # formulas as text
            wbv = openpyxl.load_workbook(path, data_only=True)  # cached values
            getters, hidden, last = {}, {}, {}
            for ws in wb.worksheets:
                getters[ws.title] = (lambda ws: lambda r, c: ws.cell(row=r, column=c).value)(wbv[ws.title])
                hidden[ws.title] = {r for r, d in ws.row_dimensions.items() if d.hidden}
                last[ws.title] = ws.max_row
            for s in exp["ignored_sheets"]:
                if wb[s["name"]].sheet_state != s["state"]:
                    fail("%s: sheet %s not %s" % (name, s["name"], s["state"]))
            for sh in exp["sheets"]:
                if wb[sh["name"]].sheet_state != "visible":
                    fail("%s: %s not visible" % (name, sh["name"]))
            if name == "per-year-sheets.xlsx":
                # No cached values: data_only reads the averages as None.
                avg = next(x for x in exp["left_out"] if x["reason"] == "average")
                if wbv[avg["sheet"]].cell(row=avg["row"], column=5).value is not None:
                    fail("per-year-sheets: an average has a cached value")
                if not str(wb[avg["sheet"]].cell(row=avg["row"], column=5).value).startswith("=AVERAGE("):
                    fail("per-year-sheets: average is not a formula")
            if name == "cached-formulas.xlsx":
                ws_f, ws_v = wb.worksheets[0], wbv.worksheets[0]
                for cc in exp["cells"]:
                    r, c = split_ref(cc["cell"])
                    v = ws_v.cell(row=r, column=c).value
                    want = cc["value"]
                    if cc["type"] == "n":
                        ok = isinstance(v, datetime.datetime) and v.date().isoformat() == want
                    elif cc["type"].startswith("formula"):
                        ok = (ws_f.cell(row=r, column=c).value == "=" + cc["formula"]
                              and (v == want or (v is None and want == "")))
                    else:
                        ok = v == want
                    if not ok:
                        fail("cached-formulas %s: %r, expected %r" % (cc["cell"], v, want))
                with zipfile.ZipFile(path) as z:
                    x = z.read("xl/worksheets/sheet1.xml").decode()
                    if 't="inlineStr"' not in x or 't="s"' not in x or 't="b"' not in x or 't="str"' not in x:
                        fail("cached-formulas: cell types")
                    if re.search(r"<v\s*/>", x):
                        fail("cached-formulas: formula without a cached value")
        seen = {}
        for sh in exp["sheets"]:
            sname = sh["name"]
            get = getters[sname]
            for a, text in sh["header_cells"].items():
                r, c = split_ref(a)
                if get(r, c) != text and str(get(r, c)) != str(text):
                    fail("%s %s!%s: header %r != %r" % (name, sname, a, get(r, c), text))
            seen[sname] = {}
            if last[sname] != sh["last_row"]:
                fail("%s %s: last row %d != %d" % (name, sname, last[sname], sh["last_row"]))
        for lo in exp["left_out"]:
            s = lo["sheet"]
            seen[s][lo["row"]] = lo["reason"]
            cells = [getters[s](lo["row"], c) for c in range(1, 28 if s is None else 200)
                     if s is not None or c <= exp["csv"]["fields_per_line"]]
            if lo["reason"] == "blank" and any(v not in (None, "") for v in cells):
                fail("%s %s row %d: not blank" % (name, s, lo["row"]))
            if lo["reason"] != "blank" and all(v in (None, "") for v in cells):
                fail("%s %s row %d: blank" % (name, s, lo["row"]))
            texts = " ".join(str(v) for v in cells if v not in (None, ""))
            sh = next(x for x in exp["sheets"] if x["name"] == s)
            if (lo["reason"] == "header") != (lo["row"] in sh["header_rows"]):
                fail("%s %s row %d: header rows" % (name, s, lo["row"]))
            if lo["reason"] == "average" and not texts.startswith("Bình quân"):
                fail("%s %s row %d: not an average row: %s" % (name, s, lo["row"], texts[:40]))
            if lo["reason"] == "heading" and not re.match(r"[IVX]+ Huyện ", texts):
                fail("%s %s row %d: not a district heading: %s" % (name, s, lo["row"], texts[:40]))
            if lo["reason"] == "title" and lo["row"] >= sh["header_row"]:
                fail("%s %s row %d: title below the header" % (name, s, lo["row"]))
            if (lo["reason"] == "hidden") != (lo["row"] in hidden.get(s, set())):
                fail("%s %s row %d: hidden flag" % (name, s, lo["row"]))
        for cm in exp["communes"]:
            for y, ye in cm["years"].items():
                s, r = ye["at"]["sheet"], ye["at"]["row"]
                sh = next(x for x in exp["sheets"] if x["name"] == s)
                get = getters[s]
                if r in seen[s] and seen[s][r] != "commune":
                    fail("%s %s row %d: commune row also left out" % (name, s, r))
                seen[s][r] = "commune"
                inv = {v: k for k, v in sh["columns"].items()}
                code = get(r, split_ref(inv["unit_code"] + "1")[1])
                code = "%05d" % code if isinstance(code, int) else str(code)
                nm = nfc(str(get(r, split_ref(inv["unit_name"] + "1")[1]))).strip()
                if code != cm["code"] or nm != cm["name"]:
                    fail("%s %s row %d: %s %s != %s %s" % (name, s, r, code, nm, cm["code"], cm["name"]))
                if ye["criteria"] is not None:
                    got = [mark(get(r, split_ref(inv["c%02d" % i] + "1")[1])) for i in range(1, 20)]
                    if got != ye["criteria"]:
                        fail("%s %s row %d: criteria %s != %s" % (name, s, r, got, ye["criteria"]))
                cc = inv.get("count") or inv.get("count_%s" % y)
                cnt = get(r, split_ref(cc + "1")[1])
                if cnt is not None and str(cnt).strip() != str(ye["count"]):
                    fail("%s %s row %d: count %r != %r" % (name, s, r, cnt, ye["count"]))
                if "year" in inv and str(get(r, split_ref(inv["year"] + "1")[1])) != y:
                    fail("%s %s row %d: year" % (name, s, r))
                if r in hidden.get(s, set()):
                    fail("%s %s row %d: commune row hidden" % (name, s, r))
                for flag in ("border", "difficult"):
                    if flag in inv:
                        v = get(r, split_ref(inv[flag] + "1")[1])
                        if bool(v in ("x", True)) != cm[flag]:
                            fail("%s %s row %d: %s" % (name, s, r, flag))
        for s, rows in seen.items():
            missing = [r for r in range(1, last[s] + 1) if r not in rows]
            if missing:
                fail("%s %s: rows neither commune nor left out: %s" % (name, s, missing))

    # Refused files.
    raw = (OUT / "not-xlsx.xls").read_bytes()
    if not raw.startswith(bytes.fromhex("D0CF11E0A1B11AE1")) or zipfile.is_zipfile(OUT / "not-xlsx.xls"):
        fail("not-xlsx.xls")
    with zipfile.ZipFile(OUT / "book.ods") as z:
        first = z.infolist()[0]
        if first.filename != "mimetype" or first.compress_type != zipfile.ZIP_STORED or \
                z.read("mimetype") != b"application/vnd.oasis.opendocument.spreadsheet":
            fail("book.ods: mimetype")
    for bad in ["damaged.xlsx", "not-xlsx.xls", "book.ods"]:
        try:
            openpyxl.load_workbook(OUT / bad)
            fail("%s opens in openpyxl" % bad)
        except Exception:
            pass
    if zipfile.is_zipfile(OUT / "damaged.xlsx"):
        fail("damaged.xlsx is a readable zip")
    bomb = OUT / "zip-bomb.xlsx"
    if bomb.stat().st_size > 5_000_000:
        fail("zip-bomb.xlsx: %d bytes" % bomb.stat().st_size)
    with zipfile.ZipFile(bomb) as z:
        info = z.getinfo("xl/worksheets/sheet1.xml")
        if info.file_size != BOMB_SIZE or info.file_size <= 2 * 1024 ** 3 or info.compress_size > 5_000_000:
            fail("zip-bomb.xlsx: sizes %d %d" % (info.file_size, info.compress_size))
        with z.open(info) as f:   # the first MiB only, unless asked
            head = f.read(1 << 20)
            if not head.startswith(BOMB_PREFIX):
                fail("zip-bomb.xlsx: prefix")
            if verify_bomb:
                n, crc = len(head), zlib.crc32(head)
                while True:
                    b = f.read(1 << 24)   # zipfile checks the CRC at the end
                    if not b:
                        break
                    n += len(b)
                if n != BOMB_SIZE:
                    fail("zip-bomb.xlsx: inflated to %d" % n)
    return problems


def main():
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--check", action="store_true", help="only check the existing fixtures")
    ap.add_argument("--verify-bomb", action="store_true", help="also inflate zip-bomb.xlsx fully (about 10 s)")
    args = ap.parse_args()
    global DISTRICTS, COMMUNES
    DISTRICTS, COMMUNES = load()
    if not args.check:
        for name, size in write_all().items():
            print("%-28s %9d bytes" % (name, size))
    problems = check(args.verify_bomb)
    for p in problems:
        print("PROBLEM:", p)
    if problems:
        sys.exit(1)
    print("all fixtures checked")


if __name__ == "__main__":
    main()
