"""Rules: the narrative contradicting itself about the information-processing fee.

No table of the template holds the 信息处理费: 表二（八） 行政事业性收费 is the agency's
administrative fee income (万元), another thing (FORMAT.md §1), and 表三（六）2 counts
applicants who did not pay after a 收费通知 (``N141`` compares it with "未发出收费通知").  What
a reviewer can still catch is the text saying two things: "未收取信息处理费" (or "未收取任何
费用" in a sentence about applications) in one place and "收取信息处理费300元" in another.

``N142`` (warning) compares the fee claims of the whole narrative (一、五、六, read once per
check and shared with the ``N1xx`` rules; it does not ask for their comparison with the
tables): an explicit zero and a positive amount of the
same kind (收费通知件数, 收费通知总金额, 实际收取) are a contradiction.  Conservative: a claim
about a sub-unit ("其中民政局…收取380元"), an approximate one, one about another year, or a
statement of principle ("不收取…") takes no part.  The finding is about the report as a
whole; its message quotes both sentences and the sections they are in.
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import Final

from ..diagnostics import Severity
from ..model import Report
from ..narrative.claims import FEE_KINDS, Claim, ClaimKind
from .claims import narrative_claims
from .engine import Rule, Violation, rule

__all__ = ["CONTRADICTION_CODES", "CONTRADICTION_RULES", "fee_contradiction"]


def _plain(claim: Claim, year: int | None) -> bool:
    """A claim about the agency itself, in the report's year, read exactly."""
    return (
        claim.kind in FEE_KINDS
        and not claim.approximate
        and claim.scope is None
        and claim.subject is None
        and (claim.year is None or year is None or claim.year == year)
    )


def _where(claim: Claim) -> str:
    return f"第{claim.section}部分" if claim.section else "正文"


@rule(
    code="N142",
    severity=Severity.WARNING,
    title="正文对信息处理费的说法前后矛盾",
    description=(
        "正文一处称未收取信息处理费（或收费通知为0、未收取任何费用），另一处却写明收取了"
        "信息处理费（或发出了收费通知、通知了金额）。同一项（收费通知件数、收费通知总金额、"
        "实际收取金额）一处为0、一处大于0时报告。只涉及下属单位、约数、其他年度的说法，"
        "以及“不收取”之类的原则性表述不比较。表格中没有信息处理费的栏目"
        "（表二“行政事业性收费”是机关的行政事业性收费，不是信息处理费），故只比较正文。"
    ),
    message="{text}",
    params=("text",),
    example={
        "text": (
            "正文对实际收取信息处理费的说法前后矛盾：第六部分称“均为0”（原文：“本年度发出收费通知"
            "的件数和总金额以及实际收取的总金额均为0。”），第一部分却称实际收取信息处理费为120元"
            "（原文：“本年度共收取信息处理费120元。”）"
        )
    },
)
def fee_contradiction(report: Report) -> Iterator[Violation]:
    """An explicit zero and a positive amount of the same fee quantity in the narrative."""
    claims = narrative_claims(report)  # not their comparison with the tables
    year = report.info.year
    fees = [c for c in claims if _plain(c, year)]
    said: set[tuple[str, str]] = set()  # one finding per two sentences
    for kind in (k for k in ClaimKind if any(c.kind is k for c in fees)):  # in template order
        zeros = [c for c in fees if c.kind is kind and c.value == 0]
        zeros = [c for c in zeros if not c.keyword.startswith("不")]
        positive = [c for c in fees if c.kind is kind and c.value > 0]
        if not zeros or not positive:
            continue
        zero, amount = zeros[0], positive[0]
        if (zero.sentence, amount.sentence) in said:
            continue
        said.add((zero.sentence, amount.sentence))
        text = (
            f"正文对{kind.label}的说法前后矛盾：{_where(zero)}称“{zero.keyword}”"
            f"（原文：“{zero.sentence}”），{_where(amount)}却称{amount.describe()}"
            f"（原文：“{amount.sentence}”）"
        )
        yield Violation(None, params={"text": text})


CONTRADICTION_RULES: Final[tuple[Rule, ...]] = (fee_contradiction,)
"""The rules of this module, in the default set after the narrative rules."""

CONTRADICTION_CODES: Final[tuple[str, ...]] = tuple(r.code for r in CONTRADICTION_RULES)
