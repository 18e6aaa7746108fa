"""Build the hostile inputs of issue 15 and measure what the command line does with each.

    python scripts/measure_attacks.py                 # a Markdown table on standard output
    python scripts/measure_attacks.py --keep DIR      # also keep the inputs in DIR

Every input is built here, by hand (no corpus file, no Office program): a DOCX of 300,000
table cells, a DOCX whose XML is UTF-16 without a byte-order mark and declares an entity, a
PDF page showing 200,000 characters, a password-protected ``.doc`` (the ``fEncrypted`` bit of
its File Information Block), JSON with a year of −5, 100 MB of JSON and UTF-16 JSON, and the
non-files ``/dev/zero`` and a named pipe nobody writes to.  Each is given to ``python -m
zfxxgk`` in a process of its own; the table says how it ended (exit status, the error's code
and marker), the wall-clock seconds and the process's peak memory (``ru_maxrss``, from
``os.wait4``).  Findings 1 and 4 (a footnote marker, two numbers, 5,000 digits in a cell)
are measured the same way on a rendered report.  A run that takes longer than ``--timeout``
seconds is killed and shown as such.  The figures in ``docs/robustness.md`` come from this script.
"""

from __future__ import annotations

import argparse
import json
import os
import random
import re
import signal
import subprocess
import sys
import tempfile
import time
import zlib
from collections.abc import Callable
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(REPO))

W_NS = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"
R_NS = "http://schemas.openxmlformats.org/officeDocument/2006/relationships"


def docx(document_xml: bytes) -> bytes:
    """A DOCX (content types, relationships, core properties) around *document_xml*."""
    from tests.fixtures_office.docx_build import make_docx

    return make_docx("", extra={"word/document.xml": document_xml})


def docx_cells(cells: int = 300_000, columns: int = 10) -> bytes:
    """A DOCX of one table of *cells* cells, *columns* a row, each holding a number drawn at
    random (so that the zip's compression ratio is that of a real document, not a bomb's)."""
    draw = random.Random(15)
    rows = []
    for _ in range(cells // columns):
        numbers = (draw.randrange(100_000) for _ in range(columns))
        rows.append("".join(f"<w:tc><w:p><w:r><w:t>{n}</w:t></w:r></w:p></w:tc>" for n in numbers))
    body = "<w:tbl><w:tr>" + "</w:tr><w:tr>".join(rows) + "</w:tr></w:tbl>"
    xml = (
        '<?xml version="1.0" encoding="UTF-8"?>'
        f'<w:document xmlns:w="{W_NS}" xmlns:r="{R_NS}"><w:body>'
    )
    return docx((xml + body + "</w:body></w:document>").encode())


ENTITY_TEXT = "ENTITY-EXPANDED"


def entity_xml(codec: str, bom: bytes = b"") -> bytes:
    """A document.xml declaring an internal entity used in a paragraph, in *codec*."""
    declared = "UTF-32" if "32" in codec else "UTF-16" if "16" in codec else "UTF-8"
    xml = (
        f'<?xml version="1.0" encoding="{declared}"?>'
        f'<!DOCTYPE w:document [<!ENTITY e "{ENTITY_TEXT}">]>'
        f'<w:document xmlns:w="{W_NS}" xmlns:r="{R_NS}">'
        "<w:body><w:p><w:r><w:t>&e;</w:t></w:r></w:p>"
        "</w:body></w:document>"
    )
    return bom + xml.encode(codec)


def pdf_page_chars(count: int = 200_000, *, form_repeats: int = 0) -> bytes:
    """A one-page PDF whose page shows *count* characters (Helvetica): in one string, or
    (*form_repeats*) a form XObject of ``count // form_repeats`` characters drawn that often,
    so that the page's own content stream is small."""
    font = b"<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>"
    if form_repeats:
        shown = b"BT /F1 1 Tf 10 10 Td (" + b"A" * (count // form_repeats) + b") Tj ET"
        content = b"q /X1 Do Q\n" * form_repeats
        form = zlib.compress(shown)
        extra = [
            b"<< /Type /XObject /Subtype /Form /BBox [0 0 595 842] "
            b"/Resources << /Font << /F1 4 0 R >> >> /Length %d /Filter /FlateDecode >>"
            b"\nstream\n" % len(form) + form + b"\nendstream"
        ]
        resources = b"<< /Font << /F1 4 0 R >> /XObject << /X1 6 0 R >> >>"
    else:
        content = b"BT /F1 1 Tf 10 10 Td (" + b"A" * count + b") Tj ET"
        extra = []
        resources = b"<< /Font << /F1 4 0 R >> >>"
    stream = zlib.compress(content)
    objects = [
        b"<< /Type /Catalog /Pages 2 0 R >>",
        b"<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
        b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] /Resources "
        + resources
        + b" /Contents 5 0 R >>",
        font,
        b"<< /Length %d /Filter /FlateDecode >>\nstream\n" % len(stream) + stream + b"\nendstream",
        *extra,
    ]
    out = bytearray(b"%PDF-1.4\n")
    offsets = []
    for number, body in enumerate(objects, start=1):
        offsets.append(len(out))
        out += b"%d 0 obj\n" % number + body + b"\nendobj\n"
    xref = len(out)
    out += b"xref\n0 %d\n0000000000 65535 f \n" % (len(objects) + 1)
    out += b"".join(b"%010d 00000 n \n" % offset for offset in offsets)
    out += b"trailer\n<< /Size %d /Root 1 0 R >>\nstartxref\n%d\n%%%%EOF\n" % (
        len(objects) + 1,
        xref,
    )
    return bytes(out)


def encrypted_doc() -> bytes:
    """A compound file whose WordDocument stream's FIB has ``fEncrypted`` set."""
    from tests.fixtures_office.ole2_word import F_ENCRYPTED, make_word_ole2

    return make_word_ole2(F_ENCRYPTED)


def report_html(cell: str) -> bytes:
    """The HTML page of a valid report whose 行政许可 decisions cell (97) is printed *cell*."""
    from tests.fixtures.reports import report_2021

    from zfxxgk import render

    page = render.to_html(report_2021())
    assert page.count(">97<") == 1
    return page.replace(">97<", f">{cell}<").encode()


def report_json(year: int | None = None) -> dict[str, object]:
    from tests.fixtures.reports import report_2021

    from zfxxgk import json_report

    data = json_report.to_dict(report_2021())
    if year is not None:
        data["report"]["info"]["year"] = year  # type: ignore[index]
    return data


def big_json(megabytes: int = 100) -> bytes:
    """A report's JSON padded to *megabytes* by a long title."""
    data = report_json()
    data["report"]["info"]["title"] = "年" * (megabytes * 1024 * 1024 // 3)  # type: ignore[index]
    return json.dumps(data, ensure_ascii=False).encode()


# --------------------------------------------------------------------------------------


def _run(
    command: list[str], timeout: float, stdin: str | None = None
) -> tuple[str, float, float, str]:
    """(exit status or "killed", seconds, peak MB, what it printed)."""
    start = time.monotonic()
    with tempfile.TemporaryFile() as err, open(stdin or os.devnull, "rb") as given:
        proc = subprocess.Popen(command, stdin=given, stdout=err, stderr=err)
        deadline = start + timeout
        status: str | None = None
        while status is None:
            pid, code, usage = os.wait4(proc.pid, os.WNOHANG)
            if pid:
                status = str(os.waitstatus_to_exitcode(code))
                break
            if time.monotonic() > deadline:
                os.kill(proc.pid, signal.SIGKILL)
                _, code, usage = os.wait4(proc.pid, 0)
                status = "killed"
                break
            time.sleep(0.01)
        proc.returncode = 0  # reaped above
        seconds = time.monotonic() - start
        err.seek(0)
        text = err.read().decode("utf-8", "replace")
    return status, seconds, usage.ru_maxrss / 1024, text  # Linux: ru_maxrss in KB


_MARK = re.compile(r"\[([A-Z]-[A-Z0-9-]+)\]|\b(E\d{3})\b")


def _outcome(status: str, stderr: str) -> str:
    marks = sorted({m.group(1) or m.group(2) for m in _MARK.finditer(stderr)})
    return f"exit {status}" + (f" {' '.join(marks)}" if marks else "")


Case = tuple[str, str, Callable[[Path], list[str]]]
"""(finding of issue 15, the input, a function writing it and giving the command's arguments)"""


def cases(work: Path) -> list[Case]:
    def write(name: str, data: bytes) -> str:
        path = work / name
        path.write_bytes(data)
        return str(path)

    def check(name: str, data: bytes) -> list[str]:
        return ["check", write(name, data)]

    def convert(name: str, data: bytes) -> list[str]:
        return ["convert", write(name, data), "-o", "-", "--to", "json"]

    def fifo(_: Path) -> list[str]:
        path = work / "pipe.html"
        if not path.exists():
            os.mkfifo(path)
        return ["check", str(path)]

    plain = json.dumps(report_json(), ensure_ascii=False)
    return [
        (
            "1",
            "HTML report, a cell printed `97①` (a footnote marker; export the cells)",
            lambda w: ["export", "--format", "csv", write("marker.html", report_html("97①"))],
        ),
        (
            "1",
            "HTML report, a cell printed `217 218` (two numbers)",
            lambda w: check("two.html", report_html("217 218")),
        ),
        (
            "4",
            "HTML report, a cell of 5,000 digits",
            lambda w: check("digits.html", report_html("9" * 5000)),
        ),
        ("2", "DOCX, one table of 300,000 cells", lambda w: check("cells.docx", docx_cells())),
        (
            "2",
            "DOCX, one table of 25,000 cells (50,000 parts: the most still read)",
            lambda w: check("cells-25k.docx", docx_cells(25_000)),
        ),
        ("5", "`/dev/zero` named", lambda w: ["check", "/dev/zero"]),
        (
            "5",
            "`/dev/zero` as standard input (`check -`)",
            lambda w: ["<", "/dev/zero", "check", "-"],
        ),
        ("5", "a named pipe nobody writes to", fifo),
        (
            "6",
            "DOCX whose document.xml is UTF-16 LE without a BOM and declares an entity",
            lambda w: check("entity.docx", docx(entity_xml("utf-16-le"))),
        ),
        (
            "7",
            "JSON report with a year of −5",
            lambda w: convert("year.json", json.dumps(report_json(-5)).encode()),
        ),
        (
            "7",
            "JSON report of 100 MB (`convert`)",
            lambda w: convert("big.json", big_json(100)),
        ),
        (
            "7",
            "JSON report in UTF-16 with a BOM (`convert`)",
            lambda w: convert("utf16.json", plain.encode("utf-16")),
        ),
        ("8", "password-protected `.doc`", lambda w: check("secret.doc", encrypted_doc())),
        ("9", "PDF page of 200,000 characters", lambda w: check("chars.pdf", pdf_page_chars())),
        (
            "9",
            "PDF page drawing a form of 200 characters 1,000 times",
            lambda w: check("forms.pdf", pdf_page_chars(200_000, form_repeats=1000)),
        ),
    ]


def build(work: Path) -> list[tuple[str, str, list[str]]]:
    """Write every input into *work*; the cases as (finding, input, command arguments)."""
    return [(finding, label, make(work)) for finding, label, make in cases(work)]


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--keep", type=Path, help="keep the inputs in this folder")
    parser.add_argument("--timeout", type=float, default=60.0, help="seconds before a kill")
    parser.add_argument("--build", type=Path, help=argparse.SUPPRESS)  # the inputs only
    args = parser.parse_args(argv)
    if args.build is not None:
        json.dump(build(args.build), sys.stdout)
        return 0
    with tempfile.TemporaryDirectory(prefix="zfxxgk-attacks-") as tmp:
        work = args.keep or Path(tmp)
        work.mkdir(parents=True, exist_ok=True)
        # the inputs are built in a process of their own: a child's peak memory starts at
        # its parent's size when it is started, so this process stays small
        built = subprocess.run(
            [sys.executable, __file__, "--build", str(work)],
            check=True,
            capture_output=True,
            text=True,
        )
        print("| finding | input | outcome | seconds | peak MB |")
        print("|---|---|---|---:|---:|")
        for finding, label, arguments in json.loads(built.stdout):
            stdin = None
            if arguments[0] == "<":  # standard input from a file
                stdin, arguments = arguments[1], arguments[2:]
            command = [sys.executable, "-m", "zfxxgk", *arguments]
            status, seconds, peak, output = _run(command, args.timeout, stdin)
            outcome = _outcome(status, output)
            print(f"| {finding} | {label} | {outcome} | {seconds:.2f} | {peak:.0f} |", flush=True)
    return 0


if __name__ == "__main__":
    sys.exit(main())
