"""Short cross-references: ``(#id)`` and ``(#id, text)``.

``(#intro)`` links to the element with id ``intro`` (a heading, a figure, …),
and its text is the target's title. ``(#intro, the introduction)`` links with
the given text. The id is one or more characters other than white space,
``)`` and ``,``. ``(#)`` and ``( #x)`` stay text.

``(#intro, use title)``, ``(#intro, use counter)`` and ``(#intro, use default)``
(typed exactly so, as mmark documents them) are no text: they name how xml2rfc
shows the reference (its ``format``), and elsewhere the target's title is shown.

Token: ``mmark_xref`` with ``meta = {"target": id, "text": str | None}``, and
``meta["format"]`` (``title``, ``counter``, ``default``) for the three above.
"""

from __future__ import annotations

import re

from markdown_it import MarkdownIt
from markdown_it.rules_inline import StateInline

from ._tokens import consume_match

_SHORT_REF = re.compile(r"\(#([^\s(),]+)(?:,([^()\n]*)|[ \t]*)\)")
"""The id, then either a comma and the text up to ``)`` (stripped afterwards), or white
space. No two neighbouring quantifiers can take the same characters, so a failed match
costs one pass over the text after ``(#``, not a power of its length (a run of white
space after the comma used to be tried in every split between three quantifiers)."""

_FORMATS = {"use title": "title", "use counter": "counter", "use default": "default"}
"""The text of ``(#id, use title)`` → xml2rfc's ``format`` of the reference."""


def short_refs_plugin(md: MarkdownIt) -> None:
    """Add the inline rule before links, so ``(#id)`` is never a link's text."""
    md.inline.add_terminator_char("(")
    md.inline.ruler.before("link", "mmark_short_ref", _rule)


def _rule(state: StateInline, silent: bool) -> bool:
    if not state.src.startswith("(#", state.pos):
        return False
    match = _SHORT_REF.match(state.src, state.pos, state.posMax)
    if match is None:
        return False
    text = (match.group(2) or "").strip()
    meta: dict[str, str | None] = {"target": match.group(1), "text": text or None}
    if text in _FORMATS:
        meta["text"], meta["format"] = None, _FORMATS[text]
    return consume_match(state, silent, match, "mmark_xref", meta=meta)
