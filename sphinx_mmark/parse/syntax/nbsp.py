"""Non-breaking space: a backslash before a space, ``a\\ b``.

``\\`` followed by one space is a no-break space (U+00A0) that keeps its two
neighbours on one line. Inside super- and subscripts an escaped space is an
ordinary space (see :mod:`.sup_sub`). Both flavours.

Token: ``text`` with content ``"\\u00a0"``.
"""

from __future__ import annotations

from markdown_it import MarkdownIt
from markdown_it.rules_inline import StateInline

NBSP = "\u00a0"


def nbsp_plugin(md: MarkdownIt) -> None:
    """Add the rule before markdown-it's backslash escapes."""
    md.inline.ruler.before("escape", "mmark_nbsp", _rule)


def _rule(state: StateInline, silent: bool) -> bool:
    pos = state.pos
    if not state.src.startswith("\\ ", pos) or pos + 1 >= state.posMax:
        return False
    if not silent:
        token = state.push("text", "", 0)
        token.content = NBSP
    state.pos = pos + 2
    return True
