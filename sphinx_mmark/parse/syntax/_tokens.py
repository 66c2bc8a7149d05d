"""Small token helpers shared by the rules of :mod:`sphinx_mmark.parse.syntax`."""

from __future__ import annotations

import re
from collections.abc import Iterator, Sequence
from typing import Any

from markdown_it.rules_inline import StateInline
from markdown_it.token import Token


def consume_match(
    state: StateInline,
    silent: bool,
    match: re.Match[str],
    kind: str,
    *,
    meta: dict[str, Any] | None = None,
    tag: str = "",
    as_markup: bool = False,
) -> bool:
    """Step over ``match`` (found at ``state.pos``); unless ``silent``, push an inline token
    ``kind`` holding the matched text (as ``content``, or as ``markup`` when ``as_markup``)
    and ``meta``. Returns True, as an inline rule that matched does.
    """
    if not silent:
        token = state.push(kind, tag, 0)
        if as_markup:
            token.markup = match.group(0)
        else:
            token.content = match.group(0)
        if meta is not None:
            token.meta = meta
    state.pos = match.end()
    return True


def enclosed(
    tokens: Sequence[Token], opening: str, middle: str, closing: str
) -> Iterator[tuple[int, Token, Token, Token]]:
    """``(index, opening token, middle token, closing token)`` for every run of three
    neighbouring ``tokens`` of the types ``opening``, ``middle``, ``closing``.

    Types are compared as the runs are reached: a caller may retype the tokens it got.
    """
    for index in range(len(tokens) - 2):
        first, second, third = tokens[index : index + 3]
        if first.type == opening and second.type == middle and third.type == closing:
            yield index, first, second, third
