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

from markdown_it import MarkdownIt
from markdown_it.rules_block import StateBlock
from markdown_it.rules_core import StateCore
from markdown_it.token import Token

from ._lines import flavour, is_code_indented, line_text

_DEFINITION = re.compile(r"\*\[([^\]\n]+)\]:[ \t]*(.*?)[ \t]*$")


def abbreviations_plugin(md: MarkdownIt) -> None:
    """Add the definition block rule and the core rule that marks uses."""
    md.block.ruler.before("reference", "mmark_abbreviations", _block_rule)
    md.core.ruler.after("inline", "mmark_abbreviations", _core_rule)


def _definition(state: StateBlock, line: int) -> re.Match[str] | None:
    if is_code_indented(state, line):
        return None
    return _DEFINITION.match(line_text(state, line))


def _block_rule(state: StateBlock, start_line: int, end_line: int, silent: bool) -> bool:
    if flavour(state) != "v1" or _definition(state, start_line) is None:
        return False
    if silent:
        return True
    entries: list[tuple[str, str, int]] = []
    line = start_line
    while line < end_line:
        match = _definition(state, line)
        if match is None:
            break
        entries.append((match.group(1).strip(), match.group(2), line))
        line += 1
    token = state.push("mmark_abbreviations", "", 0)
    token.map = [start_line, line]
    token.meta = {"entries": entries}
    state.line = line
    return True


def _core_rule(state: StateCore) -> None:
    if state.env.get("flavour") != "v1":
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
    words = sorted(explanations, key=len, reverse=True)
    pattern = re.compile(r"(?<!\w)(?:" + "|".join(map(re.escape, words)) + r")(?!\w)")
    for token in state.tokens:
        if token.type == "inline" and token.children:
            token.children = _mark(token.children, pattern, explanations)


def _mark(
    children: list[Token], pattern: re.Pattern[str], explanations: dict[str, str]
) -> list[Token]:
    result: list[Token] = []
    for child in children:
        if child.type != "text" or not pattern.search(child.content):
            result.append(child)
            continue
        pos = 0
        for match in pattern.finditer(child.content):
            if match.start() > pos:
                result.append(_text(child, child.content[pos : match.start()]))
            abbr = Token("mmark_abbreviation", "abbr", 0, content=match.group(0), level=child.level)
            abbr.meta = {"explanation": explanations[match.group(0)]}
            result.append(abbr)
            pos = match.end()
        if pos < len(child.content):
            result.append(_text(child, child.content[pos:]))
    return result


def _text(template: Token, content: str) -> Token:
    return Token("text", "", 0, content=content, level=template.level)
