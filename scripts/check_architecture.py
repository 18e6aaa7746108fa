"""Check the shape of ``src/zfxxgk``: module and function sizes, and import cycles.

    python scripts/check_architecture.py            # prints the offenders, exits 1 if any

- no module over 700 lines, no function or method over 80 lines;
- no import cycle between the package's modules, counting imports written inside functions
  (a package's ``__init__`` is the module named after the package: a submodule that imports a
  name from its package's ``__init__`` while that ``__init__`` imports the submodule is a
  cycle).

Which layer may import which is a separate contract, checked by import-linter
(``lint-imports``, configured in ``pyproject.toml``); ``docs/design.md`` draws it.
"""

from __future__ import annotations

import argparse
import ast
import sys
from pathlib import Path

MAX_MODULE_LINES = 700
MAX_FUNCTION_LINES = 80
ROOT = Path(__file__).resolve().parent.parent


def modules(src: Path, package: str) -> dict[str, Path]:
    """Dotted module name → file, for every ``.py`` file of *package* under *src*."""
    found: dict[str, Path] = {}
    for path in sorted((src / package).rglob("*.py")):
        parts = path.relative_to(src).with_suffix("").parts
        if parts[-1] == "__init__":
            parts = parts[:-1]
        found[".".join(parts)] = path
    return found


def _known(target: str, known: dict[str, Path]) -> str:
    """The module of the package that *target* names (itself or the nearest enclosing
    package), or "" for a module from outside."""
    while target and target not in known:
        target = target.rpartition(".")[0]
    return target


def _targets(node: ast.Import | ast.ImportFrom, name: str, known: dict[str, Path]) -> set[str]:
    """The modules of the package one import statement of module *name* refers to:
    ``from pkg import mod`` names the module ``pkg.mod``, ``from pkg import name`` the
    package's ``__init__``."""
    if isinstance(node, ast.Import):
        return {_known(alias.name, known) for alias in node.names} - {""}
    if node.level:
        base = name.split(".") if known[name].name == "__init__.py" else name.split(".")[:-1]
        base = base[: len(base) - node.level + 1]
        stem = ".".join([*base, node.module] if node.module else base)
    else:
        stem = node.module or ""
    out = set()
    for alias in node.names:
        full = f"{stem}.{alias.name}"
        out.add(full if full in known else _known(stem, known))
    return out - {""}


def imports(known: dict[str, Path]) -> dict[str, set[str]]:
    """Module → the modules of the package it imports, anywhere in its code."""
    graph: dict[str, set[str]] = {}
    for name, path in known.items():
        tree = ast.parse(path.read_text(encoding="utf-8"), filename=str(path))
        edges: set[str] = set()
        for node in ast.walk(tree):
            if isinstance(node, (ast.Import, ast.ImportFrom)):
                edges |= _targets(node, name, known)
        edges.discard(name)
        graph[name] = edges
    return graph


def cycles(graph: dict[str, set[str]]) -> list[list[str]]:
    """The strongly connected components of more than one module (Tarjan, iteratively)."""
    index: dict[str, int] = {}
    low: dict[str, int] = {}
    stack: list[str] = []
    on_stack: set[str] = set()
    found: list[list[str]] = []
    for start in sorted(graph):
        if start in index:
            continue
        work = [(start, iter(sorted(graph[start])))]
        index[start] = low[start] = len(index)
        stack.append(start)
        on_stack.add(start)
        while work:
            node, children = work[-1]
            child = next(children, None)
            if child is not None:
                if child not in index:
                    index[child] = low[child] = len(index)
                    stack.append(child)
                    on_stack.add(child)
                    work.append((child, iter(sorted(graph.get(child, ())))))
                elif child in on_stack:
                    low[node] = min(low[node], index[child])
                continue
            work.pop()
            if work:
                parent = work[-1][0]
                low[parent] = min(low[parent], low[node])
            if low[node] == index[node]:
                component = []
                while True:
                    member = stack.pop()
                    on_stack.discard(member)
                    component.append(member)
                    if member == node:
                        break
                if len(component) > 1:
                    found.append(sorted(component))
    return found


def long_functions(known: dict[str, Path]) -> list[tuple[int, str]]:
    out = []
    for name, path in known.items():
        tree = ast.parse(path.read_text(encoding="utf-8"), filename=str(path))
        for node in ast.walk(tree):
            if isinstance(node, (ast.FunctionDef, ast.AsyncFunctionDef)):
                length = (node.end_lineno or node.lineno) - node.lineno + 1
                if length > MAX_FUNCTION_LINES:
                    out.append((length, f"{name}.{node.name} ({path}:{node.lineno})"))
    return sorted(out, reverse=True)


def long_modules(known: dict[str, Path]) -> list[tuple[int, str]]:
    sizes = ((path.read_text(encoding="utf-8").count("\n"), str(path)) for path in known.values())
    return sorted(((n, p) for n, p in sizes if n > MAX_MODULE_LINES), reverse=True)


def problems(src: Path, package: str) -> list[str]:
    """Every offence, one line each (empty when the tree is in shape)."""
    known = modules(src, package)
    lines = [f"module of {n} lines (over {MAX_MODULE_LINES}): {p}" for n, p in long_modules(known)]
    lines += [
        f"function of {n} lines (over {MAX_FUNCTION_LINES}): {where}"
        for n, where in long_functions(known)
    ]
    lines += [f"import cycle: {' ↔ '.join(c)}" for c in cycles(imports(known))]
    return lines


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--src", type=Path, default=ROOT / "src")
    parser.add_argument("--package", default="zfxxgk")
    args = parser.parse_args(argv)
    found = problems(args.src, args.package)
    for line in found:
        print(line)
    count = len(modules(args.src, args.package))
    print(f"{count} modules checked: {len(found)} problem(s)")
    return 1 if found else 0


if __name__ == "__main__":
    sys.exit(main())
