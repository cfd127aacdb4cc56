"""Progress of the Kon Tum 2021–2025 plan on a 20,000-product portfolio, measured in one run.

Prints, in seconds and as ratios measured in this run:

* evaluating every target from the columns (``PortfolioTable``), the batch path;
* building those columns from a validated ``Portfolio`` (pydantic models);
* validating the ``Portfolio`` from plain data, for scale;
* the batch path as a ratio to one ``status_batch`` pass over the same certificates
  (the least any evaluation must do: know which certificates are valid).

    python benchmarks/bench_plan_progress.py [--products N]
"""

from __future__ import annotations

import argparse
from datetime import date
from typing import Any

import numpy as np
from timing import best_of

from ocop.certificates import status_batch
from ocop.plans import Portfolio, PortfolioTable, catalog, progress
from ocop.plans.metrics import EntityType


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--products", type=int, default=20_000)
    args = parser.parse_args()
    n = args.products
    rng = np.random.default_rng(2023)
    n_subjects = max(1, n // 2)
    entity = rng.integers(0, len(EntityType), n_subjects)
    flags = {f: rng.integers(0, 2, n_subjects) for f in ("modern_channels", "closed_value_chain")}
    owner = rng.integers(0, n_subjects, n)
    # 1–2 certificates per product, issued 2020–2025.
    second = rng.random(n) < 0.4
    cert_product = np.concatenate([np.arange(n), np.flatnonzero(second)])
    issued = np.datetime64("2020-01-01") + rng.integers(0, 6 * 365, cert_product.size)
    stars = rng.integers(3, 6, cert_product.size)
    districts = [f"Huyện {i}" for i in rng.integers(0, 10, n)]

    plan, on = catalog.plan("kon-tum-908-2023"), date(2025, 12, 31)

    def columns() -> PortfolioTable:
        return PortfolioTable.from_columns(
            subject_entity=entity,
            subject_flags=flags,
            product_subject=owner,
            product_district=districts,
            certificate_product=cert_product,
            certificate_star=stars,
            certificate_issued_on=issued,
        )

    table = columns()
    batch = best_of(5, lambda: progress(plan, table, on))
    floor = best_of(5, lambda: status_batch(issued, on))

    types = list(EntityType)
    data: dict[str, list[dict[str, Any]]] = {
        "subjects": [
            {"id": f"s{i}", "entity_type": types[int(e)].value} for i, e in enumerate(entity)
        ],
        "products": [{"id": f"p{i}", "subject": f"s{int(o)}"} for i, o in enumerate(owner)],
    }
    for product, day, star in zip(cert_product, issued.astype(object), stars, strict=True):
        certs = data["products"][int(product)].setdefault("certificates", [])
        certs.append({"star": int(star), "issued_on": day})
    validate = best_of(1, lambda: Portfolio.model_validate(data))
    build = best_of(1, lambda: Portfolio.model_validate(data).table())
    portfolio = Portfolio.model_validate(data)

    print(f"portfolio: {n:,} products, {n_subjects:,} subjects, {cert_product.size:,} certificates")
    print(f"progress from columns (batch path):     {batch * 1000:8.1f} ms")
    print(f"  ratio to one status_batch pass:       {batch / floor:8.1f}x")
    print(f"validate Portfolio from plain data:     {validate * 1000:8.1f} ms")
    print(f"validate + build columns:               {build * 1000:8.1f} ms")
    first = best_of(1, lambda: progress(plan, portfolio, on))
    print(f"progress from a Portfolio (first call): {first * 1000:8.1f} ms")


if __name__ == "__main__":
    main()
