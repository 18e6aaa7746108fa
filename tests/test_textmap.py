"""The shared folded text with its map back to the original (zfxxgk.textmap)."""

from __future__ import annotations

import unicodedata

from hypothesis import given
from hypothesis import strategies as st

from zfxxgk.textmap import TextMap, fold


def _no_spaces(ch: str) -> str:
    return "".join(c for c in unicodedata.normalize("NFKC", ch) if not c.isspace())


def test_fold_maps_each_folded_character_to_its_original() -> None:
    text = "共 收到\n申请 １２ 件"
    folded = fold(text, _no_spaces)
    assert folded.norm == "共收到申请12件"
    assert [text[i] for i in folded.starts] == list("共收到申请１２件")
    assert folded.ends is None


def test_span_slice_and_line_column() -> None:
    text = "第一行\n共 收到 12 件"
    folded = fold(text, _no_spaces)
    at = folded.norm.index("12")
    assert folded.span(at, at + 2) == (text.index("12"), text.index("12") + 2)
    assert folded.original_text(folded.norm.index("收"), at + 2) == "收到 12"
    assert folded.line_column(0) == (1, 1)
    assert folded.line_column(at) == (2, 6)
    assert folded.span(len(folded.norm), len(folded.norm)) == (len(text), len(text))
    assert folded.line_column(len(folded.norm)) == (2, len("共 收到 12 件") + 1)


def test_ends_when_one_folded_character_stands_for_several() -> None:
    text = "共123件"
    folded = TextMap(text, "共0件", (0, 1, 4), (1, 4, 5))
    assert folded.original_text(1, 2) == "123"
    assert folded.span(0, 3) == (0, 5)
    assert folded.index_at(2) == 2


@given(st.text(max_size=60))
def test_every_folded_character_comes_from_its_original(text: str) -> None:
    folded = fold(text, _no_spaces)
    assert len(folded.starts) == len(folded.norm)
    assert list(folded.starts) == sorted(folded.starts)
    for i, c in enumerate(folded.norm):
        assert c in _no_spaces(folded.original_text(i, i + 1))
