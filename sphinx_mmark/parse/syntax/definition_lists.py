"""Definition lists (v2 only): a term line, then ``:`` definitions.

::

    Term
    :   The definition, which may hold
        several paragraphs.

    Another term
    : A short definition.

Recognised by mdit-py-plugins' ``deflist`` rule (also ``~`` as the marker).
Hugo rendered mmark with definition lists switched off, so in v1 documents the
lines stay a paragraph.

Tokens: ``dl_open``, ``dt_open``/``dt_close``, ``dd_open``/``dd_close``, ``dl_close``.
"""

from __future__ import annotations

from markdown_it import MarkdownIt
from mdit_py_plugins.deflist import deflist_plugin

from ._gate import add_gated


def definition_lists_plugin(md: MarkdownIt) -> None:
    """Add mdit-py-plugins' definition list rule, active for v2 documents."""
    add_gated(md, deflist_plugin, "v2")
