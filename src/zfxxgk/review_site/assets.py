"""The style sheet and the script of the review site, written inline into its pages.

Every page carries its own CSS, so that a report page sent on its own still reads well; the
index carries a small script (no framework, no file loaded from anywhere) that sorts the
table when a header is clicked and filters its rows by text and by status.
"""

from __future__ import annotations

from typing import Final

from ..html_report import STYLE as REPORT_STYLE

__all__ = ["ACROSS_STYLE", "INDEX_SCRIPT", "INDEX_STYLE", "REPORT_PAGE_STYLE"]

_BODY: Final = """\
body { font-family: "PingFang SC", "Microsoft YaHei", "Noto Sans CJK SC", sans-serif;
  margin: 1.5em auto; padding: 0 1em; max-width: 80em; line-height: 1.55; color: #222; }
"""
_COMMON: Final = """\
a { color: #1f5f99; }
nav { margin-bottom: 0.8em; font-size: 0.95em; }
.scroll { overflow-x: auto; max-width: 100%; }
.status-error, .status-unreadable { color: #a61b1b; }
.status-warning, .status-incomplete, .status-not-checked { color: #8a5a00; }
.status-info { color: #1f6f9f; } .status-ok { color: #2e7d32; }
dl.facts { display: grid; grid-template-columns: max-content 1fr; gap: 0.2em 1em; }
dl.facts dt { color: #555; } dl.facts dd { margin: 0; }
@media (max-width: 700px) {
  body { margin: 0.5em auto; padding: 0 0.5em; font-size: 15px; }
  dl.facts { grid-template-columns: 1fr; } dl.facts dd { margin-bottom: 0.4em; }
}
@page { size: A4 landscape; margin: 10mm; }
@media print {
  nav, .controls { display: none; }
  body { max-width: none; margin: 0; padding: 0; font-size: 9pt; }
  .scroll { overflow: visible; }
  a { color: inherit; text-decoration: none; }
  tr, li { break-inside: avoid; }
}
"""

INDEX_STYLE: Final = (
    _BODY
    + _COMMON
    + """\
h1 { font-size: 1.4em; }
ul.totals { list-style: none; padding: 0; display: flex; flex-wrap: wrap; gap: 0.5em 1.5em; }
ul.totals b { font-size: 1.3em; }
.controls { display: flex; flex-wrap: wrap; gap: 0.5em 1.2em; align-items: center;
  margin: 0.8em 0; }
.controls input { font-size: 1em; padding: 0.2em 0.4em; min-width: 12em; }
.controls select { font-size: 1em; }
table { border-collapse: collapse; font-size: 0.92em; }
th, td { border: 1px solid #bbb; padding: 0.25em 0.5em; text-align: left; vertical-align: top; }
th { background: #f1f3f5; white-space: nowrap; }
th button { all: inherit; cursor: pointer; }
th[aria-sort="ascending"] button::after { content: " ▲"; }
th[aria-sort="descending"] button::after { content: " ▼"; }
td.num { text-align: right; font-variant-numeric: tabular-nums; }
td.file { font-size: 0.85em; word-break: break-all; }
td.nowrap { white-space: nowrap; }
table#by-agency td a { display: block; }
ul.across { padding-left: 1.2em; } ul.across li { margin: 0.2em 0; }
@media print { .controls { display: none; } th button::after { content: none; }
  td.file { display: none; } }
"""
)
"""The CSS of ``index.html``."""

REPORT_PAGE_STYLE: Final = (
    REPORT_STYLE.replace("max-width: 60em;", "max-width: 70em; padding: 0 1em;")
    + _COMMON
    + """\
.zfxxgk-report p { margin: 0.35em 0; }
dd.jump a { margin-right: 0.8em; white-space: nowrap; }
td a.mark { font-size: 0.75em; vertical-align: super; margin-left: 0.15em;
  text-decoration: none; font-style: normal; }
ol.notes { font-size: 0.9em; margin: 0.2em 0 1.2em; padding-left: 2.2em; }
ol.notes li, ol.findings li { margin: 0.25em 0; }
.code { font-family: monospace; font-weight: bold; }
:target { outline: 3px solid #f0a500; }
mark.claim { background: #fff3a3; padding: 0 0.1em; border-bottom: 2px solid #c0392b; }
mark.claim.zfxxgk-sev-warning { border-bottom-color: #c48a00; }
mark.claim + a.mark { font-size: 0.75em; vertical-align: super; text-decoration: none; }
@media print { .zfxxgk-report table { font-size: 8pt; } ol.notes { font-size: 8pt; } }
"""
)
"""The CSS of a report's page: the report's own (:data:`zfxxgk.html_report.STYLE`), the
site's, and the notes under each table."""

ACROSS_STYLE: Final = (
    _BODY
    + _COMMON
    + """\
h1 { font-size: 1.4em; } h2 { font-size: 1.15em; margin-top: 1.6em; }
p.note { color: #555; }
table { border-collapse: collapse; font-size: 0.92em; margin: 0.5em 0; }
th, td { border: 1px solid #bbb; padding: 0.25em 0.5em; text-align: left; vertical-align: top; }
th { background: #f1f3f5; }
td.num { text-align: right; font-variant-numeric: tabular-nums; white-space: nowrap; }
td.unknown { color: #777; font-style: italic; background: #eee; text-align: center; }
table.passages { table-layout: fixed; width: 100%; }
table.passages td { width: 50%; background: #fff8e1; }
ol.findings li { margin: 0.25em 0; }
.code { font-family: monospace; font-weight: bold; }
.zfxxgk-sev-error { color: #c0392b; } .zfxxgk-sev-warning { color: #9a6b00; }
.zfxxgk-sev-info { color: #1f6f9f; }
@media (max-width: 700px) { table.passages, table.passages tbody, table.passages tr,
  table.passages td { display: block; width: auto; }
  table.passages thead { display: none; }
  table.passages td + td { border-top: 0; background: #eef6ff; margin-bottom: 0.6em; } }
@media print { section { break-inside: avoid-page; } table { font-size: 8pt; } }
"""
)
"""The CSS of the pages of the checks across reports (:mod:`zfxxgk.review_site.across_pages`)."""

INDEX_SCRIPT: Final = """
(function () {
  "use strict";
  var table = document.getElementById("reports");
  var body = table.tBodies[0];
  var heads = table.tHead.rows[0].cells;
  function value(row, column, numeric) {
    var cell = row.cells[column];
    var text = cell.hasAttribute("data-v") ? cell.getAttribute("data-v") : cell.textContent;
    if (!numeric) { return text; }
    var number = parseFloat(text);
    return isNaN(number) ? -1e300 : number;
  }
  function sortBy(column, th) {
    var numeric = th.getAttribute("data-type") === "num";
    var ascending = th.getAttribute("aria-sort") !== "ascending";
    for (var i = 0; i < heads.length; i++) { heads[i].removeAttribute("aria-sort"); }
    th.setAttribute("aria-sort", ascending ? "ascending" : "descending");
    var rows = Array.prototype.slice.call(body.rows);
    rows.sort(function (a, b) {
      var x = value(a, column, numeric), y = value(b, column, numeric);
      var order = numeric ? (x < y ? -1 : x > y ? 1 : 0)
        : String(x).localeCompare(String(y), "zh-CN");
      if (!ascending) { order = -order; }
      return order || (Number(a.getAttribute("data-n")) - Number(b.getAttribute("data-n")));
    });
    rows.forEach(function (row) { body.appendChild(row); });
  }
  Array.prototype.forEach.call(heads, function (th, column) {
    th.addEventListener("click", function () { sortBy(column, th); });
  });
  var words = document.getElementById("filter");
  var status = document.getElementById("status-filter");
  var shown = document.getElementById("shown");
  function filter() {
    var needle = words.value.trim().toLowerCase();
    var wanted = status.value;
    var count = 0;
    Array.prototype.forEach.call(body.rows, function (row) {
      var flags = (row.getAttribute("data-flags") || "").split(" ");
      var show = (!needle || row.textContent.toLowerCase().indexOf(needle) >= 0) &&
        (!wanted || flags.indexOf(wanted) >= 0);
      row.hidden = !show;
      if (show) { count += 1; }
    });
    shown.textContent = String(count);
  }
  words.addEventListener("input", filter);
  status.addEventListener("change", filter);
}());
"""
"""The script of ``index.html``: sorting by a clicked header (again: the other way), and the
text and status filters.  Rows of equal value keep the order of the files."""
