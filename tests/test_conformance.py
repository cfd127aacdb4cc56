"""The conformance kit catches wrong implementations and shrinks them to the boundary case.

Each wrong implementation here is a mistake another OCOP app could make; the kit
must find it, and the minimal input it reports must be the case that shows the
mistake (a total of exactly 90, the one mark that was forgotten, the day of
expiry).  Correct implementations, written independently of the kit, must pass.
"""

from __future__ import annotations

from datetime import date
from fractions import Fraction

import pytest
from hypothesis import find

from ocop.budget import Level, Source, TableDocument
from ocop.budget.vocabulary import SOURCE_CITATION, outermost
from ocop.certificates import Certificate, Status, status
from ocop.criteria import Scorecard, score, scoresheet
from ocop.errors import InvalidInput
from ocop.money import parse_decimal
from ocop.stars import band_star, classify, requirements
from ocop.strategies import edge_scorecards
from ocop.testing.conformance import (
    check_budget_total,
    check_certificate_status,
    check_classification,
    check_scoring,
    describe_card,
)

QD26 = "26/2026/QĐ-TTg"
SHEET_4 = scoresheet(4, regulation=QD26).product_set


def star_of(card: Scorecard) -> int | None:
    return classify(score(card)).star


def lowered(card: Scorecard) -> set[str]:
    """Codes of the criteria not at their best option."""
    return {c.code for c in score(card).criteria if c.points < c.max_points}


# --- star classification -------------------------------------------------------------------


def test_forgetting_every_minimum_shrinks_to_ninety_points_and_one_missed_mark() -> None:
    def bands_only(card: Scorecard) -> int:
        return band_star(score(card).total, card.regulation)

    found = check_classification(bands_only, sheet=1)
    d = found.disagreement
    assert d is not None and not found.agrees
    assert (d.expected, d.got) == (4, 5)
    assert score(d.input).total == 90  # on the 5★ edge, not anywhere above it
    card_marks = {r.criterion: r.points for r in requirements(scoresheet(1, regulation=QD26))[5]}
    missed = {c.code for c in score(d.input).criteria if c.points < card_marks.get(c.code, 0)}
    assert len(missed) == 1  # exactly one ***** mark is missed
    assert any("marked *****" in r for r in d.reasons)
    assert any(c.dieu == 3 and c.khoan == 3 for c in d.citations)


def test_ninety_as_four_stars_is_caught_at_exactly_ninety() -> None:
    def strict_upper(card: Scorecard) -> int | None:
        found = classify(score(card))
        return 4 if found.star == 5 and found.total <= 90 else found.star

    d = check_classification(strict_upper).disagreement
    assert d is not None
    assert (d.expected, d.got) == (5, 4)
    assert score(d.input).total == 90
    assert d.input.product_set == scoresheet(1, regulation=QD26).product_set
    assert "total 90 is in the 5★ band (từ 90 đến 100 điểm)" in d.reasons[0]


def test_forgetting_one_mark_names_that_mark() -> None:
    def forgets_1_3(card: Scorecard) -> int | None:
        found = classify(score(card))
        others = [u for u in found.held_back_by if not (u.criterion == "1.3" and u.star == 5)]
        if found.star == 4 and found.band_star == 5 and not others:
            return 5
        return found.star

    d = check_classification(forgets_1_3).disagreement
    assert d is not None
    assert (d.expected, d.got) == (4, 5)
    assert score(d.input).criterion("1.3").option == 1  # just below the ***** option
    assert score(d.input).total == 90


def test_a_correct_classifier_agrees() -> None:
    found = check_classification(star_of, max_examples=150)
    assert found.agrees and found.disagreement is None
    assert found.compared >= 150
    assert str(found) == f"star classification: agrees with ocop on {found.compared} inputs"
    found.assert_agrees()


@pytest.mark.parametrize(
    ("implementation", "got"),
    [
        (lambda card: 1 / 0, "raised ZeroDivisionError: division by zero"),
        (lambda card: "five", "five"),
        (lambda card: True, True),
    ],
)
def test_failures_and_unreadable_answers_disagree(implementation: object, got: object) -> None:
    found = check_classification(implementation, sheet=1, max_examples=5)  # type: ignore[arg-type]
    assert found.disagreement is not None
    assert found.disagreement.got == got
    with pytest.raises(AssertionError, match="your implementation disagrees with ocop"):
        found.assert_agrees()


@pytest.mark.parametrize(
    ("implementation", "max_examples"), [(None, 10), (star_of, 0), (star_of, True), (star_of, 2.5)]
)
def test_misuse_is_refused_with_an_ocop_error(implementation: object, max_examples: object) -> None:
    with pytest.raises(InvalidInput):
        check_classification(implementation, max_examples=max_examples)  # type: ignore[arg-type]


# --- scoring -------------------------------------------------------------------------------


def test_scoring_with_a_printed_misprint_is_caught_on_sheet_4() -> None:
    def printed_13(card: Scorecard) -> Fraction:
        # Uses sheet #4's printed 13 points for criterion 7 option 2 (erratum E01 applies 3).
        extra = 10 if card.product_set == SHEET_4 and card.choices.get("7") == 2 else 0
        return Fraction(score(card).total + extra)

    d = check_scoring(printed_13).disagreement
    assert d is not None
    assert d.input.product_set == SHEET_4
    assert d.input.choices["7"] == 2
    assert d.got == d.expected + 10
    assert d.citations == (score(d.input).citation,)


def test_exact_scoring_agrees_in_any_number_type() -> None:
    assert check_scoring(lambda card: float(score(card).total), max_examples=60).agrees
    assert check_scoring(lambda card: str(score(card).total), max_examples=5).disagreement


# --- certificate status ----------------------------------------------------------------------


def test_expiring_a_day_early_shrinks_to_the_day_of_expiry() -> None:
    def a_day_early(cert: Certificate, on: date) -> Status:
        found = status(cert, on)
        return Status.EXPIRED if on == found.expires_on else found.status

    d = check_certificate_status(a_day_early).disagreement
    assert d is not None
    cert, on = d.input
    assert on == status(cert, on).expires_on
    assert (d.expected, d.got) == ("valid", Status.EXPIRED)
    assert cert.revoked_on is cert.superseded_on is cert.re_evaluation_filed_on is None
    assert d.citations and str(d).startswith("certificate status: your implementation disagrees")


def test_a_yes_no_answer_is_compared_with_validity() -> None:
    assert check_certificate_status(
        lambda cert, on: status(cert, on).status.is_valid, max_examples=80
    ).agrees
    d = check_certificate_status(lambda cert, on: on >= cert.issued_on).disagreement
    assert d is not None and d.got is True
    cert, on = d.input
    assert on >= cert.issued_on and not status(cert, on).status.is_valid
    assert d.expected == status(cert, on).status.value


# --- budget totals -----------------------------------------------------------------------------


def added(doc: TableDocument) -> set[Source]:
    """The sources a grand total adds: those no other listed source contains."""
    return {doc.sources[i] for i in outermost(doc.sources)}


def test_adding_floats_loses_a_dong_and_is_caught() -> None:
    def floats(doc: TableDocument) -> int:
        total = 0.0
        for entry in doc.entries:
            if entry.source not in added(doc):
                continue
            text = str(entry.amount)
            text = text.replace(".", "").replace(",", ".") if doc.locale == "vi" else text
            total += float(text.replace(",", ""))
        return int(total * doc.unit.factor)

    d = check_budget_total(floats, unit="triệu đồng", locale="vi").disagreement
    assert d is not None
    assert isinstance(d.got, int) and d.got != d.expected
    figures = [e.amount for e in d.input.entries if e.source in added(d.input)]
    assert d.expected == sum(parse_decimal(str(f), locale="vi") for f in figures) * 1_000_000
    assert d.citations == (SOURCE_CITATION,)


def test_adding_a_source_and_its_parts_is_caught_on_two_figures() -> None:
    def every_column(doc: TableDocument) -> int:
        return int(doc.build().values(Level.CELL).sum())

    d = check_budget_total(every_column).disagreement
    assert d is not None
    assert len(d.input.entries) == 2  # a source and one source inside it
    sources = {e.source for e in d.input.entries}
    assert sources == {Source.STATE_BUDGET, Source.CENTRAL_BUDGET}
    assert d.got == 2 * d.expected
    assert "inside them: NSTW" in d.reasons[1]


def test_an_exact_budget_total_agrees() -> None:
    def exact(doc: TableDocument) -> int:
        table = doc.build()
        top = list(table.top_sources())
        return int(table.values(Level.CELL)[:, top, :].sum())

    found = check_budget_total(exact, max_examples=100)
    assert found.agrees and found.compared >= 100


# --- the edge cards ---------------------------------------------------------------------------


def test_edge_cards_shrink_to_ninety_points_meeting_every_mark() -> None:
    card = find(edge_scorecards(), lambda c: True)
    found = classify(score(card))
    assert (found.total, found.star, found.sheet) == (90, 5, 1)
    assert describe_card(card).startswith("sheet #1 (I.1.a), total 90: every criterion at its best")


def test_edge_cards_reach_their_edge_when_asked_for_a_lower_star() -> None:
    card = find(edge_scorecards(sheet=7), lambda c: score(c).total < 60)
    assert score(card).total == 50 and star_of(card) == 3
    assert lowered(card)
