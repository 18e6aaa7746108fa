"""Issue 15, finding 7: the JSON loader checks ranges and obeys the readers' size limit, and
``convert`` reads UTF-16 and UTF-32 JSON as ``loads`` does."""

from __future__ import annotations

import codecs
import io
import json
from decimal import Decimal
from pathlib import Path
from typing import Any

import pytest

from tests.fixtures.reports import report_2021
from zfxxgk import json_report, limits, readers
from zfxxgk.cli import main
from zfxxgk.convert import read_input
from zfxxgk.errors import DocumentError, JSONLoadError
from zfxxgk.json_report import envelope
from zfxxgk.rules import check


def _data(**info: Any) -> dict[str, Any]:
    data = json_report.to_dict(report_2021())
    data["report"]["info"].update(info)
    return data


def _text(data: dict[str, Any]) -> str:
    return json.dumps(data, ensure_ascii=False)


@pytest.mark.parametrize("year", [-5, 0, 1989, 2101, 10**30])
def test_a_year_out_of_range_is_refused(year: int) -> None:
    with pytest.raises(JSONLoadError) as info:
        json_report.loads(_text(_data(year=year)))
    assert info.value.code == "E300"
    assert "[J-RANGE]" in info.value.message and "$.report.info.year" in info.value.message
    assert str(year) in info.value.message


@pytest.mark.parametrize("year", [1990, 2008, 2100, None])
def test_a_year_in_range_loads_and_checks(year: int | None) -> None:
    report = json_report.loads(_text(_data(year=year)))
    assert report.info.year == year
    check(report)  # the rules run on whatever loads


def _set_cell(data: dict[str, Any], value: Any) -> dict[str, Any]:
    data["report"]["requests"]["new"]["natural_person"] = value
    return data


_LARGEST = 10**limits.MAX_NUMBER_DIGITS


@pytest.mark.parametrize(
    "value",
    [
        _LARGEST,
        -_LARGEST,
        10**100,
        {"kind": "number", "value": "1e999999"},
        {"kind": "number", "value": "1" * 40},
        {"kind": "number", "value": "1e-999999"},
    ],
    ids=["largest", "negative-largest", "googol", "huge-exponent", "40-digits", "tiny-exponent"],
)
def test_a_number_beyond_the_parsers_bound_is_refused(value: Any) -> None:
    with pytest.raises(JSONLoadError) as info:
        json_report.loads(_text(_set_cell(_data(), value)))
    assert "[J-RANGE]" in info.value.message
    assert "$.report.requests.new.natural_person" in info.value.message


@pytest.mark.parametrize("value", [_LARGEST - 1, -5, 0, {"kind": "number", "value": "0.5"}])
def test_a_number_within_the_bound_loads_negative_included(value: Any) -> None:
    report = json_report.loads(_text(_set_cell(_data(), value)))
    cell = report.requests.new.natural_person
    expected = value if isinstance(value, int) else Decimal(value["value"])
    assert cell.value == expected
    check(report)


def test_loads_refuses_text_over_the_limit(monkeypatch: pytest.MonkeyPatch) -> None:
    text = _text(_data())
    monkeypatch.setattr(envelope, "MAX_JSON_BYTES", len(text) - 1)
    with pytest.raises(JSONLoadError, match=r"J-TOO-LARGE"):
        json_report.loads(text)
    with pytest.raises(JSONLoadError, match=r"J-TOO-LARGE"):
        json_report.loads(text.encode())
    monkeypatch.setattr(envelope, "MAX_JSON_BYTES", len(text.encode()))
    assert json_report.loads(text.encode()) == report_2021()


def test_load_reads_no_more_than_the_limit_plus_one(monkeypatch: pytest.MonkeyPatch) -> None:
    asked: list[int] = []

    class Endless(io.BytesIO):
        def read(self, size: int | None = -1) -> bytes:
            asked.append(-1 if size is None else size)
            return b" " * (size if size is not None and size >= 0 else 10**9)

    monkeypatch.setattr(envelope, "MAX_JSON_BYTES", 1000)
    with pytest.raises(JSONLoadError, match=r"J-TOO-LARGE"):
        json_report.load(Endless())
    assert asked == [1001]


def test_the_json_limit_is_the_readers_limit() -> None:
    assert limits.MAX_JSON_BYTES == limits.MAX_BYTES == 64 * 1024 * 1024


ENCODINGS = [
    ("utf-8", b""),
    ("utf-8", codecs.BOM_UTF8),
    ("utf-16-le", codecs.BOM_UTF16_LE),
    ("utf-16-be", codecs.BOM_UTF16_BE),
    ("utf-16-le", b""),
    ("utf-16-be", b""),
    ("utf-32-le", codecs.BOM_UTF32_LE),
    ("utf-32-be", codecs.BOM_UTF32_BE),
]


@pytest.mark.parametrize(
    ("codec", "bom"), ENCODINGS, ids=[f"{c}{'-bom' if b else ''}" for c, b in ENCODINGS]
)
def test_convert_reads_json_in_every_encoding_loads_reads(
    tmp_path: Path, codec: str, bom: bytes
) -> None:
    data = bom + _text(_data()).encode(codec)
    path = tmp_path / "report.json"
    path.write_bytes(data)
    assert json_report.loads(data) == report_2021()
    result = read_input(path)
    assert result.report == report_2021() and result.source == str(path)


def test_convert_refuses_json_over_the_limit(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    path = tmp_path / "big.json"
    path.write_bytes(_text(_data()).encode())
    monkeypatch.setattr(readers, "MAX_BYTES", 1000)  # the limit read_input reads within
    with pytest.raises(DocumentError, match=r"R-TOO-LARGE"):
        read_input(path)


def test_convert_on_the_command_line_says_why(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    path = tmp_path / "year.json"
    path.write_text(_text(_data(year=-5)), encoding="utf-16")
    code = main(["convert", str(path), "-o", "-", "--to", "text"])
    err = capsys.readouterr().err
    assert code == 2 and "E300" in err and "J-RANGE" in err
