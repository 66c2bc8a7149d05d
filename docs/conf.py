"""Sphinx configuration of the sphinx-mmark documentation.

Only ``sphinx_mmark`` parses Markdown here, so every ``.md`` page is mmark:
the documentation is built by the extension it documents.
"""

from __future__ import annotations

import sys
from pathlib import Path

import sphinx_mmark

sys.path.insert(0, str(Path(__file__).parent / "_ext"))

project = "sphinx-mmark"
author = "sphinx-mmark developers"
copyright = "sphinx-mmark developers"
version = release = sphinx_mmark.__version__

extensions = [
    "sphinx_mmark",
    "sphinx.ext.autodoc",
    "mmark_docs_reference",
]

root_doc = "index"
# syntax/src/ holds the examples the syntax pages include twice: once shown as
# source, once rendered; they are not pages of their own
exclude_patterns = ["_build", "Thumbs.db", ".DS_Store", "syntax/src"]

html_theme = "sphinx_book_theme"
html_title = "sphinx-mmark"
html_theme_options = {
    "repository_url": "https://github.com/sphinx-mmark/sphinx-mmark",
    "use_repository_button": True,
    "show_toc_level": 2,
}

autodoc_member_order = "bysource"
# Sphinx's and docutils' classes have no target here: the docs build offline,
# without intersphinx.
nitpick_ignore_regex = [("py:class", r"(sphinx|docutils)(\..*)?")]

# The divisions snippet is one page of this manual: its {frontmatter} and
# {backmatter} must not renumber the pages of the whole book or turn the
# chapters after it into appendices.
mmark_latex_divisions = False

latex_documents = [
    (root_doc, "sphinx-mmark.tex", "sphinx-mmark", author, "manual"),
]
