"""Properties: the usual sentences rendered from a valid report agree with it; change one
number and exactly one mismatch, about that quantity, appears.  And junk never breaks the
extraction."""

from __future__ import annotations

import attrs
from hypothesis import given
from hypothesis import strategies as st

from zfxxgk import strategies as zst
from zfxxgk.model import Report
from zfxxgk.narrative import (
    ClaimKind,
    check_claims,
    extract_claims,
    render_summary,
)
from zfxxgk.rules import compare_claims

RENDERED_KINDS = [
    ClaimKind.RECEIVED,
    ClaimKind.CARRIED_OVER,
    ClaimKind.HANDLED,
    ClaimKind.DISCLOSED,
    ClaimKind.PARTIALLY_DISCLOSED,
    ClaimKind.WITHHELD,
    ClaimKind.UNAVAILABLE,
    ClaimKind.NOT_PROCESSED,
    ClaimKind.OTHER_HANDLING,
    ClaimKind.CARRIED_FORWARD,
    ClaimKind.REVIEWS,
    ClaimKind.LAWSUITS,
]

valid_reports = st.one_of(
    zst.reports(), zst.reports(large=True), zst.reports(blanks=True, placeholders=True)
)


@given(valid_reports)
def test_rendered_summary_agrees_with_the_tables(report: Report) -> None:
    text = render_summary(report)
    claims = extract_claims(text)
    assert [c.kind for c in claims] == RENDERED_KINDS
    comparisons = check_claims(attrs.evolve(report, overview=text))
    assert len(comparisons) == len(RENDERED_KINDS)
    assert all(c.matched is not None for c in comparisons)
    assert compare_claims(attrs.evolve(report, overview=text)) == ()


@given(valid_reports, st.data())
def test_one_changed_number_gives_exactly_one_mismatch(report: Report, data: st.DataObject) -> None:
    text = render_summary(report)
    comparisons = check_claims(attrs.evolve(report, overview=text))
    target = data.draw(st.sampled_from(comparisons), label="changed claim")
    accepted = [q.value for q in target.quantities] + [
        q.computed for q in target.quantities if q.computed is not None
    ]
    new_value = int(max(accepted)) + data.draw(st.integers(1, 10**6), label="increase")
    start, end = target.claim.span
    assert text[start:end] == f"{target.claim.value}件"
    changed = f"{text[:start]}{new_value}件{text[end:]}"
    mismatches = compare_claims(attrs.evolve(report, overview=changed))
    assert len(mismatches) == 1
    (mismatch,) = mismatches
    assert mismatch.claim.kind is target.claim.kind
    assert mismatch.claim.value == new_value
    assert mismatch.paths == tuple(dict.fromkeys(p for q in target.quantities for p in q.paths))


_ALPHABET = st.sampled_from(
    list(
        "0123456789１２３〇零一二两三十百千万.,，。；：、（）()《》“” \n\t"
        "件起元%条余约共其中收到受理申请办结答复办理予以同意公开部分不予无法提供处理其他"
        "结转上年下一度转顺延行政复议诉讼案维持纠正错均获未发生没有信息处理费收通知"
        "自然人法或组织局镇我区现行有效规范性文件制发废止主动年月日"
    )
)


@given(st.text(_ALPHABET, max_size=300))
def test_extraction_never_fails_on_junk(text: str) -> None:
    for claim in extract_claims(text):
        assert 0 <= claim.span[0] <= claim.span[1] <= len(text)
        assert claim.value >= 0
        assert isinstance(claim.sentence, str)
        assert claim.kind.label


@given(st.text(max_size=200))
def test_extraction_never_fails_on_any_text(text: str) -> None:
    for claim in extract_claims(text):
        assert 0 <= claim.span[0] <= claim.span[1] <= len(text)
