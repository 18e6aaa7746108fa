"""Regenerate the rule catalogue page of the documentation from the code.

python scripts/generate_catalogue.py          # write docs/reference/catalogue.md
python scripts/generate_catalogue.py --check  # exit 1 if the committed page is out of date

The page lists what ``zfxxgk rules`` lists without plugins (:func:`zfxxgk.review.full_catalogue`),
in the same order: every code with its severity, title, description, message template and one
example message, grouped by origin.  Only the part between the two markers is generated.

Every code must have an example (a rule declares ``example=``, see
:mod:`zfxxgk.rules.messages`): a code without one fails both the check and the writing.
"""

from __future__ import annotations

import argparse
import sys
from collections.abc import Iterable
from pathlib import Path

from zfxxgk.review import full_catalogue
from zfxxgk.rules import RuleKind
from zfxxgk.rules.entries import CatalogueEntry

TARGET = Path(__file__).resolve().parent.parent / "docs" / "reference" / "catalogue.md"
BEGIN = "<!-- begin generated: python scripts/generate_catalogue.py -->"
END = "<!-- end generated -->"

GROUPS: tuple[tuple[str, str, RuleKind | None], ...] = (
    ("builtin", "One report: `check(report)`", RuleKind.SINGLE),
    ("builtin", "Two years of one agency: `check_pair(previous, current)`", RuleKind.PAIR),
    ("review", "Across reports: `zfxxgk.review` (series, hierarchy, similar)", None),
    ("engine", "The engine's own codes (with any rule)", None),
)


def _cell(text: str) -> str:
    return text.replace("|", "\\|").replace("\n", " ")


def _message(template: str) -> str:
    return f"`{template}`" if template and "`" not in template else (template or "—")


def _table(entries: Iterable[CatalogueEntry]) -> list[str]:
    lines = [
        "| code | severity | title | what it checks | message | example |",
        "|---|---|---|---|---|---|",
    ]
    for e in entries:
        severity = f"{e.severity.value} ({e.severity.label})"
        row = [f"`{e.code}`", severity, e.title, e.description, _message(e.message), e.example]
        lines.append("| " + " | ".join(_cell(c) for c in row) + " |")
    return lines


def generated() -> str:
    """The generated part of the page (between the markers, markers included)."""
    entries = full_catalogue()
    out = [BEGIN, ""]
    for origin, heading, kind in GROUPS:
        mine = [e for e in entries if e.origin == origin and (kind is None or e.kind is kind)]
        out += [f"## {heading} ({len(mine)} codes)", "", *_table(mine), ""]
    out.append(END)
    return "\n".join(out)


def without_example() -> list[str]:
    """The codes of the page that have no example message (each must have one)."""
    return [e.code for e in full_catalogue() if not e.example.strip()]


def page(current: str) -> str:
    """*current* with its generated part replaced (appended when it has none yet)."""
    if BEGIN in current and END in current:
        head, _, rest = current.partition(BEGIN)
        _, _, tail = rest.partition(END)
        return head + generated() + tail
    return current.rstrip("\n") + "\n\n" + generated() + "\n"


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=(__doc__ or "").splitlines()[0])
    parser.add_argument("--check", action="store_true", help="only compare, do not write")
    args = parser.parse_args(argv)
    missing = without_example()
    if missing:
        print(
            f"以下代码没有示例消息：{', '.join(missing)}。请在规则的声明中加 example=…："
            "一次发现的参数（如 example={'reported': 12, 'expected': 10}，按消息模板填写），"
            "或逐条写出消息的规则的一条真实消息（字符串）；见 zfxxgk.rules.messages",
            file=sys.stderr,
        )
        return 1
    current = TARGET.read_text(encoding="utf-8")
    text = page(current)
    if args.check:
        if current != text:
            print(f"{TARGET} 已过期：请运行 python scripts/generate_catalogue.py", file=sys.stderr)
            return 1
        return 0
    if current != text:
        TARGET.write_text(text, encoding="utf-8")
        print(f"已写入 {TARGET}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
