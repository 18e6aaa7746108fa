"""Pages of the zfxxgk documentation that are generated from the code at build time.

A page asks for generated Markdown with a line of its own::

    <!-- generated: glossary -->

and the Sphinx ``source-read`` event replaces that line before MyST parses the page. The
generators are plain functions returning Markdown, so the tests can call them too:

- ``glossary``: every official label of both templates ↔ its identifier in the model, read
  from the model's field metadata through :mod:`zfxxgk.template` (no label is typed here);
- ``unlisted-pages``: a toctree of the pages no toctree names yet (a page someone added
  without touching the navigation still gets into the site instead of failing the build).

Translations (``-D language=zh_CN``, catalogues in ``docs/locales``): the generated blocks are
written in the language of the build — the glossary's own words in Chinese, the rule catalogue
from the rules' Chinese titles and descriptions (``scripts/generate_catalogue.py``) — and are
left out of the message catalogues (``-b gettext``), so that nobody translates generated text by
hand. Every page of the HTML site gets a link to the same page in the other language
(``_templates/sidebar/lang.html``): the Chinese site is the root, the English one ``en/``.
"""

from __future__ import annotations

import importlib.util
import re
from collections.abc import Callable, Iterable
from pathlib import Path
from types import ModuleType
from typing import Any

from docutils import nodes
from sphinx.transforms import SphinxTransform

from zfxxgk.cells import CellKind, Unit, ValueKind
from zfxxgk.diagnostics import Severity
from zfxxgk.model import Template
from zfxxgk.template import (
    FOOTNOTE,
    NARRATIVE_SECTIONS,
    SECTION_TITLES,
    TABLE_SECTIONS,
    CellSpec,
    RowSpec,
    row_specs,
)

MARKER = re.compile(r"^<!-- generated: ([a-z-]+) -->$", re.MULTILINE)
DOCS = Path(__file__).resolve().parent.parent
CATALOGUE_SCRIPT = DOCS.parent / "scripts" / "generate_catalogue.py"

# The glossary's own words, by language ("en" is the text as written in the code below).
_ZH: dict[str, str] = {
    "count": "件数",
    "signed count": "件数（可为负）",
    "money (`Decimal`)": "金额（`Decimal`）",
    "中文 (row label path)": "中文（行标签路径）",
    "identifier (path from `Report`)": "标识符（自 `Report` 起的路径）",
    "also printed as": "也印作",
    "columns: 中文 `identifier`": "各列：中文 `标识符`",
    "中文 (column)": "中文（列）",
    "identifier": "标识符",
    "value": "数值",
    "holds": "内容",
    "what": "含义",
    "中文": "中文",
    "tables": "表格",
    "text (`str | None`)": "文字（`str | None`）",
    "template": "报告格式（模板）",
    "severity of a finding": "发现的严重程度",
    "unit of money": "金额单位",
    "## The six sections\n": "## 六个部分\n",
    "## Section 二, 2021 template\n": "## 二、主动公开政府信息情况（2021 年版格式）\n",
    "## Section 二, 2019 template\n": "## 二、主动公开政府信息情况（2019 年版格式）\n",
    "`ProactiveDisclosure2021`: each row with its columns.\n": (
        "`ProactiveDisclosure2021`：各行及其各列。\n"
    ),
    "`ProactiveDisclosure2019`: each row with its columns.\n": (
        "`ProactiveDisclosure2019`：各行及其各列。\n"
    ),
    "## Section 三 (both templates)\n": "## 三、收到和处理政府信息公开申请情况（两版格式相同）\n",
    "The table's top-left cell carries the official footnote {footnote}. "
    "Rows (each an `ApplicantRow`):\n": "表格左上角的单元格印有官方表注{footnote}。"
    "各行（每行是一个 `ApplicantRow`）：\n",
    "\nThe last-but-two rows differ by shape: （六）其他处理 is three sub-rows "
    "(`OtherHandling`) in the 2021 template, or one `ApplicantRow` (always so in the "
    "2019 template, and in a 2021 report that printed it so).\n": "\n倒数第三项的形状因格式而异："
    "2021 年版格式中（六）其他处理分为三个子行（`OtherHandling`）；2019 年版格式中只有一行"
    "（`ApplicantRow`），2021 年版报告如果只印了一行，也按一行处理。\n",
    "\nColumns (the same in every row):\n": "\n各列（每行相同）：\n",
    "## Section 四 (both templates)\n": (
        "## 四、政府信息公开行政复议、行政诉讼情况（两版格式相同）\n"
    ),
    "Rows (each a `CaseOutcomes`):\n": "各行（每行是一个 `CaseOutcomes`）：\n",
    "\nColumns:\n": "\n各列：\n",
    "## Other words\n": "## 其他用语\n",
    "\nA cell's `kind` (`CellKind`) says what was printed: {kinds} — see "
    "[The model](../model.md).\n": (
        "\n单元格的 `kind`（`CellKind`）说明原文印的是什么：{kinds}，见[数据模型](../model.md)。\n"
    ),
}


def _t(text: str, language: str) -> str:
    """*text* in *language* (the glossary's own words; English as written when not listed)."""
    return _ZH.get(text, text) if language.startswith("zh") else text


def _cell(text: str) -> str:
    """Text fit for one cell of a Markdown table."""
    return " ".join(text.split()).replace("|", "\\|")


def _table(head: Iterable[str], rows: Iterable[Iterable[str]]) -> str:
    head = list(head)
    lines = ["| " + " | ".join(head) + " |", "|" + "---|" * len(head)]
    lines += ["| " + " | ".join(_cell(c) for c in row) + " |" for row in rows]
    return "\n".join(lines) + "\n"


def _aliases(aliases: Iterable[str]) -> str:
    return "、".join(aliases)


def _column_label(spec: CellSpec) -> str:
    return f"{spec.column_parent} / {spec.column}" if spec.column_parent else spec.column


def _kind(spec: CellSpec, language: str) -> str:
    kind = _t(_VALUE_KIND[spec.value_kind], language)
    comma = "，" if language.startswith("zh") else ", "
    return f"{kind}{comma}{spec.unit}" if spec.unit else kind


_VALUE_KIND = {
    ValueKind.COUNT: "count",
    ValueKind.SIGNED_COUNT: "signed count",
    ValueKind.MONEY: "money (`Decimal`)",
}


def _rows_table(rows: Iterable[RowSpec], *, cells: bool, language: str) -> str:
    t = lambda text: _t(text, language)  # noqa: E731
    head = [t("中文 (row label path)"), t("identifier (path from `Report`)"), t("also printed as")]
    if cells:
        head.append(t("columns: 中文 `identifier`"))
    body = []
    for row in rows:
        line = [" / ".join(row.row), f"`{'.'.join(row.path)}`", _aliases(row.aliases)]
        if cells:
            line.append(
                " · ".join(f"{_column_label(c)} `{c.path[-1]}`" for c in row.cells)
                + (
                    (" ({})" if language == "en" else "（{}）").format(
                        _kind(row.cells[0], language)
                    )
                    if row.cells[0].value_kind != ValueKind.COUNT
                    else ""
                )
            )
        body.append(line)
    return _table(head, body)


def _columns_table(row: RowSpec, language: str) -> str:
    t = lambda text: _t(text, language)  # noqa: E731
    return _table(
        [t("中文 (column)"), t("identifier"), t("value"), t("also printed as")],
        (
            [_column_label(c), f"`{c.path[-1]}`", _kind(c, language), _aliases(c.column_aliases)]
            for c in row.cells
        ),
    )


def glossary(language: str = "en") -> str:
    """中文 ↔ identifier for every section, row and column of both templates.

    The official term comes first in every table, in both languages; *language* (``"en"`` or
    ``"zh_CN"``) is the language of the headings and the explanations around the tables.
    """
    t = lambda text: _t(text, language)  # noqa: E731
    out: list[str] = []
    sections = []
    for number, title in SECTION_TITLES.items():
        attr = TABLE_SECTIONS.get(number) or NARRATIVE_SECTIONS[number]
        kind = t("tables") if number in TABLE_SECTIONS else t("text (`str | None`)")
        sections.append([f"{number}、{title}", f"`Report.{attr}`", kind])
    head = [t("中文"), t("identifier"), t("holds")]
    out += [t("## The six sections\n"), _table(head, sections)]

    rows_2021 = row_specs(Template.V2021)
    rows_2019 = row_specs(Template.V2019)
    single = row_specs(Template.V2021, other_single=True)

    def section(rows: Iterable[RowSpec], number: str) -> list[RowSpec]:
        return [r for r in rows if r.section == number]

    out += [
        t("## Section 二, 2021 template\n"),
        t("`ProactiveDisclosure2021`: each row with its columns.\n"),
        _rows_table(section(rows_2021, "二"), cells=True, language=language),
        t("## Section 二, 2019 template\n"),
        t("`ProactiveDisclosure2019`: each row with its columns.\n"),
        _rows_table(section(rows_2019, "二"), cells=True, language=language),
    ]
    s3 = section(rows_2021, "三")
    one_row = [r for r in section(single, "三") if r.path[-1] == "other_handling"]
    out += [
        t("## Section 三 (both templates)\n"),
        t(
            "The table's top-left cell carries the official footnote {footnote}. "
            "Rows (each an `ApplicantRow`):\n"
        ).format(footnote=FOOTNOTE),
        _rows_table([*s3, *one_row], cells=False, language=language),
        t(
            "\nThe last-but-two rows differ by shape: （六）其他处理 is three sub-rows "
            "(`OtherHandling`) in the 2021 template, or one `ApplicantRow` (always so in the "
            "2019 template, and in a 2021 report that printed it so).\n"
        ),
        t("\nColumns (the same in every row):\n"),
        _columns_table(s3[0], language),
    ]
    s4 = section(rows_2021, "四")
    out += [
        t("## Section 四 (both templates)\n"),
        t("Rows (each a `CaseOutcomes`):\n"),
        _rows_table(s4, cells=False, language=language),
        t("\nColumns:\n"),
        _columns_table(s4[0], language),
    ]
    words = [
        *([f"{v.value} 年版格式", f"`Template.{v.name}`", t("template")] for v in Template),
        *([s.label, f"`Severity.{s.name}`", t("severity of a finding")] for s in Severity),
        *([u.value, f"`Unit.{u.name}`", t("unit of money")] for u in Unit),
    ]
    kinds = ", ".join(f"`{k.name}`" for k in CellKind)
    out += [
        t("## Other words\n"),
        _table([t("中文"), t("identifier"), t("what")], words),
        t(
            "\nA cell's `kind` (`CellKind`) says what was printed: {kinds} — see "
            "[The model](../model.md).\n"
        ).format(kinds=kinds),
    ]
    return "\n".join(out)


def _toctrees_name(text: str) -> set[str]:
    """The documents named by the toctrees of one MyST page (relative to that page)."""
    named: set[str] = set()
    for block in re.findall(r"```\{toctree\}\n(.*?)```", text, flags=re.DOTALL):
        for line in block.splitlines():
            line = line.strip()
            if line and not line.startswith(":"):
                named.add(line.rsplit("<", 1)[-1].rstrip(">").strip().removesuffix(".md"))
    return named


def unlisted_pages(docs: Path = DOCS) -> str:
    """A toctree of the pages that no toctree names (none: nothing)."""
    named: set[str] = set()
    pages = sorted(p for p in docs.rglob("*.md") if "_build" not in p.parts)
    for page in pages:
        base = page.parent.relative_to(docs)
        for name in _toctrees_name(page.read_text(encoding="utf-8")):
            named.add(str((base / name).as_posix()).removeprefix("./"))
    left = [
        p.relative_to(docs).with_suffix("").as_posix()
        for p in pages
        if p.relative_to(docs).with_suffix("").as_posix() not in named | {"index"}
        and not p.read_text(encoding="utf-8").startswith("---\norphan: true")
    ]
    if not left:
        return ""
    return "```{toctree}\n:caption: More\n:maxdepth: 1\n\n" + "\n".join(left) + "\n```\n"


GENERATORS: dict[str, Callable[[str], str]] = {
    "glossary": glossary,
    "unlisted-pages": lambda language: unlisted_pages(),
}
# Generated blocks that hold words to read (left out of the message catalogues).
WORDS = frozenset({"glossary"})


_START, _END = "\x00generated{\n", "\x00}generated\n"


def expand(
    text: str, language: str = "en", *, for_catalogue: bool = False, mark: bool = False
) -> str:
    """*text* with every ``<!-- generated: NAME -->`` line replaced by its Markdown.

    *language* is the language of the build; *for_catalogue* (``-b gettext``) leaves out the
    generated words, and the rule catalogue's generated tables, which are never translated by
    hand: a Chinese build writes them in Chinese itself. *mark* puts the generated words between
    two marker lines (see :func:`generated_lines`).
    """

    def wrap(words: str) -> str:
        if not (mark and words):
            return words
        return _START + words + ("" if words.endswith("\n") else "\n") + _END

    def replace(match: re.Match[str]) -> str:
        name = match.group(1)
        if name not in GENERATORS:
            raise ValueError(f"unknown generated block {name!r}; known: {sorted(GENERATORS)}")
        if for_catalogue and name in WORDS:
            return ""
        words = GENERATORS[name](language)
        return wrap(words) if name in WORDS else words

    text = MARKER.sub(replace, text)
    if "<!-- begin generated:" not in text or (language == "en" and not for_catalogue):
        return text  # the English catalogue is the page as committed
    catalogue = _catalogue_script()
    if catalogue.BEGIN in text and catalogue.END in text:
        head, _, rest = text.partition(catalogue.BEGIN)
        _, _, tail = rest.partition(catalogue.END)
        middle = "" if for_catalogue else wrap(catalogue.generated(language))
        text = head + middle + tail
    return text


def generated_lines(text: str) -> tuple[str, list[tuple[int, int]]]:
    """*text* of :func:`expand` with ``mark``, without the markers; and the (first, last) lines
    (1-based) of each generated part."""
    out: list[str] = []
    spans: list[tuple[int, int]] = []
    start = 0
    for line in text.split("\n"):
        if line == _START.strip("\n"):
            start = len(out) + 1
        elif line == _END.strip("\n"):
            spans.append((start, len(out)))
        else:
            out.append(line)
    return "\n".join(out), spans


def _catalogue_script() -> ModuleType:
    spec = importlib.util.spec_from_file_location("generate_catalogue", CATALOGUE_SCRIPT)
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


# The generated lines of each page read by this process (for _Generated).
_GENERATED: dict[str, list[tuple[int, int]]] = {}


def _source_read(app: Any, docname: str, source: list[str]) -> None:
    text = expand(
        source[0],
        app.config.language or "en",
        for_catalogue=app.builder.name == "gettext",
        mark=True,
    )
    source[0], _GENERATED[docname] = generated_lines(text)


class _Generated(SphinxTransform):
    """Generated words are not messages to translate: mark them so before the Locale transform
    (priority 20) looks for their translations, so that they count neither as translated nor as
    untranslated."""

    default_priority = 15

    def apply(self, **kwargs: Any) -> None:
        current = getattr(self.env, "current_document", None)  # Sphinx 8.2+
        spans = _GENERATED.get(current.docname if current else self.env.docname, [])
        if not spans:
            return
        for node in self.document.findall(nodes.TextElement):
            if node.line and any(first <= node.line <= last for first, last in spans):
                node["translatable"] = False


# The other language of each build: its label and where its root is, seen from this root.
SWITCH = {"zh_CN": ("English", "en/"), "en": ("中文", "../")}


def switch_link(pagename: str, language: str) -> tuple[str, str] | None:
    """(label, relative URL) of *pagename* in the other language of the site, if there is one."""
    if language not in SWITCH:
        return None
    label, root = SWITCH[language]
    up = "../" * pagename.count("/")
    return label, f"{up}{root}{pagename}.html"


def _page_context(
    app: Any, pagename: str, templatename: str, context: dict[str, Any], doctree: Any
) -> None:
    if app.builder.format != "html":
        return
    link = switch_link(pagename, app.config.language or "en")
    if link is not None:
        context["zfxxgk_switch_label"], context["zfxxgk_switch_url"] = link


def setup(app: Any) -> dict[str, Any]:
    app.connect("source-read", _source_read)
    app.add_transform(_Generated)
    app.connect("html-page-context", _page_context)
    return {"parallel_read_safe": True, "parallel_write_safe": True, "version": "2"}
