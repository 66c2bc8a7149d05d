"""Inline notes (``^[text]``) as block tokens of the page, so later rules see their text.

mdit-py-plugins' footnote rule parses the text of an inline note on its own and
keeps the tokens in ``env["footnotes"]["list"]``, outside the page's token stream.
The core rules that run over the page's ``inline`` tokens after inline parsing
(``text_join``, which turns escapes and entities into text, the inline depth cap,
BCP 14 keywords, abbreviations, ``<!--more-->``) would never see them, and the
renderer would get tokens without a line.

The core rule ``mmark_inline_notes``, right after ``inline``, appends one block
per inline note reached from the page's tokens (also notes inside notes, found
breadth first, without recursion)::

    mmark_inline_note_open   meta["id"]: the note's id in env["footnotes"]["list"]
    inline                   children: the note's tokens; map: the line of the
                             inline text that references the note
    mmark_inline_note_close

The renderer turns such a block into the definition of the note (it renders
nothing where the block stands).
"""

from __future__ import annotations

from collections import deque
from collections.abc import Iterator

from markdown_it import MarkdownIt
from markdown_it.rules_core import StateCore
from markdown_it.token import Token

from ..env import env_of

TOKEN = "mmark_inline_note"
"""Base name of the block tokens (``_open`` / ``_close``) that hold an inline note."""


def inline_notes_plugin(md: MarkdownIt) -> None:
    """Add the core rule ``mmark_inline_notes`` right after inline parsing."""
    md.core.ruler.after("inline", "mmark_inline_notes", _core_rule)


def _core_rule(state: StateCore) -> None:
    notes = env_of(state).get("footnotes", {}).get("list")
    if not notes:
        return
    # (tokens to search, map of the inline text they belong to)
    pending = deque((token.children, token.map) for token in state.tokens if token.type == "inline")
    while pending:
        children, lines = pending.popleft()
        for note_id in _inline_note_ids(children or []):
            entry = notes.get(note_id)
            tokens = entry.get("tokens") if isinstance(entry, dict) else None
            if tokens is None:
                continue
            state.tokens.extend(_note_block(note_id, tokens, entry.get("content", ""), lines))
            pending.append((tokens, lines))


def _inline_note_ids(children: list[Token]) -> Iterator[int]:
    """The ids of the inline notes referenced in ``children`` (``footnote_ref`` without label)."""
    for child in children:
        if child.type == "footnote_ref" and "label" not in child.meta and "id" in child.meta:
            yield child.meta["id"]


def _note_block(
    note_id: int, tokens: list[Token], content: str, lines: list[int] | None
) -> list[Token]:
    """The three tokens that carry one inline note (see the module docstring)."""
    opening = Token(f"{TOKEN}_open", "", 1, map=_copy(lines), meta={"id": note_id}, block=True)
    inline = Token("inline", "", 0, map=_copy(lines), content=content, children=tokens)
    closing = Token(f"{TOKEN}_close", "", -1, block=True)
    return [opening, inline, closing]


def _copy(lines: list[int] | None) -> list[int] | None:
    return list(lines) if lines is not None else None
