"""Regenerate the JSON Schema shipped in the package from the model.

python scripts/generate_schema.py          # write src/zfxxgk/schema/report-v1.schema.json
python scripts/generate_schema.py --check  # exit 1 if the committed file is out of date
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from zfxxgk.json_report import SCHEMA_RESOURCE, build_schema, schema_text

TARGET = Path(__file__).resolve().parent.parent / "src" / "zfxxgk" / SCHEMA_RESOURCE


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--check", action="store_true", help="only compare, do not write")
    args = parser.parse_args(argv)
    text = schema_text(build_schema())
    current = TARGET.read_text(encoding="utf-8") if TARGET.exists() else None
    if args.check:
        if current != text:
            print(f"{TARGET} 已过期：请运行 python scripts/generate_schema.py", file=sys.stderr)
            return 1
        return 0
    if current != text:
        TARGET.parent.mkdir(parents=True, exist_ok=True)
        TARGET.write_text(text, encoding="utf-8")
        print(f"已写入 {TARGET}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
