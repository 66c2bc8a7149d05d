"""Bibliographies of mmark documents: entries, automatic keys, ``<reference>`` XML, writers.

:func:`setup_citations` registers the project-wide bibliography; the nodes and
their writers are in :mod:`sphinx_mmark.nodes.citations`, the parsing
is in :mod:`sphinx_mmark.parse.syntax.citations` and
:mod:`sphinx_mmark.parse.syntax.xml_references`, the rendering in
:mod:`sphinx_mmark.render.citations`.
"""

from __future__ import annotations

from sphinx.application import Sphinx

from .shared import setup_shared


def setup_citations(app: Sphinx) -> None:
    """Register the project-wide bibliography (:mod:`.shared`, active with
    ``mmark_shared_bibliography``)."""
    setup_shared(app)
