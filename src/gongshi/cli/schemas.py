"""Write the JSON Schema of every kind of data file into schemas/ (committed,
so editors check and complete fields as staff type; a test keeps them current)."""

from __future__ import annotations

import json
from pathlib import Path

from gongshi.model.records import KINDS
from gongshi.outputs.opendata import data_file_schema


def schemas() -> dict[str, str]:
    return {f"{kind}.schema.json": json.dumps(data_file_schema(kind), ensure_ascii=False, indent=2) + "\n"
            for kind in KINDS}


def main(argv: list[str] | None = None) -> int:
    for name, text in schemas().items():
        (Path("schemas") / name).write_text(text, encoding="utf-8")
        print(f"schemas/{name}")
    return 0

