"""zfxxgk.textwidth gives wcwidth's numbers without importing wcwidth for the characters
reports are written in: every character of its fast blocks, compared one by one."""

from __future__ import annotations

import itertools
import subprocess
import sys
import unicodedata

import pytest
import wcwidth as reference

from zfxxgk.textwidth import FAST_BLOCKS, char_width, in_fast_block


def test_every_character_measured_here_is_measured_as_wcwidth_does() -> None:
    measured = 0
    for start, end in FAST_BLOCKS:
        for code in range(start, end + 1):
            char = chr(code)
            assert char_width(char) == max(reference.wcwidth(char), 0), hex(code)
            category = unicodedata.category(char)
            measured += category[0] in "LNPS" or category == "Zs"
    assert measured > 40_000  # the CJK ideographs alone are 27,000


@pytest.mark.parametrize(
    "char", ["\u0301", "\u200b", "\u2028", "\u3164", "\uffa0", "\u2615", "\U0001f600", "\x07"]
)
def test_other_characters_are_asked_of_wcwidth(char: str) -> None:
    assert char_width(char) == max(reference.wcwidth(char), 0)


def test_the_blocks_are_in_order_and_do_not_overlap() -> None:
    for (_, end), (start, _) in itertools.pairwise(FAST_BLOCKS):
        assert end < start
    assert in_fast_block(0x4E00) and in_fast_block(0xFF08)
    assert not in_fast_block(0x3164) and not in_fast_block(0x41)


def test_a_chinese_text_table_is_measured_without_importing_wcwidth() -> None:
    code = (
        "import sys\n"
        "from zfxxgk.readers._textlines import width\n"
        "assert width('一、总体情况（２０２４年）│ １２ │ 申请人数 ─┼─ ×') > 0\n"
        "print('wcwidth' in sys.modules)\n"
    )
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert done.stdout.strip() == "False"
