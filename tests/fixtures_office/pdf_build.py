"""Write small PDF files by hand, with no dependency.

Text uses one Type0 font with ``Identity-H`` encoding and a ``ToUnicode`` map whose codes
are the Unicode code points themselves, so any BMP character (Chinese included) can be
placed at an exact position without embedding a font program; every character advances
by its font size.  Coordinates are given from the *top* of the page, as pdfplumber
reports them.  Enough for tables drawn with lines or rectangles, white background boxes,
several pages, an image-only page, document info and a (fake) encryption dictionary.
"""

from __future__ import annotations

from collections.abc import Set as AbstractSet
from dataclasses import dataclass, field

A4 = (595.0, 842.0)


@dataclass
class Page:
    width: float = A4[0]
    height: float = A4[1]
    ops: list[str] = field(default_factory=list)
    has_image: bool = False

    def text(self, x: float, top: float, s: str, size: float = 10.0) -> Page:
        """Write *s* with its top edge at *top* (every character *size* points wide)."""
        y = self.height - top - size * 0.88
        code = "".join(f"{ord(ch):04X}" for ch in s)
        self.ops.append(f"BT /F1 {size:g} Tf {x:.2f} {y:.2f} Td <{code}> Tj ET")
        return self

    def line(self, x0: float, top0: float, x1: float, top1: float, width: float = 0.5) -> Page:
        h = self.height
        self.ops.append(
            f"{width:g} w 0 0 0 RG {x0:.2f} {h - top0:.2f} m {x1:.2f} {h - top1:.2f} l S"
        )
        return self

    def rect(
        self,
        x0: float,
        top: float,
        x1: float,
        bottom: float,
        *,
        stroke: bool = True,
        fill: tuple[float, float, float] | None = None,
    ) -> Page:
        y = self.height - bottom
        w, h = x1 - x0, bottom - top
        paint = "B" if (stroke and fill) else ("f" if fill else "S")
        color = f"{fill[0]:g} {fill[1]:g} {fill[2]:g} rg " if fill else ""
        self.ops.append(f"q 0.5 w 0 0 0 RG {color}{x0:.2f} {y:.2f} {w:.2f} {h:.2f} re {paint} Q")
        return self

    def image(self, x: float, top: float, w: float, h: float) -> Page:
        self.has_image = True
        y = self.height - top - h
        self.ops.append(f"q {w:g} 0 0 {h:g} {x:g} {y:g} cm /Im1 Do Q")
        return self

    def grid(
        self,
        xs: list[float],
        ys: list[float],
        *,
        skip_h: AbstractSet[tuple[int, int]] = frozenset(),
        skip_v: AbstractSet[tuple[int, int]] = frozenset(),
    ) -> Page:
        """Rule a grid: horizontal line *i* over column *j* unless (i, j) in *skip_h*; same
        for vertical line *j* beside row *i* unless (i, j) in *skip_v*.  Skips make merges."""
        for i, y in enumerate(ys):
            for j in range(len(xs) - 1):
                if (i, j) not in skip_h:
                    self.line(xs[j], y, xs[j + 1], y)
        for j, x in enumerate(xs):
            for i in range(len(ys) - 1):
                if (i, j) not in skip_v:
                    self.line(x, ys[i], x, ys[i + 1])
        return self


def _pdf_string_utf16(s: str) -> str:
    return "<FEFF" + "".join(f"{ord(ch):04X}" for ch in s) + ">"


def make_pdf(
    pages: list[Page],
    *,
    title: str | None = None,
    encrypted: bool = False,
    chars: str | None = None,
) -> bytes:
    """A complete PDF of *pages*; ``encrypted`` adds a Standard security handler that needs
    a password (so no reader can open it without one)."""
    used = set(chars or "")
    for page in pages:
        for op in page.ops:
            if "Tj" in op:
                hexcode = op[op.index("<") + 1 : op.index(">")]
                used.update(chr(int(hexcode[i : i + 4], 16)) for i in range(0, len(hexcode), 4))
    objects: list[bytes] = []

    def add(body: bytes) -> int:
        objects.append(body)
        return len(objects)

    cmap_lines = [
        "/CIDInit /ProcSet findresource begin 12 dict begin begincmap",
        "/CIDSystemInfo << /Registry (Adobe) /Ordering (UCS) /Supplement 0 >> def",
        "/CMapName /Adobe-Identity-UCS def /CMapType 2 def",
        "1 begincodespacerange <0000> <FFFF> endcodespacerange",
    ]
    ordered = sorted(used)
    for start in range(0, len(ordered), 100):
        chunk = ordered[start : start + 100]
        cmap_lines.append(f"{len(chunk)} beginbfchar")
        cmap_lines.extend(f"<{ord(c):04X}> <{ord(c):04X}>" for c in chunk)
        cmap_lines.append("endbfchar")
    cmap_lines.append("endcmap CMapName currentdict /CMap defineresource pop end end")
    cmap = "\n".join(cmap_lines).encode()
    to_unicode = add(b"<< /Length %d >>\nstream\n" % len(cmap) + cmap + b"\nendstream")
    descriptor = add(
        b"<< /Type /FontDescriptor /FontName /ZfxxgkTest /Flags 4 /FontBBox [0 -120 1000 880]"
        b" /ItalicAngle 0 /Ascent 880 /Descent -120 /CapHeight 700 /StemV 80 >>"
    )
    cid_font = add(
        b"<< /Type /Font /Subtype /CIDFontType2 /BaseFont /ZfxxgkTest"
        b" /CIDSystemInfo << /Registry (Adobe) /Ordering (Identity) /Supplement 0 >>"
        b" /DW 1000 /FontDescriptor %d 0 R >>" % descriptor
    )
    font = add(
        b"<< /Type /Font /Subtype /Type0 /BaseFont /ZfxxgkTest /Encoding /Identity-H"
        b" /DescendantFonts [%d 0 R] /ToUnicode %d 0 R >>" % (cid_font, to_unicode)
    )
    image = add(
        b"<< /Type /XObject /Subtype /Image /Width 2 /Height 2 /ColorSpace /DeviceGray"
        b" /BitsPerComponent 8 /Length 4 >>\nstream\n\x00\xff\xff\x00\nendstream"
    )
    pages_id = len(objects) + 1
    objects.append(b"")  # placeholder for the page tree
    page_ids: list[int] = []
    for page in pages:
        content = "\n".join(page.ops).encode()
        content_id = add(b"<< /Length %d >>\nstream\n" % len(content) + content + b"\nendstream")
        xobject = b" /XObject << /Im1 %d 0 R >>" % image if page.has_image else b""
        page_ids.append(
            add(
                b"<< /Type /Page /Parent %d 0 R /MediaBox [0 0 %g %g] /Contents %d 0 R"
                b" /Resources << /Font << /F1 %d 0 R >>%s >> >>"
                % (pages_id, page.width, page.height, content_id, font, xobject)
            )
        )
    kids = " ".join(f"{i} 0 R" for i in page_ids).encode()
    objects[pages_id - 1] = b"<< /Type /Pages /Kids [%s] /Count %d >>" % (kids, len(page_ids))
    catalog = add(b"<< /Type /Catalog /Pages %d 0 R >>" % pages_id)
    info = add(b"<< /Title %s >>" % _pdf_string_utf16(title).encode()) if title else None
    encrypt = (
        add(
            b"<< /Filter /Standard /V 1 /R 2 /P -44 /O <"
            + b"ab" * 32
            + b"> /U <"
            + b"cd" * 32
            + b"> >>"
        )
        if encrypted
        else None
    )
    out = bytearray(b"%PDF-1.6\n%\xe2\xe3\xcf\xd3\n")
    offsets: list[int] = []
    for number, body in enumerate(objects, start=1):
        offsets.append(len(out))
        out += b"%d 0 obj\n" % number + body + b"\nendobj\n"
    xref = len(out)
    out += b"xref\n0 %d\n0000000000 65535 f \n" % (len(objects) + 1)
    for offset in offsets:
        out += b"%010d 00000 n \n" % offset
    trailer = b"<< /Size %d /Root %d 0 R" % (len(objects) + 1, catalog)
    if info:
        trailer += b" /Info %d 0 R" % info
    if encrypt:
        trailer += b" /Encrypt %d 0 R /ID [<%s> <%s>]" % (encrypt, b"01" * 16, b"01" * 16)
    out += b"trailer\n" + trailer + b" >>\nstartxref\n%d\n%%%%EOF\n" % xref
    return bytes(out)
