"""Captions: ``Table:``, ``Figure:`` and ``Quote:`` lines under a block.

Syntax::

    Name | Age              ~~~ go                  > Ability is nothing
    -----|----              println("hi")           > without opportunity.
    Bob  | 27               ~~~
    Table: Ages. {#ages}    Figure: Hello. {#hi}    Quote: Napoleon Bonaparte

* ``Table: text`` directly under a table (no blank line) is its title;
* ``Figure: text`` directly under a fenced or indented code block, or under a
  ``!---`` figure group, is its caption;
* ``Quote: text`` under a block quote is its attribution, with or without a
  blank line before it (mmark needs the blank line; here a ``Quote:`` line
  ends the quote instead of continuing its last paragraph).

The caption runs to the first blank line and is inline Markdown. Block
attributes at its end (``{#id}``, ``{#id .class}``) name the captioned thing.
A caption line ends a table or a block quote (the rule is in their terminator
lists), but never interrupts a paragraph: ``Figure:`` inside prose stays prose.

Tokens: ``mmark_caption_open`` (``meta = {"kind": "table" | "figure" |
"quote", "attrs": Attributes | None, "source": str}``), ``inline``,
``mmark_caption_close``. The core rule ``mmark_captions_attach`` wraps the
captioned block and its caption in ``mmark_captioned_open`` …
``mmark_captioned_close`` (same ``meta["kind"]``). A caption with nothing
suitable above it becomes a paragraph of its own text, after a
``mmark_syntax_warning`` (subtype ``caption``).
"""

from __future__ import annotations

import re

from markdown_it import MarkdownIt
from markdown_it.rules_block import StateBlock
from markdown_it.rules_core import StateCore
from markdown_it.token import Token

from ._lines import search_trailing_braces
from .attributes import parse_attributes
from .warning_tokens import syntax_warning_token

KINDS = {"Table:": "table", "Figure:": "figure", "Quote:": "quote"}
"""Caption prefix → kind of caption."""

CAPTIONABLE = {
    "table": ("table_open",),
    "figure": ("fence", "code_block", "mmark_figure_open"),
    "quote": ("blockquote_open",),
}
"""Kind of caption → types of the (opening) tokens it may follow."""

_PREFIX = re.compile(r"(Table|Figure|Quote):(?:[ \t]|$)")
_TRAILING_ATTRS = re.compile(r"[ \t]*(\{[^{}\n]*\})[ \t]*$")


def captions_plugin(md: MarkdownIt) -> None:
    """Add the caption block rule and the core rule that attaches captions."""
    md.block.ruler.before(
        "paragraph", "mmark_caption", _block_rule, {"alt": ["table", "blockquote"]}
    )
    md.core.ruler.after("block", "mmark_captions_attach", _attach)


def _block_rule(state: StateBlock, start_line: int, end_line: int, silent: bool) -> bool:
    if state.is_code_block(start_line):
        return False
    begin = state.bMarks[start_line] + state.tShift[start_line]
    match = _PREFIX.match(state.src, begin, state.eMarks[start_line])
    if match is None:
        return False
    if silent:
        return True
    last = start_line + 1
    while last < end_line and not state.isEmpty(last) and state.sCount[last] >= state.blkIndent:
        last += 1
    source = state.getLines(start_line, last, state.blkIndent, False).strip()
    text = source[match.end() - begin :].strip()
    attributes = None
    trailing = search_trailing_braces(_TRAILING_ATTRS, text)
    if trailing is not None:
        attributes = parse_attributes(trailing.group(1))
        if attributes is not None:
            text = text[: trailing.start()].rstrip()
    opener = state.push("mmark_caption_open", "", 1)
    opener.block = True
    opener.map = [start_line, last]
    opener.meta = {"kind": KINDS[match.group(0).strip()], "attrs": attributes, "source": source}
    inline = state.push("inline", "", 0)
    inline.content = text
    inline.map = [start_line, last]
    inline.children = []
    state.push("mmark_caption_close", "", -1).block = True
    state.line = last
    return True


def _opening_index(tokens: list[Token], close_index: int) -> int:
    """Index of the token that opens the block ending at ``close_index``."""
    depth = 0
    for position in range(close_index, -1, -1):
        depth -= tokens[position].nesting
        if depth <= 0:
            return position
    return 0


def _attach(state: StateCore) -> None:
    tokens = state.tokens
    if not any(t.type == "mmark_caption_open" for t in tokens):
        return
    out: list[Token] = []
    index = 0
    while index < len(tokens):
        token = tokens[index]
        if token.type != "mmark_caption_open":
            out.append(token)
            index += 1
            continue
        caption = tokens[index : index + 3]
        index += 3
        kind = str(token.meta["kind"])
        target = _captioned_block(out, token, kind)
        if target is None:
            out.extend(_as_text(token, caption, kind))
            continue
        opener = Token("mmark_captioned_open", "", 1, map=out[target].map, level=token.level)
        opener.block = True
        opener.meta = {"kind": kind}
        out.insert(target, opener)
        out.extend(caption)
        closer = Token("mmark_captioned_close", "", -1, level=token.level)
        closer.block = True
        out.append(closer)
    state.tokens = out


def _captioned_block(out: list[Token], caption: Token, kind: str) -> int | None:
    """Index in ``out`` of the opening token of the block ``caption`` belongs to."""
    if not out:
        return None
    last = out[-1]
    if last.nesting == 1 or last.level != caption.level:
        return None  # the caption is the first thing in its container
    first = _opening_index(out, len(out) - 1)
    block = out[first]
    if block.type not in CAPTIONABLE[kind] or block.map is None or caption.map is None:
        return None
    if kind != "quote" and block.map[1] != caption.map[0]:
        return None  # table and figure captions follow their block directly
    if first > 0 and out[first - 1].type == "mmark_captioned_open":
        return None  # already captioned
    return first


def _as_text(opener: Token, caption: list[Token], kind: str) -> list[Token]:
    prefix = {"table": "Table:", "figure": "Figure:", "quote": "Quote:"}[kind]
    wanted = {
        "table": "directly under a table",
        "figure": "directly under a code block or a '!---' figure",
        "quote": "under a block quote",
    }[kind]
    warning = syntax_warning_token(
        f"'{prefix}' caption is not {wanted} and is kept as text",
        opener.map,
        opener.level,
        subtype="caption",
    )
    paragraph = Token("paragraph_open", "p", 1, map=opener.map, level=opener.level, block=True)
    inline = caption[1]
    inline.content = str(opener.meta["source"])
    close = Token("paragraph_close", "p", -1, level=opener.level, block=True)
    return [warning, paragraph, inline, close]
