"""Bibliographies of mmark documents: entries, automatic keys, ``<reference>`` XML, writers.

:func:`setup_citations` registers the nodes and their writers; the parsing
is in :mod:`sphinx_mmark.parse.syntax.citations` and
:mod:`sphinx_mmark.parse.syntax.xml_references`, the rendering in
:mod:`sphinx_mmark.render.citations`.
"""

from __future__ import annotations

from sphinx.application import Sphinx

from ..nodes.citations import add_nodes
from .shared import setup_shared


def setup_citations(app: Sphinx) -> None:
    """Register the citation and bibliography nodes with every writer, and the
    project-wide bibliography (:mod:`.shared`, active with ``mmark_shared_bibliography``)."""
    add_nodes(app)
    setup_shared(app)
