"""Draw the layers of the package as an SVG picture, from the import-linter contract.

    python scripts/draw_layers.py            # writes docs/images/layers.svg

The picture is made from the ``layers`` contract in ``pyproject.toml`` — the same contract
``lint-imports`` checks — so it cannot drift from what CI enforces (``tests/test_architecture.py``
compares the file with a fresh drawing).  Each band is a layer, highest first; a module may
import from its own band (where the modules are joined by ``:``) and from the bands below.
Modules set apart by ``|`` are independent: they do not import each other.
"""

from __future__ import annotations

import argparse
import sys
from html import escape
from pathlib import Path

import tomllib

ROOT = Path(__file__).resolve().parent.parent
OUT = ROOT / "docs" / "images" / "layers.svg"

CHAR = 7.4  # width of one character of the 12px monospace font
BAND = 46
GAP = 10
LEFT = 150
PAD = 12


def contract_layers(pyproject: Path) -> list[str]:
    """The ``layers`` of the contract with id ``layers``, highest first."""
    data = tomllib.loads(pyproject.read_text(encoding="utf-8"))
    for contract in data["tool"]["importlinter"]["contracts"]:
        if contract.get("id") == "layers":
            return list(contract["layers"])
    raise SystemExit(f"{pyproject}: no import-linter contract with id = 'layers'")


def _modules(layer: str) -> tuple[list[str], bool]:
    """The modules of one layer line, and whether they are independent (``|``)."""
    independent = "|" in layer
    parts = layer.replace("|", ":").split(":")
    return [p.strip() for p in parts if p.strip()], independent


def _caption(layer: list[str]) -> str:
    captions = {
        "__main__": "old names",
        "cli": "command line",
        "convert": "outputs",
        "html_report": "writers",
        "text_tables": "text tables",
        "grids": "output parts",
        "review": "many reports",
        "readers": "files → Report",
        "rules": "findings",
        "narrative": "text",
        "arithmetic": "identities",
        "identities": "core",
        "cells": "core",
    }
    for module in layer:
        if module in captions:
            return captions[module]
    return "core" if all(m[0] == "_" or m in {"model", "template"} for m in layer) else ""


def draw(layers: list[str]) -> str:
    """The SVG text of the picture."""
    rows = [_modules(layer) for layer in layers]
    widths = [
        sum(len(m) * CHAR + 2 * PAD for m in modules) + GAP * (len(modules) - 1)
        for modules, _ in rows
    ]
    width = int(LEFT + max(widths) + 90)
    height = int(len(rows) * (BAND + GAP) + 76)
    out = [
        f'<svg xmlns="http://www.w3.org/2000/svg" width="{width}" height="{height}" '
        f'viewBox="0 0 {width} {height}" font-family="monospace" font-size="12">',
        "<title>The layers of zfxxgk: imports go down</title>",
        '<defs><marker id="head" markerWidth="10" markerHeight="8" refX="9" refY="4" '
        'orient="auto"><path d="M0,0 L10,4 L0,8 z" fill="#555"/></marker></defs>',
    ]
    y = 20.0
    for (modules, independent), layer in zip(rows, layers, strict=True):
        caption = _caption(modules)
        out.append(
            f'<rect x="10" y="{y}" width="{width - 80}" height="{BAND}" rx="6" '
            'fill="#f4f6fa" stroke="#c8cfdc"/>'
        )
        out.append(
            f'<text x="20" y="{y + BAND / 2 + 4}" fill="#556" font-style="italic">'
            f"{escape(caption)}</text>"
        )
        x = float(LEFT)
        for module in modules:
            box = len(module) * CHAR + 2 * PAD
            fill = "#ffffff" if independent or len(modules) == 1 else "#e8eefc"
            out.append(
                f'<rect x="{x:.1f}" y="{y + 8}" width="{box:.1f}" height="{BAND - 16}" '
                f'rx="4" fill="{fill}" stroke="#4a5a80"/>'
            )
            out.append(
                f'<text x="{x + PAD:.1f}" y="{y + BAND / 2 + 4}" fill="#1a2440">'
                f"{escape(module)}</text>"
            )
            x += box + GAP
        out.append(f"<!-- {escape(layer)} -->")
        y += BAND + GAP
    arrow_x = width - 40
    out.append(
        f'<line x1="{arrow_x}" y1="30" x2="{arrow_x}" y2="{y - 20}" stroke="#555" '
        'stroke-width="2" marker-end="url(#head)"/>'
    )
    out.append(
        f'<text x="{arrow_x - 6}" y="{y + 8}" fill="#333" text-anchor="middle">imports</text>'
    )
    for k, line in enumerate(
        (
            "Blue boxes in one band may import each other; white ones in one band do not.",
            "The notebook hooks go up only through _display, by name.",
        )
    ):
        out.append(f'<text x="20" y="{y + 20 + 16 * k}" fill="#333">{escape(line)}</text>')
    out.append("</svg>")
    return "\n".join(out) + "\n"


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--out", type=Path, default=OUT)
    parser.add_argument("--check", action="store_true", help="exit 1 if the file is stale")
    args = parser.parse_args(argv)
    text = draw(contract_layers(ROOT / "pyproject.toml"))
    if args.check:
        current = args.out.read_text(encoding="utf-8") if args.out.exists() else ""
        if current != text:
            print(f"{args.out} is not the drawing of the contract: run scripts/draw_layers.py")
            return 1
        return 0
    args.out.parent.mkdir(parents=True, exist_ok=True)
    args.out.write_text(text, encoding="utf-8")
    print(f"written to {args.out}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
