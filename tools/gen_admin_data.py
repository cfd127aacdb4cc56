"""Generate src/ocop/data/admin/{provinces,communes}.json from two PyPI packages.

Run by hand when the data needs refreshing; nothing at run or test time imports it.

    pip download vietnamadminunits==1.0.4 --no-deps -d /tmp/wheels
    pip download vietnam-provinces==2026.9.0 --no-deps --python-version 3.12 \\
        --only-binary=:all: -d /tmp/wheels
    python tools/gen_admin_data.py \\
        --vau /tmp/wheels/vietnamadminunits-1.0.4-py3-none-any.whl \\
        --vp /tmp/wheels/vietnam_provinces-2026.9.0-py3-none-any.whl

What comes from where:

* ``vietnamadminunits`` 1.0.4 (MIT, https://github.com/tranngocminhhieu/vietnamadminunits)
  is the source that is written out: the 63 former provinces with their codes, the 34
  provinces and 3,321 communes from 01/7/2025 with their codes, and the 63 → 34 mapping.
* ``vietnam-provinces`` 2026.9.0 (GPL-3.0-or-later, data scraped from the National
  Statistics Office, https://danhmuchanhchinh.nso.gov.vn/) is only *compared against*:
  every code, every commune's province, every former province name and the succession
  must agree, otherwise the script stops.  Nothing of it is copied.
* ``NQ202_MERGERS`` below is the list of Điều 1 of Nghị quyết 202/2025/QH15 as reported
  by the press (vnexpress.net, 12/6/2025; nghean24h.vn); a third check, not a source.
* The rename Thừa Thiên Huế → Thành phố Huế (Nghị quyết 175/2024/QH15, in force
  01/01/2025) is added here by hand: both packages start from an NSO list of 2025 that
  already says "Thành phố Huế".
"""

from __future__ import annotations

import argparse
import importlib.util
import json
import re
import sqlite3
import sys
import tempfile
import unicodedata
import zipfile
from collections import Counter
from pathlib import Path
from typing import Any

OUT = Path(__file__).resolve().parent.parent / "src" / "ocop" / "data" / "admin"

COVERAGE_START = "2008-08-01"  # NQ 15/2008/QH12: Hà Tây into Hà Nội; 63 provinces from here on
HUE_CITY_FROM = "2025-01-01"  # NQ 175/2024/QH15
REORGANISATION = "2025-07-01"  # NQ 202/2025/QH15: new provincial governments operate

# Điều 1 NQ 202/2025/QH15 as reported in the press: new province ← former provinces.
NQ202_MERGERS: dict[str, set[str]] = {
    "Tuyên Quang": {"Hà Giang", "Tuyên Quang"},
    "Lào Cai": {"Yên Bái", "Lào Cai"},
    "Thái Nguyên": {"Bắc Kạn", "Thái Nguyên"},
    "Phú Thọ": {"Vĩnh Phúc", "Hòa Bình", "Phú Thọ"},
    "Bắc Ninh": {"Bắc Giang", "Bắc Ninh"},
    "Hưng Yên": {"Thái Bình", "Hưng Yên"},
    "Hải Phòng": {"Hải Dương", "Hải Phòng"},
    "Ninh Bình": {"Hà Nam", "Ninh Bình", "Nam Định"},
    "Quảng Trị": {"Quảng Bình", "Quảng Trị"},
    "Đà Nẵng": {"Quảng Nam", "Đà Nẵng"},
    "Quảng Ngãi": {"Kon Tum", "Quảng Ngãi"},
    "Gia Lai": {"Gia Lai", "Bình Định"},
    "Khánh Hòa": {"Ninh Thuận", "Khánh Hòa"},
    "Lâm Đồng": {"Lâm Đồng", "Đắk Nông", "Bình Thuận"},
    "Đắk Lắk": {"Đắk Lắk", "Phú Yên"},
    "Hồ Chí Minh": {"Bà Rịa - Vũng Tàu", "Bình Dương", "Hồ Chí Minh"},
    "Đồng Nai": {"Đồng Nai", "Bình Phước"},
    "Tây Ninh": {"Tây Ninh", "Long An"},
    "Cần Thơ": {"Cần Thơ", "Sóc Trăng", "Hậu Giang"},
    "Vĩnh Long": {"Bến Tre", "Vĩnh Long", "Trà Vinh"},
    "Đồng Tháp": {"Tiền Giang", "Đồng Tháp"},
    "Cà Mau": {"Bạc Liêu", "Cà Mau"},
    "An Giang": {"Kiên Giang", "An Giang"},
}
# NQ 202/2025/QH15: "11 tỉnh, thành phố không thực hiện sắp xếp".
NQ202_UNCHANGED = {
    "Cao Bằng", "Điện Biên", "Hà Tĩnh", "Lai Châu", "Lạng Sơn", "Nghệ An",
    "Quảng Ninh", "Thanh Hóa", "Sơn La", "Hà Nội", "Huế",
}  # fmt: skip

KIND_BY_PREFIX = {"Tỉnh": "tỉnh", "Thành phố": "thành phố trực thuộc trung ương"}
COMMUNE_KINDS = {"Xã": "xã", "Phường": "phường", "Đặc khu": "đặc khu"}


def nfc(text: str) -> str:
    return unicodedata.normalize("NFC", text)


def fold(text: str) -> str:
    # Same idea as ocop.text.fold; also treats "Hoà"/"Hòa" alike (tone placement).
    text = nfc(text).replace("đ", "d").replace("Đ", "D")
    stripped = "".join(
        c for c in unicodedata.normalize("NFD", text) if not unicodedata.combining(c)
    )
    return " ".join(stripped.casefold().split())


def fail(message: str) -> None:
    sys.exit(f"gen_admin_data: {message}")


def kind_of(full_name: str) -> str:
    for prefix, kind in KIND_BY_PREFIX.items():
        if full_name.startswith(prefix + " "):
            return kind
    fail(f"cannot tell the kind of {full_name!r}")
    raise AssertionError


def read_vau(wheel: Path, tmp: Path) -> dict[str, Any]:
    with zipfile.ZipFile(wheel) as zf:
        db = tmp / "dataset.db"
        db.write_bytes(zf.read("vietnamadminunits/data/dataset.db"))
        converter = json.loads(zf.read("vietnamadminunits/data/converter_2025.json"))
    con = sqlite3.connect(db)
    old = sorted(
        set(
            con.execute(
                "select provinceCode, province, provinceShort, provinceKey from admin_units_legacy"
            )
        )
    )
    new = sorted(
        set(
            con.execute(
                "select provinceCode, province, provinceShort, provinceKey from admin_units"
            )
        )
    )
    communes = sorted(con.execute("select wardCode, ward, wardType, provinceCode from admin_units"))
    return {"old": old, "new": new, "communes": communes, "merge": converter["DICT_PROVINCE"]}


def read_vp(wheel: Path, tmp: Path) -> dict[str, Any]:
    with zipfile.ZipFile(wheel) as zf:
        nested = json.loads(zf.read("vietnam_provinces/data/nested-divisions.json"))
        legacy_src = zf.read("vietnam_provinces/legacy/_lookup.py").decode()
        conv = tmp / "_ward_conversion_2025.py"
        conv.write_bytes(zf.read("vietnam_provinces/_ward_conversion_2025.py"))
    legacy = {
        int(code): name
        for code, name in re.findall(r"\n    (\d+): Province\(\s*'([^']+)'", legacy_src)
    }
    spec = importlib.util.spec_from_file_location("vp_ward_conversion", conv)
    assert spec and spec.loader
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return {"nested": nested, "legacy": legacy, "ward_conversion": module.OLD_TO_NEW}


def check_against_vp(vau: dict[str, Any], vp: dict[str, Any]) -> list[str]:
    """Stop on any disagreement in codes or membership; return spelling notes."""
    notes: list[str] = []
    vp_new = {p["code"]: p for p in vp["nested"]}
    if {int(c) for c, *_ in vau["new"]} != set(vp_new):
        fail("the two packages list different new province codes")
    for code, full, _short, _key in vau["new"]:
        if fold(vp_new[int(code)]["name"]) != fold(full):
            fail(f"new province {code}: {full!r} vs {vp_new[int(code)]['name']!r}")
    if {int(c) for c, *_ in vau["old"]} != set(vp["legacy"]):
        fail("the two packages list different former province codes")
    for code, full, _short, _key in vau["old"]:
        if fold(vp["legacy"][int(code)]) != fold(full):
            fail(f"former province {code}: {full!r} vs {vp['legacy'][int(code)]!r}")
    vp_wards = {w["code"]: (w["name"], p["code"]) for p in vp["nested"] for w in p["wards"]}
    vau_wards = {int(c): (name, int(pc)) for c, name, _t, pc in vau["communes"]}
    if set(vp_wards) != set(vau_wards):
        fail("the two packages list different commune codes")
    for code, (name, province) in sorted(vau_wards.items()):
        vp_name, vp_province = vp_wards[code]
        if vp_province != province:
            fail(f"commune {code}: province {province} vs {vp_province}")
        if nfc(vp_name) != nfc(name):
            notes.append(f"commune {code:05d}: {name!r} (shipped) vs {vp_name!r} (NSO via vp)")
    return notes


def succession(vau: dict[str, Any], vp: dict[str, Any]) -> dict[str, str]:
    """Former province code → new province code, checked three ways."""
    old_by_key = {key: code for code, _f, _s, key in vau["old"]}
    new_by_key = {key: code for code, _f, _s, key in vau["new"]}
    result: dict[str, str] = {}
    for new_key, old_keys in vau["merge"].items():
        for old_key in old_keys:
            if old_by_key[old_key] in result:
                fail(f"{old_key} is mapped twice")
            result[old_by_key[old_key]] = new_by_key[new_key]
    if len(result) != 63:
        fail(f"succession covers {len(result)} former provinces, not 63")
    # Check 2: majority of each former province's communes in vietnam-provinces.
    votes: dict[int, Counter[int]] = {}
    for entry in vp["ward_conversion"].values():
        for new_ward in entry.new_wards:
            votes.setdefault(entry.old_ward.province_code, Counter())[new_ward.province_code] += 1
    for old_code, new_code in result.items():
        top, _n = votes[int(old_code)].most_common(1)[0]
        if top != int(new_code):
            fail(f"former {old_code}: vau says {new_code}, vp ward votes say {top}")
    # Check 3: the resolution as reported.
    short_old = {code: short for code, _f, short, _k in vau["old"]}
    short_new = {code: short for code, _f, short, _k in vau["new"]}
    grouped: dict[str, set[str]] = {}
    for old_code, new_code in result.items():
        grouped.setdefault(fold(short_new[new_code]), set()).add(fold(short_old[old_code]))
    expected = {fold(k): {fold(x) for x in v} for k, v in NQ202_MERGERS.items()}
    expected |= {fold(k): {fold(k)} for k in NQ202_UNCHANGED}
    if grouped != expected:
        diff = {k: (grouped.get(k), expected.get(k)) for k in grouped.keys() | expected.keys()}
        fail(f"succession differs from NQ 202/2025/QH15: {diff}")
    return result


def build(vau: dict[str, Any], vp: dict[str, Any], vau_version: str, vp_version: str) -> None:
    notes = check_against_vp(vau, vp)
    succ = succession(vau, vp)
    unchanged = {old for old, new in succ.items() if list(succ.values()).count(new) == 1}
    provinces: list[dict[str, Any]] = [
        {
            "key": "46@2008",
            "code": "46",
            "name": "Thừa Thiên Huế",
            "kind": "tỉnh",
            "valid_from": COVERAGE_START,
            "valid_until": "2024-12-31",
            "successor": "46",
            "ended_by": "nq175-2024",
        }
    ]
    for code, full, short, _key in vau["old"]:
        if code in unchanged:
            continue  # written once below, as a unit that goes on existing
        provinces.append(
            {
                "key": code,
                "code": code,
                "name": nfc(short),
                "kind": kind_of(full),
                "valid_from": COVERAGE_START,
                "valid_until": "2025-06-30",
                "successor": f"{succ[code]}@2025",
                "ended_by": "nq202-2025",
            }
        )
    for code, full, short, _key in vau["new"]:
        if code in unchanged:
            provinces.append(
                {
                    "key": code,
                    "code": code,
                    "name": nfc(short),
                    "kind": kind_of(full),
                    "valid_from": HUE_CITY_FROM if code == "46" else COVERAGE_START,
                    "valid_until": None,
                    "successor": None,
                    "ended_by": None,
                    "formed_by": "nq175-2024" if code == "46" else None,
                }
            )
        else:
            provinces.append(
                {
                    "key": f"{code}@2025",
                    "code": code,
                    "name": nfc(short),
                    "kind": kind_of(full),
                    "valid_from": REORGANISATION,
                    "valid_until": None,
                    "successor": None,
                    "ended_by": None,
                    "formed_by": "nq202-2025",
                }
            )
    for p in provinces:
        p.setdefault("formed_by", None)
    provinces.sort(key=lambda p: (p["valid_from"], p["code"]))
    header = {
        "dataset": "Vietnamese provinces 01/8/2008 onwards and the 63 → 34 succession",
        "generated_by": "tools/gen_admin_data.py",
        "package": f"vietnamadminunits {vau_version} (MIT), data/dataset.db + converter_2025.json",
        "package_url": "https://pypi.org/project/vietnamadminunits/",
        "checked_against": f"vietnam-provinces {vp_version} (GPL-3.0-or-later; compared only)",
        "codes_before": "Quyết định 124/2004/QĐ-TTg (danh mục và mã số ĐVHC), as listed by NSO",
        "codes_after": "Quyết định 19/2025/QĐ-TTg, as listed by NSO (danhmuchanhchinh.nso.gov.vn)",
        "date_read": "2026-11-23",
    }
    doc = {"source": header, "coverage_start": COVERAGE_START, "provinces": provinces}
    (OUT / "provinces.json").write_text(
        json.dumps(doc, ensure_ascii=False, indent=1) + "\n", encoding="utf-8"
    )
    by_province: dict[str, list[list[str]]] = {}
    for code, name, kind, province in vau["communes"]:
        if kind not in COMMUNE_KINDS:
            fail(f"unknown commune kind {kind!r}")
        by_province.setdefault(province, []).append([code, nfc(name)])
    commune_header = header | {
        "dataset": "Communes (xã, phường, đặc khu) of the 34 provinces from 01/7/2025",
        "package": f"vietnamadminunits {vau_version} (MIT), data/dataset.db table admin_units",
        "spelling_differences": notes,
    }
    (OUT / "communes.json").write_text(
        json.dumps(
            {"source": commune_header, "valid_from": REORGANISATION, "communes": by_province},
            ensure_ascii=False,
            separators=(",", ":"),
        )
        + "\n",
        encoding="utf-8",
    )
    print(f"{len(provinces)} province records, {len(vau['communes'])} communes, {len(notes)} notes")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--vau", type=Path, required=True, help="vietnamadminunits wheel")
    parser.add_argument("--vp", type=Path, required=True, help="vietnam-provinces wheel")
    args = parser.parse_args()
    vau_version = args.vau.name.split("-")[1]
    vp_version = args.vp.name.split("-")[1]
    with tempfile.TemporaryDirectory() as tmp:
        build(read_vau(args.vau, Path(tmp)), read_vp(args.vp, Path(tmp)), vau_version, vp_version)


if __name__ == "__main__":
    main()
