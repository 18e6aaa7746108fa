"""Regenerate the rule catalogue page of the documentation from the code.

python scripts/generate_catalogue.py          # write docs/reference/catalogue.md
python scripts/generate_catalogue.py --check  # exit 1 if the committed page is out of date

The page lists what ``zfxxgk rules`` lists without plugins (:func:`zfxxgk.review.full_catalogue`),
in the same order: every code with its severity, title, description, message template and one
example message, grouped by origin.  Only the part between the two markers is generated.
The Chinese documentation site writes the same tables with Chinese headings at build time
(``generated("zh_CN")``, called by ``docs/_ext/zfxxgk_docs.py``); the titles, descriptions and
messages are the rules' own, in Chinese in both.

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
HEAD = ("code", "severity", "title", "what it checks", "message", "example")
COUNT = "({n} codes)"
# The same page in Chinese (the documentation built with -D language=zh_CN).
ZH_GROUPS = (
    "单份报告：`check(report)`",
    "同一机关的前后两个年度：`check_pair(previous, current)`",
    "跨报告审查：`zfxxgk.review`（年度系列、上下级、相似）",
    "规则引擎自身的代码（任何规则都可能产生）",
)
ZH_HEAD = ("代码", "严重程度", "标题", "检查内容", "消息模板", "示例")
ZH_COUNT = "（{n} 个代码）"


def _cell(text: str) -> str:
    return text.replace("|", "\\|").replace("\n", " ")


def _message(template: str) -> str:
    return f"`{template}`" if template and "`" not in template else (template or "—")


def _table(entries: Iterable[CatalogueEntry], zh: bool = False) -> list[str]:
    lines = ["| " + " | ".join(ZH_HEAD if zh else HEAD) + " |", "|---|---|---|---|---|---|"]
    for e in entries:
        severity = e.severity.label if zh else f"{e.severity.value} ({e.severity.label})"
        row = [f"`{e.code}`", severity, e.title, e.description, _message(e.message), e.example]
        lines.append("| " + " | ".join(_cell(c) for c in row) + " |")
    return lines


def generated(language: str = "en") -> str:
    """The generated part of the page (between the markers, markers included).

    *language* ``"zh_CN"``: the headings in Chinese (the Chinese site), the rest the same.
    """
    zh = language.startswith("zh")
    entries = full_catalogue()
    out = [BEGIN, ""]
    for i, (origin, heading, kind) in enumerate(GROUPS):
        mine = [e for e in entries if e.origin == origin and (kind is None or e.kind is kind)]
        title = (
            f"{ZH_GROUPS[i]}{ZH_COUNT.format(n=len(mine))}"
            if zh
            else (f"{heading} {COUNT.format(n=len(mine))}")
        )
        out += [f"## {title}", "", *_table(mine, zh), ""]
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
