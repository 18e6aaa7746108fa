"""Every diagnostic code the builder emits (``R1xx``), with its short Chinese meaning.

``docs/reading.md`` explains each; the messages themselves are written where the problem is
found (the stage modules of :mod:`zfxxgk.readers.builder`).
"""

from __future__ import annotations

from typing import Final

__all__ = ["CODES"]

CODES: Final[dict[str, str]] = {
    "R100": "未找到某一部分的标题",
    "R101": "标签为近似匹配",
    "R102": "单元格为空白",
    "R103": "单元格为占位符",
    "R104": "数字带有单位或备注",
    "R105": "单元格内容不是数字",
    "R106": "金额单位与模板不符",
    "R110": "一行的单元格少于模板",
    "R111": "一行的单元格多于模板，无法确定对应关系",
    "R112": "未找到模板中的某一行",
    "R113": "无标签的行按顺序对应",
    "R114": "无标签的行数与空缺不符，未对应",
    "R115": "无法识别的行标签，该行已忽略",
    "R116": "同一行出现多次，只取第一次",
    "R117": "小计行或小计列已忽略",
    "R118": "行的顺序与模板不符",
    "R119": "原文有某一部分的标题，但未能读取其表格",
    "R120": "表格位置与所在部分不符",
    "R121": "部分标题与官方格式不同",
    "R122": "部分标题不在规定位置或重复出现",
    "R130": "第四部分的数字个数与模板不符",
    "R131": "第四部分的空行已忽略",
    "R140": "无法确定或混用了年度报告格式",
    "R141": "（六）其他处理印成一行",
    "R150": "未找到报告年度",
    "R151": "未找到发布机关",
    "R160": "表格内容连在一起，按模板算术恢复",
    "R170": "文本表格中的数字与列对不齐，无法确定属于哪一格，未读取",
    "R171": "文本表格各行的数字没有对齐成列",
    "R172": "文本表格的线条没有对齐",
    "R173": "单元格所在的列无法确定，未读取",
    "R180": "扫描件识别的数字未经勾稽关系确认",
    "R181": "扫描件识别的数字与勾稽关系推出的值不符",
}
"""Every diagnostic code the builder emits, with its short Chinese meaning."""
