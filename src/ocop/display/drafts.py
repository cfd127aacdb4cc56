"""What a draft changes (:class:`ocop.drafts.compare.Comparison`) and the test cases' results
(``ocop test``), as text and HTML."""

from __future__ import annotations

from fractions import Fraction
from typing import TYPE_CHECKING

from ocop.display.markup import Html, block, el

if TYPE_CHECKING:
    from ocop.cli.compare import CompareDocument
    from ocop.cli.test import TestDocument
    from ocop.drafts.compare import Comparison, MinimalCard

# The renderers are internal: ocop.display.html() and text() dispatch to them by name.
__all__: list[str] = []


def _percent(share: Fraction) -> str:
    # Two decimals are for reading; the exact share is in the JSON.
    return f"{float(100 * share):.2f}%"


def _points(points: int) -> str:
    # The report is English: "3 points", not the sheets' "3 đ".
    return f"{points} point" if points == 1 else f"{points} points"


def _star(star: int | None) -> str:
    return "knocked out" if not star else f"{star}★"


def _card(card: MinimalCard) -> list[str]:
    lines = [
        f"    {card.direction}: {len(card.changed)} criteria changed from the baseline; "
        f"{card.total_before} → {card.total_after} points, "
        f"{_star(card.star_before)} → {_star(card.star_after)}"
    ]
    lines += [
        f"      {c.criterion} → option {c.option} ({_points(c.points)}): {c.text}"
        for c in card.changed
    ]
    lines += [f"      before: {r}" for r in card.reasons_before]
    lines += [f"      draft:  {r}" for r in card.reasons_after]
    return lines


def text_comparison(c: Comparison) -> str:
    lines = [f"Draft {c.draft!r} against {c.against}"]
    lines += [f"  {d.kind}: {d.before} → {d.after}" for d in c.differences]
    lines.append(
        f"Sheets where some card changes star: {', '.join(f'#{n}' for n in c.affected) or 'none'}"
        f" (of {len(c.sheets)}; up to {c.budget} cards per sheet, seed {c.seed})"
    )
    for s in c.sheets:
        if not s.comparable:
            lines.append(f"#{s.sheet} {s.product_set} {s.name}: criteria differ; not sampled")
        elif not (s.changed or s.differences or s.gains or s.loses):
            continue
        else:
            how = "all" if s.exact else "sampled"
            share = _percent(s.share)
            if not s.exact:
                share += f" (95% CI {_percent(s.low)[:-1]}–{_percent(s.high)})"
            lines.append(
                f"#{s.sheet} {s.product_set} {s.name}: {s.changed} of {s.cards} {how} cards "
                f"change star, {share}"
            )
        lines += [
            f"  {d.kind} {d.criterion or ''}{'' if d.option is None else f' option {d.option}'}: "
            f"{d.before} → {d.after}"
            for d in s.differences
        ]
        for card in (s.gains, s.loses):
            if card is not None:
                lines += _card(card)
    if c.portfolio_cards:
        lines.append(
            f"Portfolio: {len(c.portfolio_changed)} of {c.portfolio_cards} scorecards change star"
        )
        lines += [
            f"  card {p.index} ({p.product_set}): {p.total_before} → {p.total_after} points, "
            f"{_star(p.star_before)} → {_star(p.star_after)}"
            for p in c.portfolio_changed
        ]
    return "\n".join(lines)


def html_comparison(c: Comparison) -> Html:
    return block(f"Draft {c.draft}", el("pre", text_comparison(c)), kind="ocop-comparison")


def text_compare_document(doc: CompareDocument) -> str:
    return text_comparison(doc.comparison)


def html_compare_document(doc: CompareDocument) -> Html:
    return html_comparison(doc.comparison)


def text_test_document(doc: TestDocument) -> str:
    report = doc.report
    lines = [] if report.draft is None else [f"Under the draft {report.draft!r}"]
    for r in report.results:
        where = f"{r.file}:{r.line}" if r.line is not None else r.file
        head = f"{'PASS' if r.passed else 'FAIL'} {where} {r.title} [{r.clause}]"
        lines.append(head if r.passed else f"{head}: {'; '.join(r.failures)}")
    failed = len(report.failed)
    lines.append(f"{len(report.results) - failed} passed, {failed} failed")
    return "\n".join(lines)


def html_test_document(doc: TestDocument) -> Html:
    return block("Test cases", el("pre", text_test_document(doc)), kind="ocop-test")
