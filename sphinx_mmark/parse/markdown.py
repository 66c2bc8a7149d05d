"""The markdown-it parser for mmark documents: CommonMark plus mmark's rules.

One parser is built per renderer class and reused for every document of a
process (building it costs more than parsing a short post). Each plugin adds
its rules at explicit positions, so the order of :data:`PLUGINS` only matters
where two plugins anchor on the same rule.
"""

from __future__ import annotations

from collections.abc import Callable
from functools import partial

from markdown_it import MarkdownIt
from markdown_it.renderer import RendererProtocol
from mdit_py_plugins.footnote import footnote_plugin

from .includes.rule import includes_plugin
from .syntax.abbreviations import abbreviations_plugin
from .syntax.asides import asides_plugin
from .syntax.attributes import attributes_plugin
from .syntax.autolinks import autolinks_plugin
from .syntax.bcp14 import bcp14_plugin
from .syntax.breaks import breaks_plugin
from .syntax.callouts import callouts_plugin
from .syntax.captions import captions_plugin
from .syntax.citations import citations_plugin
from .syntax.comments import comments_plugin
from .syntax.definition_lists import definition_lists_plugin
from .syntax.divisions import divisions_plugin
from .syntax.escaped_math import escaped_math_plugin
from .syntax.example_lists import example_lists_plugin
from .syntax.figures import figures_plugin
from .syntax.front_matter import front_matter_plugin
from .syntax.heading_ids import heading_ids_plugin
from .syntax.html_blocks import html_blocks_plugin
from .syntax.index_entries import index_entries_plugin
from .syntax.inline_notes import inline_notes_plugin
from .syntax.math import math_plugin
from .syntax.nbsp import nbsp_plugin
from .syntax.nesting import nesting_plugin
from .syntax.parts import parts_plugin
from .syntax.short_refs import short_refs_plugin
from .syntax.shortcodes import shortcodes_plugin
from .syntax.spaced_links import spaced_links_plugin
from .syntax.special_sections import special_sections_plugin
from .syntax.strikethrough import strikethrough_plugin
from .syntax.sup_sub import sup_sub_plugin
from .syntax.tables import tables_plugin
from .syntax.task_lists import task_lists_plugin
from .syntax.title_lines import title_lines_plugin
from .syntax.xml_references import xml_references_plugin

PLUGINS: tuple[Callable[[MarkdownIt], None], ...] = (
    front_matter_plugin,
    includes_plugin,
    title_lines_plugin,
    xml_references_plugin,
    citations_plugin,
    math_plugin,
    escaped_math_plugin,
    shortcodes_plugin,
    heading_ids_plugin,
    short_refs_plugin,
    partial(footnote_plugin, inline=True, move_to_end=False, always_match_refs=True),
    strikethrough_plugin,
    autolinks_plugin,
    spaced_links_plugin,
    sup_sub_plugin,
    nbsp_plugin,
    breaks_plugin,
    html_blocks_plugin,
    comments_plugin,
    bcp14_plugin,
    callouts_plugin,
    index_entries_plugin,
    tables_plugin,
    captions_plugin,
    figures_plugin,
    attributes_plugin,
    divisions_plugin,
    asides_plugin,
    special_sections_plugin,
    parts_plugin,
    definition_lists_plugin,
    example_lists_plugin,
    task_lists_plugin,
    abbreviations_plugin,
    nesting_plugin,  # its block guard must come before every other block rule
    # after nesting_plugin: its core rule goes right after "inline" (before the depth
    # cap), so that every later core rule also sees the inline notes' text
    inline_notes_plugin,
)
"""Every syntax plugin of the mmark parser, one per line."""


def build_parser(renderer: type[RendererProtocol] | None = None) -> MarkdownIt:
    """A new mmark parser; ``renderer`` defaults to markdown-it's HTML renderer."""
    kwargs = {} if renderer is None else {"renderer_cls": renderer}
    md = MarkdownIt("commonmark", {"typographer": False}, **kwargs).enable("table")
    for plugin in PLUGINS:
        md.use(plugin)
    return md
