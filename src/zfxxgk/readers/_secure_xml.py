"""XML parsed safely, by parser configuration rather than by scanning bytes.

Every XML the readers parse goes through a parser made by :func:`parser` (or the same options
given to :func:`lxml.etree.iterparse`): no DTD is loaded, no entity is resolved, nothing is
fetched from the network and libxml2's own limits on depth and text size hold (no
``huge_tree``).  Since the parser decodes the XML itself, a declaration in UTF-16 without a
byte-order mark, or in UTF-32, is seen just as one in UTF-8.

docx2python parses the parts of a DOCX with lxml's *default* parser, which expands internal
entities.  So each part is first scanned here (:func:`scan`): a part that declares a DOCTYPE
(where entities are declared) is refused, and while docx2python runs the default parser of
the thread is a safe one (:func:`safe_default_parser`), so that even a part no scan looked at
cannot have an entity expanded.  The scan also counts the paragraphs and cells a Word part
holds, streaming, so that a document of 300,000 cells is refused before docx2python builds
anything (:data:`~.limits.MAX_PARTS`).
"""

from __future__ import annotations

import contextlib
import io
from collections.abc import Iterator
from typing import Any, Final

from lxml import etree

__all__ = ["OPTIONS", "Doctype", "parser", "safe_default_parser", "scan"]

OPTIONS: Final[dict[str, Any]] = {
    "resolve_entities": False,
    "no_network": True,
    "load_dtd": False,
    "dtd_validation": False,
    "huge_tree": False,
}
"""The options of every XML parser of the readers."""

_W: Final = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"
_P, _TC = _W + "p", _W + "tc"
_SPANS: Final = (_W + "gridSpan", _W + "gridBefore", _W + "gridAfter")
_COUNTED: Final = (_P, _TC, *_SPANS)
_MAX_SPAN: Final = 64


class Doctype(ValueError):
    """The XML declares a DOCTYPE (and so may declare entities)."""


def parser(**extra: Any) -> etree.XMLParser:
    """A new XML parser with :data:`OPTIONS` (and *extra* options)."""
    return etree.XMLParser(**OPTIONS, **extra)


@contextlib.contextmanager
def safe_default_parser() -> Iterator[None]:
    """Within the block, lxml's default parser of this thread is :func:`parser`'s: code that
    parses without naming a parser (docx2python) expands no entity and loads no DTD."""
    previous = etree.get_default_parser()
    etree.set_default_parser(parser())
    try:
        yield
    finally:
        etree.set_default_parser(previous)


def _weight(elem: Any) -> int:
    tag = elem.tag
    if tag in (_P, _TC):
        return 1
    try:
        value = int(elem.get(_W + "val", "1"))
    except ValueError:
        return 1
    return max(0, min(value, _MAX_SPAN) - (1 if tag == _SPANS[0] else 0))


def scan(raw: bytes, budget: int) -> int:
    """Parse *raw* with :data:`OPTIONS`; return the paragraphs and table grid positions of
    WordprocessingML it holds, counting no further than *budget* + 1.

    Raises :class:`Doctype` when the XML declares a DOCTYPE, and
    :class:`lxml.etree.XMLSyntaxError` when it is not well-formed XML (or is beyond libxml2's
    limits).  The XML is parsed streaming, each counted element dropped once read, so memory
    stays small; XML the streaming parser cannot start (UTF-32 with a byte-order mark) is
    parsed whole instead.
    """
    context = etree.iterparse(io.BytesIO(raw), events=("end",), tag=_COUNTED, **OPTIONS)
    count = 0
    try:
        for _, elem in context:
            count += _weight(elem)
            if count > budget:
                return count
            elem.clear()
            parent = elem.getparent()
            if parent is not None:
                while elem.getprevious() is not None:
                    del parent[0]
        root = context.root
    except etree.XMLSyntaxError:
        root = etree.fromstring(raw, parser())
        count = sum(_weight(elem) for elem in root.iter(*_COUNTED))
    docinfo = root.getroottree().docinfo
    if docinfo.doctype or docinfo.internalDTD is not None or docinfo.externalDTD is not None:
        raise Doctype(docinfo.doctype)
    return count
