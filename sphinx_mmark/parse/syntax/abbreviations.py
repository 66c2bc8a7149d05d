"""Abbreviations (v1 only): ``*[HTML]: Hyper Text Markup Language``.

::

    The HTML specification is maintained by the W3C.

    *[HTML]: Hyper Text Markup Language
    *[W3C]:  World Wide Web Consortium

* A definition line starts with ``*[``, the abbreviation, ``]:``, then its
  explanation (which may be empty); up to three spaces of indentation.
  Consecutive lines form one block; a definition does not interrupt a
  paragraph.
* Definitions apply to the whole document, before and after them: each
  occurrence of the abbreviation as a whole word in text (not in code, math
  or link targets) becomes an abbreviation with its explanation.
* The first definition of an abbreviation wins; the renderer warns about
  later ones. The definition lines produce no output.

Tokens: ``mmark_abbreviations`` (block, ``meta["entries"]`` = list of
``(abbreviation, explanation, line)``); inline ``mmark_abbreviation``
(``content`` = the abbreviation, ``meta["explanation"]``). The core rule
``mmark_abbreviations`` runs after inline parsing.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Iterator

from markdown_it import MarkdownIt
from markdown_it.rules_block import StateBlock
from markdown_it.rules_core import StateCore
from markdown_it.token import Token

from ..env import flavour_of
from ._lines import is_code_indented, line_text

_DEFINITION = re.compile(r"\*\[([^\]\n]+)\]:(.*)")
"""A definition line: the abbreviation, then the explanation with the spaces and tabs around
it (stripped by the block rule: a regex stripping them would try every split of a long run of
white space between two quantifiers)."""


def abbreviations_plugin(md: MarkdownIt) -> None:
    """Add the definition block rule and the core rule that marks uses."""
    md.block.ruler.before("reference", "mmark_abbreviations", _block_rule)
    md.core.ruler.after("inline", "mmark_abbreviations", _core_rule)


def _definition(state: StateBlock, line: int) -> re.Match[str] | None:
    if is_code_indented(state, line):
        return None
    return _DEFINITION.match(line_text(state, line))


def _block_rule(state: StateBlock, start_line: int, end_line: int, silent: bool) -> bool:
    if flavour_of(state.env) != "v1" or _definition(state, start_line) is None:
        return False
    if silent:
        return True
    entries: list[tuple[str, str, int]] = []
    line = start_line
    while line < end_line:
        match = _definition(state, line)
        if match is None:
            break
        entries.append((match.group(1).strip(), match.group(2).strip(" \t"), line))
        line += 1
    token = state.push("mmark_abbreviations", "", 0)
    token.map = [start_line, line]
    token.meta = {"entries": entries}
    state.line = line
    return True


def _core_rule(state: StateCore) -> None:
    if flavour_of(state.env) != "v1":
        return
    explanations: dict[str, str] = {}
    for token in state.tokens:
        if token.type == "mmark_abbreviations":
            duplicates = []
            for abbr, explanation, line in token.meta["entries"]:
                if abbr in explanations:
                    duplicates.append((abbr, line))
                else:
                    explanations[abbr] = explanation
            token.meta["duplicates"] = duplicates
    if not explanations:
        return
    words = _Trie.of(explanations)
    for token in state.tokens:
        if token.type == "inline" and token.children:
            token.children = _mark(token.children, words, explanations)


_WORD = re.compile(r"\w")
_TOKEN = re.compile(r"\w+|\W")
"""The pieces a text is cut into: a run of word characters, or one other character.

An abbreviation is used only as a whole word (no word character right before or after it),
so every use starts and ends where pieces do, and is a run of whole pieces."""


class _Trie:
    """Abbreviations as sequences of pieces (see :data:`_TOKEN`), one piece per level.

    Finding the longest abbreviation at a place costs as many steps as it has pieces,
    however many abbreviations there are (one alternation of all of them costs a try of
    each at every place).
    """

    __slots__ = ("children", "word")

    def __init__(self) -> None:
        self.children: dict[str, _Trie] | None = None
        """The next piece -> the abbreviations that continue with it."""
        self.word: str | None = None
        """The abbreviation that ends here."""

    @classmethod
    def of(cls, words: Iterable[str]) -> _Trie:
        root = cls()
        for word in words:
            node = root
            for piece in _TOKEN.findall(word):
                if node.children is None:
                    node.children = {}
                node = node.children.setdefault(piece, cls())
            node.word = word
        return root

    def longest(self, text: _Pieces, start: int) -> tuple[str, int] | None:
        """The longest abbreviation that is ``text.pieces[start:end]`` and is followed by no
        word character: ``(abbreviation, end)``, or None."""
        node: _Trie | None = self
        best = None
        end = start
        while node is not None and node.children is not None and end < len(text.pieces):
            node = node.children.get(text.pieces[end])
            end += 1
            if node is not None and node.word and not text.word_at(end):
                best = (node.word, end)
        return best


class _Pieces:
    """A text cut into pieces (see :data:`_TOKEN`)."""

    def __init__(self, text: str) -> None:
        self.pieces: list[str] = _TOKEN.findall(text)
        self.words: list[bool] = [_WORD.match(piece) is not None for piece in self.pieces]
        """Whether each piece is a run of word characters."""

    def word_at(self, index: int) -> bool:
        """Whether piece ``index`` exists and is a run of word characters."""
        return 0 <= index < len(self.pieces) and self.words[index]


def _uses(content: str, words: _Trie) -> Iterator[tuple[int, int, str]]:
    """``(start, end, abbreviation)`` of each use of an abbreviation in ``content``."""
    text = _Pieces(content)
    offset, index = 0, 0
    while index < len(text.pieces):
        found = None if text.word_at(index - 1) else words.longest(text, index)
        if found is None:
            offset += len(text.pieces[index])
            index += 1
            continue
        word, index = found
        yield offset, offset + len(word), word
        offset += len(word)


def _mark(children: list[Token], words: _Trie, explanations: dict[str, str]) -> list[Token]:
    result: list[Token] = []
    for child in children:
        uses = list(_uses(child.content, words)) if child.type == "text" else []
        if not uses:
            result.append(child)
            continue
        pos = 0
        for start, end, word in uses:
            if start > pos:
                result.append(_text(child, child.content[pos:start]))
            abbr = Token("mmark_abbreviation", "abbr", 0, content=word, level=child.level)
            abbr.meta = {"explanation": explanations[word]}
            result.append(abbr)
            pos = end
        if pos < len(child.content):
            result.append(_text(child, child.content[pos:]))
    return result


def _text(template: Token, content: str) -> Token:
    return Token("text", "", 0, content=content, level=template.level)
