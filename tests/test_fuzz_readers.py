"""Fuzzing every reader with mutated documents the library renders itself, and with junk.

Only the library's own exceptions may escape (a :class:`~zfxxgk.errors.DocumentError` whose
message names the file), nothing may hang, and what is read must be a well-formed document.
The seeds are never corpus files: reports drawn by :func:`zfxxgk.strategies.reports` and
rendered by :mod:`zfxxgk.render` (HTML, Markdown, text), and DOCX/PDF files built by
``tests/fixtures_office``.  This is the short run CI makes; ``scripts/fuzz_readers.py`` is
the long one (``HYPOTHESIS_PROFILE=long`` or a time budget, the corpus as extra seeds).
"""

from __future__ import annotations

import contextlib

import attrs
from hypothesis import given, settings
from hypothesis import strategies as st

from zfxxgk.diagnostics import SourceLocation
from zfxxgk.errors import ZfxxgkError
from zfxxgk.readers.document import TextCell, table_location, text_cell

# -- the readers' fast cell constructors --------------------------------------------------


def test_fast_constructors_build_plain_values() -> None:
    """``text_cell``/``table_location`` skip attrs' ``__init__``: safe only while both
    classes are plain values with exactly these fields."""
    for cls, names in (
        (SourceLocation, ("file", "page", "line", "column", "table", "row", "cell")),
        (TextCell, ("text", "location", "spanned")),
    ):
        fields = attrs.fields(cls)
        assert tuple(f.name for f in fields) == names
        assert all(f.validator is None and f.converter is None for f in fields)
        assert all(f.on_setattr in (None, attrs.setters.NO_OP) for f in fields)
        assert "__attrs_post_init__" not in vars(cls)


_maybe_int = st.none() | st.integers(-5, 10**6)


@settings(max_examples=50)
@given(
    text=st.text(max_size=20),
    file=st.none() | st.text(max_size=10),
    table=_maybe_int,
    row=_maybe_int,
    cell=_maybe_int,
    line=_maybe_int,
    spanned=st.booleans(),
)
def test_fast_constructors_equal_the_normal_ones(
    text: str,
    file: str | None,
    table: int | None,
    row: int | None,
    cell: int | None,
    line: int | None,
    spanned: bool,
) -> None:
    fast = text_cell(text, table_location(file, table, row, cell, line), spanned)
    normal = TextCell(
        text=text,
        location=SourceLocation(file=file, table=table, row=row, cell=cell, line=line),
        spanned=spanned,
    )
    assert fast == normal
    assert hash(fast) == hash(normal)
    assert repr(fast) == repr(normal)


# -- memory: the caches every read shares hold only short texts ---------------------------


def test_shared_caches_never_keep_long_cell_texts() -> None:
    from zfxxgk.model import Template
    from zfxxgk.narrative import _prepare_remembered
    from zfxxgk.readers import read
    from zfxxgk.readers.builder import _remembered_kind
    from zfxxgk.readers.labels import _REMEMBERED, _remembered_label_key, label_index

    long_cell = "规章说明" * 5_000
    page = f"<p>一、总体情况</p><p>{long_cell}</p><table><tr><td>{long_cell}</td><td>1</td></tr>"
    page += f"<tr><td>行政许可 {long_cell}</td><td>2</td></tr></table>"
    for k in range(3):
        with contextlib.suppress(ZfxxgkError):
            read(f"{page}<p>{k}</p>".encode(), name="long.html")
    for other_single in (False, True):
        index = label_index(Template.V2021, other_single=other_single)
        assert all(len(t) <= _REMEMBERED for t in index._by_text)
        assert all(len(k) <= _REMEMBERED for k in index._cache)
    assert _remembered_label_key.cache_info().maxsize is not None
    assert _remembered_kind.cache_info().maxsize is not None
    assert _prepare_remembered.cache_info().maxsize is not None
