"""Block attributes: ``{#id .class key="value"}`` on the line before a block.

Grammar of the line (nothing else may be on it but spaces)::

    line  = "{" item ( spaces item )* "}"
    item  = "#" word                  the block's id (the last one wins)
          | "." word                  a class (may repeat)
          | key "=" value             any other attribute
    value = '"' (any but unescaped '"')* '"' | word
    word  = one or more characters other than white space, "{", "}", '"'

A bare word is not an item, so ``{frontmatter}`` (a division) and
``{{file.md}}`` (an include) are never attributes. Blank lines may separate
the attributes from their block; several attribute lines in a row are merged
(later values win). An attribute line is never the first line of a setext
heading's text: ``{#id}`` / ``Title`` / ``-----`` gives the heading the id.

Tokens: ``mmark_block_attrs`` (block, hidden; ``meta["attrs"]`` is an
:class:`Attributes`). The core rule ``mmark_block_attrs_attach`` then gives
them to the next block:

* a heading gets ``attrs["id"]`` / ``attrs["class"]`` on ``heading_open``
  (unless its own ``{#id}`` says otherwise);
* any other block is wrapped in ``mmark_attrs_open`` … ``mmark_attrs_close``
  (``meta["attrs"]``), and the renderer puts the id and classes on the node the
  block becomes;
* every key is also copied to the block's opening token as
  ``meta["attributes"]`` (a ``dict``), for rules that read options such as
  ``callout``.

Attributes with no block after them (end of the document or of a container)
become a paragraph with their text and a ``mmark_syntax_warning``. A
paragraph whose first line starts like attributes but has no closing ``}`` is
kept as text, with a warning.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from markdown_it import MarkdownIt
from markdown_it.rules_block import StateBlock
from markdown_it.rules_core import StateCore
from markdown_it.token import Token

from ._lines import opening_line
from .warning_tokens import syntax_warning_token

_ITEM = re.compile(
    r"""\s*(?:
        \#(?P<id>[^\s{}"]+)
      | \.(?P<cls>[^\s{}"]+)
      | (?P<key>[A-Za-z_][\w:-]*)=(?:"(?P<quoted>(?:[^"\\]|\\.)*)"|(?P<bare>[^\s{}"]+))
    )(?=\s|$)""",
    re.VERBOSE,
)
_LOOKS_LIKE_ATTRIBUTES = re.compile(r"\{[ \t]*(?:[#.][^\s{}]|[A-Za-z_][\w:-]*=)")
MAX_LENGTH = 2_000
"""Longer lines are never attributes (keeps the rule linear and cheap)."""


@dataclass
class Attributes:
    """Parsed block attributes."""

    id: str | None = None
    classes: list[str] = field(default_factory=list)
    pairs: dict[str, str] = field(default_factory=dict)
    source: str = ""

    def merged(self, later: Attributes) -> Attributes:
        """These attributes updated by ``later`` ones."""
        return merge_all([self, later])

    def as_dict(self) -> dict[str, str]:
        """Every attribute as a flat mapping (``id``, ``class`` and the pairs)."""
        result = dict(self.pairs)
        if self.id:
            result["id"] = self.id
        if self.classes:
            result["class"] = " ".join(self.classes)
        return result


def merge_all(lines: list[Attributes]) -> Attributes:
    """Consecutive attribute lines as one: later ids and values win, classes keep their order.

    Merges the whole run at once, so the time grows with the run's length (merging
    pairwise would copy the growing source text once per line).
    """
    if len(lines) == 1:
        return lines[0]
    ids = [attributes.id for attributes in lines if attributes.id]
    classes: dict[str, None] = {}
    pairs: dict[str, str] = {}
    for attributes in lines:
        classes.update(dict.fromkeys(attributes.classes))
        pairs.update(attributes.pairs)
    return Attributes(
        id=ids[-1] if ids else None,
        classes=list(classes),
        pairs=pairs,
        source="\n".join(attributes.source for attributes in lines),
    )


def parse_attributes(text: str) -> Attributes | None:
    """The attributes in ``text`` (a whole ``{…}``), or None if it is not valid."""
    text = text.strip()
    if len(text) > MAX_LENGTH or not (text.startswith("{") and text.endswith("}")):
        return None
    inner = text[1:-1]
    if not inner.strip():
        return None
    result = Attributes(source=text)
    pos = 0
    while pos < len(inner):
        if inner[pos:].strip() == "":
            break
        match = _ITEM.match(inner, pos)
        if match is None:
            return None
        if match.group("id") is not None:
            result.id = match.group("id")
        elif match.group("cls") is not None:
            result.classes.append(match.group("cls"))
        else:
            quoted = match.group("quoted")
            value = re.sub(r"\\(.)", r"\1", quoted) if quoted is not None else match.group("bare")
            result.pairs[match.group("key")] = value
        pos = match.end()
    return result


def looks_like_unclosed(line: str) -> bool:
    """True when ``line`` starts like block attributes but never closes them."""
    return _LOOKS_LIKE_ATTRIBUTES.match(line) is not None and "}" not in line


def attributes_plugin(md: MarkdownIt) -> None:
    """Add the block rule and the core rule that attaches attributes to blocks."""
    # before the setext heading rule: that rule would read an attribute line as the
    # first line of a heading's text ("{#a}\nTitle\n---"), and, declining, scan
    # all the lines below every one of many attribute lines in a row
    md.block.ruler.before("lheading", "mmark_block_attrs", _block_rule)
    md.core.ruler.before("inline", "mmark_block_attrs_attach", _attach)


def _block_rule(state: StateBlock, start_line: int, end_line: int, silent: bool) -> bool:
    line = opening_line(state, start_line, "{")
    if line is None:
        return False
    attributes = parse_attributes(line)
    if attributes is None:
        return False
    if silent:
        return True
    token = state.push("mmark_block_attrs", "", 0)
    token.block = True
    token.hidden = True
    token.content = line.strip()
    token.meta = {"attrs": attributes}
    token.map = [start_line, start_line + 1]
    state.line = start_line + 1
    return True


def _matching_close(tokens: list[Token], index: int) -> int:
    """Index of the token that closes the block opened at ``index`` (itself if nesting 0)."""
    depth = 0
    for position in range(index, len(tokens)):
        depth += tokens[position].nesting
        if depth <= 0:
            return position
    return len(tokens) - 1


def _attach(state: StateCore) -> None:
    tokens = state.tokens
    if not any(t.type == "mmark_block_attrs" for t in tokens):
        _warn_unclosed(tokens)
        return
    out: list[Token] = []
    # closers still to emit: (index of the last token of the wrapped block, closer),
    # innermost last; the wrapped block's own tokens go through this loop too, so
    # attributes inside it (in a quote, a list item) are attached as well
    pending: list[tuple[int, Token]] = []
    index = 0
    while index < len(tokens):
        token = tokens[index]
        if token.type != "mmark_block_attrs":
            out.append(token)
            while pending and pending[-1][0] <= index:
                out.append(pending.pop()[1])
            index += 1
            continue
        run: list[Attributes] = [token.meta["attrs"]]
        start_map = token.map
        index += 1
        while index < len(tokens) and tokens[index].type == "mmark_block_attrs":
            run.append(tokens[index].meta["attrs"])
            index += 1
        attributes = merge_all(run)
        nxt = tokens[index] if index < len(tokens) else None
        if nxt is None or nxt.nesting < 0:
            out.extend(_as_text(attributes, start_map, token.level))
            continue
        nxt.meta = {**(nxt.meta or {}), "attributes": attributes.as_dict()}
        if nxt.type == "heading_open":
            if attributes.id and "id" not in nxt.attrs:
                nxt.attrs["id"] = attributes.id
            if attributes.classes:
                existing = str(nxt.attrs.get("class", "")).split()
                nxt.attrs["class"] = " ".join([*attributes.classes, *existing])
            continue
        close = _matching_close(tokens, index)
        opener = Token("mmark_attrs_open", "", 1, map=start_map, level=token.level, block=True)
        opener.meta = {"attrs": attributes}
        closer = Token("mmark_attrs_close", "", -1, level=token.level, block=True)
        out.append(opener)
        pending.append((close, closer))
    state.tokens = out
    _warn_unclosed(out)


def _as_text(attributes: Attributes, line_map: list[int] | None, level: int) -> list[Token]:
    """Attributes with no block to go to: one warning, and their text as a paragraph."""
    warning = syntax_warning_token(
        "block attributes with no block after them are kept as text", line_map, level
    )
    opener = Token("paragraph_open", "p", 1, map=line_map, level=level, block=True)
    inline = Token("inline", "", 0, map=line_map, level=level + 1, content=attributes.source)
    inline.children = []
    closer = Token("paragraph_close", "p", -1, level=level, block=True)
    return [warning, opener, inline, closer]


def _warn_unclosed(tokens: list[Token]) -> None:
    """Put a warning before paragraphs that start with an unclosed ``{`` (in place)."""
    out: list[Token] = []
    for index, token in enumerate(tokens):
        if (
            token.type == "paragraph_open"
            and index + 1 < len(tokens)
            and looks_like_unclosed(tokens[index + 1].content.split("\n", 1)[0])
        ):
            message = "block attributes are not closed with '}' and are kept as text"
            out.append(syntax_warning_token(message, token.map, token.level))
        out.append(token)
    if len(out) != len(tokens):
        tokens[:] = out
