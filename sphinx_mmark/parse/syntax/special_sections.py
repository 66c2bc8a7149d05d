"""Special sections: ``.# Title`` starts an unnumbered section.

::

    .# Abstract

    This document describes ...

* ``.#``, one space or more, the title; the line may be indented by up to three
  spaces. A trailing ``{#id}`` sets the section's id.
* Always a top-level section (like ``#``), never numbered.
* ``Abstract`` makes the document's abstract and ``Preface`` a preface; any
  other title makes a note (mmark's ``<note>``). The kind is the section's class.
* ``.##`` and ``.#Title`` (no space) stay text, as in mmark.

Tokens: ``mmark_special_open`` (tag ``h1``, ``meta["kind"]``, ``attrs["id"]``
when given), an ``inline`` title, ``mmark_special_close``. Both flavours.
"""

from __future__ import annotations

from markdown_it import MarkdownIt
from markdown_it.rules_block import StateBlock

from ._lines import marked_title, push_title

KINDS = {"abstract": "abstract", "preface": "preface"}
"""Titles (lower case) with a kind of their own; every other title is a ``note``."""


def special_sections_plugin(md: MarkdownIt) -> None:
    """Add the ``.#`` rule before ATX headings."""
    md.block.ruler.before(
        "heading", "mmark_special", _rule, {"alt": ["paragraph", "reference", "blockquote"]}
    )


def _rule(state: StateBlock, start_line: int, end_line: int, silent: bool) -> bool:
    title = marked_title(state, start_line, ".#")
    if title is None:
        return False
    if silent:
        return True
    push_title(state, "mmark_special", "h1", title, start_line)
    title = state.tokens[-2].content
    kind = KINDS.get(title.lower(), "note")
    state.tokens[-3].meta = {"kind": kind}
    return True
