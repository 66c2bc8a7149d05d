"""Headings: sections with mmark's ids, nested as mmark nests them; rubrics elsewhere.

* A heading at the top level (or in a section) opens a section. Its id is its
  ``{#id}``, else the slug of its text, made unique with mmark's ``-1`` suffixes
  (:meth:`~.base.RendererBase._claim_id`); a repeated ``{#id}`` is reported.
* Skipped levels (``##`` right under a front-matter title) are normal in mmark:
  the section nests under the nearest shallower one, without a warning.
* A heading inside a list or a quote, where no section can start, is MyST's
  rubric; its ``{#id}`` becomes an id of this page (as a block's), not a global
  Sphinx label.
"""

from __future__ import annotations

from docutils import nodes
from markdown_it.tree import SyntaxTreeNode
from myst_parser.mdit_to_docutils.base import token_line

from ..parse.slugs import slugify
from ..warnings_ import MmarkWarning
from .base import RendererBase


class HeadingRendering(RendererBase):
    """``render_heading`` and the section nesting; see the module docstring."""

    def render_heading(self, token: SyntaxTreeNode) -> None:
        if not isinstance(self.current_node, nodes.document | nodes.section):
            self._render_rubric(token)  # a heading inside a list or quote
            return
        level = int(token.tag[1]) + self._heading_offset
        section = nodes.section()
        self.add_line_and_source_path(section, token)
        self.copy_attributes(token, section, ("class",))
        self.update_section_level_state(section, level)
        title_node = nodes.title()
        self.add_line_and_source_path(title_node, token)
        section += title_node
        with self.current_node_context(title_node):
            self.render_children(token)
        explicit = token.attrGet("id")
        line = token_line(token, 0)
        if explicit is not None:
            explicit = str(explicit)
            if explicit in self._taken_ids:
                self.mmark_warning(
                    f"duplicate heading id {explicit!r}", MmarkWarning.DUPLICATE_ID, line
                )
            section_id = self._claim_id(explicit)
        else:
            section_id = self._claim_id(slugify(title_node.astext()))
        section["ids"].append(section_id)
        self._note_section(section, title_node.astext())
        self.current_node = section

    def _render_rubric(self, token: SyntaxTreeNode) -> None:
        """A heading where no section can start: MyST's rubric, with the ``{#id}`` an id
        of this page (as a block's, see ``_give_id``), not a Sphinx label, which is
        global: every post may have the same ``{#id}``."""
        attrs = token.attrs  # the heading_open token's own mapping
        explicit = attrs.pop("id", None)
        try:
            super().render_heading(token)
        finally:
            if explicit is not None:
                attrs["id"] = explicit
        rubric = self.current_node.children[-1] if self.current_node.children else None
        if explicit is not None and isinstance(rubric, nodes.rubric):
            self._give_id(rubric, str(explicit), token_line(token, 0))

    def update_section_level_state(self, section: nodes.section, level: int) -> None:
        """Nest ``section`` under the nearest shallower one.

        Unlike MyST, skipped levels (a post under a front-matter title that starts
        with ``##``) are normal in mmark and not worth a warning.
        """
        parent_level = max(lvl for lvl in self._level_to_section if lvl < level)
        self._level_to_section[parent_level].append(section)
        self._level_to_section = {
            lvl: sec for lvl, sec in self._level_to_section.items() if lvl < level
        }
        self._level_to_section[level] = section
