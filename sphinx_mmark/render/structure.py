"""Render methods for mmark document structure: asides, lists, definition lists, special sections,
divisions, v1-only block syntax (issue 3).

A concern class of :class:`sphinx_mmark.render.renderer.MmarkRenderer`: each ``render_<token type>``
method here turns one token of the matching syntax module into docutils nodes.

* ``A>`` asides become a ``sidebar`` with the classes ``margin`` and
  ``mmark-aside`` (sphinx-book-theme shows it in the margin; LaTeX writes a
  ``sphinxsidebar`` box).
* ``.# Title`` becomes a top-level section with the classes ``mmark-special``,
  its kind (``abstract``, ``preface``, ``note``) and ``mmark-unnumbered``.
* ``-# Title`` (v1) becomes a section with class ``mmark-part`` one level
  above ``#`` sections, which nest in it.
* ``{frontmatter}`` … become a :class:`~sphinx_mmark.nodes.division` at the
  top level of the document (open sections are closed).
* Ordered lists with ``1)`` get the class ``mmark-paren``; task items (v1) a
  :class:`~sphinx_mmark.nodes.task_checkbox`; example lists (v1) an
  ``enumerated_list`` ``(1)``, ``(2)`` … numbered across the document, with
  ``(@label)`` references linked to their item.
* ``*[HTML]: …`` (v1) makes ``HTML`` in the text an ``abbreviation`` node with
  the explanation.
"""

from __future__ import annotations

from typing import cast

from docutils import nodes
from markdown_it.tree import SyntaxTreeNode
from myst_parser.mdit_to_docutils.base import token_line

from ..nodes import division, task_checkbox
from ..nodes.structure import UNNUMBERED
from ..parse.slugs import slugify
from ..parse.syntax.nesting import MAX_BLOCK_DEPTH
from ..warnings_ import MmarkWarning
from .base import RendererBase

ASIDE_CLASSES = ("margin", "mmark-aside")
"""Classes of the ``sidebar`` an aside becomes (``margin``: sphinx-book-theme's margin)."""


class StructureRendering(RendererBase):
    """``render_*`` methods; see the module docstring."""

    _parts_started: bool
    """Whether a ``-#`` part was seen (``#`` sections are one level deeper from then on)."""
    _example_ids: dict[str, str]
    """Example list label → the id of its item."""

    def _setup_structure(self) -> None:
        self._parts_started = False
        self._example_ids = {}

    def _warn_nesting_cut(self) -> None:
        """Report where the parser cut nesting that went too deep (one warning a page)."""
        cut = self.md_env.get("mmark_nesting_cut")
        if cut is not None:
            self.mmark_warning(
                f"nesting deeper than {MAX_BLOCK_DEPTH} levels: the deeper part is plain text",
                MmarkWarning.NESTING,
                cut,
            )

    # -- asides -------------------------------------------------------------------

    def render_aside(self, token: SyntaxTreeNode) -> None:
        node = nodes.sidebar(classes=list(ASIDE_CLASSES))
        self.add_line_and_source_path(node, token)
        with self.current_node_context(node, append=True):
            self.render_children(token)

    # -- sections ---------------------------------------------------------------

    def render_mmark_special(self, token: SyntaxTreeNode) -> None:
        section = self._render_section_heading(token)
        if section is not None:
            kind = str(token.meta.get("kind", "note"))
            section["classes"].extend(["mmark-special", kind, UNNUMBERED])

    def render_mmark_part(self, token: SyntaxTreeNode) -> None:
        if not self._parts_started:
            # from the first part on, "#" sections are one level deeper
            self._parts_started = True
            self._heading_offset += 1
        self._heading_offset -= 1
        try:
            section = self._render_section_heading(token)
        finally:
            self._heading_offset += 1
        if section is not None:
            section["classes"].append("mmark-part")

    def _render_section_heading(self, token: SyntaxTreeNode) -> nodes.section | None:
        """Render ``token`` as a heading; the new section, or None (not at the top level)."""
        before = self.current_node
        self.render_heading(token)
        if self.current_node is before or not isinstance(self.current_node, nodes.section):
            return None
        return self.current_node

    def render_mmark_division(self, token: SyntaxTreeNode) -> None:
        line = token_line(token, 0)
        kind = str(token.meta["kind"])
        if token.meta.get("nested"):
            self.mmark_warning(
                f"{{{kind}}} inside a list, quote or aside divides nothing; kept as text",
                MmarkWarning.SYNTAX,
                line,
            )
            paragraph = nodes.paragraph(token.content, token.content)
            self.add_line_and_source_path(paragraph, token)
            self.current_node.append(paragraph)
            return
        base = self._heading_offset - (1 if self._parts_started else 0)
        container = self._level_to_section.get(base, self.document)
        self._level_to_section = {
            level: section for level, section in self._level_to_section.items() if level <= base
        }
        marker = division(kind=kind)
        self.add_line_and_source_path(marker, token)
        container.append(marker)
        self.current_node = container

    # -- lists --------------------------------------------------------------------

    def render_ordered_list(self, token: SyntaxTreeNode) -> None:
        super().render_ordered_list(token)
        if token.markup == ")":
            cast(nodes.Element, self.current_node.children[-1])["classes"].append("mmark-paren")

    def render_list_item(self, token: SyntaxTreeNode) -> None:
        super().render_list_item(token)
        checked = (token.meta or {}).get("mmark_task")
        if checked is None:
            return
        item = cast(nodes.Element, self.current_node.children[-1])
        item["classes"].append("task-list-item")
        box = task_checkbox(checked=bool(checked))
        first = item.children[0] if item.children else None
        if isinstance(first, nodes.paragraph):
            first.insert(0, box)
        else:
            item.insert(0, box)
        parent = item.parent
        if parent is not None and "contains-task-list" not in parent["classes"]:
            parent["classes"].append("contains-task-list")

    # -- example lists (v1) -------------------------------------------------------

    def render_mmark_example_list(self, token: SyntaxTreeNode) -> None:
        node = nodes.enumerated_list(enumtype="arabic", prefix="(", suffix=")")
        node["classes"].append("mmark-example-list")
        start = int(token.meta.get("start", 1))
        if start != 1:
            node["start"] = start
        self.add_line_and_source_path(node, token)
        with self.current_node_context(node, append=True):
            self.render_children(token)

    def render_mmark_example_item(self, token: SyntaxTreeNode) -> None:
        item = nodes.list_item()
        self.add_line_and_source_path(item, token)
        label = str(token.meta.get("label", ""))
        if label and token.meta.get("duplicate"):
            self.mmark_warning(
                f"example label (@{label}) is used twice; references go to the first",
                MmarkWarning.DUPLICATE_ID,
                token_line(token, 0),
            )
        with self.current_node_context(item, append=True):
            self.render_children(token)
        if label and not token.meta.get("duplicate"):
            target = nodes.target("", "", ids=[self._example_id(label)])
            first = item.children[0] if item.children else None
            if isinstance(first, nodes.paragraph):
                first.insert(0, target)
            else:
                item.insert(0, target)

    def render_mmark_example_ref(self, token: SyntaxTreeNode) -> None:
        label = str(token.meta["label"])
        number = token.meta.get("number")
        if number is None:
            self.mmark_warning(
                f"no example is labelled (@{label}); kept as text",
                MmarkWarning.REF,
                token_line(token, 0) or self._current_line(),
            )
            self.current_node.append(nodes.Text(token.content))
            return
        text = f"({number})"
        ref = nodes.reference(text, text, refid=self._example_id(label), internal=True)
        ref["classes"].append("mmark-example-ref")
        self.current_node.append(ref)

    def _example_id(self, label: str) -> str:
        ids = self._example_ids
        if label not in ids:
            ids[label] = self._claim_id(f"example-{slugify(label)}")
        return ids[label]

    # -- abbreviations (v1) -------------------------------------------------------

    def render_mmark_abbreviations(self, token: SyntaxTreeNode) -> None:
        """The definitions themselves produce no output; later duplicates are reported."""
        for abbr, line in token.meta.get("duplicates", []):
            self.mmark_warning(
                f"abbreviation *[{abbr}] is defined twice; the first definition is used",
                MmarkWarning.SYNTAX,
                int(line) + 1,
            )

    def render_mmark_abbreviation(self, token: SyntaxTreeNode) -> None:
        explanation = str(token.meta.get("explanation", ""))
        node = nodes.abbreviation(token.content, token.content)
        if explanation:
            node["explanation"] = explanation
        self.current_node.append(node)

    def _current_line(self) -> int | None:
        line = self.current_node.line
        return int(line) if line is not None else None
