"""The rule engine: rules, rule sets, findings, crashes, custom rules, the catalogue."""

from __future__ import annotations

import subprocess
import sys
from collections.abc import Iterator
from decimal import Decimal

import attrs
import pytest

from zfxxgk.cells import Cell
from zfxxgk.diagnostics import Severity
from zfxxgk.model import (
    Appeals,
    DisclosureRequests,
    ProactiveDisclosure2021,
    Report,
    proactive_2021,
)
from zfxxgk.rules import (
    BAD_PATH,
    CRASHED,
    Finding,
    Findings,
    Rule,
    RuleKind,
    RuleSet,
    Violation,
    altered,
    builtin,
    catalogue,
    check,
    check_pair,
    contradictions,
    narrative,
    outline,
    pair_rule,
    pairs,
    rule,
    section5,
    text,
)
from zfxxgk.template import label_path, replace_at


def _report(**changes: Cell) -> Report:
    report = Report.build(
        agency="示例县民政局",
        year=2024,
        proactive=proactive_2021(normative_documents=(3, 1, 27), licensing=412, fees="12.35"),
        requests=DisclosureRequests.from_counts(
            new=[42, 5, 0, 1, 2],
            carried_over=[3],
            disclosed=[20, 2],
            partially_disclosed=[4, 1],
            unavailable=[[9, 1, 0, 0, 1]],
        ),
        appeals=Appeals.from_counts(review=(2, 1, 0, 1)),
    )
    for path, cell in changes.items():
        report = replace_at(report, path.replace("__", "."), cell)
    return report


@rule(
    code="X-FEES-LARGE",
    severity=Severity.WARNING,
    title="收费金额异常大",
    message="收费金额报告为{reported}万元，超过 {limit} 万元",
    params=("limit",),
)
def fees_large(report: Report) -> Iterator[Violation]:
    """A user rule: 行政事业性收费 above a limit."""
    if not isinstance(report.proactive, ProactiveDisclosure2021):
        return
    amount = report.proactive.fees.amount.value
    if amount is not None and amount > 10:
        yield Violation("proactive.fees.amount", params={"limit": 10})


@rule(code="X-BOOM", severity=Severity.INFO, title="总是出错的规则")
def boom(report: Report) -> Iterator[Violation]:
    yield Violation(None, message="第一条")
    raise RuntimeError("坏了")


# --------------------------------------------------------------------------------------
# Rules and findings
# --------------------------------------------------------------------------------------


def test_decorator_makes_a_rule_with_its_docstring_as_description() -> None:
    assert isinstance(fees_large, Rule)
    assert fees_large.code == "X-FEES-LARGE"
    assert fees_large.kind is RuleKind.SINGLE
    assert fees_large.description == "A user rule: 行政事业性收费 above a limit."
    assert fees_large.info.title == "收费金额异常大"
    assert next(iter(fees_large(_report()))).path == "proactive.fees.amount"


def test_custom_rule_finding_is_stamped_by_the_engine() -> None:
    findings = check(_report(), rules=[fees_large])
    assert len(findings) == 1
    (finding,) = findings
    assert finding.code == "X-FEES-LARGE"
    assert finding.severity is Severity.WARNING
    assert finding.path == "proactive.fees.amount"
    assert finding.labels == label_path("proactive.fees.amount")
    assert finding.reported == Decimal("12.35")
    assert finding.message == "收费金额报告为12.35万元，超过 10 万元"
    text = str(finding)
    assert text.startswith("X-FEES-LARGE 警告 二/第二十条第（八）项/行政事业性收费")
    assert "12.35" in text


def test_custom_rule_added_to_the_default_set() -> None:
    rules = RuleSet.default().with_rules(fees_large)
    assert check(_report(), rules).codes == {"X-FEES-LARGE"}
    assert "X-FEES-LARGE" not in RuleSet.default()
    assert check(_report()).codes == frozenset()


def test_finding_str_says_reported_and_expected() -> None:
    report = _report(requests__new__total=Cell.of(55))
    (finding,) = check(report)
    assert finding.code == "S3-ROW-TOTAL"
    assert (finding.reported, finding.expected) == (55, 50)
    text = str(finding)
    assert "S3-ROW-TOTAL" in text and "错误" in text
    assert "一、本年新收政府信息公开申请数量" in text
    assert "报告为55" in text and "应为50" in text


def test_blank_cell_is_said_blank_and_counted_as_zero() -> None:
    report = _report(appeals__review__total=Cell.blank())
    findings = check(report)
    assert findings.codes == {"S4-TOTAL", "CELL-BLANK"}
    (s4,) = findings.by_code()["S4-TOTAL"]
    assert s4.reported is None and s4.expected == 4
    assert "空白" in s4.message


def test_violation_path_may_be_a_tuple() -> None:
    @rule(code="X-TUPLE", severity=Severity.INFO, title="元组路径", message="看这里")
    def here(report: Report) -> Iterator[Violation]:
        yield Violation(("requests", "new", "total"))

    (finding,) = check(_report(), [here])
    assert finding.path == "requests.new.total"
    assert finding.labels == ("三", "一、本年新收政府信息公开申请数量", "总计")
    assert finding.reported == 50


def test_rule_code_must_be_usable() -> None:
    with pytest.raises(ValueError, match="code"):
        rule(code="has space", severity=Severity.ERROR, title="t")(fees_large.func)
    with pytest.raises(ValueError, match=CRASHED):
        rule(code=CRASHED, severity=Severity.ERROR, title="t")(fees_large.func)
    with pytest.raises(ValueError, match="engine's own"):
        rule(code="RULE-MINE", severity=Severity.ERROR, title="t")(fees_large.func)


# --------------------------------------------------------------------------------------
# Guardrails for rule authors
# --------------------------------------------------------------------------------------


def test_an_undeclared_message_parameter_raises_when_the_rule_is_defined() -> None:
    with pytest.raises(ValueError, match=r"X-NOPE.*\{nope\}"):
        rule(code="X-NOPE", severity=Severity.ERROR, title="t", message="多了{nope}")(
            fees_large.func
        )
    with pytest.raises(ValueError, match=r"\{nope\}"):
        pair_rule(code="X-NOPE", severity=Severity.ERROR, title="t", message="{nope:.0%}")(
            fees_large.func
        )
    with pytest.raises(ValueError, match="malformed"):
        rule(code="X-BRACE", severity=Severity.ERROR, title="t", message="少了{")(fees_large.func)
    # declared, a format specification, and the three standard ones are fine
    made = rule(
        code="X-OK",
        severity=Severity.ERROR,
        title="t",
        message="{where}{reported}{expected}{share:.0%}",
        params=("share",),
    )(fees_large.func)
    assert made.params == ("share",)
    # changing a rule keeps the check: evolve re-runs it
    with pytest.raises(ValueError, match=r"\{nope\}"):
        attrs.evolve(made, message="{nope}")


def test_a_mistyped_path_becomes_a_rule_path_error_naming_the_rule_and_the_path() -> None:
    @rule(code="X-TYPO", severity=Severity.WARNING, title="路径拼错的规则", message="看这里")
    def typo(report: Report) -> Iterator[Violation]:
        yield Violation("appeals.reviw.total")
        yield Violation("appeals.review.total")  # the right one still becomes its finding

    findings = check(_report(), [typo])
    assert [f.code for f in findings] == [BAD_PATH, "X-TYPO"]
    bad, good = findings
    assert bad.severity is Severity.ERROR
    assert "X-TYPO" in bad.message and "appeals.reviw.total" in bad.message
    assert bad.path is None  # not a finding of X-TYPO about the whole report
    assert good.path == "appeals.review.total" and good.labels


def test_paths_that_are_attributes_of_the_report_are_accepted() -> None:
    @rule(code="X-ATTR", severity=Severity.INFO, title="属性路径", message="看这里")
    def attr(report: Report) -> Iterator[Violation]:
        yield Violation("info.year")
        yield Violation(("requests", "new"))  # a row
        yield Violation("requests.new.__class__")  # private: not a model path

    findings = check(_report(), [attr])
    assert sorted(f.code for f in findings) == sorted([BAD_PATH, "X-ATTR", "X-ATTR"])


# --------------------------------------------------------------------------------------
# Crashes are findings
# --------------------------------------------------------------------------------------


def test_a_rule_that_raises_becomes_a_finding_and_the_others_still_run() -> None:
    report = _report(requests__new__total=Cell.of(55))
    findings = check(report, RuleSet.default().with_rules(boom))
    crashed = findings.by_code()[CRASHED]
    assert len(crashed) == 1
    assert crashed[0].severity is Severity.ERROR
    assert "X-BOOM" in crashed[0].message and "RuntimeError" in crashed[0].message
    assert "坏了" in crashed[0].message
    assert "示例县民政局 2024 年度报告" in crashed[0].message  # the report it was checking
    # what the rule yielded before it raised is kept, and the built-in rules still ran
    assert "X-BOOM" in findings.codes
    assert "S3-ROW-TOTAL" in findings.codes


def test_a_rule_that_yields_junk_becomes_a_finding() -> None:
    @rule(code="X-JUNK", severity=Severity.ERROR, title="产出错误类型")  # type: ignore[arg-type]
    def junk(report: Report) -> Iterator[str]:
        yield "not a violation"

    (finding,) = check(_report(), [junk])
    assert finding.code == CRASHED
    assert "TypeError" in finding.message


def test_a_rule_with_a_bad_signature_becomes_a_finding() -> None:
    @pair_rule(code="X-PAIR", severity=Severity.ERROR, title="两年规则")
    def needs_two(previous: Report, current: Report) -> Iterator[Violation]:
        return iter(())

    # run as a single-report rule by mistake: it still cannot crash the check
    crashed = Rule(**{**attrs.asdict(needs_two, recurse=False), "kind": RuleKind.SINGLE})
    (finding,) = check(_report(), [crashed])
    assert finding.code == CRASHED


# --------------------------------------------------------------------------------------
# Rule sets are immutable values
# --------------------------------------------------------------------------------------


def test_rule_set_changes_return_new_sets() -> None:
    default = RuleSet.default()
    codes = default.codes
    smaller = default.without("CELL-BLANK", "PAIR-SEQUENCE")
    larger = default.with_rules(fees_large)
    only = default.only("S4-TOTAL", "S3-BALANCE")
    assert default.codes == codes
    assert "CELL-BLANK" not in smaller and "PAIR-SEQUENCE" not in smaller
    assert len(smaller) == len(default) - 2
    assert larger.codes == (*codes, "X-FEES-LARGE")
    assert only.codes == ("S3-BALANCE", "S4-TOTAL")  # the set's own order
    with pytest.raises(attrs.exceptions.FrozenInstanceError):
        default.rules = ()  # type: ignore[misc]


def test_with_rules_replaces_a_rule_of_the_same_code_in_place() -> None:
    default = RuleSet.default()
    stricter = default.with_rules(builtin.s3_carry_exceeds.with_severity(Severity.ERROR))
    assert stricter.codes == default.codes
    assert stricter["S3-CARRY-EXCEEDS"].severity is Severity.ERROR
    assert default["S3-CARRY-EXCEEDS"].severity is Severity.WARNING


def test_unknown_codes_and_duplicates_are_usage_errors() -> None:
    with pytest.raises(KeyError, match="NOPE"):
        RuleSet.default().without("NOPE")
    with pytest.raises(KeyError, match="NOPE"):
        RuleSet.default().only("S4-TOTAL", "NOPE")
    with pytest.raises(ValueError, match="S4-TOTAL"):
        RuleSet.of(builtin.s4_total, builtin.s4_total)
    with pytest.raises(TypeError):
        RuleSet.of(builtin.s4_total, "S4-TOTAL")  # type: ignore[arg-type]


def test_an_empty_rule_set_finds_nothing() -> None:
    report = _report(requests__new__total=Cell.of(55))
    assert check(report, RuleSet.of()) == Findings()
    assert check(report, RuleSet.default().only("S4-TOTAL")) == Findings()


def test_single_and_pair_rules_run_where_they_belong() -> None:
    previous = attrs.evolve(_report(), info=attrs.evolve(_report().info, year=2023))
    current = _report()
    both = RuleSet.of(builtin.s4_total, pairs.pair_carry_over)
    assert both.single_rules == (builtin.s4_total,)
    assert both.pair_rules == (pairs.pair_carry_over,)
    broken = replace_at(current, "appeals.review.total", Cell.of(9))
    assert check(broken, both).codes == {"S4-TOTAL"}
    # 上年结转 of 2024 is 3 for 自然人, last year carried 12 forward
    found = check_pair(previous, broken, both)
    assert found.codes == {"PAIR-CARRY-OVER"}


# --------------------------------------------------------------------------------------
# Findings
# --------------------------------------------------------------------------------------


def test_findings_conveniences_and_template_order() -> None:
    report = _report(
        appeals__review__total=Cell.of(9),  # section 四: last in template order
        requests__new__research_institution=Cell.blank(),  # a blank 0: warning
        proactive__licensing__decisions=Cell.of(-1),  # section 二: first
    )
    findings = check(report)
    assert isinstance(findings, Findings) and isinstance(findings, tuple)
    assert [f.code for f in findings] == ["CELL-NEGATIVE", "CELL-BLANK", "S4-TOTAL"]
    assert [f.code for f in findings.errors] == ["CELL-NEGATIVE", "S4-TOTAL"]
    assert [f.code for f in findings.warnings] == ["CELL-BLANK"]
    assert not findings.ok
    assert findings.warnings.ok
    assert findings.codes == {"CELL-NEGATIVE", "CELL-BLANK", "S4-TOTAL"}
    assert list(findings.by_code()) == ["CELL-NEGATIVE", "CELL-BLANK", "S4-TOTAL"]
    assert findings.at("appeals.review.total")[0].code == "S4-TOTAL"
    assert findings.at(("appeals", "review", "total")) == findings.at("appeals.review.total")
    assert findings.with_severity(Severity.WARNING) == findings
    assert findings.with_severity(Severity.ERROR) == findings.errors
    assert str(findings).count("\n") == 2


def test_report_level_findings_come_first() -> None:
    @rule(code="X-WHOLE", severity=Severity.INFO, title="整份报告", message="整份报告的提示")
    def whole(report: Report) -> Iterator[Violation]:
        yield Violation(None)

    report = _report(appeals__review__total=Cell.of(9))
    findings = check(report, RuleSet.default().with_rules(whole))
    assert [f.code for f in findings] == ["X-WHOLE", "S4-TOTAL"]
    assert findings[0].where == "(整份报告)"
    assert findings[0].labels == ()


def test_finding_is_a_frozen_value() -> None:
    finding = Finding(code="A", severity=Severity.INFO, message="m")
    assert finding == Finding(code="A", severity=Severity.INFO, message="m")
    with pytest.raises(attrs.exceptions.FrozenInstanceError):
        finding.code = "B"  # type: ignore[misc]


# --------------------------------------------------------------------------------------
# The catalogue (meta-test: every built-in rule is registered)
# --------------------------------------------------------------------------------------


def _module_rules() -> list[Rule]:
    modules = (builtin, pairs, contradictions, section5, outline, altered)
    found = [v for m in modules for v in vars(m).values() if isinstance(v, Rule)]
    return [*found, *narrative.NARRATIVE_RULES, *text.TEXT_RULES]  # made in a loop, one per code


def test_every_builtin_rule_is_in_the_default_set_and_the_catalogue() -> None:
    default = RuleSet.default()
    entries = {info.code: info for info in catalogue()}
    defined = _module_rules()
    assert defined, "no rules found in the built-in modules"
    for item in defined:
        assert item in default, item.code
        assert entries[item.code] == item.info
        if item.kind is RuleKind.SINGLE:
            assert item in default.single_rules
            assert item in (
                *builtin.BUILTIN_RULES,
                *narrative.NARRATIVE_RULES,
                *contradictions.CONTRADICTION_RULES,
                *text.TEXT_RULES,
                *outline.OUTLINE_RULES,
                *altered.TEMPLATE_RULES,
            )
        else:
            assert item in default.pair_rules
            assert item in (*pairs.PAIR_RULES, *section5.SECTION5_PAIR_RULES)
    assert len(entries) == len(catalogue()) == len(default) == len({r.code for r in defined})


def test_catalogue_codes_are_unique_and_described_in_chinese() -> None:
    codes = [info.code for info in catalogue()]
    assert len(codes) == len(set(codes))
    for info in catalogue():
        assert any("\u4e00" <= ch <= "\u9fff" for ch in info.title), info.code
        assert any("\u4e00" <= ch <= "\u9fff" for ch in info.description), info.code


def test_catalogue_has_the_stable_codes() -> None:
    single = {i.code for i in catalogue() if i.kind is RuleKind.SINGLE}
    pair = {i.code for i in catalogue() if i.kind is RuleKind.PAIR}
    assert single == {
        "OUTLINE-NUMBERING",
        "TEMPLATE-ROWS",
        "TEMPLATE-LABEL",
        "S3-BALANCE",
        "S3-ROW-TOTAL",
        "S3-OUTCOME-TOTAL",
        "S4-TOTAL",
        "CELL-NEGATIVE",
        "CELL-NOT-WHOLE",
        "CELL-TEXT",
        "CELL-BLANK",
        "CELL-PLACEHOLDER",
        "CELL-MISSING",
        "CELL-UNREAD",
        "S3-CARRY-EXCEEDS",
        "S2-PUBLISHED-EXCEEDS",
        "MONEY-UNIT",
        # the narrative against the tables (zfxxgk.rules.narrative)
        *("N100", "N101", "N102", "N103", "N104", "N105", "N106", "N107", "N108", "N109"),
        *("N110", "N111", "N112", "N121", "N122", "N123", "N124", "N125", "N131", "N141"),
        # the narrative against itself (zfxxgk.rules.contradictions)
        "N142",
        # the report as a text (zfxxgk.rules.text)
        *("N201", "N202", "N203", "N204", "N211", "N212", "N213", "N214", "N215", "N216"),
        "N221",
        *("N301", "N302", "N303", "N401", "N402"),
    }
    assert pair == {
        "PAIR-CARRY-OVER",
        "PAIR-DOCUMENT-STOCK",
        "PAIR-SEQUENCE",
        "PAIR-PROBLEMS-REPEATED",
    }
    errors = {i.code for i in catalogue() if i.severity is Severity.ERROR}
    assert {"S3-BALANCE", "S3-ROW-TOTAL", "S3-OUTCOME-TOTAL", "S4-TOTAL"} <= errors
    assert "PAIR-CARRY-OVER" in errors and "CELL-BLANK" not in errors


def test_importing_the_rules_does_not_import_hypothesis() -> None:
    code = "import sys, zfxxgk, zfxxgk.rules; zfxxgk.check; print('hypothesis' in sys.modules)"
    out = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, check=True
    ).stdout
    assert out.strip() == "False"
