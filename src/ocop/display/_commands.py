"""What the ``ocop`` commands print as text: one renderer per command's document.

Each command builds one document (``DOCUMENT`` in its module of
:mod:`ocop.cli`) and prints it either as JSON (:mod:`ocop.serialize`) or,
through :func:`ocop.display.text`, with the renderers here; in a notebook the
same document shows as the text in a ``<pre>`` block.  ``ocop check`` renders
its report through :mod:`ocop.display.findings`.  The documents are only
named here (the registry looks them up by name), so the display imports
nothing from the command line.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from ocop.display.markup import Html, block, el, text_table
from ocop.serialize import data

if TYPE_CHECKING:
    from ocop.cli.audit import AuditDocument
    from ocop.cli.certificate import CertificateDocument
    from ocop.cli.codes import CodesDocument
    from ocop.cli.decisions import DecisionList, DecisionPage
    from ocop.cli.plans import PlanList
    from ocop.cli.rules import RulesDocument
    from ocop.cli.score import ScoreDocument
    from ocop.cli.sheets import SheetDetail, SheetList

# The renderers are internal: ocop.display.html() and text() dispatch to them by name.
__all__: list[str] = []


def _pre(title: str, text: str, kind: str) -> Html:
    return block(title, el("pre", text), kind=kind)


def text_plan_list(doc: PlanList) -> str:
    lines = []
    for r in doc.plans:
        number = r.number or "(no number)"
        issued = r.issued_on.isoformat() if r.issued_on else str(r.issued_year)
        today = r.province_today or "—"
        lines.append(f"{r.id:<22} {number:<14} {issued:<11} {r.period:<10} {r.issuer} → {today}")
    return "\n".join(lines)


def html_plan_list(doc: PlanList) -> Html:
    return _pre("Catalogued plans", text_plan_list(doc), "ocop-plan-list")


def text_rules_document(doc: RulesDocument) -> str:
    regime = doc.regime
    lines = [f"OCOP rules on {doc.on.isoformat()}"]
    if doc.filed_on is not None:
        kind = "" if doc.kind is None else f", {doc.kind.value}"
        lines.append(f"Dossier filed on {doc.filed_on.isoformat()}{kind}")
    if regime is None:  # before 1048/QĐ-TTg (issue 19)
        said = "Regime: none national: provincial criteria, no national scoresheet"
    else:
        until = "open-ended" if regime.ends_on is None else f"to {regime.ends_on.isoformat()}"
        said = (
            f"Regime: {regime.regulation.value} ({regime.regulation.name}), from "
            f"{regime.starts_on.isoformat()} "
            f"{until}; source: {regime.source_strength.value}"
        )
    lines += [
        "",
        said,
        "Citations:",
        *(f"  - {c}" for c in doc.citations),
        "",
        "Instruments in force:",
    ]
    for i in doc.instruments:
        end = "" if i.in_force_until is None else i.in_force_until.isoformat()
        mark = " [regime]" if i.part_of_regime else ""
        lines.append(f"  * {i.number}{mark}: {i.title_vi}")
        lines.append(
            f"    {i.effective_from.isoformat()} → {end}; source: {i.source_strength.value}; "
            f"{i.sources[0]}"
        )
    if doc.transitional_rules:
        lines += ["", "Transitional rules:"]
        for r in doc.transitional_rules:
            end = "" if r.applies_until is None else r.applies_until.isoformat()
            lines.append(f"  - {r.citation} ({r.applies_from.isoformat()} → {end}):")
            lines.append(f"    {r.description_en}")
    if doc.notes:
        lines += ["", "Notes:", *(f"  - {n}" for n in doc.notes)]
    return "\n".join(lines)


def html_rules_document(doc: RulesDocument) -> Html:
    return _pre(f"OCOP rules on {doc.on.isoformat()}", text_rules_document(doc), "ocop-rules")


def text_sheet_list(doc: SheetList) -> str:
    return "\n".join(f"#{r.number:>2}  {r.product_set:<7} {r.name}" for r in doc.sheets)


def html_sheet_list(doc: SheetList) -> Html:
    return _pre("Scoresheets", text_sheet_list(doc), "ocop-sheet-list")


def text_sheet_detail(doc: SheetDetail) -> str:
    lines = [
        f"Bộ sản phẩm số {doc.number} ({doc.product_set}): {doc.name}",
        f"{doc.citation}; maximum {doc.maximum}, floor {doc.floor}",
    ]
    for node in doc.nodes:
        depth = node.code.count(".")
        lines.append(f"{'  ' * depth}{node.code} {node.title} [{node.max_points}]")
        for o in node.options:
            star = f" {'*' * o.min_star}" if o.min_star else ""
            lines.append(f"{'  ' * depth}    {o.index}: ({o.points}){star} {o.text}")
    return "\n".join(lines)


def html_sheet_detail(doc: SheetDetail) -> Html:
    return _pre(f"Bộ sản phẩm số {doc.number}", text_sheet_detail(doc), "ocop-sheet")


def text_score_document(doc: ScoreDocument) -> str:
    # Written from the JSON values, so the text shows numbers exactly as the JSON does.
    payload: dict[str, Any] = data(doc)
    lines = [f"{payload['regulation']} · {payload['product_set']} · total {payload['total']}"]
    lines += [f"  Part {part}: {points}" for part, points in payload["parts"].items()]
    for c in payload.get("criteria", []):
        if "points" in c:
            lines.append(f"  {c['code']:<7} {c['points']:>2}/{c['max_points']:<2} {c['title']}")
        else:
            lines.append(f"  {c['code']:<7} avg {c['average']}")
    star = payload["star"]
    lines.append(f"Star: {'not ranked (knocked out)' if star is None else f'{star}★'}")
    lines += [f"  - {reason}" for reason in payload["classification"]["reasons"]]
    return "\n".join(lines)


def html_score_document(doc: ScoreDocument) -> Html:
    return _pre("Score", text_score_document(doc), "ocop-score-document")


def text_certificate_document(doc: CertificateDocument) -> str:
    from ocop.display.certificates import _STATUS  # the status in words, not its code alone

    window = doc.renewal_window
    opens = window.opens_on.isoformat() if window.opens_on else "—"
    closes = window.closes_on.isoformat() if window.closes_on else "—"
    lines = [
        f"{doc.star}★ certificate issued {doc.issued_on.isoformat()} ({doc.regulation.value})",
        f"  expires on:     {doc.expires_on.isoformat()}",
        f"  renewal window: {opens} to {closes}",
        f"  status on {doc.on.isoformat()}: {_STATUS[doc.status]} ({doc.status.value})",
        f"  competent:      {doc.authority.recognised_by}",
    ]
    lines += [f"  cites: {c}" for c in doc.citations]
    lines += [f"  note: {n}" for n in doc.notes]
    return "\n".join(lines)


def html_certificate_document(doc: CertificateDocument) -> Html:
    return _pre("Certificate", text_certificate_document(doc), "ocop-certificate-document")


def text_audit_document(doc: AuditDocument) -> str:
    from ocop.codes import Severity

    report = doc.report
    counts = report.counts()
    lines = [
        f"Audit of {report.regulation.value}: "
        + ", ".join(f"{counts[s]} {s.value}" for s in Severity)
        + f"; {sum(report.held().values())} checks held",
    ]
    for prop in report.properties:
        lines += ["", f"{prop.title} ({prop.name}): {prop.held} held, {len(prop.findings)} found"]
        lines += [f"  ✓ {p.message_en} [{p.location}]" for p in prop.proven]
    if doc.marks:
        lines += [
            "",
            "Lowest total of a card meeting every mark of the star, and the stars a card can be "
            "ranked at:",
            "  sheet    ***   ****  *****  ranked",
        ]
        for m in doc.marks:
            lows = "".join(f"{'–' if b.min_total is None else b.min_total:>7}" for b in m.stars)
            ranked = ", ".join(f"{s}★" for s in m.reachable)
            lines.append(f"  #{m.sheet:<4}{lows}  {ranked}")
    for severity in Severity:
        found = [f for f in report.findings if f.severity is severity]
        lines += ["", f"{severity.value.upper()} ({len(found)}):"]
        for f in found:
            lines.append(f"  [{f.code}] {f.location}")
            lines.append(f"    {f.message_vi}")
            lines.append(f"    {f.message_en}")
            if f.citations:
                lines.append(f"    cites: {'; '.join(map(str, f.citations))}")
        if not found:
            lines.append("  (none)")
    return "\n".join(lines)


def html_audit_document(doc: AuditDocument) -> Html:
    return _pre(f"Audit of {doc.report.regulation.value}", text_audit_document(doc), "ocop-audit")


def text_codes_document(doc: CodesDocument) -> str:
    rows = [
        [c.name, ", ".join([*c.severities, *(["held"] if c.held else [])]), c.kind, c.description]
        for c in doc.codes
    ]
    return text_table(["code", "severities", "kind", "meaning"], rows)


def html_codes_document(doc: CodesDocument) -> Html:
    return _pre("Finding codes", text_codes_document(doc), "ocop-codes")


def text_decision_list(doc: DecisionList) -> str:
    width = max((len(r.topic) for r in doc.decisions), default=0)
    return "\n".join(f"{r.topic:<{width}}  {r.title}" for r in doc.decisions)


def html_decision_list(doc: DecisionList) -> Html:
    return _pre("Decision pages", text_decision_list(doc), "ocop-decisions")


def text_decision_page(doc: DecisionPage) -> str:
    return doc.text  # the page's Markdown, as written


def html_decision_page(doc: DecisionPage) -> Html:
    return _pre(doc.title, doc.text, "ocop-decision")
