"""``ParseResult.provenance`` made lazily (``readers.result.Provenance``): a read keeps the table
cell each value came from and makes its :class:`SourceLocation` when asked; every answer is
the one the eager ``dict`` gave."""

from __future__ import annotations

import pickle
from pathlib import Path

import attrs
import pytest

from zfxxgk import render
from zfxxgk.diagnostics import SourceLocation
from zfxxgk.model import Report
from zfxxgk.readers import ParseResult, read
from zfxxgk.readers.document import Table
from zfxxgk.readers.result import Provenance

from .fixtures.reports import cell_values, report_2019, report_2021

EXAMPLES = Path(__file__).resolve().parent.parent / "examples" / "reports"


def _sources(report: Report) -> list[tuple[bytes, str]]:
    return [
        (render.to_html(report).encode(), "r.html"),
        (render.to_text(report, style="box").encode(), "r.txt"),
        (render.to_markdown(report).encode(), "r.md"),
    ]


def _printed_at(result: ParseResult, location: SourceLocation) -> str:
    """The text of the table cell at *location* in the result's document."""
    assert result.document is not None
    tables = [b for b in result.document.blocks if isinstance(b, Table)]
    assert location.table is not None and location.row is not None and location.cell is not None
    table = tables[location.table - 1]
    row = table.rows[location.row - 1]
    return next(c.text for c in row if c.location.cell == location.cell)


@pytest.mark.parametrize("make", [report_2021, report_2019])
def test_every_place_points_at_the_printed_value(make: object) -> None:
    report = make()  # type: ignore[operator]
    for data, name in _sources(report):
        result = read(data, name=name)
        provenance = result.provenance
        assert isinstance(provenance, Provenance)
        assert len(provenance) > 100, name
        for path, location in provenance.items():
            assert type(location) is SourceLocation
            assert location.file == name
            printed = _printed_at(result, location)
            assert printed.strip(), (name, path)
        assert set(provenance) == set(cell_values(report)), name


def _read_examples() -> list[ParseResult]:
    files = sorted(p for p in EXAMPLES.iterdir() if p.suffix in {".html", ".txt", ".md"})
    assert files
    return [read(path) for path in files]


def test_the_mapping_answers_as_the_dict_it_stands_for() -> None:
    for result in _read_examples():
        provenance = result.provenance
        eager = dict(provenance)
        assert list(provenance) == list(eager) and len(provenance) == len(eager)
        assert list(reversed(provenance)) == list(reversed(eager))
        assert provenance == eager and eager == provenance
        assert repr(provenance) == repr(eager)
        first = next(iter(provenance))
        assert provenance[first] is provenance[first]  # made once
        assert first in provenance and provenance.get(first) == eager[first]
        for missing in ("", "requests", "requests.new.nothing", f"{first}.x", "."):
            assert missing not in provenance
            assert provenance.get(missing) is None
            with pytest.raises(KeyError) as raised:
                provenance[missing]
            assert raised.value.args == (missing,)
        number: object = 3
        assert number not in provenance and provenance.get(number) is None  # type: ignore[call-overload]
        with pytest.raises(TypeError):
            provenance[first] = SourceLocation()  # type: ignore[index]
        assert all(type(v) is SourceLocation for v in provenance.values())


def test_it_pickles_as_its_locations() -> None:
    result = read(render.to_html(report_2021()).encode(), name="r.html")
    back = pickle.loads(pickle.dumps(result))
    assert isinstance(back.provenance, Provenance)
    assert back.provenance == result.provenance and back == result
    assert list(back.provenance) == list(result.provenance)
    # what is pickled is the places, not the table cells they were read from
    assert b"LightCell" not in pickle.dumps(result.provenance)


def test_a_result_without_it_compares_as_before() -> None:
    result = read(render.to_html(report_2021()).encode(), name="r.html")
    slim = attrs.evolve(result, provenance={})
    assert slim.provenance == {} and slim != result
    assert attrs.evolve(result, provenance=dict(result.provenance)) == result
    assert Provenance() == {} and len(Provenance()) == 0 and repr(Provenance()) == "{}"
