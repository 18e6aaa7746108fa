"""Every real report of the shared corpus, read and compared with its hand-checked cells.

HTML, text (the seed, OCR) and Markdown cases must be read exactly.  Run-together crawler
text must be read exactly or refused clearly.  DOCX and PDF cases (other readers, the same
builder) must never show a wrong cell.  The pre-2019 case must be refused.  The corpus is
not part of the repository: without ``../shared`` the tests skip and say why.
"""

from __future__ import annotations

import csv
import functools
import importlib
import json
from decimal import Decimal, InvalidOperation
from pathlib import Path
from typing import Any

import pytest

from zfxxgk.errors import DocumentError, Pre2019ReportError
from zfxxgk.export import cell_records
from zfxxgk.readers import ParseResult, read
from zfxxgk.readers.builder import CODES

from .conftest import SHARED

CORPUS = SHARED / "corpus"
CASES = (
    sorted(p.name for p in CORPUS.iterdir() if (p / "meta.json").is_file())
    if CORPUS.is_dir()
    else []
)
NO_CORPUS = f"the shared corpus is not here ({CORPUS}); set ZFXXGK_SHARED to its parent"
EXACT = {"html", "text", "markdown"}


def _norm(value: str | None) -> str:
    value = (value or "").strip()
    if not value:
        return ""
    try:
        return str(Decimal(value.replace(",", "")).normalize())
    except InvalidOperation:
        return value


def _meta(case: str) -> dict[str, Any]:
    data: dict[str, Any] = json.loads((CORPUS / case / "meta.json").read_text(encoding="utf-8"))
    return data


def _source(case: str) -> Path:
    return next(p for p in sorted((CORPUS / case).glob("source.*")) if p.is_file())


def _truth(case: str) -> dict[tuple[str, str, str], str]:
    with (CORPUS / case / "cells.csv").open(encoding="utf-8", newline="") as handle:
        return {
            (r["section"], r["row"], r["column"]): _norm(r["value"]) for r in csv.DictReader(handle)
        }


def _kind(case: str) -> str:
    if case.endswith("-crawltext"):
        return "crawltext"
    suffix = _source(case).suffix.lower()
    return {".pdf": "pdf", ".docx": "docx", ".html": "html", ".md": "markdown"}.get(suffix, "text")


@functools.cache
def _read(case: str) -> ParseResult:
    return read(_source(case))


def _compare(case: str) -> tuple[list[str], list[str], ParseResult]:
    result = _read(case)
    got = {
        (r["section"], r["row"], r["column"]): _norm(r["value"])
        for r in cell_records(result.report, include_missing=False)
    }
    wrong, missing = [], []
    for key, want in _truth(case).items():
        if key not in got:
            missing.append("/".join(key))
        elif got[key] != want:
            wrong.append(f"{'/'.join(key)}: want {want or '(blank)'}, got {got[key] or '(blank)'}")
    return wrong, missing, result


@pytest.mark.skipif(not CASES, reason=NO_CORPUS)
@pytest.mark.parametrize("case", CASES or ["-"])
def test_corpus_case(case: str) -> None:
    meta = _meta(case)
    kind = _kind(case)
    if "expect" in meta:
        with pytest.raises(Pre2019ReportError) as info:
            read(_source(case))
        assert "2019 年以前" in info.value.message
        assert info.value.narrative and "主动公开" in info.value.narrative
        return
    if kind in {"pdf", "docx"}:  # the project's own reader: an import error is a failure
        importlib.import_module(f"zfxxgk.readers.{kind}")
    if kind == "crawltext":
        try:
            wrong, _, _ = _compare(case)
        except DocumentError as exc:  # a clear refusal is an acceptable outcome
            refusal: DocumentError | None = exc
        else:
            refusal = None
        if refusal is not None:
            assert refusal.message and refusal.path is not None
        else:
            assert not wrong, wrong
        return
    wrong, missing, result = _compare(case)
    assert not wrong, wrong
    if kind in EXACT:
        assert not missing, missing
        report = result.report
        assert report.info.template.value == meta["template"]
        if meta.get("year") is not None:
            assert report.info.year == meta["year"]
        assert report.overview, "总体情况 not found"
        assert report.other_matters, "其他需要报告的事项 not found"
    for diagnostic in result.diagnostics:
        assert diagnostic.code in CODES or not diagnostic.code.startswith("R1"), diagnostic


@pytest.mark.skipif(not CASES, reason=NO_CORPUS)
def test_every_read_cell_has_a_source_location() -> None:
    for case in ("seed-xihongmen-2024", "pingtan-2025-html", "kewei-shanghai-2024-markdown"):
        result = _read(case)
        for record in cell_records(result.report, include_missing=False):
            location = result.provenance[record["path"]]
            assert location.file == str(_source(case))
            assert location.line is not None or location.table is not None


@pytest.mark.skipif(not CASES, reason=NO_CORPUS)
def test_source_quirks_are_reported_not_repaired() -> None:
    # hongze 2023 prints 行政复议 维持 10 + 纠正 1 with 总计 0: read as printed
    if "hongze-2023-pdf" not in CASES:  # pragma: no cover
        pytest.skip("case hongze-2023-pdf is not in this corpus")
    importlib.import_module("zfxxgk.readers.pdf")  # the project's own: must import
    appeals = _read("hongze-2023-pdf").report.appeals
    assert (
        appeals.review.upheld.value,
        appeals.review.corrected.value,
        appeals.review.total.value,
    ) == (10, 1, 0)


@pytest.mark.skipif(not CASES, reason=NO_CORPUS)
def test_narratives_are_verbatim() -> None:
    report = _read("seed-xihongmen-2024").report
    assert report.overview is not None and report.overview.startswith("（一）组织领导。")
    assert "受理依申请公开事项69件" in report.overview  # the source's own inconsistency, kept
    assert report.problems is not None and report.problems.splitlines()[0].startswith(
        "（一）存在的问题。"
    )
    assert report.other_matters == "我镇本年度发出收费通知的件数和总金额以及实际收取的总金额均为0。"
    info = report.info
    assert (info.agency, info.year, info.title) == (
        "北京市大兴区西红门镇人民政府",
        2024,
        "2024年政府信息公开工作年度报告",
    )
