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
    if state.env.get("flavour") == "v1":
        return
    for block in state.tokens:
        children = block.children
        if block.type != "inline" or not children:
            continue
        for index in range(len(children) - 2):
            opening, text, closing = children[index : index + 3]
            if (
                opening.type == "strong_open"
                and text.type == "text"
                and closing.type == "strong_close"
                and " ".join(text.content.split()) in KEYWORDS
            ):
                opening.meta["bcp14"] = True
