"""BCP 14 (RFC 2119 / RFC 8174) keywords: ``**MUST**``, ``**SHOULD NOT**``, …

A strong span whose whole text is one of the BCP 14 keywords, in capitals
(``MUST``, ``MUST NOT``, ``REQUIRED``, ``SHALL``, ``SHALL NOT``, ``SHOULD``,
``SHOULD NOT``, ``RECOMMENDED``, ``NOT RECOMMENDED``, ``MAY``, ``OPTIONAL``),
is marked as a keyword. ``**MUST REALLY NOT**`` and ``**must**`` stay plain
strong text. v2 only (mmark v1 had no such rule).

A core rule after inline parsing sets ``meta["bcp14"] = True`` on the
``strong_open`` token; no new token type.
"""

from __future__ import annotations

from markdown_it import MarkdownIt
from markdown_it.rules_core import StateCore

from ..env import flavour_of
from ._tokens import enclosed

KEYWORDS = frozenset(
    {
        "MUST",
        "MUST NOT",
        "REQUIRED",
        "SHALL",
        "SHALL NOT",
        "SHOULD",
        "SHOULD NOT",
        "RECOMMENDED",
        "NOT RECOMMENDED",
        "MAY",
        "OPTIONAL",
    }
)
"""The keywords of RFC 2119 as updated by RFC 8174."""


def bcp14_plugin(md: MarkdownIt) -> None:
    """Add the core rule that marks keyword strong spans."""
    md.core.ruler.after("inline", "mmark_bcp14", _rule)


def _rule(state: StateCore) -> None:
    if flavour_of(state.env) == "v1":
        return
    for block in state.tokens:
        children = block.children
        if block.type != "inline" or not children:
            continue
        for _, opening, text, _ in enclosed(children, "strong_open", "text", "strong_close"):
            if " ".join(text.content.split()) in KEYWORDS:
                opening.meta["bcp14"] = True
