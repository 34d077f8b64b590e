"""The payload's JSON Schema file, generated from the model (never written by hand).

``python -m popup_client.core.schema`` rewrites ``resources/schema/popup-1.schema.json``;
a test fails when the file is stale.
"""

from __future__ import annotations

import json
import sys
from pathlib import Path

from .payload import popup_json_schema
from .resources import resources_dir


def schema_path() -> Path:
    return resources_dir() / "schema" / "popup-1.schema.json"


def schema_text() -> str:
    """The schema as the file holds it: stable key order, UTF-8, trailing newline."""
    return json.dumps(popup_json_schema(), ensure_ascii=False, indent=2) + "\n"


def write_schema(path: Path | None = None) -> Path:
    target = path or schema_path()
    target.parent.mkdir(parents=True, exist_ok=True)
    target.write_text(schema_text(), encoding="utf-8")
    return target


if __name__ == "__main__":
    print(f"wrote {write_schema(Path(sys.argv[1]) if len(sys.argv) > 1 else None)}")
