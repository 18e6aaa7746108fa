"""Agency names and publication deadlines: the one home of both (standard library only).

Agencies name themselves differently from year to year: "平潭综合实验区" and "平潭综合实验区管委会",
"洪泽区人民政府" and "淮安市洪泽区人民政府", a note in brackets, full-width letters, spaces.
:func:`match_agency` compares two names and returns, in Chinese, *how* they matched (or
``None``).  The rules, from safest to loosest:

1. the same name once NFKC-folded, without spaces and without notes in brackets
   (:func:`normalise_agency`);
2. the same *core*: the name without a closing designation of the body itself —
   人民政府 / 政府 / 管委会 / 管理委员会 / 党工委管委会 (so "上海市人民政府办公厅", whose name
   ends in 办公厅, stays apart from "上海市人民政府") (:func:`agency_core`);
3. one core is the other with superior place names in front ("淮安市" + "洪泽区"): the extra
   text must end in 省, 市, 县, 区, 州, 盟 or 旗.

:func:`same_body` answers a narrower question for the narrative: is a body a sentence names
("区政府办公室") the agency that publishes the report?  :func:`agency_kind` tells a people's
government from one of its departments, and :func:`publication_deadline` gives the Art. 49
deadline that follows from it.
"""

from __future__ import annotations

import datetime as _dt
import enum
import re
import unicodedata
from typing import Final

from ._startup import LazyPattern

__all__ = [
    "PLACE_ENDS",
    "AgencyKind",
    "agency_core",
    "agency_kind",
    "body_core",
    "looks_like_agency",
    "match_agency",
    "normalise_agency",
    "publication_deadline",
    "same_body",
]

# --------------------------------------------------------------------------------------
# Names
# --------------------------------------------------------------------------------------

_AGENCY_ENDING: Final = LazyPattern(
    r"(政府|委员会|委|局|厅|办公室|办|部|署|院|中心|处|所|站|会|队|街道|镇|乡|区|县|市)$"
)


def looks_like_agency(text: str) -> bool:
    """Whether *text* ends as the name of an agency or a place does (…政府, …局, …镇, …),
    as a title or a document's author field would name the publishing agency — not a
    person's name."""
    return _AGENCY_ENDING.search(text) is not None


_BRACKETS: Final = LazyPattern(r"[(\[【〔][^()\[\]【】〔〕]*[)\]】〕]")
_DESIGNATION: Final = LazyPattern(
    r"(?:党工委管委会|党工委、管委会|管理委员会|管委会|人民政府|政府)$"
)
PLACE_ENDS: Final = frozenset("省市县区州盟旗")
"""The last characters of a place's name: a name that ends in one of them before an agency's
name (淮安市 in 淮安市洪泽区) is the place above it (:func:`match_agency`)."""
_NOTE: Final = LazyPattern(r"[(（][^)）]*[)）]")
"""A note in round brackets (after NFKC, full-width brackets are round ones)."""
_BODY_DESIGNATION: Final = LazyPattern(r"(?:人民政府|政府|办公厅|办公室)$")


def normalise_agency(name: str) -> str:
    """*name* NFKC-folded, without whitespace and without notes in brackets."""
    folded = unicodedata.normalize("NFKC", name)
    folded = "".join(folded.split())
    previous = None
    while previous != folded:  # nested brackets
        previous, folded = folded, _BRACKETS.sub("", folded)
    return folded


def agency_core(name: str) -> str:
    """The normalised name without a closing 人民政府 / 政府 / 管委会 / 管理委员会."""
    normal = normalise_agency(name)
    core = _DESIGNATION.sub("", normal)
    return core or normal


def match_agency(a: str, b: str) -> str | None:
    """How two agency names match (Chinese, for messages), or ``None`` when they do not."""
    na, nb = normalise_agency(a), normalise_agency(b)
    if not na or not nb:
        return None
    if na == nb:
        return "名称相同" if a == b else "名称相同（去掉空格、括号内说明后）"
    ca, cb = agency_core(a), agency_core(b)
    if ca == cb:
        return f"去掉“人民政府”“管委会”等机关称谓后名称相同（“{ca}”）"
    short, long = (ca, cb) if len(ca) < len(cb) else (cb, ca)
    if len(short) >= 2 and long.endswith(short):
        extra = long[: -len(short)]
        if extra[-1] in PLACE_ENDS:
            return f"一方名称前多了上级地名“{extra}”"
    return None


def _without_notes(name: str) -> str:
    """*name* NFKC-folded, without notes in round brackets (spaces kept)."""
    return _NOTE.sub("", unicodedata.normalize("NFKC", name))


def body_core(name: str) -> str:
    """*name* without notes in round brackets and a closing 人民政府 / 政府 / 办公厅 / 办公室."""
    return _BODY_DESIGNATION.sub("", _without_notes(name))


def same_body(subject: str, agency: str) -> bool:
    """True when *subject*, a body a sentence names, is the agency *agency* itself: its core
    (:func:`body_core`) is part of the agency's core, or ends it."""
    subject_core = body_core(subject)
    agency_core_ = body_core(agency)
    if not subject_core or not agency_core_:
        return False
    return subject_core in agency_core_ or agency_core_.endswith(subject_core)


# --------------------------------------------------------------------------------------
# Kinds of agency and publication deadlines (Art. 49)
# --------------------------------------------------------------------------------------


class AgencyKind(enum.Enum):
    """What Art. 49 makes of the publishing agency."""

    GOVERNMENT = "government"
    """A people's government: publishes by 31 March of the next year."""
    DEPARTMENT = "department"
    """A department of a government: publishes by 31 January of the next year."""
    UNKNOWN = "unknown"

    @property
    def label(self) -> str:
        return {"government": "人民政府", "department": "政府部门", "unknown": "未能判断"}[
            self.value
        ]


_DEPARTMENT_END: Final = LazyPattern(
    r"(?:局|委员会|委|厅|办公室|办公厅|办|中心|署|院|处|部|所|站|队|会|行|馆|台)$"
)


def agency_kind(name: str | None) -> AgencyKind:
    """Whether *name* is a people's government (人民政府/政府) or one of its departments.

    "上海市人民政府办公厅" is a department; "西红门镇人民政府" a government; a 管委会, a
    街道办事处 or a bare place name is :attr:`AgencyKind.UNKNOWN`.
    """
    if not name:
        return AgencyKind.UNKNOWN
    core = _without_notes(name).strip()
    core = re.sub(r"\s+", "", core)
    if re.search(r"(?:人民政府|政府)$", core):
        return AgencyKind.GOVERNMENT
    if re.search(r"街道办事处$|管委会$|管理委员会$", core):
        return AgencyKind.UNKNOWN
    if _DEPARTMENT_END.search(core):
        return AgencyKind.DEPARTMENT
    return AgencyKind.UNKNOWN


def publication_deadline(year: int, kind: AgencyKind) -> _dt.date:
    """The Art. 49 deadline for the report on *year*: 31 January (departments) or 31 March."""
    if kind is AgencyKind.DEPARTMENT:
        return _dt.date(year + 1, 1, 31)
    return _dt.date(year + 1, 3, 31)
