"""Front matter and title blocks: what they mean to Sphinx (page title, metadata, HTML
``<meta>``), and how the renderer shows them.

:class:`FrontMatterRendering` reads the document's front matter (YAML, TOML,
JSON; read once before parsing, see :mod:`sphinx_mmark.parse.front_matter`) and
reports its problems; a title block (``%%%``, v1 ``% key = value``) is shown as
the front of the page (:mod:`~sphinx_mmark.render.title_block`). The page title
becomes the document's single top section, which ``#`` headings nest under.

Hugo keys and where they go:

* ``title`` → the page title (returned to the renderer, which makes it the
  document's single top section);
* ``description`` (else ``summary``) → ``<meta name="description">``;
* ``keywords`` (else ``tags``) → ``<meta name="keywords">``;
* every key (``date``, ``lastmod``, ``tags``, ``categories``, ``author``,
  ``authors``, …) → ``env.metadata[docname]``, where templates and extensions
  such as ABlog read it.
"""

from __future__ import annotations

from typing import Any, cast

from docutils import nodes
from markdown_it.tree import SyntaxTreeNode
from sphinx.environment import BuildEnvironment

from ..nodes.rfcxml_payload import attach
from ..parse import front_matter as fm
from ..parse.slugs import slugify
from ..warnings_ import MmarkWarning
from .base import RendererBase
from .title_block import lower_keys, title_block_nodes

_SPHINX_KEYS = frozenset({"orphan", "nocomments", "nosearch", "tocdepth"})
"""Metadata keys Sphinx itself acts on; Hugo front matter does not mean them."""


class FrontMatterRendering(RendererBase):
    """Front matter, title blocks and the page title; see the module docstring."""

    def render_mmark_front_matter(self, token: SyntaxTreeNode) -> None:
        self._front_matter(cast(fm.Block, token.meta["block"]))

    def _front_matter(self, block: fm.Block) -> None:
        line = block.start + 1
        cached = self.md_env.get("mmark_front_matter")
        try:
            front = cached if cached is not None and cached.block == block else fm.read(block)
        except fm.FrontMatterError as error:
            self.mmark_warning(
                f"{fm.describe(block.kind)} ignored: {error}", MmarkWarning.FRONT_MATTER, line
            )
            return
        for problem in front.problems:
            self.mmark_warning(
                f"{fm.describe(block.kind)}: {problem}",
                MmarkWarning.FRONT_MATTER,
                front.line_of(problem),
            )
        if block.kind in ("titleblock", "titlelines"):
            if block.kind == "titleblock":  # a v2 draft: the rfcxml builder writes it
                attach(self.document, lower_keys(front.data))
            self._render_title_block(front.data, line)
            return
        title = apply_front_matter(self.document, self.sphinx_env, front.data, line)
        if title:
            self._open_title_section(title, line)

    def _render_title_block(self, data: dict[str, Any], line: int) -> None:
        """Show a title block as the front of the page and record it as metadata."""
        lowered = lower_keys(data)
        front = title_block_nodes(lowered, self._claim_id)
        for name, node_id in front.people.items():
            self._title_people[name.casefold()] = node_id
        self._title_language = str(lowered.get("language") or "en").lower()
        title = apply_front_matter(self.document, self.sphinx_env, front.metadata, line)
        if title:
            self._open_title_section(title, line)
        if front.container.children:
            front.container.source, front.container.line = self.document["source"], line
            self.current_node.append(front.container)

    def _open_title_section(self, title: str, line: int) -> None:
        """Make ``title`` the page title; ``#`` headings then nest under it."""
        section = nodes.section()
        section.source, section.line = self.document["source"], line
        section_id = self._claim_id(slugify(title))
        section["ids"].append(section_id)
        title_node = nodes.title(title, title)
        title_node.source, title_node.line = self.document["source"], line
        section += title_node
        self.document += section
        self._note_section(section, title)
        self._level_to_section = {0: self.document, 1: section}
        self._heading_offset = 1
        self.current_node = section


def apply_front_matter(
    document: nodes.document, env: BuildEnvironment, data: dict[str, Any], line: int
) -> str | None:
    """Record ``data`` for ``document``; return the page title, if any."""
    metadata = env.metadata[env.docname]
    for key, value in data.items():
        if key not in _SPHINX_KEYS:
            metadata[key] = value
    description = _text(data.get("description")) or _text(data.get("summary"))
    if description:
        _add_meta(document, "description", description, line)
    keywords = _text(data.get("keywords")) or _text(data.get("tags"))
    if keywords:
        _add_meta(document, "keywords", keywords, line)
    return _text(data.get("title"))


def _text(value: Any) -> str | None:
    """A one-line string for a scalar or a list of scalars; None for nothing."""
    if isinstance(value, list):
        parts = [_text(item) for item in value if not isinstance(item, dict | list)]
        return ", ".join(part for part in parts if part) or None
    if value is None or isinstance(value, dict | bool):
        return None
    text = " ".join(str(value).split())
    return text or None


def _add_meta(document: nodes.document, name: str, content: str, line: int) -> None:
    meta = nodes.meta()
    meta["name"] = name
    meta["content"] = content
    meta.source, meta.line = document["source"], line
    document += meta
