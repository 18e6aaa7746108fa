"""The generated code kept between processes (``zfxxgk._codecache``, issue 17 start-up).

What is kept must be exactly what would have been compiled: the code of attrs' methods (with
the process's own hash number put back) and the regular-expression engine's program."""

from __future__ import annotations

import dis
import json
import marshal
import os
import re
import subprocess
import sys
from pathlib import Path
from types import CodeType
from typing import Any

import attrs
import pytest

from zfxxgk import _codecache

_STATE = (
    "import json, zfxxgk._codecache as c\n"
    "print(json.dumps({'changed': c._state['changed'], 'codes': len(c._codes),"
    " 'patterns': len(c._patterns)}))"
)


@pytest.fixture(autouse=True)
def _own_cache(monkeypatch: pytest.MonkeyPatch) -> None:
    """What a test compiles stays its own: the test process's kept code and patterns (which
    it may write when it exits, where bytecode is written) are as they were after it."""
    _codecache._load()
    for name in ("_codes", "_patterns", "_used", "_used_codes", "_state"):
        kept = getattr(_codecache, name)
        monkeypatch.setattr(_codecache, name, type(kept)(kept))  # a copy, put back after


def _attrs_script(module: str) -> tuple[str, str]:
    """The source attrs generates for a small frozen class said to be in *module*, and its
    file name, as attrs gives them to the step the cache wraps."""
    seen: list[tuple[str, str]] = []
    from attr import _make

    wrapped = _make._compile_and_eval

    def spy(script: str, globs: Any, locs: Any = None, filename: str = "") -> None:
        seen.append((script, filename))
        wrapped(script, globs, locs, filename)

    _make._compile_and_eval = spy
    try:
        attrs.frozen(type("Probe", (), {"__module__": module, "__annotations__": {"a": "int"}}))
    finally:
        _make._compile_and_eval = wrapped
    (found,) = seen
    return found


def test_the_package_classes_go_through_the_cache() -> None:
    assert _codecache.hook_attrs()  # installed by `import zfxxgk`; a second call keeps it
    from attr import _make

    assert getattr(_make._compile_and_eval, "_zfxxgk", False)


def _same_code(got: CodeType, want: CodeType) -> None:
    """*got* is *want*, but for where the number of ``__hash__`` ends on its line (which
    only the position table of the instruction loading it records)."""
    if sys.version_info < (3, 11):  # no columns in the position table
        assert got == want
        return
    hashes = [c for c in want.co_consts if isinstance(c, CodeType) and c.co_name == "__hash__"]
    consts = [
        c.replace(co_linetable=hashes[0].co_linetable)
        if isinstance(c, CodeType) and c.co_name == "__hash__"
        else c
        for c in got.co_consts
    ]
    assert got.replace(co_consts=tuple(consts)) == want
    for mine, theirs in zip(got.co_consts, want.co_consts, strict=True):
        if isinstance(mine, CodeType) and mine.co_name == "__hash__":
            differ = [
                (op.opname, op.argval)
                for op, other in zip(
                    dis.get_instructions(mine), dis.get_instructions(theirs), strict=True
                )
                if op.positions != other.positions
            ]
            assert all(name == "LOAD_CONST" and type(value) is int for name, value in differ)


def test_kept_attrs_code_is_what_compile_gives_with_this_process_hash_number() -> None:
    script, filename = _attrs_script("zfxxgk._probe")
    assert " zfxxgk._probe.Probe" in filename and "hash((" in script
    flags = _codecache._ATTRS_FLAGS[0]
    kept, salt = _codecache._salted(script)
    assert salt is not None and str(salt) in script and str(salt) not in kept
    for number in (salt, -salt, salt // 7, 5, -(10**18)):
        other = script.replace(str(salt), str(number), 1)
        fresh = compile(other, filename, "exec", flags, dont_inherit=True)
        for _ in range(2):  # compiled and kept, then taken from what is kept
            _same_code(_codecache._compiled(other, filename), fresh)
    assert _codecache._codes[filename][0] == kept  # one entry, whatever the number


def test_other_classes_are_compiled_as_attrs_compiles_them() -> None:
    _, filename = _attrs_script("elsewhere")
    assert not any(key.startswith(filename) for key in _codecache._codes)
    probe = attrs.frozen(type("Probe", (), {"__module__": "elsewhere", "__annotations__": {}}))
    assert probe() == probe() and hash(probe()) == hash(probe())
    assert not any(" elsewhere." in name for name in _codecache._codes)


@pytest.mark.parametrize(
    ("pattern", "flags"),
    [
        (r"(?P<num>\d+)(?:\.(?P<frac>\d+))?件", 0),
        (r"[一-鿿]+(?:局|委员会)", 0),
        (r"^\s*第?[一二三四五六七八九十]{1,2}、", re.MULTILINE),
        (r"(?i)abc|d(?=e)", 0),
        (r" a \d  # spaced", re.VERBOSE),
        (r"(a)(b)?(?P<c>c)\2", re.IGNORECASE),
    ],
)
def test_a_kept_pattern_is_the_pattern_re_compiles(
    pattern: str, flags: int, monkeypatch: pytest.MonkeyPatch
) -> None:
    _codecache._load()
    monkeypatch.setitem(_codecache._state, "writable", True)  # as where bytecode is written
    want = re.compile(pattern, flags)
    _codecache._patterns.pop((pattern, int(flags)), None)
    for _ in range(2):  # compiled and kept, then made from what is kept
        got = _codecache.compile_pattern(pattern, flags)
        assert got == want
        assert (got.groupindex, got.groups, got.flags) == (
            want.groupindex,
            want.groups,
            want.flags,
        )
        sample = "第三、 ABC 12.5件 de 市教育局abbc"
        assert [m.group(0) for m in got.finditer(sample)] == [
            m.group(0) for m in want.finditer(sample)
        ]
    if _codecache._ENGINE is not None:
        assert (pattern, int(flags)) in _codecache._patterns


def _run(code: str, env: dict[str, str]) -> dict[str, object]:
    done = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, env=env, check=True
    )
    parsed: dict[str, object] = json.loads(done.stdout.splitlines()[-1])
    return parsed


def test_a_second_process_compiles_nothing_and_no_bytecode_means_no_file(tmp_path: Path) -> None:
    env = {k: v for k, v in os.environ.items() if k != "PYTHONDONTWRITEBYTECODE"}
    env["PYTHONPYCACHEPREFIX"] = str(tmp_path / "prefix")
    code = "import zfxxgk.rules, zfxxgk.readers.builder\n" + _STATE
    first = _run(code, env)
    (kept,) = (tmp_path / "prefix").rglob("_generated.*.marshal")
    assert first["changed"] is True and first["codes"] > 50  # type: ignore[operator]
    second = _run(code, env)
    assert second["changed"] is False and second["codes"] == first["codes"]
    if _codecache._ENGINE is not None:
        assert second["patterns"] == first["patterns"]
    # a file that cannot be read, or holds something else, is not used (and is written anew)
    for wrong in (b"\x00not marshal", marshal.dumps(((1, sys.hexversion), {"a": 1}, {}))):
        kept.write_bytes(wrong)
        assert _run(code, env)["changed"] is True
        assert _run(code, env)["changed"] is False
    # where Python writes no bytecode, nothing is written either
    env["PYTHONPYCACHEPREFIX"] = str(tmp_path / "other")
    env["PYTHONDONTWRITEBYTECODE"] = "1"
    alone = _run(code, env)
    assert alone["changed"] is True and alone["patterns"] == 0  # none checked to be kept
    assert not (tmp_path / "other").exists()


def test_classes_made_from_kept_code_behave_alike(tmp_path: Path) -> None:
    env = {k: v for k, v in os.environ.items() if k != "PYTHONDONTWRITEBYTECODE"}
    env["PYTHONPYCACHEPREFIX"] = str(tmp_path)
    code = (
        "import json\n"
        "from zfxxgk import Cell, parse_cell\n"
        "from zfxxgk.diagnostics import SourceLocation\n"
        "a, b = parse_cell('12'), parse_cell('12')\n"
        "loc = SourceLocation(line=3)\n"
        "print(json.dumps([a == b, hash(a) == hash(b), a != parse_cell('13'), repr(loc),"
        " hash(loc) == hash(SourceLocation(line=3)), len({a, b})]))"
    )
    first = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, env=env, check=True
    ).stdout
    second = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, env=env, check=True
    ).stdout
    assert list(tmp_path.rglob("_generated.*.marshal"))
    assert first == second
    assert json.loads(second) == [
        True,
        True,
        True,
        "SourceLocation(file=None, page=None, line=3, column=None, table=None, row=None,"
        " cell=None)",
        True,
        1,
    ]


def test_switched_off_nothing_is_wrapped_kept_or_written(tmp_path: Path) -> None:
    env = {k: v for k, v in os.environ.items() if k != "PYTHONDONTWRITEBYTECODE"}
    env["PYTHONPYCACHEPREFIX"] = str(tmp_path)
    env["ZFXXGK_NO_CODECACHE"] = "1"
    code = (
        "import zfxxgk.rules, zfxxgk.readers.builder\n"
        "from attr import _make\n"
        "assert not getattr(_make._compile_and_eval, '_zfxxgk', False)\n" + _STATE
    )
    state = _run(code, env)
    assert state == {"changed": False, "codes": 0, "patterns": 0}
    assert not list(tmp_path.rglob("_generated.*.marshal"))


def test_classes_piling_up_are_dropped_past_the_bound(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Code of classes no process makes any more (renamed, removed, or made by tests) does not
    grow the file without end: past the bound, a write keeps what the writing process used."""
    kept = tmp_path / "_generated.marshal"
    monkeypatch.setattr(_codecache, "_path", lambda: str(kept))
    script, filename = _attrs_script("zfxxgk.probe_used")
    _codecache._compiled(script, filename)  # used by this process
    stale = compile("pass", "<stale>", "exec")
    for k in range(_codecache._MAX_CODES):
        _codecache._codes[f"<attrs generated methods zfxxgk.gone{k}.C>"] = ("pass", 0, stale)
    _codecache._state.update(writable=True, changed=True)
    _codecache._save()
    _, codes, _ = marshal.loads(kept.read_bytes())
    assert filename in codes
    assert not any("zfxxgk.gone" in name for name in codes)
    assert len(codes) <= len(_codecache._used_codes)
    # under the bound nothing is dropped
    mine = _codecache._codes[filename]
    _codecache._codes.clear()
    _codecache._codes[filename] = mine
    for k in range(_codecache._MAX_CODES - 1):
        _codecache._codes[f"<attrs generated methods zfxxgk.gone{k}.C>"] = ("pass", 0, stale)
    _codecache._state["changed"] = True
    _codecache._save()
    _, codes, _ = marshal.loads(kept.read_bytes())
    assert sum("zfxxgk.gone" in name for name in codes) == _codecache._MAX_CODES - 1
