"""Every code a run can report, with its origin: what ``zfxxgk rules`` prints.

:func:`full_catalogue` lists the rules of the default set (``builtin``), then those of the
plugins given (``plugin``), then the codes of this package (``review``: HIERARCHY-*,
SERIES-*, COPY-SIMILAR) and the engine's own codes (``engine``).  The catalogue page of the
documentation (``docs/reference/catalogue.md``) is generated from it by
``scripts/generate_catalogue.py``.
"""

from __future__ import annotations

from collections.abc import Iterable

from ..rules import RuleSet
from ..rules.entries import CatalogueEntry, engine_entries, entries, entry
from ..rules.messages import example_message
from ..rules.plugins import Plugin, extend
from .codes import COPY_SIMILAR_RULE, HIERARCHY_SUM_RULE, REVIEW_CATALOGUE, REVIEW_EXAMPLES

__all__ = ["full_catalogue", "review_entries"]


def review_entries() -> tuple[CatalogueEntry, ...]:
    """The codes of :mod:`zfxxgk.review` (its two pair rules with their message templates)."""
    examples = dict(REVIEW_EXAMPLES)
    templates: dict[str, str] = {}
    for declared in (HIERARCHY_SUM_RULE, COPY_SIMILAR_RULE):
        code, templates[code] = declared["code"], declared["message"]
        examples[code] = example_message(declared["message"], declared.get("example"), code=code)
    return tuple(
        entry(
            info,
            "review",
            message=templates.get(info.code, ""),
            example=examples.get(info.code, ""),
        )
        for info in REVIEW_CATALOGUE
    )


def full_catalogue(plugins: Iterable[Plugin] = ()) -> tuple[CatalogueEntry, ...]:
    """Every code a run with *plugins* can report: built-in, plugin, review, engine."""
    loaded = tuple(plugins)
    rules = extend(RuleSet.default(), loaded)
    return (*entries(rules, loaded), *review_entries(), *engine_entries())
