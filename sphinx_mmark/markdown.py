"""The markdown-it parser for mmark documents: CommonMark plus mmark's rules.

One parser is built per renderer class and reused for every document of a
process (building it costs more than parsing a short post). Each plugin adds
its rules at explicit positions, so the order of :data:`PLUGINS` only matters
where two plugins anchor on the same rule.
"""

from __future__ import annotations

from collections.abc import Callable
from functools import cache, partial

from markdown_it import MarkdownIt
from markdown_it.renderer import RendererProtocol
from mdit_py_plugins.footnote import footnote_plugin
from myst_parser.config.main import MdParserConfig

from .syntax.front_matter import front_matter_plugin
from .syntax.heading_ids import heading_ids_plugin
from .syntax.math import math_plugin
from .syntax.short_refs import short_refs_plugin

PLUGINS: tuple[Callable[[MarkdownIt], None], ...] = (
    front_matter_plugin,
    math_plugin,
    heading_ids_plugin,
    short_refs_plugin,
    partial(footnote_plugin, inline=False, move_to_end=False, always_match_refs=True),
)
"""Every syntax plugin of the mmark parser, one per line."""


def build_parser(renderer: type[RendererProtocol] | None = None) -> MarkdownIt:
    """A new mmark parser; ``renderer`` defaults to markdown-it's HTML renderer."""
    kwargs = {} if renderer is None else {"renderer_cls": renderer}
    md = MarkdownIt("commonmark", {"typographer": False}, **kwargs).enable("table")
    for plugin in PLUGINS:
        md.use(plugin)
    md.options["myst_config"] = MdParserConfig()
    return md


@cache
def shared_parser(renderer: type[RendererProtocol]) -> MarkdownIt:
    """The process-wide parser for ``renderer``."""
    return build_parser(renderer)
