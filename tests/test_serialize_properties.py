"""Round-trip property tests of zfxxgk.serialize, in both key modes.

The strategy here is local and small on purpose: it walks the model's own field metadata
(so it keeps up with the model without knowing its labels), draws both templates and both
shapes of （六）, and puts cells of every kind (blank, placeholder, text, missing, numbers with
raw text and units, Decimal money) at random places.
"""

from __future__ import annotations

import functools
import itertools
import json
from collections.abc import Iterator, Mapping
from decimal import Decimal
from typing import Any

import attrs
import jsonschema
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from zfxxgk import serialize, template
from zfxxgk import strategies as zst
from zfxxgk._fields import info_of
from zfxxgk.cells import Cell, CellKind, Unit, ValueKind
from zfxxgk.errors import JSONLoadError
from zfxxgk.model import (
    Appeals,
    ApplicantRow,
    DisclosureRequests,
    OtherHandling,
    ProactiveDisclosure2019,
    ProactiveDisclosure2021,
    Report,
    ReportInfo,
    Template,
    proactive_2021,
)
from zfxxgk.readers.limits import MAX_NUMBER_DIGITS

from .hypothesis_profiles import examples
from .test_serialize import assert_exact

texts = st.text(st.characters(codec="utf-8"), max_size=30)
optional_texts = st.none() | texts
optional_years = st.none() | st.integers(1990, 2100)  # what the loader takes (issue 15)
optional_dates = st.none() | st.dates()
templates = st.sampled_from(Template)
units = st.none() | st.sampled_from(Unit)
_DIGITS = MAX_NUMBER_DIGITS


def _within_bound(d: Decimal) -> bool:
    """At most MAX_NUMBER_DIGITS digits written out plainly (``0.05``: two)."""
    if abs(d.adjusted()) > 2 * _DIGITS or -int(d.as_tuple().exponent) > 2 * _DIGITS:
        return False
    return len(format(abs(d), "f").lstrip("0").replace(".", "")) <= _DIGITS


decimals = st.decimals(allow_nan=False, allow_infinity=False).filter(_within_bound)
"""Any decimal the loader takes: at most MAX_NUMBER_DIGITS digits, whole and fractional part
together (issue 15: the cell parser's bound)."""
integers = st.integers(-(10**_DIGITS) + 1, 10**_DIGITS - 1)


@functools.cache
def cells(kind: ValueKind) -> st.SearchStrategy[Cell]:
    """Every kind of cell, in any column: an int or a Decimal (a non-whole count is a state
    the checks report, so the format must keep it too), blank, placeholder, text, missing."""
    numbers: st.SearchStrategy[int | Decimal] = integers | decimals
    number_cells = st.builds(
        lambda value, raw, unit: Cell(value=value, raw=raw, unit=unit),
        numbers,
        st.none() | texts,
        units,
    )
    other_cells = st.builds(
        lambda kind, raw, unit: Cell(raw=raw, unit=unit, kind=kind),
        st.sampled_from([k for k in CellKind if k is not CellKind.NUMBER]),
        st.none() | st.sampled_from(["", "\u00a0", "/", "／", "—", "无", "不适用"]) | texts,
        units,
    )
    return st.one_of(numbers.map(Cell.of), number_cells, other_cells)


def filled(
    cls: type[Any], numbers: Mapping[ValueKind, Iterator[int | Decimal]], single_other: bool
) -> Any:
    """An instance of a template class with a plain number, taken in turn, in every cell."""
    kwargs: dict[str, Any] = {}
    for field in attrs.fields(cls):
        info = info_of(field)
        assert info is not None, field
        if field.type is Cell:
            kwargs[field.name] = Cell.of(next(numbers[info.value_kind]))
        elif field.name == "other_handling":
            shape = ApplicantRow if single_other else OtherHandling
            kwargs[field.name] = filled(shape, numbers, single_other)
        else:
            kwargs[field.name] = filled(field.type, numbers, single_other)
    return cls(**kwargs)


@functools.cache
def plain_numbers(kind: ValueKind) -> st.SearchStrategy[list[int | Decimal]]:
    ints = st.integers(min_value=-2, max_value=10_000)
    if kind is ValueKind.MONEY:
        return st.lists(ints | st.decimals(min_value=0, max_value=10**6, places=2), min_size=1)
    return st.lists(ints, min_size=1, max_size=8)


@functools.cache
def positions(size: int) -> st.SearchStrategy[list[int]]:
    return st.lists(st.integers(0, size - 1), max_size=12)


@st.composite
def reports(draw: st.DrawFn) -> Report:
    """A report of either template and either （六） shape, with a few unusual cells.

    The cells get plain numbers from a few drawn ones, taken in turn; then up to a dozen cells
    are replaced by a cell of any kind.  Drawing all ~230 cells one by one would make every
    example slow and huge without testing the format any better.
    """
    tpl = draw(templates)
    single_other = tpl is Template.V2019 or draw(st.booleans())
    proactive_cls = ProactiveDisclosure2021 if tpl is Template.V2021 else ProactiveDisclosure2019
    info = ReportInfo(
        template=tpl,
        agency=draw(optional_texts),
        year=draw(optional_years),
        title=draw(optional_texts),
        published=draw(optional_dates),
    )
    numbers = {kind: itertools.cycle(draw(plain_numbers(kind))) for kind in ValueKind}
    report = Report(
        info=info,
        proactive=filled(proactive_cls, numbers, single_other),
        requests=filled(DisclosureRequests, numbers, single_other),
        appeals=filled(Appeals, numbers, single_other),
        overview=draw(optional_texts),
        problems=draw(optional_texts),
        other_matters=draw(optional_texts),
    )
    specs = template.specs_of(report)
    for index in draw(positions(len(specs))):
        spec = specs[index]
        report = template.replace_at(report, spec.path, draw(cells(spec.value_kind)))
    return report


VALIDATOR = jsonschema.Draft202012Validator(serialize.schema())


@pytest.mark.parametrize("labels", [False, True], ids=["fields", "labels"])
@given(report=reports())
def test_round_trip(report: Report, labels: bool) -> None:
    text = serialize.dumps(report, labels=labels)
    loaded = serialize.loads(text)
    assert_exact(loaded, report)
    assert serialize.dumps(loaded, labels=labels) == text


@pytest.mark.parametrize("labels", [False, True], ids=["fields", "labels"])
# jsonschema takes ~40 ms a report; the examples cover the rest
@settings(max_examples=examples(25))
@given(report=reports())
def test_dumps_are_valid_against_the_schema(report: Report, labels: bool) -> None:
    VALIDATOR.validate(json.loads(serialize.dumps(report, labels=labels)))


@given(report=reports())
def test_key_modes_hold_the_same_report(report: Report) -> None:
    by_fields = serialize.loads(serialize.dumps(report))
    by_labels = serialize.loads(serialize.dumps(report, labels=True))
    assert_exact(by_fields, by_labels)


@given(value=integers | decimals)
def test_any_cell_value_round_trips_exactly(value: int | Decimal) -> None:
    converter = serialize.make_converter()
    cell = Cell.of(value)
    again = converter.structure(json.loads(json.dumps(converter.unstructure(cell))), Cell)
    assert type(again.value) is type(value)
    assert str(again.value) == str(value)


JSON_VALUES = st.recursive(
    st.none() | st.booleans() | st.integers() | st.floats(allow_nan=False) | texts,
    lambda children: st.lists(children, max_size=3) | st.dictionaries(texts, children, max_size=3),
    max_leaves=8,
)


@given(path_index=st.integers(min_value=0), junk=JSON_VALUES, labels=st.booleans())
def test_junk_anywhere_is_a_json_load_error_or_a_report(
    path_index: int, junk: Any, labels: bool
) -> None:
    """Replacing any value of a valid document never raises anything but JSONLoadError."""
    data = serialize.to_dict(_SAMPLE, labels=labels)
    paths = list(_paths(data))
    path = paths[path_index % len(paths)]
    node = data
    for key in path[:-1]:
        node = node[key]
    node[path[-1]] = junk
    try:
        report = serialize.from_dict(data)
    except JSONLoadError as exc:
        message = str(exc)
    else:
        assert isinstance(report, Report)
        return
    assert " @ $" in message


def _paths(data: Any, prefix: tuple[str, ...] = ()) -> Any:
    if isinstance(data, dict):
        for key, value in data.items():
            yield (*prefix, key)
            yield from _paths(value, (*prefix, key))


_SAMPLE = Report.build(
    agency="示例",
    year=2024,
    proactive=proactive_2021(regulations=(1, 2, 3), licensing=4, fees="5.5"),
    requests=DisclosureRequests.from_counts(new=[3, 1], disclosed=[2]),
)


# --------------------------------------------------------------------------------------
# The public strategies (zfxxgk.strategies): valid and corrupted reports
# --------------------------------------------------------------------------------------

public_reports = (
    zst.reports()
    | zst.reports(large=True)
    | zst.reports(blanks=True, placeholders=True)
    | zst.corrupted_reports().map(lambda case: case[0])
)


@pytest.mark.parametrize("labels", [False, True], ids=["fields", "labels"])
@given(report=public_reports)
def test_round_trip_of_public_strategy_reports(report: Report, labels: bool) -> None:
    text = serialize.dumps(report, labels=labels)
    assert_exact(serialize.loads(text), report)


@given(
    value=st.integers(min_value=10**MAX_NUMBER_DIGITS)
    | st.integers(max_value=-(10**MAX_NUMBER_DIGITS)),
    bare=st.booleans(),
)
def test_a_cell_value_beyond_the_bound_is_a_load_error(value: int, bare: bool) -> None:
    """Issue 15: a number of more digits than a cell may hold never loads."""
    data = serialize.to_dict(_SAMPLE)
    data["report"]["requests"]["new"]["total"] = (
        value if bare else {"kind": "number", "value": value}
    )
    with pytest.raises(JSONLoadError, match=r"J-RANGE"):
        serialize.from_dict(data)
