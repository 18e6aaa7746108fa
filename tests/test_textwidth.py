"""Display width is measured in one place, :mod:`zfxxgk.textwidth`, with wcwidth's widths."""

from __future__ import annotations

import subprocess
import sys

import pytest
from wcwidth import wcwidth

from zfxxgk.textwidth import KNOWN, char_width, display_width


@pytest.mark.parametrize(("first", "last", "width"), KNOWN)
def test_every_known_range_has_wcwidths_widths(first: int, last: int, width: int) -> None:
    for point in range(first, last + 1):
        assert max(wcwidth(chr(point)), 0) == width, hex(point)


@pytest.mark.parametrize(
    "char", ["\u0301", "\u200b", "\x1b", "\t", "é", "한", "\U0001f600", "\u302e", "\u3164"]
)
def test_other_characters_are_wcwidths(char: str) -> None:
    assert char_width(char) == max(wcwidth(char), 0)


def test_display_width() -> None:
    assert display_width("abc") == 3
    # 9 ideographs and ，年: 2 each; 2024 and “”…: 1 each
    assert display_width("政府信息公开，2024年“一网通办”…") == 31
    assert display_width("e\u0301") == 1  # a combining accent takes no column


def test_report_text_does_not_import_wcwidth() -> None:
    """ASCII, CJK ideographs and CJK punctuation are measured without importing wcwidth."""
    code = (
        "import sys; from zfxxgk.textwidth import display_width;"
        "assert display_width('一、总体情况（2024年），“公开”…') == 31;"
        "print('wcwidth' in sys.modules)"
    )
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=False)
    assert done.returncode == 0, done.stderr
    assert done.stdout.strip() == "False"
