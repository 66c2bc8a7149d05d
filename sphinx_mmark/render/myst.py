"""The part of MyST-Parser's renderer that sphinx-mmark's render code uses, as types.

MyST's :class:`~myst_parser.mdit_to_docutils.sphinx_.SphinxRenderer` has a
``__getattr__``: typed against it, every ``self.<anything>`` type-checks, a
misspelt one too. The concern classes of :mod:`sphinx_mmark.render` are typed
against these declarations instead (see :class:`~.base.RendererBase`), so mypy
knows exactly what MyST provides and reports anything else.

* :class:`MystRendering` (a :class:`~typing.Protocol`): the state and the
  helpers of MyST's renderer that the concern classes read and call.
* :class:`MystExtensionPoints`, a plain subclass of the protocol: the state they
  assign and MyST's ``render_*`` methods they extend (calling them through
  ``super()``). mypy refuses a ``super()`` call into a protocol member without a
  body ("safe-super"), and cannot type an assignment to a protocol attribute
  that it reads before in the same method, so these are declared here.

``tests/test_renderer_setup.py`` checks that MyST's renderer has every member
declared here.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator, Sequence
from contextlib import contextmanager
from types import MethodType, ModuleType
from typing import Any, Protocol

from docutils import nodes
from docutils.utils import Reporter
from markdown_it import MarkdownIt
from markdown_it.tree import SyntaxTreeNode
from sphinx.environment import BuildEnvironment

from ..parse.env import MarkdownEnv


class MystRendering(Protocol):
    """Members of MyST's Sphinx renderer that sphinx-mmark's render code uses."""

    md: MarkdownIt
    """The markdown-it parser (``normalizeLinkText``, nested parses)."""
    md_env: MarkdownEnv
    """The markdown-it env of the document being rendered."""
    document: nodes.document
    """The document being built."""
    reporter: Reporter
    """The document's docutils reporter (for roles)."""
    language_module_rst: ModuleType
    """docutils' reStructuredText language module of the document (for roles)."""
    rules: dict[str, MethodType]
    """``render_<token type>`` → the bound method that renders that token type."""

    @property
    def sphinx_env(self) -> BuildEnvironment:
        """The Sphinx build environment."""
        ...

    def render_children(self, token: SyntaxTreeNode) -> None:
        """Render the children of ``token`` into :attr:`current_node`."""

    def add_line_and_source_path(self, node: nodes.Node, token: SyntaxTreeNode) -> None:
        """Give ``node`` the document's source and the line of ``token``."""

    @contextmanager
    def current_node_context(self, node: nodes.Element, append: bool = False) -> Iterator[None]:
        """Make ``node`` the current node for a ``with`` block (appended first if asked)."""
        ...

    def nested_render_text(
        self,
        text: str,
        lineno: int,
        inline: bool = False,
        temp_root_node: nodes.Element | None = None,
        heading_offset: int = 0,
    ) -> None:
        """Parse ``text`` and render it into :attr:`current_node`."""

    def copy_attributes(
        self,
        token: SyntaxTreeNode,
        node: nodes.Element,
        keys: Sequence[str] = ("class",),
        *,
        converters: dict[str, Callable[[str], Any]] | None = None,
        aliases: dict[str, str] | None = None,
    ) -> None:
        """Copy the attributes ``keys`` of ``token`` to ``node``."""

    def create_highlighted_code_block(
        self,
        text: str,
        lexer_name: str | None,
        number_lines: bool = False,
        lineno_start: int = 1,
        source: str | None = None,
        line: int | None = None,
        node_cls: type[nodes.Element] = nodes.literal_block,
        emphasize_lines: list[int] | str | None = None,
    ) -> nodes.Element:
        """A literal block of ``text``, highlighted as ``lexer_name``."""
        ...

    def run_directive(
        self,
        name: str,
        first_line: str,
        content: str,
        position: int,
        additional_options: dict[str, str] | None = None,
        *,
        block_text: str | None = None,
    ) -> list[nodes.Element]:
        """The nodes the Sphinx directive ``name`` makes."""
        ...

    def render_link_url(self, token: SyntaxTreeNode, conversion: Any = None) -> None:
        """A link to an external URL, as written."""


class MystExtensionPoints(MystRendering):
    """The state of MyST's renderer that concern classes assign, and MyST's methods
    they extend through ``super()`` (types only: :class:`~.base.RendererBase`
    derives from this class for mypy, from ``object`` at run time)."""

    current_node: nodes.Element
    """The node that rendered nodes are appended to."""
    _heading_offset: int
    """How many levels deeper than its ``#`` count a heading is nested."""
    _level_to_section: dict[int, nodes.document | nodes.section]
    """Section level → the open section (0: the document)."""

    def render_heading(self, token: SyntaxTreeNode) -> None: ...
    def render_code_block(self, token: SyntaxTreeNode) -> None: ...
    def render_ordered_list(self, token: SyntaxTreeNode) -> None: ...
    def render_list_item(self, token: SyntaxTreeNode) -> None: ...
    def render_html_block(self, token: SyntaxTreeNode) -> None: ...
    def render_html_inline(self, token: SyntaxTreeNode) -> None: ...
    def render_hr(self, token: SyntaxTreeNode) -> None: ...
    def render_link(self, token: SyntaxTreeNode) -> None: ...
    def render_image(self, token: SyntaxTreeNode) -> None: ...
    def renderInlineAsText(self, tokens: list[SyntaxTreeNode]) -> str:  # noqa: N802
        raise NotImplementedError
