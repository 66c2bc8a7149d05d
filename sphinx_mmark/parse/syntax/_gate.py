"""Flavour gates for block rules that third-party plugins add.

A plugin is run against a recorder that stands in for ``md``; each block rule it
asks for is then added to the real parser, wrapped so that it declines unless
the document's flavour (:func:`~sphinx_mmark.parse.env.flavour_of`) is the given one.
"""

from __future__ import annotations

from collections.abc import Callable
from types import SimpleNamespace
from typing import Any

from markdown_it import MarkdownIt
from markdown_it.rules_block import StateBlock

from ..env import flavour_of
from ..flavour import Flavour

BlockRule = Callable[[StateBlock, int, int, bool], bool]


class _BlockRulerRecorder:
    """Records ``before``/``after`` calls of a plugin on ``md.block.ruler``."""

    def __init__(self) -> None:
        self.calls: list[tuple[str, str, str, BlockRule, Any]] = []

    def before(self, anchor: str, name: str, rule: BlockRule, options: Any = None) -> None:
        self.calls.append(("before", anchor, name, rule, options))

    def after(self, anchor: str, name: str, rule: BlockRule, options: Any = None) -> None:
        self.calls.append(("after", anchor, name, rule, options))


def _gated(rule: BlockRule, flavour: Flavour) -> BlockRule:
    def gated(state: StateBlock, start_line: int, end_line: int, silent: bool) -> bool:
        if flavour_of(state.env) != flavour:
            return False
        return rule(state, start_line, end_line, silent)

    return gated


def add_gated(md: MarkdownIt, plugin: Callable[[Any], None], flavour: Flavour) -> None:
    """Add the block rules of ``plugin`` to ``md``, active only in ``flavour`` documents."""
    recorder = _BlockRulerRecorder()
    plugin(SimpleNamespace(block=SimpleNamespace(ruler=recorder), options=md.options))
    for where, anchor, name, rule, options in recorder.calls:
        getattr(md.block.ruler, where)(anchor, name, _gated(rule, flavour), options)
