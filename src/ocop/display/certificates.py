"""Showing a certificate's status on a date, and a certificate with its validity and timeline."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date

from ocop.certificates.model import Certificate
from ocop.certificates.status import CertificateStatus, Segment, Status, timeline
from ocop.certificates.validity import Renewal, Validity, validity
from ocop.display.markup import Html, block, el, esc, table, text_table
from ocop.law import Citation

__all__: list[str] = []

_STATUS = {
    Status.NOT_YET_ISSUED: "not yet issued",
    Status.VALID: "valid",
    Status.RENEWAL_WINDOW: "valid, in the re-evaluation window",
    Status.KEPT_VALID: "kept valid until the re-evaluation decision",
    Status.EXPIRED: "expired",
    Status.REVOKED: "revoked",
    Status.SUPERSEDED: "superseded",
}


def _day(value: date | None) -> str:
    return "—" if value is None else value.isoformat()


def _renewal_rows(r: Renewal) -> list[list[str]]:
    rows = []
    if r.opens_on is not None or r.closes_on is not None:
        rows.append(["re-evaluation window", f"{_day(r.opens_on)} to {_day(r.closes_on)}"])
    if r.decision_within_days is not None:
        rows.append(["decision within", f"{r.decision_within_days} days of a complete dossier"])
    if r.notice_by is not None:
        rows.append(["authority's notice by", _day(r.notice_by)])
    if r.kept_until is not None:
        rows.append(["kept valid at most until", _day(r.kept_until)])
    return rows


def _validity_rows(v: Validity) -> list[list[str]]:
    return [
        ["issued", _day(v.issued_on)],
        ["expires (last valid day)", _day(v.expires_on)],
        ["regulation", v.regulation.value],
        *_renewal_rows(v.renewal),
        ["weakest source", v.source_strength.value],
    ]


def _cites(citations: Sequence[Citation]) -> str:
    return "; ".join(dict.fromkeys(str(c) for c in citations))


def _status_cell(s: Status) -> tuple[str, str]:
    good = "ocop-good" if s.is_valid else "ocop-bad"
    return _STATUS[s], good


def html_certificate_status(s: CertificateStatus) -> Html:
    head = el(
        "div",
        f"On {s.on.isoformat()}: ",
        el("b", _STATUS[s.status], cls=_status_cell(s.status)[1]),
        cls="ocop-meta",
    )
    return block(
        f"Certificate status on {s.on.isoformat()}",
        head,
        table(["", ""], _validity_rows(s.validity), caption="Validity"),
        el("div", f"Basis: {_cites(s.basis)}" if s.basis else "Basis: —", cls="ocop-cite"),
        el("div", f"Term: {_cites(s.validity.citations)}", cls="ocop-cite"),
        _notes([*s.notes, *s.validity.notes, *s.validity.renewal.notes]),
        kind="ocop-certificate-status",
    )


def text_certificate_status(s: CertificateStatus) -> str:
    lines = [
        f"CertificateStatus on {s.on.isoformat()}: {_STATUS[s.status]}",
        *(f"{k}: {v}" for k, v in _validity_rows(s.validity)),
        f"basis: {_cites(s.basis) or '—'}",
    ]
    lines += [f"note: {n}" for n in s.notes]
    return "\n".join(lines)


def _record_rows(cert: Certificate) -> list[list[str]]:
    rows = [["star", f"{cert.star}★"]]
    for label, value in (
        ("product", cert.product),
        ("product set", cert.product_set),
        ("issuer", cert.issuer),
        ("issued by (level)", None if cert.issued_by is None else cert.issued_by.value),
        ("decision", cert.decision_number),
        ("revoked on", None if cert.revoked_on is None else cert.revoked_on.isoformat()),
        (
            "revocation ground",
            None if cert.revocation_ground is None else cert.revocation_ground.value,
        ),
        ("superseded on", None if cert.superseded_on is None else cert.superseded_on.isoformat()),
        ("re-evaluation filed", _maybe(cert.re_evaluation_filed_on)),
        ("re-evaluation decided", _maybe(cert.re_evaluation_decided_on)),
    ):
        if value is not None:
            rows.append([label, value])
    return rows


def _maybe(value: date | None) -> str | None:
    return None if value is None else value.isoformat()


def _segments(segments: Sequence[Segment]) -> list[tuple[str, str, Status]]:
    return [
        (_day(s.starts_on), _day(s.ends_on) if s.ends_on else "open-ended", s.status)
        for s in segments
    ]


def _bar(segments: Sequence[Segment]) -> Html:
    """The timeline as a band: each status in proportion to its days (open end: a short stub)."""
    spans = []
    for s in segments:
        days = 120 if s.ends_on is None else (s.ends_on - s.starts_on).days + 1
        until = f"to {_day(s.ends_on)}" if s.ends_on else "on"
        label = f"{_STATUS[s.status]}: {_day(s.starts_on)} {until}"
        spans.append(
            Html(
                f'<span class="ocop-s-{s.status.value}" style="flex:{int(days)}" '
                f'title="{esc(label)}"></span>'
            )
        )
    return el("div", *spans, cls="ocop-bar")


def html_certificate(cert: Certificate) -> Html:
    v = validity(cert)
    segments = timeline(cert)
    name = f" for {cert.product}" if cert.product is not None else ""
    return block(
        f"OCOP certificate {cert.star}★{name}, issued {cert.issued_on.isoformat()}",
        table(["", ""], _record_rows(cert) + _validity_rows(v)),
        el("div", "Timeline", cls="ocop-h"),
        _bar(segments),
        table(
            ["from", "to", "status"],
            [[a, b, _status_cell(state)] for a, b, state in _segments(segments)],
        ),
        el("div", f"Term: {_cites(v.citations)}", cls="ocop-cite"),
        el("div", f"Renewal: {_cites(v.renewal.citations)}", cls="ocop-cite")
        if v.renewal.citations
        else None,
        _notes([*v.notes, *v.renewal.notes]),
        kind="ocop-certificate",
    )


def text_certificate(cert: Certificate) -> str:
    v = validity(cert)
    rows = [[start, end, _STATUS[state]] for start, end, state in _segments(timeline(cert))]
    return "\n".join(
        [
            f"Certificate {cert.star}★ issued {cert.issued_on.isoformat()}",
            *(f"{k}: {val}" for k, val in _record_rows(cert)[1:] + _validity_rows(v)[1:]),
            "timeline:",
            text_table(["from", "to", "status"], rows),
        ]
    )


def _notes(notes: Sequence[str]) -> Html | None:
    if not notes:
        return None
    return el("ul", *(el("li", n) for n in dict.fromkeys(notes)), cls="ocop-meta")
