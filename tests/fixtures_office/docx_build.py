"""Write small DOCX files from WordprocessingML fragments, with no dependency.

``make_docx(body)`` zips a minimal package around *body* (the children of ``w:body``);
``p()``, ``tbl()``, ``tc()`` build the fragments.  Merged cells are written exactly as
Word writes them (``w:gridSpan``, ``w:vMerge``), so the tests control every detail.
"""

from __future__ import annotations

import io
import zipfile
from xml.sax.saxutils import escape

W_NS = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"
R_NS = "http://schemas.openxmlformats.org/officeDocument/2006/relationships"

CONTENT_TYPES = (
    '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>'
    '<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">'
    '<Default Extension="rels" ContentType="application/vnd.openxmlformats-package.'
    'relationships+xml"/>'
    '<Default Extension="xml" ContentType="application/xml"/>'
    '<Override PartName="/word/document.xml" ContentType="application/vnd.openxmlformats-'
    'officedocument.wordprocessingml.document.main+xml"/>'
    '<Override PartName="/docProps/core.xml" ContentType="application/vnd.openxmlformats-'
    'package.core-properties+xml"/>'
    "</Types>"
)
ROOT_RELS = (
    '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>'
    '<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">'
    '<Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/'
    'relationships/officeDocument" Target="word/document.xml"/>'
    '<Relationship Id="rId2" Type="http://schemas.openxmlformats.org/package/2006/'
    'relationships/metadata/core-properties" Target="docProps/core.xml"/>'
    "</Relationships>"
)
DOC_RELS = (
    '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>'
    '<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">'
    "</Relationships>"
)


def core_xml(title: str = "", creator: str = "", created: str = "") -> str:
    return (
        '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>'
        '<cp:coreProperties xmlns:cp="http://schemas.openxmlformats.org/package/2006/metadata/'
        'core-properties" xmlns:dc="http://purl.org/dc/elements/1.1/" '
        'xmlns:dcterms="http://purl.org/dc/terms/" '
        'xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance">'
        f"<dc:title>{escape(title)}</dc:title><dc:creator>{escape(creator)}</dc:creator>"
        + (
            f'<dcterms:created xsi:type="dcterms:W3CDTF">{created}</dcterms:created>'
            if created
            else ""
        )
        + "</cp:coreProperties>"
    )


def document_xml(body: str, *, prolog: str = "") -> str:
    return (
        '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>'
        + prolog
        + f'<w:document xmlns:w="{W_NS}" xmlns:r="{R_NS}">'
        + f"<w:body>{body}<w:sectPr/></w:body></w:document>"
    )


def make_docx(
    body: str,
    *,
    title: str = "",
    creator: str = "",
    created: str = "",
    prolog: str = "",
    extra: dict[str, bytes] | None = None,
) -> bytes:
    """A complete DOCX whose ``w:body`` holds *body*."""
    parts: dict[str, bytes] = {
        "[Content_Types].xml": CONTENT_TYPES.encode(),
        "_rels/.rels": ROOT_RELS.encode(),
        "word/_rels/document.xml.rels": DOC_RELS.encode(),
        "word/document.xml": document_xml(body, prolog=prolog).encode(),
        "docProps/core.xml": core_xml(title, creator, created).encode(),
    }
    parts.update(extra or {})
    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w", zipfile.ZIP_DEFLATED) as zf:
        for name, data in parts.items():
            zf.writestr(name, data)
    return buf.getvalue()


def p(*texts: str, page_break: bool = False) -> str:
    """A paragraph; several texts become runs separated by ``w:br`` line breaks."""
    runs = "<w:r><w:br/></w:r>".join(
        f'<w:r><w:t xml:space="preserve">{escape(t)}</w:t></w:r>' for t in texts
    )
    if page_break:
        runs = '<w:r><w:br w:type="page"/></w:r>' + runs
    return f"<w:p>{runs}</w:p>"


def tc(*paragraphs: str, span: int = 1, vmerge: str | None = None, inner: str = "") -> str:
    """A table cell holding paragraphs (texts); ``vmerge`` is "restart" or "continue"."""
    props = f'<w:tcW w:w="{1000 * span}" w:type="dxa"/>'
    if span > 1:
        props += f'<w:gridSpan w:val="{span}"/>'
    if vmerge == "restart":
        props += '<w:vMerge w:val="restart"/>'
    elif vmerge == "continue":
        props += "<w:vMerge/>"
    paras = "".join(p(t) for t in paragraphs) or "<w:p/>"
    return f"<w:tc><w:tcPr>{props}</w:tcPr>{inner}{paras}</w:tc>"


def tr(*cells: str, grid_before: int = 0) -> str:
    pr = f'<w:trPr><w:gridBefore w:val="{grid_before}"/></w:trPr>' if grid_before else ""
    return f"<w:tr>{pr}{''.join(cells)}</w:tr>"


def tbl(*rows: str, cols: int) -> str:
    grid = "".join('<w:gridCol w:w="1000"/>' for _ in range(cols))
    return (
        f'<w:tbl><w:tblPr><w:tblW w:w="{1000 * cols}" w:type="dxa"/></w:tblPr>'
        f"<w:tblGrid>{grid}</w:tblGrid>{''.join(rows)}</w:tbl>"
    )


def simple_table(rows: list[list[str]]) -> str:
    """A table without merged cells."""
    cols = max(len(r) for r in rows)
    return tbl(*(tr(*(tc(text) for text in row)) for row in rows), cols=cols)
