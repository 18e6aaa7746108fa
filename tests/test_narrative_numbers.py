"""The numbers of a narrative found from their units equal a scan of the whole text.

:func:`zfxxgk.narrative.numbers._numbers` looks for :data:`~zfxxgk.narrative.lexicon._NUMBER`
only before the units (件, 元, % …) instead of at every position of the text; what it finds
must be exactly what ``_NUMBER.finditer`` finds: the same matches, with the same groups, in
the same order.  Texts are drawn from the characters that make or break a number: digits
(one of them not ASCII), Chinese numerals, units, the decimal point, the thousands mark,
the mark of a broken number, 余/多, and words around them.
"""

from __future__ import annotations

from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from zfxxgk.narrative.lexicon import _NUMBER
from zfxxgk.narrative.normalise import _prepare
from zfxxgk.narrative.numbers import _numbers

from .hypothesis_profiles import examples

_PIECES = (
    *"0123456789٣一二两三十百千万亿零〇○",
    *"件次起宗例条元%‰",
    ".",
    "\x1e",
    "\x1f",
    "余",
    "多",
    "第",
    "初",
    "行政复议",
    "事",
    "共",
    "，",
    "。",
    "万元",
    "件次",
    "1\x1e234",
    "2024年",
)
_TEXT = st.lists(st.sampled_from(_PIECES), max_size=24).map("".join)

CORPUS = Path(__file__).resolve().parents[2] / "shared" / "corpus"


def _found(matches: object) -> list[tuple[tuple[int, int], dict[str, str | None]]]:
    return [(m.span(), m.groupdict()) for m in matches]  # type: ignore[attr-defined]


@settings(max_examples=examples(500))
@given(_TEXT)
def test_numbers_from_their_units_equal_the_whole_scan(text: str) -> None:
    assert _found(_numbers(text)) == _found(_NUMBER.finditer(text))


@pytest.mark.parametrize(
    "text",
    [
        "",
        "件",
        "共收到申请12件，办结11件次，收费0元，占5%。",
        "一件事一次办",
        "金额3万元，另有1.5万元、2万万元",
        "1\x1e234件和1\x1f2件",
        "第三件、初二件、两件、三十五件、一百零二件",
        "2023年12件12件",
    ],
)
def test_numbers_from_their_units_on_examples(text: str) -> None:
    assert _found(_numbers(text)) == _found(_NUMBER.finditer(text))


def test_numbers_from_their_units_on_the_corpus() -> None:
    sources = sorted(CORPUS.glob("*/cells.csv"))
    if not sources:
        pytest.skip("../shared/corpus is not there")
    texts = [_prepare(path.read_text(encoding="utf-8")).norm for path in sources]
    assert sum(len(_found(_NUMBER.finditer(t))) for t in texts) > 0
    for text in texts:
        assert _found(_numbers(text)) == _found(_NUMBER.finditer(text))
