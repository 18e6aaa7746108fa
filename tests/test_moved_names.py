"""Names that moved (issue 13) still import from their old places; the narrative's old names
for what now lives in ``zfxxgk.rules`` warn that they are deprecated."""

from __future__ import annotations

import importlib

import pytest

import zfxxgk.agencies
import zfxxgk.rules
from zfxxgk import narrative

MOVED_TO_RULES = (
    "MISMATCH_CODES",
    "Mismatch",
    "TextProblem",
    "check_fee_statement",
    "check_problems_section",
    "check_publication_date",
    "check_report_text",
    "check_sections",
    "check_years",
    "compare_claims",
)


@pytest.mark.parametrize("name", MOVED_TO_RULES)
def test_narrative_aliases_warn_and_are_the_rules_names(name: str) -> None:
    with pytest.warns(DeprecationWarning, match=f"zfxxgk.narrative.{name} is deprecated"):
        old = getattr(narrative, name)
    assert old is getattr(zfxxgk.rules, name)


def test_narrative_has_no_other_names() -> None:
    with pytest.raises(AttributeError):
        narrative.no_such_name  # noqa: B018


def test_agency_names_have_one_home() -> None:
    from zfxxgk import review
    from zfxxgk.review import agencies

    for name in ("normalise_agency", "agency_core", "match_agency"):
        assert getattr(agencies, name) is getattr(zfxxgk.agencies, name)
        assert getattr(review, name) is getattr(zfxxgk.agencies, name)
    for name in ("AgencyKind", "agency_kind", "publication_deadline"):
        assert getattr(narrative, name) is getattr(zfxxgk.agencies, name)


@pytest.mark.parametrize(
    ("old", "new", "names"),
    [
        (
            "zfxxgk.rules.narrative",
            "zfxxgk.rules.claims",
            ("LOW_CONFIDENCE", "NARRATIVE_CODES", "NARRATIVE_RULES", "narrative_check"),
        ),
        (
            "zfxxgk.rules.text",
            "zfxxgk.rules.wording",
            ("TEXT_CODES", "TEXT_RULES", "sections_present", "text_problems"),
        ),
    ],
)
def test_old_rule_modules_still_import(old: str, new: str, names: tuple[str, ...]) -> None:
    for name in names:
        assert getattr(importlib.import_module(old), name) is getattr(
            importlib.import_module(new), name
        )


def test_every_public_name_of_before_the_new_layout_still_imports() -> None:
    """``tests/snapshots/public_names_before_issue13.json`` lists every public module of the
    package as it was before the layout of issue 13 (commit d7bce1f) with its public names
    (``__all__``, or what the module defined): each still imports from the same place."""
    import json
    import warnings
    from pathlib import Path

    listed = json.loads(
        (Path(__file__).parent / "snapshots" / "public_names_before_issue13.json").read_text(
            encoding="utf-8"
        )
    )
    assert len(listed) > 40
    lost = []
    for module_name, names in listed.items():
        module = importlib.import_module(module_name)
        with warnings.catch_warnings():
            warnings.simplefilter("ignore", DeprecationWarning)  # the narrative's aliases
            lost += [f"{module_name}.{n}" for n in names if not hasattr(module, n)]
    assert lost == []
