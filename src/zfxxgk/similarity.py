"""How much of one report's narrative is copied from another's (雷同, FORMAT.md §7).

Chinese has no spaces, so texts are compared as sequences of characters.  Both texts are
normalised — NFKC, punctuation and spaces dropped, every run of digits replaced by one
placeholder (so "2023年" and "2024年", "63件" and "95件" compare equal: a copied sentence
with the numbers updated is still copied) — and the template's boilerplate is masked out:
section headings, the labels of the tables, the standard opening sentence ("根据《中华人民共和国
政府信息公开条例》…编制本报告"), the statistical-period, electronic-version and contact sentences.

Shared passages are found from character *k*-gram shingles and extended to maximal runs of
identical characters; runs separated by a small edit ("我镇" → "我区") are joined.  The score
is the share of both texts' content covered by passages of at least ``min_length``
characters.  :class:`SimilarityIndex` keeps winnowed fingerprints of many texts, so one
report can be checked against hundreds: candidates are ranked by shared fingerprints and only
the best are compared in full.
"""

from __future__ import annotations

import functools
import hashlib
import itertools
import re
import unicodedata
import zlib
from collections.abc import Container, Hashable, Iterator
from typing import Final, Generic, TypeVar

import attrs

from .textmap import TextMap

__all__ = [
    "IndexMatch",
    "Match",
    "Passage",
    "PreparedText",
    "Similarity",
    "SimilarityIndex",
    "compare_texts",
    "match_texts",
    "prepare",
]

K = TypeVar("K", bound=Hashable)

_SHINGLE: Final = 8
"""Characters per shingle: about three or four words of Chinese."""
_WINDOW: Final = 6
"""Winnowing window of the index: any shared run of ≥ SHINGLE + WINDOW − 1 chars is seen."""
_MIN_LENGTH: Final = 20
"""Shortest passage reported (normalised characters)."""
_GAP: Final = 4
"""Passages on the same alignment separated by at most this many characters are joined."""
_MAX_POSTINGS: Final = 4
"""A shingle occurring more often than this in either text seeds only its k-th place in one text
with its k-th in the other (not every pair), so that repetitive text costs linear time."""

_MIX: Final = 0x9E3779B97F4A7C15
"""Spreads a shingle's CRC-32 over 64 bits (Fibonacci hashing) for :meth:`PreparedText.sketch`."""
_MASK64: Final = (1 << 64) - 1

_DIGIT_RUN: Final = re.compile(r"\d+(?:[.,，]\d+)*")


@functools.cache
def _boilerplate_labels() -> tuple[str, ...]:
    """Every label of both templates (and the section titles), normalised, longest first."""
    from .model import Template
    from .template import FOOTNOTE, SECTION_TITLES, cell_specs

    labels: set[str] = {FOOTNOTE, *SECTION_TITLES.values()}
    labels.update(f"{number}、{title}" for number, title in SECTION_TITLES.items())
    for template in Template:
        for single in (True, False):
            for spec in cell_specs(template, other_single=single):
                labels.update(spec.row)
                labels.update(spec.row_aliases)
                labels.add(spec.column)
                labels.update(spec.column_aliases)
                if spec.column_parent:
                    labels.add(spec.column_parent)
    labels.update(("信息内容", "申请人情况", "行政复议", "行政诉讼", "政府信息公开工作年度报告"))
    normalised = {_normalise_plain(label) for label in labels}
    return tuple(sorted((x for x in normalised if len(x) >= 4), key=len, reverse=True))


_BOILERPLATE_SENTENCES: Final = (
    # the standard opening: 根据《中华人民共和国政府信息公开条例》…编制本报告
    re.compile(
        r"(?:根据|依据|按照|遵照).{0,40}?中华人民共和国政府信息公开条例.{0,240}?(?:编制|编写|制定)"
    ),
    # 本报告所列数据的统计期限自…1月1日…12月31日
    re.compile(r"统计(?:期限|周期|时限|时间|区间).{0,40}?1月1日.{0,30}?12月31日"),
    re.compile(r"电子版.{0,80}?下载"),
    re.compile(r"(?:如对本(?:年度)?报告|对本报告如)有.{0,20}?(?:疑问|问题|意见)"),
    re.compile(r"(?:联系)?(?:地址|邮编|邮政编码|电话|传真|电子邮箱|邮箱)[:：]"),
    re.compile(r"本(?:年度)?报告(?:全文)?(?:包括|共分|分为|由).{0,200}?(?:部分|组成)"),
)
_SENTENCE_SPLIT: Final = re.compile(r"[。！？!?]|\n\s*\n")
_STOCK_PHRASES: Final = (
    # set phrases every report uses: shared, but not a sign of copying
    "坚持以习近平新时代中国特色社会主义思想为指导",
    "以习近平新时代中国特色社会主义思想为指导",
    "公开为常态不公开为例外",
    "中华人民共和国政府信息公开条例",
    "政府信息公开信息处理费管理办法",
    "国务院办公厅政府信息与政务公开办公室",
    "中华人民共和国政府信息公开工作年度报告格式",
)


def _normalise_plain(text: str) -> str:
    norm = _DIGIT_RUN.sub("0", unicodedata.normalize("NFKC", text))
    return "".join(c for c in norm if c.isalnum())


@functools.cache
def _stock_phrases() -> tuple[str, ...]:
    """Template labels and stock phrases, normalised, longest first."""
    phrases = {*_boilerplate_labels(), *(_normalise_plain(p) for p in _STOCK_PHRASES)}
    return tuple(sorted(phrases, key=len, reverse=True))


def _masked_before(mask: bytes) -> list[int]:
    """``m[i]`` = how many of the first *i* characters are masked."""
    return [0, *itertools.accumulate(mask)]


@attrs.frozen(slots=True, eq=False)
class PreparedText:
    """A text ready for comparison: normalised characters, their places, the boilerplate mask.

    Build it with :func:`prepare`; reuse it to compare one text with many.
    """

    original: str
    chars: str
    """The normalised characters (digit runs are ``"0"``; no punctuation or spaces)."""
    starts: tuple[int, ...]
    """Offset in ``original`` where each normalised character starts."""
    ends: tuple[int, ...]
    """Offset in ``original`` just after each normalised character."""
    mask: bytes
    """1 where the character belongs to template boilerplate."""

    @functools.cached_property
    def textmap(self) -> TextMap:
        """The normalised characters with their places (:class:`~zfxxgk.textmap.TextMap`)."""
        return TextMap(self.original, self.chars, self.starts, self.ends)

    @property
    def content_length(self) -> int:
        """How many characters are not boilerplate."""
        return len(self.mask) - sum(self.mask)

    @functools.cached_property
    def _shingles(self) -> dict[str, list[int]]:
        table: dict[str, list[int]] = {}
        k = _SHINGLE
        chars = self.chars
        masked_before = _masked_before(self.mask)
        for i in range(len(chars) - k + 1):
            if masked_before[i + k] == masked_before[i]:
                table.setdefault(chars[i : i + k], []).append(i)
        return table

    @functools.cached_property
    def content_key(self) -> bytes:
        """A digest of the normalised characters and the boilerplate mask: texts with the
        same key — the same text, or one that differs only in its numbers, punctuation and
        spaces — compare alike (:class:`Match`)."""
        digest = hashlib.blake2b(self.chars.encode("utf-8", "surrogatepass"), digest_size=16)
        digest.update(self.mask)
        return digest.digest()

    def sketch(self, size: int = 64) -> tuple[int, ...]:
        """The *size* smallest hashes of the shingles outside boilerplate, smallest first
        (a bottom-*k* MinHash): two texts that share much of their content share many of
        these values.  The hashes are the same in every process (not Python's ``hash``),
        so sketches made in worker processes can be compared."""
        crc32 = zlib.crc32
        mixed = {
            (crc32(s.encode("utf-8", "surrogatepass")) * _MIX) & _MASK64 for s in self._shingles
        }
        return tuple(sorted(mixed)[:size])

    def fingerprints(self) -> frozenset[int]:
        """Winnowed shingle hashes (the minimum of every window of ``_WINDOW`` shingles)."""
        hashes: list[tuple[int, int]] = []
        for shingle, places in self._shingles.items():
            h = hash(shingle)
            hashes.extend((i, h) for i in places)
        hashes.sort()
        values = [h for _, h in hashes]
        out: set[int] = set()
        w = _WINDOW
        if len(values) <= w:
            return frozenset(values)
        for i in range(len(values) - w + 1):
            out.add(min(values[i : i + w]))
        return frozenset(out)


def prepare(text: str) -> PreparedText:
    """Normalise *text* and mask the template's boilerplate (see the module docstring)."""
    if not isinstance(text, str):
        raise TypeError(f"prepare needs a str, not {type(text).__name__}")
    folded = unicodedata.normalize("NFKC", text)
    if len(folded) != len(text):  # NFKC changed the length (㈠, ①, ligatures …)
        folded = "".join(map(_fold_char, text))
    chars, starts_list, ends_list = _tokens(folded)
    starts, ends = tuple(starts_list), tuple(ends_list)
    textmap = TextMap(text, chars, starts, ends)
    mask = bytearray(len(chars))
    _mask_sentences(textmap, mask)
    for label in _stock_phrases():
        at = chars.find(label)
        while at >= 0:
            mask[at : at + len(label)] = b"\x01" * len(label)
            at = chars.find(label, at + len(label))
    return PreparedText(text, chars, starts, ends, bytes(mask))


@functools.lru_cache(maxsize=8192)
def _fold_char(c: str) -> str:
    """NFKC of one character, kept to one character (so offsets stay put)."""
    folded = unicodedata.normalize("NFKC", c)
    if len(folded) == 1:
        return folded
    return "#" if not any(x.isalnum() for x in folded) else folded[0]


def _tokens(folded: str) -> tuple[str, list[int], list[int]]:
    """Letters and digits of *folded* (each digit run, with "." and "," inside, as "0")."""
    out: list[str] = []
    starts: list[int] = []
    ends: list[int] = []
    in_number = False
    last = len(folded) - 1
    for i, c in enumerate(folded):
        if c.isdigit():
            if in_number:
                ends[-1] = i + 1
            else:
                out.append("0")
                starts.append(i)
                ends.append(i + 1)
                in_number = True
        elif c.isalnum():
            out.append(c)
            starts.append(i)
            ends.append(i + 1)
            in_number = False
        elif in_number and c in ".," and i < last and folded[i + 1].isdigit():
            continue
        else:
            in_number = False
    return "".join(out), starts, ends


def _mask_sentences(textmap: TextMap, mask: bytearray) -> None:
    """Mask every normalised character of a standard sentence (opening, period, contact …)."""
    if not textmap.starts:
        return
    text = textmap.original
    begin = 0
    for m in _SENTENCE_SPLIT.finditer(text + "。"):
        a, b = begin, m.start()
        begin = m.end()
        sentence = re.sub(r"\s+", "", unicodedata.normalize("NFKC", text[a:b]))
        if not sentence or not any(rx.search(sentence) for rx in _BOILERPLATE_SENTENCES):
            continue
        lo = textmap.index_at(a)
        hi = textmap.index_at(b)
        mask[lo:hi] = b"\x01" * (hi - lo)


@attrs.frozen(kw_only=True, slots=True)
class Passage:
    """A passage the two texts share.

    ``a`` and ``b`` are (start, end) offsets in the original texts; ``length`` is the number
    of normalised characters (the shorter side's, when a bridged edit inserted characters in
    one text only); ``text_a``/``text_b`` the passages as printed in each.
    ``exact`` is false when small edits inside the passage were bridged.
    """

    a: tuple[int, int]
    b: tuple[int, int]
    length: int
    text_a: str
    text_b: str
    exact: bool = True


@attrs.frozen(kw_only=True, slots=True)
class Similarity:
    """How much two narratives share.

    ``score`` (0–1) is the share of both texts' content (boilerplate excluded) covered by
    shared passages: (covered in A + covered in B) / (content of A + content of B).
    ``coverage_a`` is the share of A found in B ("how much of this year's text was copied"),
    ``coverage_b`` the share of B found in A.
    """

    score: float
    coverage_a: float
    coverage_b: float
    passages: tuple[Passage, ...]

    def __str__(self) -> str:
        return (
            f"相似度 {self.score:.0%}（甲文 {self.coverage_a:.0%} 见于乙文，"
            f"乙文 {self.coverage_b:.0%} 见于甲文；共 {len(self.passages)} 段相同文字）"
        )


@attrs.define
class _Run:
    i: int
    j: int
    length: int
    """The length in A's normalised characters."""
    length_b: int
    """The length in B's: unlike :attr:`length` when a bridged edit inserted or dropped
    characters on one side."""
    parts: list[tuple[int, int, int]] = attrs.field(factory=list)
    """The identical pieces (i, j, length); more than one when small edits were bridged."""

    @property
    def exact(self) -> bool:
        return len(self.parts) <= 1


def _runs(a: PreparedText, b: PreparedText, min_length: int) -> list[_Run]:
    """Maximal identical runs of characters outside boilerplate, seeded by shared shingles."""
    ta, tb = a._shingles, b._shingles
    seeds: list[tuple[int, int]] = []
    for shingle in ta.keys() & tb.keys():
        places_a, places_b = ta[shingle], tb[shingle]
        if len(places_a) > _MAX_POSTINGS or len(places_b) > _MAX_POSTINGS:
            # a shingle repeated many times (a repetitive passage): pairing every place with
            # every place would be quadratic; pairing the k-th with the k-th still seeds the
            # alignment of a passage copied whole, repetitive or not
            seeds.extend(zip(places_b, places_a, strict=False))
            continue
        seeds.extend((j, i) for j in places_b for i in places_a)
    seeds.sort()
    ca, cb, ma, mb = a.chars, b.chars, a.mask, b.mask
    k = _SHINGLE
    covered: dict[int, int] = {}  # alignment (i - j) -> end j of the last run found on it
    runs: list[_Run] = []
    for j, i in seeds:
        diagonal = i - j
        if covered.get(diagonal, -1) > j:
            continue
        start_i, start_j = i, j
        while start_i > 0 and start_j > 0:
            if ca[start_i - 1] != cb[start_j - 1] or ma[start_i - 1] or mb[start_j - 1]:
                break
            start_i -= 1
            start_j -= 1
        end_i, end_j = i + k, j + k
        while end_i < len(ca) and end_j < len(cb):
            if ca[end_i] != cb[end_j] or ma[end_i] or mb[end_j]:
                break
            end_i += 1
            end_j += 1
        covered[diagonal] = end_j
        length = end_i - start_i
        runs.append(_Run(start_i, start_j, length, length, [(start_i, start_j, length)]))
    return runs


def _join(runs: list[_Run]) -> list[_Run]:
    """Join runs on (nearly) the same alignment separated by a small edit."""
    runs = sorted(runs, key=lambda r: (r.i, r.j))
    joined: list[_Run] = []
    for run in runs:
        if joined:
            last = joined[-1]
            gap_a = run.i - (last.i + last.length)
            gap_b = run.j - (last.j + last.length_b)
            if 0 <= gap_a <= _GAP and 0 <= gap_b <= _GAP:
                last.length = run.i + run.length - last.i
                last.length_b = run.j + run.length_b - last.j  # the gaps may differ
                last.parts.extend(run.parts)
                continue
        joined.append(_Run(run.i, run.j, run.length, run.length_b, list(run.parts)))
    return joined


def _select(runs: list[_Run], min_length: int) -> list[_Run]:
    """The longest passages first; drop those mostly covered by a longer one."""
    chosen: list[_Run] = []
    taken_a: set[int] = set()
    taken_b: set[int] = set()
    for run in sorted(runs, key=lambda r: -r.length):
        if min(run.length, run.length_b) < min_length:
            continue
        span_a = range(run.i, run.i + run.length)
        span_b = range(run.j, run.j + run.length_b)
        fresh_a = sum(1 for x in span_a if x not in taken_a)
        fresh_b = sum(1 for x in span_b if x not in taken_b)
        if min(fresh_a, fresh_b) < min_length:
            continue
        chosen.append(run)
        taken_a.update(span_a)
        taken_b.update(span_b)
    return sorted(chosen, key=lambda r: r.i)


def _covered(runs: list[_Run], mask: bytes, side: str) -> int:
    """How many characters outside boilerplate the passages cover (bridged edits excluded)."""
    places: set[int] = set()
    for run in runs:
        for i, j, length in run.parts:
            start = i if side == "a" else j
            places.update(x for x in range(start, start + length) if not mask[x])
    return len(places)


@attrs.frozen(kw_only=True, slots=True)
class Match:
    """What two texts share, in their normalised characters: what :func:`compare_texts`
    finds before it maps the passages back to the printed texts.  It depends only on the
    texts' normalised characters and boilerplate masks (:attr:`PreparedText.content_key`),
    so one match serves every pair of texts with the same keys: texts that differ only in
    their numbers are compared once (:meth:`similarity`)."""

    keys: tuple[bytes, bytes]
    """The :attr:`PreparedText.content_key` of text A and of text B."""
    runs: tuple[tuple[int, int, int, int, bool], ...]
    """Each shared passage: its start in A's and in B's normalised characters, its length in
    A's and in B's (they differ when a bridged edit inserted characters on one side), whether
    it is exact; in order of A."""
    covered_a: int
    covered_b: int
    content_a: int
    content_b: int

    @property
    def score(self) -> float:
        """:attr:`Similarity.score` of the texts matched."""
        total = self.content_a + self.content_b
        return (self.covered_a + self.covered_b) / total if total else 0.0

    def similarity(self, a: PreparedText, b: PreparedText) -> Similarity:
        """The :class:`Similarity` of *a* and *b*, texts with the keys of this match."""
        if (a.content_key, b.content_key) != self.keys:
            raise ValueError("the texts are not those of this match (content_key differs)")
        map_a, map_b = a.textmap, b.textmap
        passages = tuple(
            Passage(
                a=map_a.span(i, i + length_a),
                b=map_b.span(j, j + length_b),
                length=min(length_a, length_b),
                text_a=map_a.original_text(i, i + length_a),
                text_b=map_b.original_text(j, j + length_b),
                exact=exact,
            )
            for i, j, length_a, length_b, exact in self.runs
        )
        return Similarity(
            score=self.score,
            coverage_a=self.covered_a / self.content_a if self.content_a else 0.0,
            coverage_b=self.covered_b / self.content_b if self.content_b else 0.0,
            passages=passages,
        )


def match_texts(a: PreparedText, b: PreparedText, *, min_length: int = _MIN_LENGTH) -> Match:
    """The passages *a* and *b* share (:func:`compare_texts` without the printed texts)."""
    if min_length < 1:
        raise ValueError(f"min_length must be ≥ 1, got {min_length}")
    if (len(b.chars), b.chars) < (len(a.chars), a.chars):
        # the same passages whichever text comes first: work in one order, swap back
        swapped = match_texts(b, a, min_length=min_length)
        return Match(
            keys=(a.content_key, b.content_key),
            runs=tuple(
                (j, i, length_b, length_a, exact)
                for i, j, length_a, length_b, exact in sorted(
                    swapped.runs, key=lambda r: (r[1], r[1] + r[3])
                )
            ),
            covered_a=swapped.covered_b,
            covered_b=swapped.covered_a,
            content_a=swapped.content_b,
            content_b=swapped.content_a,
        )
    runs = _select(_join(_runs(a, b, min_length)), min_length)
    return Match(
        keys=(a.content_key, b.content_key),
        runs=tuple((r.i, r.j, r.length, r.length_b, r.exact) for r in runs),
        covered_a=_covered(runs, a.mask, "a"),
        covered_b=_covered(runs, b.mask, "b"),
        content_a=a.content_length,
        content_b=b.content_length,
    )


def compare_texts(
    a: str | PreparedText, b: str | PreparedText, *, min_length: int = _MIN_LENGTH
) -> Similarity:
    """How much of *a* and *b* is the same text, template boilerplate excluded.

    *a* and *b* are texts or :class:`PreparedText` (prepare once, compare many).  Passages
    shorter than *min_length* normalised characters (default 20) are ignored.
    """
    pa = a if isinstance(a, PreparedText) else prepare(a)
    pb = b if isinstance(b, PreparedText) else prepare(b)
    return match_texts(pa, pb, min_length=min_length).similarity(pa, pb)


@attrs.frozen(kw_only=True, slots=True)
class IndexMatch(Generic[K]):
    """One result of :meth:`SimilarityIndex.query`: the key of a stored text and the similarity."""

    key: K
    similarity: Similarity
    shared_fingerprints: int

    @property
    def score(self) -> float:
        return self.similarity.score


class SimilarityIndex(Generic[K]):
    """Many narratives, for finding the ones a new text copies from.

    ``add(key, text)`` stores a text under any hashable key (an agency and year, a file
    name); ``query(text, top=5)`` returns the stored texts most similar to *text*, best
    first.  Candidates are ranked by shared winnowed fingerprints, and the best
    ``max(4 × top, 20)`` are compared in full with :func:`compare_texts`.
    """

    def __init__(self, *, min_length: int = _MIN_LENGTH) -> None:
        if min_length < 1:
            raise ValueError(f"min_length must be ≥ 1, got {min_length}")
        self._min_length = min_length
        self._texts: dict[K, PreparedText] = {}
        self._postings: dict[int, list[K]] = {}

    def add(self, key: K, text: str | PreparedText) -> None:
        """Store *text* under *key* (replacing any text stored under it)."""
        if key in self._texts:
            self.remove(key)
        prepared = text if isinstance(text, PreparedText) else prepare(text)
        self._texts[key] = prepared
        for fingerprint in prepared.fingerprints():
            self._postings.setdefault(fingerprint, []).append(key)

    def remove(self, key: K) -> None:
        """Forget the text stored under *key*."""
        prepared = self._texts.pop(key)
        for fingerprint in prepared.fingerprints():
            keys = self._postings.get(fingerprint)
            if keys is not None:
                keys.remove(key)
                if not keys:
                    del self._postings[fingerprint]

    def __len__(self) -> int:
        return len(self._texts)

    def __contains__(self, key: object) -> bool:
        return key in self._texts

    def __iter__(self) -> Iterator[K]:
        return iter(self._texts)

    def candidates(
        self,
        text: str | PreparedText,
        count: int,
        *,
        skip: Container[K] = (),
        per_fingerprint: int | None = None,
    ) -> list[tuple[K, int]]:
        """The *count* stored texts that share most winnowed fingerprints with *text*, most
        first, with how many they share (of equal counts, the one met first): the texts
        worth comparing in full.  Keys in *skip* are left out (a report's own agency's).

        With *per_fingerprint*, a fingerprint stored for more texts counts for the first
        *per_fingerprint* of them (not skipped) only: the cost of a query stays bounded when
        most stored texts are the same text, where counting every text for every
        fingerprint takes a time that grows with the square of their number."""
        prepared = text if isinstance(text, PreparedText) else prepare(text)
        counts: dict[K, int] = {}
        for fingerprint in prepared.fingerprints():
            taken = 0
            for key in self._postings.get(fingerprint, ()):
                if key in skip:
                    continue
                counts[key] = counts.get(key, 0) + 1
                taken += 1
                if taken == per_fingerprint:
                    break
        return sorted(counts.items(), key=lambda kv: -kv[1])[:count]

    def query(
        self,
        text: str | PreparedText,
        top: int = 5,
        *,
        exclude: K | None = None,
        min_score: float = 0.0,
    ) -> tuple[IndexMatch[K], ...]:
        """The stored texts most similar to *text*, best first (at most *top*).

        *exclude* leaves out one key (the text itself, when it is stored too); results
        scoring below *min_score* are dropped.
        """
        if top < 1:
            raise ValueError(f"top must be ≥ 1, got {top}")
        prepared = text if isinstance(text, PreparedText) else prepare(text)
        skip = () if exclude is None else (exclude,)
        ranked = self.candidates(prepared, max(4 * top, 20), skip=skip)
        matches = [
            IndexMatch(
                key=key,
                similarity=compare_texts(prepared, self._texts[key], min_length=self._min_length),
                shared_fingerprints=shared,
            )
            for key, shared in ranked
        ]
        matches = [m for m in matches if m.score >= min_score and m.score > 0]
        matches.sort(key=lambda m: -m.score)
        return tuple(matches[:top])
