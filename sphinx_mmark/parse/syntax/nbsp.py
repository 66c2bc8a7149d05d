"""Non-breaking space: a backslash before a space, ``a\\ b``.

``\\`` followed by one space is a no-break space (U+00A0) that keeps its two
neighbours on one line. Inside super- and subscripts an escaped space is an
ordinary space (see :mod:`.sup_sub`). Both flavours.

At the end of a line too: a line of a paragraph, a definition-list term or
definition, a list item or a quote that ends in ``\\``-space ends in a no-break
space, as in mmark. At the very end of a block's text (its last line, and a
heading or a term has only one), the backslash and the space are left out, as
mmark leaves them out of headings and paragraphs: a no-break space there joins
nothing (mmark's ``&nbsp;`` at the end of a term shows as nothing), and kept in a
title it would show in every reference to it (``See Title .``). Block rules trim
the space at the end of their text, leaving a backslash that would be shown: a
core rule between block and inline parsing takes that backslash off when the
source line has the space after it. ``\\\\``-space at the end is an escaped
backslash, as before.

Token: ``text`` with content ``"\\u00a0"``.
"""

from __future__ import annotations

from markdown_it import MarkdownIt
from markdown_it.rules_core import StateCore
from markdown_it.rules_inline import StateInline

NBSP = "\u00a0"


def nbsp_plugin(md: MarkdownIt) -> None:
    """Add the rule before markdown-it's backslash escapes, and the core rule (before
    inline parsing) for a backslash and a space that end a block's text."""
    md.inline.ruler.before("escape", "mmark_nbsp", _rule)
    md.core.ruler.before("inline", "mmark_nbsp_line_end", _line_end_rule)


def _rule(state: StateInline, silent: bool) -> bool:
    pos = state.pos
    if not state.src.startswith("\\ ", pos) or pos + 1 >= state.posMax:
        return False
    if not silent:
        token = state.push("text", "", 0)
        token.content = NBSP
    state.pos = pos + 2
    return True


def _line_end_rule(state: StateCore) -> None:
    """Take off the final backslash of a block's text whose source line has a space
    after it (the block rule trimmed the space): ``\\``-space that ends the text."""
    lines: list[str] | None = None
    for token in state.tokens:
        if token.type != "inline" or token.map is None or not _ends_unescaped(token.content):
            continue
        if lines is None:
            lines = state.src.split("\n")  # once, and only for a document that needs it
        last = max(token.map[0], token.map[1] - 1)  # a term's map is [line, line]
        if last < len(lines) and _backslash_then_space(lines[last], token.content):
            token.content = token.content[:-1].rstrip(" \t\n")


def _ends_unescaped(text: str) -> bool:
    """Whether ``text`` ends with a backslash that escapes nothing before it."""
    run = len(text) - len(text.rstrip("\\"))
    return run % 2 == 1


def _backslash_then_space(line: str, content: str) -> bool:
    """Whether source ``line`` ends with the last line of ``content`` and then a space."""
    kept = line.rstrip(" \t\r")
    tail = content[content.rfind("\n") + 1 :]
    return kept.endswith(tail) and line[len(kept) : len(kept) + 1] == " "
