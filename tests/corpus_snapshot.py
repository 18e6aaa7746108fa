"""What the command line says about the real-report corpus, in a form kept in the repository.

Restructuring the code must not change what users see.  This module runs the commands a
reviewer runs on ``../shared/corpus`` — ``check`` on the whole folder, ``series`` over the
平潭 pages and crawled texts, ``compare`` of two years, ``similar --all`` — and reduces their
JSON to what must stay the same: exit codes, every finding's code, severity, place, reported
and expected value, every reader diagnostic's code and place, and a digest of every message
(the messages quote the reports, which stay in ``../shared``: only their digests are kept).

``tests/test_corpus_snapshot.py`` compares a fresh run with ``tests/snapshots/corpus.json``.
After a change that is *meant* to change what users see, write the file again and review
the difference::

    python -m tests.corpus_snapshot --write
"""

from __future__ import annotations

import argparse
import contextlib
import hashlib
import io
import json
from pathlib import Path
from typing import Any

import zfxxgk
from zfxxgk.cli import main

from .corpus_truth import CORPUS

SNAPSHOT = Path(__file__).parent / "snapshots" / "corpus.json"


def _digest(text: object) -> str:
    return hashlib.sha256(str(text).encode("utf-8")).hexdigest()[:16]


def _run(args: list[str]) -> tuple[int, Any]:
    out = io.StringIO()
    with contextlib.redirect_stdout(out), contextlib.redirect_stderr(io.StringIO()):
        code = main(args)
    text = out.getvalue()
    return code, json.loads(text) if text.strip() else None


def _case(path: object) -> str:
    """The corpus case a file belongs to (its folder's name), whatever the working folder."""
    return Path(str(path)).parent.name


def _finding(f: dict[str, Any]) -> list[Any]:
    where = f.get("label_path") or f.get("where")
    return [f["code"], f["severity"], f.get("path"), where, f.get("reported"), f.get("expected"),
            _digest(_without_paths(f["message"]))]  # fmt: skip


def _read() -> dict[str, Any]:
    """Every reader diagnostic of every case read by ``zfxxgk.read``: code, severity, place."""
    out: dict[str, Any] = {}
    for source in sorted(CORPUS.glob("*/source.*")):
        try:
            result = zfxxgk.read(source)
        except zfxxgk.ZfxxgkError as error:
            out[_case(source)] = {"error": [error.code, _digest(_without_paths(str(error)))]}
            continue
        out[_case(source)] = sorted(
            [
                d.code,
                str(d.severity),
                d.path,
                _without_paths(str(d.location)),
                _digest(_without_paths(d.message)),
            ]
            for d in result.diagnostics
        )
    return out


def _check() -> dict[str, Any]:
    code, document = _run(["check", "--format", "json", "--jobs", "2", str(CORPUS)])
    reports = {}
    for report in document["reports"]:
        keys = ("read", "agency", "year", "template", "completeness", "counts")
        entry = {k: report.get(k) for k in keys}
        error = report.get("error")
        if error:
            message = _without_paths(error.get("message"))
            entry["error"] = [error.get("code"), error.get("kind"), _digest(message)]
        entry["findings"] = sorted(
            [*_finding(f), (f.get("location") or {}).get("text")]
            for f in report.get("findings") or []
        )
        entry["diagnostics"] = report.get("diagnostics")
        reports[_case(report["file"])] = entry
    return {"exit": code, "reports": dict(sorted(reports.items())), "summary": document["summary"]}


def _series(kind: str) -> dict[str, Any]:
    paths = sorted(str(p) for p in CORPUS.glob(f"pingtan-20*-{kind}/source.*"))
    code, document = _run(["series", "--format", "json", *paths])
    out = []
    for series in document:
        rows = [{k: v for k, v in row.items() if k != "source"} for row in series["rows"]]
        steps = [
            [s["previous"], s["current"], sorted(_finding(f) for f in s["findings"])]
            for s in series["steps"]
        ]
        out.append(
            {
                "agency": series["agency"],
                "years": series["years"],
                "rows": rows,
                "steps": steps,
                "findings": sorted(_finding(f) for f in series["findings"]),
                "set_aside": len(series.get("set_aside") or []),
            }
        )
    return {"exit": code, "series": out}


def _compare() -> dict[str, Any]:
    old = next((CORPUS / "pingtan-2024-html").glob("source.*"))
    new = next((CORPUS / "pingtan-2025-html").glob("source.*"))
    code, document = _run(["compare", "-f", "json", "--all", str(old), str(new)])
    return {"exit": code, "digest": _digest(json.dumps(_without_paths(document), sort_keys=True))}


def _similar() -> dict[str, Any]:
    paths = sorted(str(p) for p in CORPUS.glob("pingtan-20*-html/source.*"))
    code, document = _run(["similar", "--all", "--format", "json", *paths])
    return {"exit": code, "digest": _digest(json.dumps(_without_paths(document), sort_keys=True))}


def _without_paths(value: Any) -> Any:
    """File paths as case names (the snapshot must not depend on where it is run)."""
    if isinstance(value, dict):
        return {k: _without_paths(v) for k, v in value.items()}
    if isinstance(value, list):
        return [_without_paths(v) for v in value]
    if isinstance(value, str):
        for where in (str(CORPUS), str(CORPUS.resolve())):
            value = value.replace(where, "<corpus>")
    return value


def snapshot() -> dict[str, Any]:
    """Run the commands and reduce their output (see the module's docstring)."""
    return {
        "read": _read(),
        "check": _check(),
        "series-html": _series("html"),
        "series-crawltext": _series("crawltext"),
        "compare": _compare(),
        "similar": _similar(),
    }


def dumps(data: dict[str, Any]) -> str:
    return json.dumps(data, ensure_ascii=False, indent=1, sort_keys=True) + "\n"


def _main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--write", action="store_true", help=f"write {SNAPSHOT}")
    args = parser.parse_args()
    text = dumps(snapshot())
    if args.write:
        SNAPSHOT.parent.mkdir(exist_ok=True)
        SNAPSHOT.write_text(text, encoding="utf-8")
        print(f"written to {SNAPSHOT}")
    else:
        print(text, end="")


if __name__ == "__main__":
    _main()
