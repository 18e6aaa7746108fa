"""The narrative module's fast paths against their plain definitions, on any text.

:func:`zfxxgk.narrative._prepare` folds a text whole — the characters that fold to others
replaced throughout from a learnt table, the plain ones left alone — or run by run; here it is
compared with the definition it replaces — every character on its own.
The map back to the original is kept as runs and looked up offset by offset.  The tag
pattern is one flat alternation whose every alternative begins with a character, and the
number and year patterns begin with a character class (their lookbehinds moved after it):
each is compared here with the plain pattern it stands for; so are the years read off the
text's 年 and the clause ends looked for sentence by sentence.  All must agree on any text, and
the narrative checks must stay bounded on hostile text.
"""

from __future__ import annotations

import re
import unicodedata

import pytest
from hypothesis import example, given, settings
from hypothesis import strategies as st

from zfxxgk import narrative as N
from zfxxgk.rules import check_fee_statement, check_years

from .hypothesis_profiles import examples

_ALPHABET = (
    "收到受理申请件办结答复予以公开部分不予无法提供处理其他结转下年度行政复议诉讼维持纠正未发生"
    "0123456789１２３，。,.;；：:（）()《》 \n\r\t\u3000\u00a0\u200b\ufeff\u00ad\u2029"
    "①②⑴㈠⒈年月日一二两十百千万亿零〇元%‰ﬁ½¨ＡａⅣ⼀⼆⺠e\u0301\u0316"
)
_text = st.text(alphabet=_ALPHABET, max_size=200) | st.text(max_size=60)


def _prepare_plainly(text: str) -> tuple[str, tuple[int, ...]]:
    """The definition: each character folded on its own, spaces collapsed, 1,234 marked."""
    chars: list[str] = []
    pos: list[int] = []
    n = len(text)
    i = 0
    while i < n:
        ch = text[i]
        if ch.isspace() or ch in N._INVISIBLE:
            j = i
            while j < n and (text[j].isspace() or text[j] in N._INVISIBLE):
                j += 1
            run = text[i:j].replace("\r\n", "\n")
            if run.count("\n") >= 2 or "\u2029" in run:
                chars.append("\n")
                pos.append(i)
            elif (
                chars
                and chars[-1] in N._ASCII_DIGITS
                and j < n
                and unicodedata.normalize("NFKC", text[j])[:1] in N._ASCII_DIGITS
            ):
                chars.append(N._BROKEN)
                pos.append(i)
            i = j
            continue
        if N._ENUMERATORS.match(ch):
            chars.append("§")
            pos.append(i)
        else:
            for c in unicodedata.normalize("NFKC", ch):
                if not c.isspace():
                    chars.append(c)
                    pos.append(i)
        i += 1
    for k, c in enumerate(chars):
        if c != "," or k == 0 or chars[k - 1] not in N._ASCII_DIGITS:
            continue
        after = chars[k + 1 : k + 5]
        if len(after) < 3 or any(d not in N._ASCII_DIGITS for d in after[:3]):
            continue
        if len(after) == 4 and after[3] in N._ASCII_DIGITS:
            continue
        m = k - 1
        while m >= 0 and chars[m] in N._ASCII_DIGITS:
            m -= 1
        if k - 1 - m <= 3 and (m < 0 or chars[m] != "."):
            chars[k] = N._THOUSANDS
    pos.append(n)
    return "".join(chars), tuple(pos)


@settings(max_examples=examples(300))
@given(_text)
def test_prepare_equals_folding_each_character(text: str) -> None:
    prepared = N._prepare(text)
    assert (prepared.norm, prepared.pos) == _prepare_plainly(text)
    starts = prepared.starts  # each offset looked up on its own, as a claim's span does
    assert [starts[i] for i in range(len(prepared.norm))] == list(prepared.pos[:-1])
    assert [starts[-i] for i in range(1, len(prepared.norm) + 1)] == list(prepared.pos[-2::-1])
    with pytest.raises(IndexError):
        starts[len(prepared.norm)]
    assert tuple(starts[1:-1]) == prepared.pos[1:-2]


def test_prepare_on_every_kind_of_character() -> None:
    """Every BMP character once, in runs that mix them (the translate table learns them)."""
    text = "".join(chr(c) for c in range(0x20, 0x10000) if not 0xD800 <= c < 0xE000)
    for start in range(0, len(text), 4096):
        piece = text[start : start + 4096] + "1,234"
        prepared = N._prepare(piece)
        assert (prepared.norm, prepared.pos) == _prepare_plainly(piece)


def test_gap_pattern_is_str_isspace() -> None:
    """``\\s`` in the gap pattern means exactly what ``str.isspace`` means."""
    space = re.compile(r"\s")
    assert all(bool(space.match(chr(c))) == chr(c).isspace() for c in range(0x110000))


def _first_characters(pattern: str) -> set[str]:
    """The characters a match of *pattern* can begin with (literal patterns only)."""
    try:
        from re import _constants as c
        from re import _parser as parser
    except ImportError:  # Python 3.10
        import sre_constants as c  # type: ignore[no-redef]
        import sre_parse as parser  # type: ignore[no-redef]

    def sequence(items: list[tuple[object, object]]) -> tuple[set[str], bool]:
        found: set[str] = set()
        for op, av in items:
            first, nullable = one(op, av)
            found |= first
            if not nullable:
                return found, False
        return found, True

    def one(op: object, av: object) -> tuple[set[str], bool]:
        if op is c.LITERAL:
            return {chr(av)}, False  # type: ignore[arg-type]
        if op is c.BRANCH:
            found: set[str] = set()
            nullable = False
            for alternative in av[1]:  # type: ignore[index]
                first, empty = sequence(alternative)
                found |= first
                nullable |= empty
            return found, nullable
        if op is c.SUBPATTERN:
            return sequence(av[-1])  # type: ignore[index]
        if op in (c.MAX_REPEAT, c.MIN_REPEAT):
            first, nullable = sequence(av[2])  # type: ignore[index]
            return first, nullable or av[0] == 0  # type: ignore[index]
        raise AssertionError(f"not a literal pattern: {op}")

    first, nullable = sequence(list(parser.parse(pattern)))
    assert not nullable
    return first


def test_every_tag_alternative_begins_with_a_character() -> None:
    """What lets the regex engine skip the positions no keyword can begin at: every
    alternative of the flat alternation starts with a literal character."""
    alternatives = N._TAGS.pattern[len("(?:") : -1]
    assert alternatives == "|".join(
        alt for _, rx in N._TAG_PATTERNS for alt in N.lexicon._alternatives(rx)
    )
    for _, rx in N._TAG_PATTERNS:
        for alt in N.lexicon._alternatives(rx):
            assert len(_first_characters(alt)) == 1, alt


_NUMBER_PLAINLY = re.compile(
    r"(?P<num>(?<![\d.\x1e\x1f])\d+(?:\x1e\d{3})*(?:\.\d+)?(?![\d\x1f])"
    r"|[零〇○一二两三四五六七八九十百千万亿]+)"
    r"(?P<mult>万(?!元)|亿)?(?P<approx>余|多)?(?P<unit>件次|件|起|宗|例|条|万元|元|%|‰)"
)
_YEAR_PLAINLY = re.compile(r"(?<!\d)((?:19|20)\d{2})(?=年)")
_NUMBER_TEXT = st.text(
    alphabet="0123456789.\x1e\x1f一二两十百万亿零〇余多件次起元%‰条年19 20", max_size=40
)


@settings(max_examples=examples(300))
@given(_NUMBER_TEXT | _text)
def test_number_and_year_patterns_as_written_plainly(text: str) -> None:
    for fast, plain in ((N.lexicon._NUMBER, _NUMBER_PLAINLY), (N.lexicon._YEAR, _YEAR_PLAINLY)):
        found = [(m.span(), m.groups()) for m in fast.finditer(text)]
        assert found == [(m.span(), m.groups()) for m in plain.finditer(text)]


@settings(max_examples=examples(300))
@given(_NUMBER_TEXT | _text)
@example("12024年、2023年度，\n2019年12019年")  # a year after a digit is none
def test_years_read_off_the_nian_as_the_pattern_finds_them(text: str) -> None:
    expected = [(m.start(), int(m[1])) for m in _YEAR_PLAINLY.finditer(text)]
    assert N.reading._years(text) == expected


@settings(max_examples=examples(200))
@given(_text)
def test_clauses_and_segments_found_sentence_by_sentence_as_in_the_whole_text(
    text: str,
) -> None:
    reading = N.reading._Reading(text)
    norm = reading.norm
    n = len(norm)
    clauses = [k for k, c in enumerate(norm) if c in N.lexicon._CLAUSE_END]
    segments = [k for k in clauses if norm[k] in N.lexicon._SENTENCE_END | {";"}]
    for start in range(n + 1):
        for end in (start, min(n, start + 3)):
            assert reading.clause_of(start, end) == N.normalise._around(clauses, start, end, n)
            assert reading.segment_of(start, end) == N.normalise._around(segments, start, end, n)


@settings(max_examples=examples(200))
@given(_text)
def test_tags_as_without_the_lookahead(text: str) -> None:
    plain = re.compile("|".join(f"(?P<{name}>{rx})" for name, rx in N._TAG_PATTERNS))
    norm = N._prepare(text).norm
    expected = [(m.lastgroup, m.start(), m.end()) for m in plain.finditer(norm)]
    assert [(t.name, t.start, t.end) for t in N._tags(norm)] == expected


@pytest.mark.parametrize(
    "text",
    [
        "收到申请" + "1" * 200_000 + "件",
        "未发生" + "行" * 100_000 + "行政复议",
        ("收到申请5件，" * 20_000),
        "，" * 200_000,
        "1,2" * 100_000,
        "①" * 50_000 + "5件",
        " \n" * 100_000 + "3件",
        "未发生行政复议" * 30_000,
        ("行政复议均获维持" * 120 + "。") * 200,
        ("未发生行政复议" * 140 + "。") * 200,
    ],
    ids=["long-number", "long-zero-clause", "many-claims", "commas", "thousands", "enumerators",
         "blank-lines", "repeated-zero", "zeros-in-long-sentences", "zero-clauses"],
)  # fmt: skip
def test_hostile_narratives_are_read_within_the_limits(text: str) -> None:
    """These took minutes before the limits of a sentence, of the matches of a zero wording
    and of a section (and will again, slowing this test, if a limit goes)."""
    claims = N.extract_claims(text)
    assert all(c.span[1] <= N._MAX_TEXT for c in claims)
    assert all(len(c.sentence) <= N._MAX_SENTENCE + 1 for c in claims)
    check_years(text, 2024)
    check_fee_statement(text, year=2024)


def test_the_fold_table_stays_bounded() -> None:
    """Junk with every character of Unicode does not grow the learnt table without end."""
    for start in range(0x10000, 0x30000, 8192):
        N._prepare("".join(chr(c) for c in range(start, start + 8192)))
    assert len(N._FOLDABLE) + len(N._UNFOLDABLE) <= N._FOLD_LIMIT


def test_plain_characters_fold_to_themselves() -> None:
    """The characters :func:`zfxxgk.narrative.normalise._fold_whole` does not look at one by
    one: NFKC leaves each alone, and none is a space, a gap or an enumerator."""
    from zfxxgk.narrative import normalise

    plain = [chr(c) for c in range(0x110000) if not normalise._NOT_PLAIN.match(chr(c))]
    assert len(plain) > 20_000  # the CJK ideographs, ASCII, the usual punctuation
    for ch in plain:
        assert unicodedata.normalize("NFKC", ch) == ch, ch
        assert not normalise._GAP.match(ch) and not N._ENUMERATORS.match(ch), ch


def test_sentence_and_segment_ends_are_clause_ends() -> None:
    """The reading finds the clause ends in one scan and reads the sentence and segment ends
    off them: that holds only while every one of them is a clause end."""
    from zfxxgk.narrative import lexicon, reading

    assert lexicon._SENTENCE_END <= reading._SEGMENT_END <= lexicon._CLAUSE_END
