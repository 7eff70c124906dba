"""Write the JSON Schema of every kind of data file into schemas/ (committed,
so editors check and complete fields as staff type; a test keeps them current)."""

from __future__ import annotations

import json
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(ROOT / "hooks"))

from gongshi.export.opendata import data_file_schema  # noqa: E402
from gongshi.model.records import KINDS  # noqa: E402


def schemas() -> dict[str, str]:
    return {f"{kind}.schema.json": json.dumps(data_file_schema(kind), ensure_ascii=False, indent=2) + "\n" for kind in KINDS}


def main() -> int:
    for name, text in schemas().items():
        (ROOT / "schemas" / name).write_text(text, encoding="utf-8")
        print(f"schemas/{name}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
