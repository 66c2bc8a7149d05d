"""Parts (v1 only): ``-# Title`` starts a part, a level above ``#`` chapters.

::

    -# The Basics

    # Getting started

* ``-#``, one space or more, the title; up to three spaces of indentation; a
  trailing ``{#id}`` sets the part's id.
* The ``#`` sections that follow, up to the next part, belong to the part.
* In v2 documents the line stays text (mmark 2 has no parts).

Tokens: ``mmark_part_open`` (tag ``h1``), an ``inline`` title,
``mmark_part_close``.
"""

from __future__ import annotations

from markdown_it import MarkdownIt
from markdown_it.rules_block import StateBlock

from ..env import flavour_of
from ._lines import marked_title, push_title


def parts_plugin(md: MarkdownIt) -> None:
    """Add the ``-#`` rule before ATX headings (and before lists: ``-`` is a bullet)."""
    md.block.ruler.before(
        "hr", "mmark_part", _rule, {"alt": ["paragraph", "reference", "blockquote"]}
    )


def _rule(state: StateBlock, start_line: int, end_line: int, silent: bool) -> bool:
    if flavour_of(state.env) != "v1":
        return False
    title = marked_title(state, start_line, "-#")
    if title is not None and not silent:
        push_title(state, "mmark_part", "h1", title, start_line)
    return title is not None
