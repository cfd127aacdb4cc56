"""The real plans ``ocop`` ships, encoded as written, loaded by id.

Each plan is one JSON file in ``ocop/plans/data`` (the :class:`~ocop.plans.Plan`
model, read with :meth:`Plan.as_written`, so that a document's own faults stay
in it for the checks to find).  Every target quotes its sentence; where the
library read a news report rather than the document, ``text`` says so.

>>> from ocop.plans import catalog
>>> catalog.ids()[:3]
('kon-tum-1392-2018', 'kon-tum-718-2024', 'kon-tum-908-2023')
>>> catalog.plan("national-919-2022").number
'919/QĐ-TTg'
"""

from __future__ import annotations

import json
from datetime import date
from functools import cache
from importlib import resources

from ocop.dates import require_date
from ocop.errors import InconsistentData, InvalidInput, NotFound, OcopError
from ocop.plans.documents import Plan, PlanLevel
from ocop.text import lookup, show

__all__ = ["DEFAULT_PLAN", "ids", "multi_year_for", "national_for", "plan", "plans"]

#: The plan ``ocop check`` reads when given none.
DEFAULT_PLAN = "kon-tum-908-2023"
_PACKAGE = "ocop.plans.data"


@cache
def ids() -> tuple[str, ...]:
    """Ids of the catalogued plans, sorted."""
    files = resources.files(_PACKAGE).iterdir()
    return tuple(sorted(f.name.removesuffix(".json") for f in files if f.name.endswith(".json")))


@cache
def _text(plan_id: str) -> str:
    return resources.files(_PACKAGE).joinpath(f"{plan_id}.json").read_text(encoding="utf-8")


@cache
def _load(plan_id: str) -> Plan:
    try:
        loaded = Plan.as_written(_text(plan_id))
    except OcopError as err:
        raise InconsistentData(f"catalogued plan {plan_id} is broken: {err.message}") from None
    if loaded.id != plan_id:
        raise InconsistentData(f"catalogue file {plan_id}.json holds plan {loaded.id}")
    return loaded


@cache
def _stated_level(plan_id: str) -> object:
    """The ``level`` a catalogue file states, read without validating the plan, so that
    ``national_for`` validates only the plans it may return (``ocop check``'s start)."""
    stated = json.loads(_text(plan_id))
    return stated.get("level") if isinstance(stated, dict) else None


def plan(plan_id: str) -> Plan:
    """The catalogued plan ``plan_id`` (exact id, or an unambiguous part of one)."""
    if not isinstance(plan_id, str):
        raise NotFound(f"a plan id is a string, not {type(plan_id).__name__}")
    found = lookup(plan_id, {i: i for i in ids()}, what="plan")
    return _load(found)


def plans() -> tuple[Plan, ...]:
    return tuple(_load(i) for i in ids())


def national_for(day: date) -> Plan | None:
    """The national programme whose period covers ``day``, if catalogued."""
    require_date(day, "day")
    national = (_load(i) for i in ids() if _stated_level(i) == PlanLevel.NATIONAL.value)
    found = [p for p in national if p.level is PlanLevel.NATIONAL and p.period.covers(day)]
    return found[0] if found else None


def multi_year_for(annual: Plan) -> Plan | None:
    """The catalogued multi-year plan of the same province whose period holds ``annual``'s.

    Provinces compare as resolved on the annual plan's date, so "tỉnh Kon Tum"
    and "Kon Tum" are one place.
    """
    if not isinstance(annual, Plan):
        raise InvalidInput(f"multi_year_for() takes a Plan, got {show(annual)}")
    if not annual.annual or annual.province is None:
        return None
    year, place = annual.period.start, annual.province_on(annual.issue_day).province
    for candidate in plans():
        if candidate.annual or candidate.province is None or candidate.id == annual.id:
            continue
        same_place = candidate.province_on(annual.issue_day).province == place
        if same_place and candidate.period.start <= year <= candidate.period.end:
            return candidate
    return None
