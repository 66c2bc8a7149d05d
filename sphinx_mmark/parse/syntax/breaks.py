"""Line breaks written as HTML: ``<br>``, ``<br/>``, ``<br />`` (any case).

mmark turns the tag into a hard line break, so it works in every output
format (a real line break in LaTeX too, also inside table cells), not only
as raw HTML. Other HTML stays HTML. Both flavours.

Token: ``mmark_break`` (inline, no content).
"""

from __future__ import annotations

import re

from markdown_it import MarkdownIt
from markdown_it.rules_inline import StateInline

from ._tokens import consume_match

_BR = re.compile(r"<br\s*/?>", re.IGNORECASE)


def breaks_plugin(md: MarkdownIt) -> None:
    """Add the rule before markdown-it's inline HTML."""
    md.inline.ruler.before("html_inline", "mmark_break", _rule)


def _rule(state: StateInline, silent: bool) -> bool:
    if state.src[state.pos] != "<" or not state.md.options.get("html"):
        return False
    match = _BR.match(state.src, state.pos, state.posMax)
    if match is None:
        return False
    return consume_match(state, silent, match, "mmark_break", tag="br", as_markup=True)
