"""The row schema of every object ``ocop.tabular`` exports, each defined once.

The builders (:func:`ocop.tabular.budget_table_from_frame`,
:func:`ocop.tabular.portfolio_from_frame`) read the same schemas back.
"""

from __future__ import annotations

from typing import Final

from ocop.tabular.schema import Column, Kind, Schema

__all__ = [
    "BUDGET_TABLE",
    "CLASSIFICATION",
    "FINDING",
    "PORTFOLIO",
    "PROGRESS",
    "PROVEN",
    "SCHEMAS",
    "SCORE_RESULT",
]

TEXT, INT, MONEY, BOOL = Kind.TEXT, Kind.INT, Kind.MONEY, Kind.BOOL
DATE, FLOAT, CODES = Kind.DATE, Kind.FLOAT, Kind.CODES


def _c(name: str, kind: Kind, doc: str, *, null: bool = False) -> Column:
    return Column(name, kind, null, doc)


SCORE_RESULT: Final = Schema(
    "score_result",
    "one row per criterion of each scored card",
    (
        _c("product", TEXT, "product id on the card", null=True),
        _c("evaluator", TEXT, "evaluator id on the card", null=True),
        _c("regulation", TEXT, "regulation of the sheet, e.g. '26/2026/QĐ-TTg'"),
        _c("product_set", TEXT, "product set code, e.g. 'I.3.c'"),
        _c("sheet", INT, "sheet number in the regulation's appendix"),
        _c("part", TEXT, "part A, B or C"),
        _c("group", TEXT, "criteria group code, e.g. '1'"),
        _c("criterion", TEXT, "criterion code, e.g. '1.2'"),
        _c("title", TEXT, "criterion title as printed"),
        _c("option", INT, "0-based index of the ticked option; empty when none applies", null=True),
        _c("option_text", TEXT, "text of the ticked option", null=True),
        _c("points", INT, "points scored"),
        _c("max_points", INT, "most points the criterion gives"),
        _c("citation", TEXT, "where the criterion is printed"),
        _c("errata", CODES, "ids of errata on the criterion and the ticked option"),
    ),
)

CLASSIFICATION: Final = Schema(
    "classification",
    "one row per classification",
    (
        _c("regulation", TEXT, "regulation whose bands and minimums apply"),
        _c("product_set", TEXT, "product set code; empty for bare points", null=True),
        _c("sheet", INT, "sheet number; empty for bare points", null=True),
        _c("total", FLOAT, "total points, for plotting (see total_exact)"),
        _c("total_exact", TEXT, "total points exactly: '89.5', or a fraction '269/3'"),
        _c("band_star", INT, "star the total alone reaches"),
        _c("star", INT, "star reached; empty when knocked out", null=True),
        _c("recognised", BOOL, "whether the star is certified (3★–5★)"),
        _c("minimums_checked", BOOL, "false when only a total was classified"),
        _c("held_back_by", CODES, "codes of the criteria whose minimums kept the star below band"),
        _c("knockouts", CODES, "ids of the knock-outs that applied"),
        _c("next_star", INT, "the next star; empty at 5★ or after a knock-out", null=True),
        _c("points_needed", FLOAT, "points the next star still needs", null=True),
        _c("points_needed_exact", TEXT, "the same, exactly", null=True),
    ),
)

FINDING: Final = Schema(
    "finding",
    "one row per finding",
    (
        _c("code", TEXT, "stable finding code"),
        _c("severity", TEXT, "error, warning or info"),
        _c("location", TEXT, "where in the document"),
        _c("expected", TEXT, "what the rule or the other figure requires, exactly", null=True),
        _c("actual", TEXT, "what the document has, exactly", null=True),
        _c("message_vi", TEXT, "message in Vietnamese"),
        _c("message_en", TEXT, "message in English"),
        _c("quote", TEXT, "the sentence of the document involved", null=True),
        _c("citations", CODES, "rules the finding rests on"),
    ),
)

PROVEN: Final = Schema(
    "proven",
    "one row per check that held",
    (
        _c("code", TEXT, "stable check code"),
        _c("location", TEXT, "where in the document"),
        _c("value", TEXT, "the figure that held, exactly", null=True),
        _c("message_en", TEXT, "how it was proven, in English"),
        _c("message_vi", TEXT, "the same in Vietnamese, where given", null=True),
    ),
)

_CERTIFICATE_DATES = (
    ("revoked_on", "date of the decision to revoke it"),
    ("superseded_on", "date a later certificate replaced it"),
    ("re_evaluation_filed_on", "date a re-evaluation dossier was filed"),
    ("re_evaluation_decided_on", "date the re-evaluation was decided"),
)

PORTFOLIO: Final = Schema(
    "portfolio",
    "one row per certificate of each product, one per product without a certificate, "
    "and one per subject without a product",
    (
        _c("subject", TEXT, "subject id (for a PortfolioTable: its position)"),
        _c("entity_type", TEXT, "cooperative, sme, household …"),
        _c("modern_channels", BOOL, "sells in modern channels; empty when unknown", null=True),
        _c("closed_value_chain", BOOL, "in a closed value chain; empty when unknown", null=True),
        _c(
            "circular_value_chain", BOOL, "in a circular value chain; empty when unknown", null=True
        ),
        _c("trained", BOOL, "trained; empty when unknown", null=True),
        _c("product", TEXT, "product id (for a PortfolioTable: its position)", null=True),
        _c("product_name", TEXT, "product name", null=True),
        _c("district", TEXT, "district where it is made", null=True),
        _c("commune", TEXT, "commune where it is made", null=True),
        _c("product_group", TEXT, "product group I–VI", null=True),
        _c("tags", CODES, "the product's tags"),
        _c("craft_village", BOOL, "from a craft village; empty when unknown", null=True),
        _c("star", INT, "the certificate's star (3–5); empty: no certificate", null=True),
        _c("issued_on", DATE, "date the certificate was issued", null=True),
        _c("regulation", TEXT, "regime it was issued under, when stated", null=True),
        _c("product_set", TEXT, "product set code on the certificate", null=True),
        _c("issued_by", TEXT, "level of the issuing authority", null=True),
        _c("issuer", TEXT, "issuing authority", null=True),
        _c("decision_number", TEXT, "số quyết định", null=True),
        *(_c(name, DATE, doc, null=True) for name, doc in _CERTIFICATE_DATES[:1]),
        _c("revocation_ground", TEXT, "ground of the revocation", null=True),
        *(_c(name, DATE, doc, null=True) for name, doc in _CERTIFICATE_DATES[1:]),
        _c("certificate_product", TEXT, "product name or id written on the certificate", null=True),
    ),
)

BUDGET_TABLE: Final = Schema(
    "budget_table",
    "one row per stated figure (and, asked for, per figure the stated cells determine)",
    (
        _c("level", TEXT, "which axes the figure breaks down: cell, item_source, …, total"),
        _c("item", TEXT, "item id; empty in a total over items", null=True),
        _c("item_name", TEXT, "item name as printed", null=True),
        _c("source", TEXT, "funding source, e.g. 'central_budget'; empty: all sources", null=True),
        _c("year", INT, "year; empty in a total over the years", null=True),
        _c("amount_dong", MONEY, "amount in đồng, exact"),
        _c("stated", BOOL, "true: printed in the document; false: the sum of stated cells"),
    ),
)

PROGRESS: Final = Schema(
    "progress",
    "one row per target",
    (
        _c("plan", TEXT, "plan id"),
        _c("on", DATE, "date progress is measured on"),
        _c("target", TEXT, "target id"),
        _c("outcome", TEXT, "met, not_met or not_evaluable"),
        _c("required", TEXT, "what the target requires, as text"),
        _c("actual", FLOAT, "the portfolio's figure, for plotting", null=True),
        _c("actual_exact", TEXT, "the same, exactly", null=True),
        _c("gap", FLOAT, "how far the figure must move; 0 when met", null=True),
        _c("gap_exact", TEXT, "the same, exactly", null=True),
        _c("reason", TEXT, "why met, missed or not evaluable"),
        _c("due", BOOL, "whether the deadline has passed on the date", null=True),
        _c("shortfalls", CODES, "per-unit targets: 'unit: gap' for each unit that misses"),
    ),
)

SCHEMAS: Final = (
    SCORE_RESULT,
    CLASSIFICATION,
    FINDING,
    PROVEN,
    PORTFOLIO,
    BUDGET_TABLE,
    PROGRESS,
)
