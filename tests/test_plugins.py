"""Rule plugins: ``--rules module:attribute``, the entry-point group ``zfxxgk.rules``, and
``zfxxgk rules`` listing every code with its origin.

The example plugin package (``examples/plugin``) is built and installed with pip into a
temporary folder (no network, no build isolation); the command line then runs in a
subprocess with that folder on ``PYTHONPATH``, so the plugin is found the way an installed
package is: through its entry point, read by :mod:`importlib.metadata`.
"""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
import textwrap
from collections.abc import Iterator
from pathlib import Path

import pytest

from zfxxgk.cli import main
from zfxxgk.errors import RulePluginError
from zfxxgk.rules import RuleSet, plugins

REPO = Path(__file__).resolve().parent.parent
SRC = REPO / "src"
PLUGIN = REPO / "examples" / "plugin"
REPORT = REPO / "examples" / "reports" / "示例县民政局-2024.html"
OTHER = REPO / "examples" / "reports" / "示例镇人民政府-2024.txt"
CODE = "EX-CARRIED-FORWARD"
SPEC = "zfxxgk_example_rules:RULES"


@pytest.fixture(scope="module")
def installed(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The example plugin installed by pip into a folder of its own (a copy is built, so
    that the build leaves nothing in ``examples/plugin``)."""
    base = tmp_path_factory.mktemp("plugin")
    source = shutil.copytree(PLUGIN, base / "source")
    target = base / "site"
    subprocess.run(
        [
            sys.executable,
            "-m",
            "pip",
            "install",
            "--quiet",
            "--no-build-isolation",
            "--no-deps",
            "--no-index",
            "--target",
            str(target),
            str(source),
        ],
        check=True,
        capture_output=True,
    )
    assert (target / "zfxxgk_example_rules-0.1.0.dist-info" / "entry_points.txt").is_file()
    return target


def _zfxxgk(*args: str, path: Path | None = None) -> subprocess.CompletedProcess[str]:
    """``python -m zfxxgk ARGS`` with this checkout's code and *path* on ``PYTHONPATH``."""
    env = dict(os.environ)
    env["PYTHONPATH"] = os.pathsep.join(str(p) for p in (path, SRC) if p is not None)
    env.pop("ZFXXGK_PROGRESS", None)
    return subprocess.run(
        [sys.executable, "-m", "zfxxgk", *args],
        env=env,
        capture_output=True,
        text=True,
        encoding="utf-8",
        check=False,
    )


# --------------------------------------------------------------------------------------
# The example plugin through the command line
# --------------------------------------------------------------------------------------


def test_check_rules_option_runs_the_plugin(hang_guard: None) -> None:
    # the package's source folder on the path, not installed: only --rules finds it
    run = _zfxxgk("check", "--rules", SPEC, str(REPORT), path=PLUGIN)
    assert run.returncode == 0, run.stderr  # a warning: not --fail-on error
    assert f"警告 {CODE}" in run.stdout
    assert "有4件申请结转下年度继续办理，占本年收到申请的8%" in run.stdout
    without = _zfxxgk("check", str(REPORT), path=PLUGIN)
    assert CODE not in without.stdout  # not installed: no entry point, no plugin


def test_installed_plugin_runs_through_its_entry_point(installed: Path, hang_guard: None) -> None:
    run = _zfxxgk("check", "--format", "json", str(REPORT), path=installed)
    assert run.returncode == 0, run.stderr
    (report,) = json.loads(run.stdout)["reports"]
    (finding,) = [f for f in report["findings"] if f["code"] == CODE]
    assert finding["path"] == "requests.carried_forward.total"
    assert finding["severity"] == "warning" and finding["reported"] == 4
    # given also with --rules, the same rule runs once
    twice = _zfxxgk("check", "--format", "json", "--rules", SPEC, str(REPORT), path=installed)
    (report,) = json.loads(twice.stdout)["reports"]
    assert [f["code"] for f in report["findings"]].count(CODE) == 1


def test_rules_json_lists_the_plugin_with_its_origin(installed: Path, hang_guard: None) -> None:
    run = _zfxxgk("rules", "--format", "json", path=installed)
    assert run.returncode == 0, run.stderr
    entries = {e["code"]: e for e in json.loads(run.stdout)["rules"]}
    assert entries[CODE]["origin"] == "plugin"
    assert entries[CODE]["source"] == "zfxxgk-example-rules (example)"
    assert entries[CODE]["severity"] == "warning"
    assert entries[CODE]["example"] == (  # the message of the example plugin's real finding
        "有4件申请结转下年度继续办理，占本年收到申请的8%，请在第五部分说明原因"
    )
    assert entries["S3-BALANCE"]["origin"] == "builtin"
    assert entries["SERIES-GAP"]["origin"] == "review"
    assert entries["RULE-CRASHED"]["origin"] == "engine"
    text = _zfxxgk("rules", path=installed).stdout
    assert f"{CODE}\t警告\t有申请结转下年度继续办理\t插件 zfxxgk-example-rules (example)\n" in text
    assert CODE not in _zfxxgk("rules", "--format", "json").stdout  # not installed: not listed


def test_a_broken_installed_plugin_is_a_clear_error(tmp_path: Path, hang_guard: None) -> None:
    dist = tmp_path / "broken_rules-1.0.dist-info"
    dist.mkdir()
    (dist / "METADATA").write_text("Metadata-Version: 2.1\nName: broken-rules\nVersion: 1.0\n")
    (dist / "entry_points.txt").write_text("[zfxxgk.rules]\nbroken = broken_rules_nowhere:RULES\n")
    run = _zfxxgk("check", str(REPORT), path=tmp_path)
    assert run.returncode == 2
    assert "[E500]" in run.stderr and "broken-rules (broken)" in run.stderr
    assert "Traceback" not in run.stderr
    assert _zfxxgk("rules", path=tmp_path).returncode == 2


# --------------------------------------------------------------------------------------
# --rules: what is wrong is named, exit 2 (in process)
# --------------------------------------------------------------------------------------


@pytest.fixture
def modules(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Iterator[Path]:
    """A folder on ``sys.path`` for plugin modules written by the test."""
    monkeypatch.syspath_prepend(str(tmp_path))
    names = set(sys.modules)
    yield tmp_path
    for name in set(sys.modules) - names:
        if name.startswith("x_plugin"):
            del sys.modules[name]


def _module(folder: Path, name: str, body: str) -> None:
    (folder / f"{name}.py").write_text(textwrap.dedent(body), encoding="utf-8")


PAIR_PLUGIN = """
    from zfxxgk.diagnostics import Severity
    from zfxxgk.rules import Violation, pair_rule

    @pair_rule(code="X-PAIR-SEEN", severity=Severity.INFO, title="看过两年", message="看过")
    def seen(previous, current):
        yield Violation(None)

    @pair_rule(code="S3-BALANCE", severity=Severity.INFO, title="冒名", message="冒名")
    def clash(previous, current):
        yield Violation(None)
"""


@pytest.mark.parametrize(
    ("body", "spec", "words"),
    [
        ("raise RuntimeError('插件坏了')\n", "x_plugin_raises:RULES", ["RuntimeError", "插件坏了"]),
        ("RULES = 1\n", "x_plugin_number:RULES", ["int", "不是规则"]),
        ("RULES = ()\n", "x_plugin_missing:OTHER", ["没有 OTHER"]),
        (PAIR_PLUGIN, "x_plugin_clash:clash", ["S3-BALANCE", "已被内置规则使用"]),
        ("", "x_plugin_no_colon", ["模块:属性"]),
    ],
)
def test_bad_plugins_exit_2_with_a_chinese_message(
    modules: Path,
    capsys: pytest.CaptureFixture[str],
    body: str,
    spec: str,
    words: list[str],
) -> None:
    _module(modules, spec.partition(":")[0], body)
    with pytest.raises(RulePluginError) as raised:  # load, or for a clash: extend
        plugins.extend(RuleSet.default(), [plugins.load(spec)])
    assert raised.value.code == "E500" and raised.value.origin == spec
    for command in (["check", str(REPORT)], ["series", str(REPORT)], ["rules"]):
        assert main([*command, "--rules", spec]) == 2
        err = capsys.readouterr().err
        assert "[E500]" in err and all(w in err for w in words), err
    assert main(["compare", str(REPORT), str(OTHER), "--rules", spec]) == 2


def test_compare_and_series_run_plugin_pair_rules(
    modules: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    _module(modules, "x_plugin_pair", PAIR_PLUGIN)
    spec = "x_plugin_pair:seen"
    assert main(["compare", "--format", "json", "--rules", spec, str(OTHER), str(REPORT)]) == 0
    codes = [f["code"] for f in json.loads(capsys.readouterr().out)["findings"]]
    assert "X-PAIR-SEEN" in codes
    assert main(["compare", "--format", "json", str(OTHER), str(REPORT)]) == 0
    assert "X-PAIR-SEEN" not in capsys.readouterr().out


def test_a_plugin_may_be_a_rule_a_rule_set_or_a_list(modules: Path) -> None:
    shapes = "from zfxxgk.rules import RuleSet\nSET = RuleSet.of(seen)\nLIST = [seen]\n"
    _module(modules, "x_plugin_shapes", textwrap.dedent(PAIR_PLUGIN) + shapes)
    for attribute in ("seen", "SET", "LIST"):
        loaded = plugins.load(f"x_plugin_shapes:{attribute}")
        assert [r.code for r in loaded.rules] == ["X-PAIR-SEEN"]
        assert loaded.source == f"x_plugin_shapes:{attribute}" and loaded.origin == "plugin"
    extended = plugins.extend(RuleSet.default(), [plugins.load("x_plugin_shapes:seen")])
    assert extended.codes == (*RuleSet.default().codes, "X-PAIR-SEEN")
