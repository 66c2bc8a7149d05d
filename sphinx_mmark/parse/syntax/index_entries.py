"""Index entries.

v2 (mmark 2):

* ``(!item)`` and ``(!item, subitem)`` add an index entry; ``(!!item)`` and
  ``(!!item, subitem)`` make it the primary (main) entry for the item.
* Item and subitem are plain text without ``(``, ``)`` or ``,``; they may
  run over a line break (white space is collapsed). More than one comma,
  ``(!)``, or an item with no letter or digit in it (``(!?)``, which real
  prose uses) stays text.

v1 (Hugo's mmark): ``(((item)))``, ``(((item, subitem)))``, and
``(((!item, subitem)))`` for a primary entry, with the same rules.

Each flavour only knows its own form. The entry renders as nothing visible
where it stands: it points the index at that place.

A paragraph made only of index entries indexes its surroundings: when it
comes directly after a heading it indexes the whole section (the entries
point at the section).

Tokens: ``mmark_index`` (inline, ``meta = {"item", "subitem", "primary"}``)
and, for an index-only paragraph, ``mmark_index_paragraph_open``/``_close``
in place of the paragraph's (``meta["section"]`` is True after a heading).
"""

from __future__ import annotations

import re

from markdown_it import MarkdownIt
from markdown_it.rules_core import StateCore
from markdown_it.rules_inline import StateInline
from markdown_it.token import Token

from ..env import flavour_of
from ._tokens import consume_match, enclosed

_PART = r"[^(),]+"
_V2 = re.compile(rf"\((!{{1,2}})({_PART})(?:,({_PART})?)?\)")
_V1 = re.compile(rf"\(\(\((!?)({_PART})(?:,({_PART})?)?\)\)\)")
_WORD = re.compile(r"\w")


def index_entries_plugin(md: MarkdownIt) -> None:
    """Add the inline rule (before links) and the index-paragraph core rule."""
    md.inline.add_terminator_char("(")
    md.inline.ruler.before("link", "mmark_index", _inline_rule)
    md.core.ruler.after("inline", "mmark_index_paragraph", _paragraph_rule)


def _clean(text: str | None) -> str:
    return " ".join((text or "").split())


def _inline_rule(state: StateInline, silent: bool) -> bool:
    src, pos = state.src, state.pos
    if src[pos] != "(":
        return False
    if flavour_of(state.env) == "v1":
        if not src.startswith("(((", pos):
            return False
        match = _V1.match(src, pos, state.posMax)
    else:
        if not src.startswith("(!", pos):
            return False
        match = _V2.match(src, pos, state.posMax)
    if match is None:
        return False
    item, subitem = _clean(match.group(2)), _clean(match.group(3))
    if not _WORD.search(item):
        return False
    primary = len(match.group(1)) == (1 if flavour_of(state.env) == "v1" else 2)
    meta = {"item": item, "subitem": subitem, "primary": primary}
    return consume_match(state, silent, match, "mmark_index", meta=meta)


def _only_index(inline: Token) -> bool:
    children = inline.children or []
    if not any(child.type == "mmark_index" for child in children):
        return False
    return all(
        child.type in ("mmark_index", "softbreak")
        or (child.type == "text" and not child.content.strip())
        for child in children
    )


def _paragraph_rule(state: StateCore) -> None:
    tokens = state.tokens
    for index, opening, inline, closing in enclosed(
        tokens, "paragraph_open", "inline", "paragraph_close"
    ):
        if _only_index(inline):
            opening.type = "mmark_index_paragraph_open"
            closing.type = "mmark_index_paragraph_close"
            opening.meta["section"] = index > 0 and tokens[index - 1].type == "heading_close"
