"""Explicit heading ids: ``# Title {#id}``.

A heading whose text ends with ``{#id}`` (optionally with classes,
``{#id .class}``) gets that id; the braces are never shown. The id may hold
any character but white space, braces and ``"`` (as block attributes' ids).
Anything else in braces at the end of a heading stays text; when it starts
with ``#`` (``{#}``, ``{#">x}``, ``{#a b}``), with a ``syntax`` warning.

Runs as a core rule between block and inline parsing: it reads the heading's
inline source, moves the id to ``heading_open.attrs["id"]`` (and classes to
``attrs["class"]``) and shortens the source the inline rules will see.
"""

from __future__ import annotations

import re

from markdown_it import MarkdownIt
from markdown_it.rules_core import StateCore
from markdown_it.token import Token

from ._lines import search_trailing_braces
from .warning_tokens import syntax_warning_token

_TRAILING_ATTRS = re.compile(r"[ \t]*\{[ \t]*(#[^\s{}]+(?:[ \t]+\.[^\s{}#.]+)*)[ \t]*\}[ \t]*$")


def heading_ids_plugin(md: MarkdownIt) -> None:
    """Add the rule after block parsing."""
    md.core.ruler.after("block", "mmark_heading_ids", _rule)


def _rule(state: StateCore) -> None:
    tokens = state.tokens
    refused: dict[int, Token] = {}
    for index, token in enumerate(tokens):
        if token.type != "heading_open" or index + 1 >= len(tokens):
            continue
        inline = tokens[index + 1]
        match = search_trailing_braces(_TRAILING_ATTRS, inline.content)
        if match is None or '"' in match.group(1):
            leftover = _leftover_id(inline.content)
            if leftover is not None:
                refused[index] = _refusal(leftover, token)
            continue
        parts = match.group(1).split()
        token.attrs["id"] = parts[0][1:]
        classes = [part[1:] for part in parts[1:]]
        if classes:
            token.attrs["class"] = " ".join(classes)
        inline.content = inline.content[: match.start()]
    if refused:
        state.tokens = [
            kept
            for index, token in enumerate(tokens)
            for kept in (refused.get(index), token)
            if kept is not None
        ]


_SHOWN = 40
"""Characters of refused heading attributes shown in the warning."""


def _leftover_id(content: str) -> str | None:
    """The ``{#…}`` at the end of a heading's text, when it has one (not taken as an id)."""
    text = content.rstrip(" \t")
    start = text.rfind("{") if text.endswith("}") else -1
    if start < 0 or not text[start + 1 :].lstrip(" \t").startswith("#"):
        return None
    return text[start:]


def _refusal(leftover: str, heading: Token) -> Token:
    """The warning for a heading whose ``{#…}`` is kept as text."""
    shown = leftover if len(leftover) <= _SHOWN else leftover[: _SHOWN - 1] + "…}"
    if leftover[1:-1].strip() == "#":
        message = f"heading id {shown} is empty; it is kept as text"
    else:
        message = (
            f"heading attributes {shown} are not an id (white space, braces and '\"' "
            "cannot be in one); they are kept as text"
        )
    return syntax_warning_token(message, heading.map, heading.level)
