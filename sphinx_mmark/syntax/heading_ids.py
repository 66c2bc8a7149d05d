"""Explicit heading ids: ``# Title {#id}``.

A heading whose text ends with ``{#id}`` (optionally with classes,
``{#id .class}``) gets that id; the braces are never shown. The id may hold
any character but white space and ``}``. Anything else in braces at the end of
a heading stays text.

Runs as a core rule between block and inline parsing: it reads the heading's
inline source, moves the id to ``heading_open.attrs["id"]`` (and classes to
``attrs["class"]``) and shortens the source the inline rules will see.
"""

from __future__ import annotations

import re

from markdown_it import MarkdownIt
from markdown_it.rules_core import StateCore

_TRAILING_ATTRS = re.compile(r"[ \t]*\{[ \t]*(#[^\s{}]+(?:[ \t]+\.[^\s{}#.]+)*)[ \t]*\}[ \t]*$")


def heading_ids_plugin(md: MarkdownIt) -> None:
    """Add the rule after block parsing."""
    md.core.ruler.after("block", "mmark_heading_ids", _rule)


def _rule(state: StateCore) -> None:
    tokens = state.tokens
    for index, token in enumerate(tokens):
        if token.type != "heading_open" or index + 1 >= len(tokens):
            continue
        inline = tokens[index + 1]
        match = _TRAILING_ATTRS.search(inline.content)
        if match is None:
            continue
        parts = match.group(1).split()
        token.attrs["id"] = parts[0][1:]
        classes = [part[1:] for part in parts[1:]]
        if classes:
            token.attrs["class"] = " ".join(classes)
        inline.content = inline.content[: match.start()]
