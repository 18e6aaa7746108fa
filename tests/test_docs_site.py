"""The documentation site builds with Sphinx, warnings as errors, in Chinese and English.

The builds are the ones of docs/conf.py, made once for the module: the Chinese site at the root
(``python -m sphinx -W --keep-going -b html -D language=zh_CN docs OUT``) and the English one
under ``OUT/en``; they need the docs extra, which the test extra includes. The generated pages
(the glossary) come from ``docs/_ext/zfxxgk_docs.py``, tested here without Sphinx as well; the
rule catalogue is generated into its page by ``scripts/generate_catalogue.py``
(tests/test_catalogue.py) and, in Chinese, at build time.

The pages of ``TRANSLATED`` must be translated in full: their catalogues
(``docs/locales/zh_CN/LC_MESSAGES/<page>.po``) hold no fuzzy or empty translation, and Sphinx
itself, building the Chinese site, marks no message of theirs as untranslated (a paragraph
changed in the English page and not yet in the catalogue is one).
"""

from __future__ import annotations

import html
import importlib.util
import os
import pickle
import re
import subprocess
import sys
import time
from dataclasses import replace
from pathlib import Path
from types import ModuleType

import pytest

from zfxxgk.model import Template
from zfxxgk.rules import catalogue
from zfxxgk.template import cell_specs, row_specs

from .docs_examples import blocks, prepare_folder, run_page

REPO = Path(__file__).resolve().parent.parent
DOCS = REPO / "docs"
LOCALE = DOCS / "locales" / "zh_CN" / "LC_MESSAGES"

# The pages the Chinese site has in full (issue 22). The others show the English text where no
# translation exists yet; the API reference stays English.
TRANSLATED = (
    "index",
    "tutorial",
    "howto/check-folder",
    "howto/custom-rules",
    "cli",
    "explanation/templates",
    "site",
    "reference/catalogue",
    "reference/glossary",
)


def _generators() -> ModuleType:
    path = DOCS / "_ext" / "zfxxgk_docs.py"
    spec = importlib.util.spec_from_file_location("zfxxgk_docs", path)
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def test_glossary_names_every_label_and_identifier() -> None:
    glossary = _generators().glossary()
    for template in Template:
        for single in (False, True):
            for row in row_specs(template, other_single=single):
                assert f"`{'.'.join(row.path)}`" in glossary
                assert all(label in glossary for label in row.row)
            for spec in cell_specs(template, other_single=single):
                assert spec.column in glossary, spec.column
                assert f"`{spec.path[-1]}`" in glossary


def test_chinese_glossary_puts_the_official_term_first() -> None:
    glossary = _generators().glossary("zh_CN")
    assert "## 三、收到和处理政府信息公开申请情况（两版格式相同）" in glossary
    assert "The six sections" not in glossary and "identifier" not in glossary
    lines = glossary.splitlines()
    rows = [  # the body rows of every table (not the heads, each followed by |---|)
        line
        for line, after in zip(lines, [*lines[1:], ""], strict=True)
        if line.startswith("| ") and not after.startswith("|---")
    ]
    assert len(rows) > 50
    for line in rows:  # every table: the official term, then its identifier
        first, second = line.split(" | ")[:2]
        assert "`" not in first and re.search(r"[\u4e00-\u9fff]", first), line
        assert second.startswith("`"), line
    for spec in cell_specs(Template.V2021):
        assert all(label in glossary for label in spec.row) and f"`{spec.path[-1]}`" in glossary


def test_generated_blocks_are_left_out_of_the_catalogues_and_written_in_chinese() -> None:
    page = (DOCS / "reference" / "catalogue.md").read_text(encoding="utf-8")
    english = _generators().expand(page)
    assert english == page  # the English page is the page as committed
    pot = _generators().expand(page, for_catalogue=True)
    assert "| `S3-BALANCE` |" not in pot and pot.startswith("# Rule catalogue")
    chinese = _generators().expand(page, "zh_CN")
    assert "| 代码 | 严重程度 | 标题 | 检查内容 | 消息模板 | 示例 |" in chinese
    assert "## 单份报告：`check(report)`" in chinese and "| code |" not in chinese
    assert all(f"`{info.code}`" in chinese and info.title in chinese for info in catalogue())
    glossary = (DOCS / "reference" / "glossary.md").read_text(encoding="utf-8")
    row = "| 自然人 | `natural_person` |"
    assert row not in _generators().expand(glossary, for_catalogue=True)
    assert row in _generators().expand(glossary)


def test_generated_lines_are_found_and_their_markers_dropped() -> None:
    docs = _generators()
    page = "# Glossary\n\nIntro.\n\n<!-- generated: glossary -->\n\nAfter.\n"
    text, spans = docs.generated_lines(docs.expand(page, "zh_CN", mark=True))
    assert text == docs.expand(page, "zh_CN")
    lines = text.split("\n")
    [(first, last)] = spans
    assert lines[first - 1] == "## 六个部分" and lines[first - 2] == ""
    assert lines[last - 1].startswith("单元格的 `kind`") and "After." in lines[last:]


def test_unknown_generated_block_is_an_error() -> None:
    with pytest.raises(ValueError, match="unknown generated block"):
        _generators().expand("<!-- generated: nonsense -->\n")


def test_a_page_missing_from_the_navigation_gets_in_under_more(tmp_path: Path) -> None:
    """A page no toctree names is listed under "More" instead of failing the strict build."""
    (tmp_path / "howto").mkdir()
    (tmp_path / "index.md").write_text("```{toctree}\n:hidden:\n\nhowto/a\n```\n", "utf-8")
    (tmp_path / "howto" / "a.md").write_text("# A\n", "utf-8")
    (tmp_path / "howto" / "b.md").write_text("# B\n", "utf-8")
    generated = _generators().unlisted_pages(tmp_path)
    assert ":caption: More" in generated
    assert "howto/b" in generated and "howto/a" not in generated
    (tmp_path / "howto" / "b.md").unlink()
    assert _generators().unlisted_pages(tmp_path) == ""


def _build(out: Path, *options: str) -> float:
    """Build the site into *out* with warnings as errors; return the seconds it took."""
    start = time.perf_counter()
    command = [sys.executable, "-m", "sphinx", "-W", "--keep-going", "-q", "-b", "html"]
    proc = subprocess.run(
        [*command, *options, "docs", str(out)],
        cwd=REPO,
        capture_output=True,
        text=True,
        encoding="utf-8",
        timeout=1800,
        check=False,
    )
    assert proc.returncode == 0, proc.stdout + proc.stderr
    return time.perf_counter() - start


@pytest.fixture(scope="module")
def site(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The site as published: Chinese at the root, English under ``en/`` (built once)."""
    for module in ("sphinx", "myst_parser", "furo", "babel"):
        if importlib.util.find_spec(module) is None:
            if os.environ.get("CI"):
                pytest.fail(f"{module} is missing: the test extra installs the docs tools")
            pytest.skip(f"{module} is not installed (pip install -e '.[docs]')")
    out = tmp_path_factory.mktemp("site")
    seconds_zh = _build(out, "-D", "language=zh_CN")
    seconds_en = _build(out / "en")
    print(f"docs built in {seconds_zh:.1f} s (zh_CN) + {seconds_en:.1f} s (en)")
    return out


def test_site_builds_with_warnings_as_errors(site: Path) -> None:
    out = site / "en"
    glossary = (out / "reference" / "glossary.html").read_text(encoding="utf-8")
    assert "natural_person" in glossary and "本年新收政府信息公开申请数量" in glossary
    rules = (out / "reference" / "catalogue.html").read_text(encoding="utf-8")
    assert all(info.code in rules for info in catalogue())
    api = (out / "api" / "model.html").read_text(encoding="utf-8")
    assert "zfxxgk.model.Report" in api and "from_counts" in api
    schema = (out / "reference" / "schema.html").read_text(encoding="utf-8")
    assert "urn:zfxxgk:schema:report:v1" in schema
    assert (out / "tutorial.html").is_file() and (out / "howto" / "dask.html").is_file()


def test_chinese_site_is_the_root_and_every_page_links_to_the_other_language(site: Path) -> None:
    lang = re.compile(r'<html [^>]*lang="([^"]+)"')
    assert lang.findall((site / "index.html").read_text(encoding="utf-8")) == ["zh-CN"]
    assert lang.findall((site / "en" / "index.html").read_text(encoding="utf-8")) == ["en"]
    pages = [p for p in site.rglob("*.html") if not {"_static", "_modules"} & set(p.parts)]
    assert len(pages) > 40
    link = re.compile(r'class="zfxxgk-language-switch-link" href="([^"]+)"')
    for page in pages:
        if page.name in {"genindex.html", "search.html", "py-modindex.html"}:
            continue
        found = link.findall(page.read_text(encoding="utf-8"))
        assert len(found) == 1, page
        other = (page.parent / found[0]).resolve()
        assert other.is_file(), (page, found[0])
        assert other.name == page.name and (other.is_relative_to(site / "en")) != (
            page.is_relative_to(site / "en")
        ), (page, other)


def untranslated_in_catalogue(po: Path) -> list[str]:
    """The messages of a catalogue that have no translation or a fuzzy one."""
    from babel.messages.pofile import read_po

    with po.open("rb") as f:
        messages = read_po(f)
    return [
        str(m.id)
        for m in messages
        if m.id and (m.fuzzy or not (m.string if isinstance(m.string, str) else all(m.string)))
    ]


def untranslated_in_build(site: Path, page: str) -> list[str]:
    """The messages Sphinx left untranslated in *page* of the Chinese build (its doctree)."""
    from babel.messages.pofile import read_po
    from docutils import nodes
    from sphinx import addnodes

    with (LOCALE / f"{page}.po").open("rb") as f:
        translations = {m.string for m in read_po(f) if m.id and isinstance(m.string, str)}

    with (site / ".doctrees" / f"{page}.doctree").open("rb") as f:
        doctree = pickle.load(f)
    left = []
    for node in doctree.findall(nodes.Element):
        if isinstance(node, addnodes.toctree):
            # Sphinx translates a toctree's caption without marking the node translated.
            if node.get("caption") and node["caption"] == node.get("rawcaption"):
                left.append(node["caption"])
        elif isinstance(node, nodes.image):
            # Sphinx puts an image's translated alt text in place without marking the node
            # translated: the alt text is translated when it is one of the catalogue's.
            if node.get("translated") is False and node.get("alt") not in translations:
                left.append(str(node.get("alt", ""))[:200])
        elif node.get("translated") is False:
            left.append(node.astext()[:200])
    return left


def test_a_fuzzy_or_empty_translation_is_found(tmp_path: Path) -> None:
    po = tmp_path / "page.po"
    po.write_text(
        'msgid ""\nmsgstr "Content-Type: text/plain; charset=UTF-8\\n"\n\n'
        'msgid "Done"\nmsgstr "完成"\n\n'
        '#, fuzzy\nmsgid "Check it"\nmsgstr "检查"\n\n'
        'msgid "Read it"\nmsgstr ""\n',
        encoding="utf-8",
    )
    assert untranslated_in_catalogue(po) == ["Check it", "Read it"]


@pytest.mark.parametrize("page", TRANSLATED)
def test_listed_page_is_translated_in_full(site: Path, page: str) -> None:
    po = LOCALE / f"{page}.po"
    assert po.is_file(), f"{po}: run the translation cycle of docs/writing-docs.md"
    assert untranslated_in_catalogue(po) == [], f"{po}: fuzzy or untranslated messages"
    left = untranslated_in_build(site, page)
    assert left == [], (
        f"{page}: messages without a translation in {po.relative_to(REPO)} "
        "(update the catalogue: docs/writing-docs.md)"
    )


def test_an_untranslated_page_is_found(site: Path) -> None:
    """The check is not vacuous: the API reference is English, so its messages are left."""
    assert "api/model" not in TRANSLATED
    assert untranslated_in_build(site, "api/model")


_PRE = re.compile(
    r'<div class="highlight-(?P<language>[\w-]+) notranslate"><div class="highlight"><pre>'
    r"(?P<code>.*?)</pre>",
    re.DOTALL,
)


def shown_code(page_html: str) -> list[tuple[str, str]]:
    """(language, text) of every code block of a built page, in order."""
    return [
        (m["language"], html.unescape(re.sub(r"<[^>]+>", "", m["code"])))
        for m in _PRE.finditer(page_html)
    ]


def test_chinese_tutorial_shows_and_runs_the_examples(site: Path, tmp_path: Path) -> None:
    """The examples as the Chinese tutorial shows them run and print what the page shows."""
    source = DOCS / "tutorial.md"
    page = blocks(source.read_text(encoding="utf-8"), "docs/tutorial.md")
    shown = shown_code((site / "tutorial.html").read_text(encoding="utf-8"))
    assert "你的第一个小时" in (site / "tutorial.html").read_text(encoding="utf-8")
    visible = [i for i, b in enumerate(page) if b.language != "hidden"]
    assert len(shown) == len(visible)
    chinese = list(page)
    for i, (language, code) in zip(visible, shown, strict=True):
        assert language == (page[i].language or "default")
        assert code.strip("\n") == page[i].code.strip("\n"), page[i].line
        chinese[i] = replace(page[i], code=code)
    prepare_folder(tmp_path)
    run_page(source, tmp_path, page_blocks=chinese)
