"""``readers._nfkc.nfkc`` is ``unicodedata.normalize("NFKC", …)``, only faster."""

from __future__ import annotations

import unicodedata

from hypothesis import given, settings
from hypothesis import strategies as st

from zfxxgk.readers._nfkc import nfkc

from .hypothesis_profiles import examples

# the characters it replaces, what composes with them, and report text around them
_ALPHABET = st.sampled_from(
    [chr(c) for c in range(0xFF01, 0xFF5F)]
    + ["\u00a0", "\u3000", "\u0300", "\u0301", "\u0327", "\u3099", "\u309a", "\u2f00", "\u2460"]
    + list("Aa1,. 一二（）。、本年新收か")
)


@settings(max_examples=examples(300))
@given(text=st.text(alphabet=_ALPHABET, max_size=12) | st.text(max_size=12))
def test_nfkc_is_nfkc(text: str) -> None:
    assert nfkc(text) == unicodedata.normalize("NFKC", text)


def test_every_character_before_a_combining_mark() -> None:
    for code in range(0x30000):  # every character with a decomposition is below
        char = chr(code)
        for text in (char, f"\uff21{char}\u0301", f"{char}\uff0c\u0327"):
            assert nfkc(text) == unicodedata.normalize("NFKC", text), hex(code)
