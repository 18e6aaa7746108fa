"""Sphinx configuration of the zfxxgk documentation.

Build it with warnings as errors (tests/test_docs_site.py does the same), the Chinese site at
the root and the English one under ``en/``::

    python -m pip install -e '.[docs]'
    python -m sphinx -W --keep-going -b html -D language=zh_CN docs build/docs
    python -m sphinx -W --keep-going -b html docs build/docs/en

Pages are Markdown (MyST); the API reference comes from the docstrings (autodoc); the
glossary and the rule catalogue are generated from the code by ``_ext/zfxxgk_docs.py``.
"""

from __future__ import annotations

import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent / "_ext"))

import zfxxgk

project = "zfxxgk"
author = "zfxxgk contributors"
copyright = "zfxxgk contributors"
release = zfxxgk.__version__
version = release

extensions = [
    "myst_parser",
    "sphinx.ext.autodoc",
    "sphinx.ext.viewcode",
    "zfxxgk_docs",
]

source_suffix = {".md": "markdown"}
root_doc = "index"
exclude_patterns = ["_build", "_ext", "**/.ipynb_checkpoints"]
language = "en"

# Translations (docs/writing-docs.md): the Chinese site is built with ``-D language=zh_CN`` from
# docs/locales/zh_CN/LC_MESSAGES/<page>.po, one catalogue per page (not per folder), without
# source locations (a line moved is not a change of the catalogue).
locale_dirs = ["locales/"]
gettext_compact = False
gettext_location = False
gettext_uuid = False
gettext_auto_build = True

# MyST: anchors for the ``page.md#a-heading`` links of the hand-written pages.
myst_heading_anchors = 3
myst_enable_extensions = ["deflist"]

# autodoc: members in the order of the source, signatures with their types.
autodoc_member_order = "bysource"
autodoc_typehints = "signature"
autodoc_typehints_format = "short"
autodoc_class_signature = "mixed"
autodoc_preserve_defaults = True

# Excerpts such as ``{"report": {...}}`` are JSON with an ellipsis; Pygments highlights them
# in its relaxed mode, which Sphinx reports as a warning. Only that warning is silenced.
suppress_warnings = ["misc.highlighting_failure"]

html_theme = "furo"
# Furo's sidebar with a link to the same page in the other language under the project's name.
templates_path = ["_templates"]
html_sidebars = {
    "**": [
        "sidebar/brand.html",
        "sidebar/lang.html",
        "sidebar/search.html",
        "sidebar/scroll-start.html",
        "sidebar/navigation.html",
        "sidebar/scroll-end.html",
        "sidebar/variant-selector.html",
    ]
}
html_title = f"zfxxgk {release}"
html_show_sourcelink = False
# Search: the pages mix English and Chinese; jieba (in the docs extra) segments the Chinese,
# quietly — it logs every start at DEBUG level on standard error otherwise.
html_search_language = "zh"
try:
    import jieba
except ImportError:  # pragma: no cover - the docs extra installs it
    pass
else:
    import logging

    jieba.setLogLevel(logging.WARNING)
