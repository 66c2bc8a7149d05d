"""markdown-it tokens of an mmark document to docutils nodes.

Builds on MyST-Parser's :class:`SphinxRenderer` for ordinary CommonMark and
overrides what mmark does differently. :class:`MmarkRenderer` is composed of one
class per concern, each in its own module and derived from
:class:`~sphinx_mmark.render.base.RendererBase` (the shared state and helpers):

=======================  ==========================================================
``front_matter``         front matter, title blocks, the page title
``headings``             sections, heading ids, rubrics
``structure``            asides, special sections, parts, divisions, lists, v1 blocks
``blocks``               block attributes, captions, figures, tables, rules
``code``                 code blocks and callouts
``inline``               inline constructs, index entries, images
``raw_html``             raw HTML
``links``                links and cross-references
``footnotes``            footnotes and inline notes
``citations``            citations and reference sections
``shortcodes``           Hugo shortcodes
=======================  ==========================================================

This module holds the composition, the token and syntax tree handling, and the
sequence of steps that finish a page (:meth:`MmarkRenderer._render_finalise`).
Everything the renderer reports goes through :mod:`sphinx_mmark.warnings_`.
"""

from __future__ import annotations

from collections.abc import MutableMapping, Sequence
from typing import Any, cast

from docutils import nodes
from docutils.parsers.rst.languages import get_language as get_language_rst
from markdown_it.token import Token
from markdown_it.tree import SyntaxTreeNode
from myst_parser.mdit_to_docutils.sphinx_ import SphinxRenderer

from ..parse.env import MarkdownEnv
from .base import Footnotes, RendererBase
from .blocks import BlockRendering
from .citations import CitationRendering
from .code import CodeRendering
from .footnotes import FootnoteRendering
from .front_matter import FrontMatterRendering
from .headings import HeadingRendering
from .inline import InlineRendering
from .links import LinkRendering
from .raw_html import RawHtmlRendering
from .shortcodes import ShortcodeRendering
from .structure import StructureRendering


class _SphinxRendererBase(SphinxRenderer):
    """MyST's Sphinx renderer, set up without its per-page spare document.

    MyST's ``setup_render`` evaluates ``options.get("document", make_document())``:
    a new docutils settings parser for every page even though the page's document
    is always given (a quarter of the cost of parsing a short post). This sets the
    same per-render state; ``tests/test_renderer_setup.py`` checks it stays the same
    as MyST's.
    """

    md_env: Any
    """MyST types the env as a ``MutableMapping``, :class:`MmarkRenderer` as a
    :class:`~sphinx_mmark.parse.env.MarkdownEnv`, which mypy does not take for one:
    ``Any`` here lets it override MyST's type."""

    def setup_render(self, options: dict[str, Any], env: Any) -> None:
        if "document" not in options:
            super().setup_render(options, env)
            return
        self.md_env = env
        self.md_options = options
        self.md_config = options["myst_config"]
        self.document = options["document"]
        self.current_node = options.get("current_node", self.document)
        self.reporter = self.document.reporter
        self.language_module_rst = cast(Any, get_language_rst(self.document.settings.language_code))
        self._heading_offset = 0
        self._level_to_section = {0: self.document}
        self._heading_slugs = {}


class _TokenTrees(RendererBase):
    """The syntax trees of the page: rendered, then taken apart."""

    def _render_tokens(self, tokens: list[Token]) -> None:
        """Render block tokens through their syntax tree, keeping the tree.

        As MyST-Parser does it: token lines become 1-based (an inline token's
        children share its map), the tokens are nested into a ``SyntaxTreeNode``
        tree and each top-level node goes to its ``render_*`` method. The tree is
        kept so that :meth:`_release_tree` can take it apart once footnotes (nodes
        of the same tree) are rendered too. Besides the page's own, a nested
        render (MyST's ``nested_render_text``, for shortcode captions) makes a tree.
        """
        for token in tokens:
            if token.map:
                token.map = [token.map[0] + 1, token.map[1] + 1]
                for child in token.children or []:
                    child.map = token.map
        tree = SyntaxTreeNode(tokens)
        self._trees.append(tree)
        self.render_children(tree)

    def _release_tree(self) -> None:
        """Empty the children lists of the page's syntax trees.

        Each tree node points at its parent and its children: left whole, a
        tree (and every token it holds) waits for CPython's cyclic garbage
        collector, which on a long page means megabytes held through the
        transforms and the doctree pickling, and collections that walk them
        again and again. Without the parent-child cycles, reference counting
        frees the tree as soon as the renderer lets go of it.
        """
        stack = [*self._trees, *self._footnotes.definitions.values()]
        self._trees = []
        self._footnotes = Footnotes()
        while stack:
            node = stack.pop()
            stack.extend(node.children)
            node.children = []


class MmarkRenderer(
    FrontMatterRendering,
    HeadingRendering,
    StructureRendering,
    BlockRendering,
    CodeRendering,
    InlineRendering,
    RawHtmlRendering,
    LinkRendering,
    FootnoteRendering,
    CitationRendering,
    ShortcodeRendering,
    _TokenTrees,
    RendererBase,
    _SphinxRendererBase,
):
    """Render an mmark token stream into a Sphinx document.

    No two concern classes define the same method (``tests/test_renderer_setup.py``
    checks it), so their order here does not matter; MyST's renderer comes last.
    """

    md_env: MarkdownEnv
    """The markdown-it env of the page (the concern classes' type, not MyST's)."""

    def setup_render(self, options: dict[str, Any], env: Any) -> None:
        """MyST's per-render state, then the shared state and each concern's own."""
        super().setup_render(options, env)
        self._setup_shared_state()
        self._setup_structure()
        self._setup_callouts()
        self._setup_citations()

    def render(
        self, tokens: Sequence[Token], options: Any, md_env: MutableMapping[str, Any]
    ) -> nodes.document:
        try:
            return super().render(tokens, options, md_env)
        finally:
            self._release_tree()

    # -- start and end of the page ------------------------------------------------

    def _render_initialise(self) -> None:
        super()._render_initialise()
        unclosed = self.md_env.get("mmark_unclosed_front_matter")
        if unclosed is not None:
            self._front_matter(unclosed)  # reading it fails: one warning

    def _render_finalise(self) -> None:
        """Finish the page once every token is rendered: each concern's step, in an
        order that matters (it decides what each step sees, and the order of the end
        matter), then MyST's. The concern classes have no ``_render_finalise``."""
        # 1. the notes go to the end of the page: before the reference sections,
        #    and their text is joined and checked with the rest of the page
        self._render_footnotes()
        # 2. one Text node per run of text (MyST makes one per line)
        _join_adjacent_text(self.document)
        # 3. the nesting warning; a comment after a rule that ends the page (notes
        #    placed in step 1 are its end, reference sections of step 5 are not)
        self._warn_nesting_cut()
        self._end_after_last_rule()
        # 4. callout references, linked to their markers in code
        self._link_callouts()
        # 5. the citations, resolved now that every <reference> is known, and the
        #    reference sections (at {backmatter}, else at the end, after the notes)
        self._finish_bibliography()
        # 6. MyST's own (the heading slugs)
        super()._render_finalise()


def _join_adjacent_text(root: nodes.Element) -> None:
    """Join each run of neighbouring Text nodes into one (MyST makes one per line).

    Fewer nodes make every later pass cheaper, and docutils' smart-quotes
    transform, which replaces each Text node after searching its parent's
    children for it, stays linear in a paragraph of many lines. One pass over
    the tree, after rendering.
    """
    for element in root.findall(nodes.Element):
        children = element.children
        if len(children) < 2:
            continue
        joined: list[nodes.Node] = []
        run: list[str] = []
        changed = False
        for child in children:
            if isinstance(child, nodes.Text):
                run.append(str(child))
                continue
            changed |= _flush(run, joined, element)
            joined.append(child)
        changed |= _flush(run, joined, element)
        if changed:
            element.children = joined


def _flush(run: list[str], joined: list[nodes.Node], parent: nodes.Element) -> bool:
    """Move the pending text ``run`` to ``joined`` as one node; True if it joined several."""
    if not run:
        return False
    text = nodes.Text("".join(run))
    text.parent = parent
    joined.append(text)
    several = len(run) > 1
    run.clear()
    return several
