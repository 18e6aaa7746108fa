"""One small exception hierarchy for problems in *using* the library.

Problems *in a report* are never exceptions: they are findings (:mod:`zfxxgk.rules`) or
diagnostics (:mod:`zfxxgk.diagnostics`).  Every exception here derives from
:class:`ZfxxgkError` and from the matching built-in, so ``except ValueError`` keeps working.
Messages are in Chinese, and each class has a stable ``code``.
"""

from __future__ import annotations

import importlib
import os
from collections.abc import Sequence
from typing import Any, ClassVar

__all__ = [
    "DocumentError",
    "DownloadError",
    "EmptyDocumentError",
    "InexactNumberError",
    "JSONLoadError",
    "JSONReportError",
    "MissingDependencyError",
    "NoStandardTablesError",
    "Pre2019ReportError",
    "RulePluginError",
    "UnreadableDocumentError",
    "UnsupportedFormatError",
    "ZfxxgkError",
    "optional_module",
]


class ZfxxgkError(Exception):
    """Base class of every exception the library raises on purpose."""

    code: ClassVar[str] = "E000"
    default_message: ClassVar[str] = "zfxxgk 出错"

    def __init__(self, message: str | None = None) -> None:
        super().__init__(message or self.default_message)

    @property
    def message(self) -> str:
        return str(self.args[0]) if self.args else self.default_message


class DocumentError(ZfxxgkError, ValueError):
    """A file could not be read as a report. ``path`` names the file when known."""

    code = "E100"
    default_message = "无法读取该文件"

    def __init__(
        self, message: str | None = None, *, path: str | os.PathLike[str] | None = None
    ) -> None:
        self.path = None if path is None else os.fspath(path)
        text = message or self.default_message
        if self.path is not None and self.path not in text:
            text = f"{self.path}: {text}"
        super().__init__(text)


class EmptyDocumentError(DocumentError):
    """The file is empty, or holds no text at all."""

    code = "E101"
    default_message = "文件为空，没有可读取的内容"


class UnsupportedFormatError(DocumentError):
    """The file is not a kind of document the library reads."""

    code = "E102"
    default_message = "无法识别的文件格式（支持 HTML、纯文本、Markdown、DOCX、PDF）"


class UnreadableDocumentError(DocumentError):
    """The file is of a known kind but damaged, encrypted, too large, or has no text layer."""

    code = "E103"
    default_message = "文件已损坏或无法读取"


class NoStandardTablesError(DocumentError):
    """The document does not contain the standard tables of the 2019 or 2021 template."""

    code = "E104"
    default_message = "未找到 2019 或 2021 年版年度报告格式的统计表格"

    def __init__(
        self,
        message: str | None = None,
        *,
        path: str | os.PathLike[str] | None = None,
        narrative: str | None = None,
    ) -> None:
        super().__init__(message, path=path)
        self.narrative = narrative


class Pre2019ReportError(NoStandardTablesError):
    """A report in the format used before 2019: there is nothing to read into the 2019 or 2021
    tables (its statistics are an old 指标名称/计量单位 table).  The file *was* read, and its
    text is on ``narrative``; ``zfxxgk check`` notes it as not checkable rather than as a file
    it could not read.  ``except NoStandardTablesError`` still catches it."""

    code = "E105"
    default_message = "这是 2019 年以前格式的年度报告，没有 2019 或 2021 年版格式的统计表格"


class DownloadError(DocumentError):
    """A web address (``http://``, ``https://``) could not be fetched: no connection, an HTTP
    error status, too slow, too many redirects, or more bytes than a file may hold.  The
    message names the address and the reason (``[R-HTTP-STATUS]``, ``[R-HTTP-TIMEOUT]`` …)."""

    code = "E106"
    default_message = "无法下载该网址"


class MissingDependencyError(ZfxxgkError, ImportError):
    """An optional dependency is needed for this feature (for example ``zfxxgk[pdf]``)."""

    code = "E200"
    default_message = "缺少可选依赖"


class InexactNumberError(ZfxxgkError, ValueError):
    """A number cannot be written exactly in the output asked for: a table whose value
    column is a floating-point number (Parquet, pandas) holds every number of up to 15
    significant digits exactly — every number a reader or the JSON loader lets in — and
    refuses one with more rather than round it."""

    code = "E400"
    default_message = "数字超过 15 位有效数字，无法在浮点数列中精确写出"


class JSONLoadError(ZfxxgkError, ValueError):
    """JSON that is not a valid zfxxgk document; the message says where (``@ $.path``).

    ``problems`` has each problem on its own (``"… @ $.path"``), for a program that wants to
    show or count them; it is empty when the text is not JSON at all."""

    code = "E300"
    default_message = "JSON 内容不是有效的 zfxxgk 报告"

    def __init__(self, message: str | None = None, *, problems: Sequence[str] = ()) -> None:
        super().__init__(message)
        self.problems: tuple[str, ...] = tuple(problems)


class JSONReportError(JSONLoadError, DocumentError):
    """A file read as a report (:func:`zfxxgk.read`, the command line) that looks like the
    library's JSON — it starts with ``{`` — but is not a valid zfxxgk report. It is both a
    :class:`JSONLoadError` (E300, with ``problems``) and a :class:`DocumentError` (with
    ``path``), so that ``except DocumentError`` around a read catches every file that cannot
    be read as a report."""

    code = "E300"

    def __init__(
        self,
        message: str | None = None,
        *,
        problems: Sequence[str] = (),
        path: str | os.PathLike[str] | None = None,
    ) -> None:
        super().__init__(message, problems=problems)
        self.path = None if path is None else os.fspath(path)


class RulePluginError(ZfxxgkError, ImportError):
    """A rule plugin (``--rules module:attribute`` or an entry point of the group
    ``zfxxgk.rules``) could not be loaded: it does not import, names nothing, holds something
    that is not rules, or uses a code another rule already has.  ``origin`` names the
    plugin."""

    code = "E500"
    default_message = "无法加载规则插件"

    def __init__(self, message: str | None = None, *, origin: str = "") -> None:
        super().__init__(message)
        self.origin = origin


def optional_module(name: str, *, purpose: str, package: str, extra: str) -> Any:
    """The optional module *name*, imported now; without it a :class:`MissingDependencyError`
    saying what needs it (*purpose*) and which extra installs *package*."""
    try:
        return importlib.import_module(name)
    except ImportError:
        raise MissingDependencyError(
            f"{purpose}需要可选依赖 {package}，请安装：pip install 'zfxxgk[{extra}]'"
        ) from None
