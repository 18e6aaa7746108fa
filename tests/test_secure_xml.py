"""Issue 15, finding 6: XML is made safe by the parser's configuration, not by scanning bytes.

Every XML-based reader is fed XML declaring an internal entity, in UTF-8, UTF-16 LE and BE
with and without a byte-order mark, and UTF-32: the entity's text never reaches what is read;
a DOCX is refused with a clear error (``[R-DOCX-DOCTYPE]``), XHTML is read as text.
"""

from __future__ import annotations

import codecs

import pytest
from lxml import etree

from tests.attack_inputs import attacks
from tests.fixtures_office.docx_build import document_xml, make_docx, p
from zfxxgk.errors import DocumentError, UnreadableDocumentError
from zfxxgk.readers import _secure_xml, read, read_document

SECRET = attacks.ENTITY_TEXT

ENCODINGS = [
    ("utf-8", b""),
    ("utf-8", codecs.BOM_UTF8),
    ("utf-16-le", b""),
    ("utf-16-le", codecs.BOM_UTF16_LE),
    ("utf-16-be", b""),
    ("utf-16-be", codecs.BOM_UTF16_BE),
    ("utf-32-le", b""),
    ("utf-32-le", codecs.BOM_UTF32_LE),
    ("utf-32-be", b""),
    ("utf-32-be", codecs.BOM_UTF32_BE),
]
IDS = [f"{codec}{'-bom' if bom else ''}" for codec, bom in ENCODINGS]


def _entity_part(codec: str, bom: bytes, root: str = "w:document") -> bytes:
    declared = "UTF-32" if "32" in codec else "UTF-16" if "16" in codec else "UTF-8"
    ns = attacks.W_NS
    xml = (
        f'<?xml version="1.0" encoding="{declared}"?>'
        f'<!DOCTYPE {root} [<!ENTITY e "{SECRET}">]>'
        f'<{root} xmlns:w="{ns}"><w:body><w:p><w:r><w:t>&e;</w:t></w:r></w:p>'
        f"</w:body></{root}>"
    )
    return bom + xml.encode(codec)


@pytest.mark.parametrize(("codec", "bom"), ENCODINGS, ids=IDS)
def test_the_default_parser_would_expand_the_entity(codec: str, bom: bytes) -> None:
    """The attack is real: lxml's default parser (docx2python's) expands it when it can
    read the encoding at all."""
    try:
        text = etree.tostring(etree.fromstring(_entity_part(codec, bom)))
    except etree.XMLSyntaxError:
        pytest.skip(f"libxml2 does not read {codec} {'with' if bom else 'without'} a BOM")
    assert SECRET.encode() in text


@pytest.mark.parametrize(("codec", "bom"), ENCODINGS, ids=IDS)
def test_the_secure_parser_never_expands_it(codec: str, bom: bytes) -> None:
    try:
        root = etree.fromstring(_entity_part(codec, bom), _secure_xml.parser())
    except etree.XMLSyntaxError:
        return  # not read at all: nothing expanded
    assert SECRET.encode() not in etree.tostring(root)
    with pytest.raises(_secure_xml.Doctype):
        _secure_xml.scan(_entity_part(codec, bom), 1000)


@pytest.mark.parametrize(("codec", "bom"), ENCODINGS, ids=IDS)
@pytest.mark.parametrize(
    "part", ["word/document.xml", "word/styles.xml", "docProps/core.xml", "word/numbering.xml"]
)
def test_a_docx_part_declaring_an_entity_is_refused(codec: str, bom: bytes, part: str) -> None:
    xml = _entity_part(codec, bom)
    data = (
        attacks.docx(xml)
        if part == "word/document.xml"
        else make_docx(p("政府信息公开"), extra={part: xml})
    )
    with pytest.raises(DocumentError) as info:
        read(data, format="docx", name="entity.docx")
    assert SECRET not in str(info.value)
    assert isinstance(info.value, UnreadableDocumentError)
    assert "R-DOCX-DOCTYPE" in info.value.message or "R-DOCX-XML" in info.value.message


@pytest.mark.parametrize(("codec", "bom"), ENCODINGS, ids=IDS)
def test_an_xml_member_without_an_xml_suffix_is_checked_too(codec: str, bom: bytes) -> None:
    data = make_docx(p("政府信息公开"), extra={"word/document.dat": _entity_part(codec, bom)})
    with pytest.raises(UnreadableDocumentError, match=r"R-DOCX-DOCTYPE"):
        read(data, format="docx")


def test_docx2python_parses_with_the_secure_parser() -> None:
    """Even XML no scan looked at cannot have an entity expanded while docx2python runs."""
    xml = _entity_part("utf-8", b"")
    outside = etree.tostring(etree.fromstring(xml))
    with _secure_xml.safe_default_parser():
        inside = etree.tostring(etree.fromstring(xml))
    assert SECRET.encode() in outside  # restored afterwards
    assert SECRET.encode() not in inside


def test_a_good_docx_part_in_utf16_still_reads() -> None:
    """The parser decodes the part; a UTF-16 document.xml without a DOCTYPE is read."""
    xml = document_xml(p("政府信息公开工作年度报告")).replace(
        'encoding="UTF-8"', 'encoding="UTF-16"'
    )
    assert _secure_xml.scan(xml.encode("utf-16"), 10) == 1
    for data in (
        attacks.docx(xml.encode("utf-16")),
        make_docx(p("x"), extra={"word/document.xml": xml.encode("utf-16")}),
    ):
        assert read_document(data, format="docx").text() == "政府信息公开工作年度报告"


def _xhtml(codec: str, bom: bytes) -> bytes:
    declared = "UTF-32" if "32" in codec else "UTF-16" if "16" in codec else "UTF-8"
    page = (
        f'<?xml version="1.0" encoding="{declared}"?>'
        f'<!DOCTYPE html [<!ENTITY e "{SECRET}">]>'
        '<html xmlns="http://www.w3.org/1999/xhtml"><body><p>政府信息公开 &e;</p>'
        "<table><tr><td>&e;</td></tr></table></body></html>"
    )
    return bom + page.encode(codec)


@pytest.mark.parametrize(("codec", "bom"), ENCODINGS, ids=IDS)
def test_xhtml_declaring_an_entity_is_read_as_text(codec: str, bom: bytes) -> None:
    try:
        text = read_document(_xhtml(codec, bom), name="entity.xhtml").text()
    except DocumentError as exc:
        text = str(exc)
    assert SECRET not in text
