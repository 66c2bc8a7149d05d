"""Deeply nested lists in LaTeX.

LaTeX stops at the seventh level of nested lists and quotes (``! LaTeX Error: Too
deeply nested``); Markdown has no such limit, and real posts nest lists in
definition lists in quotes deeper than that. Sphinx's ``maxlistdepth`` setting
raises the limit: it is set to :data:`MAX_LIST_DEPTH` unless the project's
``latex_elements`` names it.
"""

from __future__ import annotations

from sphinx.application import Sphinx
from sphinx.config import Config

MAX_LIST_DEPTH = 12
"""Levels of nested lists a LaTeX document may have (LaTeX's own limit is 6)."""


def raise_list_depth(app: Sphinx, config: Config) -> None:
    """Set ``maxlistdepth`` when the project did not (a ``config-inited`` handler)."""
    if "maxlistdepth" not in config.latex_elements:
        config.latex_elements = {**config.latex_elements, "maxlistdepth": str(MAX_LIST_DEPTH)}


def setup_latex_lists(app: Sphinx) -> None:
    """Register the list depth (see the module docstring)."""
    app.connect("config-inited", raise_list_depth)
