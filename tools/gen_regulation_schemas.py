"""Write the JSON Schemas of the law data files (law.json, regulations/) from their models.

Run after changing ``src/ocop/_regulation_files.py``:
``python tools/gen_regulation_schemas.py``.  The tests fail while the packaged
schemas differ from the models.
"""

from __future__ import annotations

import json
from pathlib import Path

from ocop._regulation_files import schemas

OUT = Path(__file__).resolve().parents[1] / "src" / "ocop" / "data"


def main() -> None:
    for name, schema in schemas().items():
        text = json.dumps(schema, ensure_ascii=False, indent=2) + "\n"
        (OUT / name).write_text(text, encoding="utf-8")
        print(f"wrote {OUT / name}")


if __name__ == "__main__":
    main()
