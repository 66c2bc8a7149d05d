"""Links and cross-references: where each kind of link target goes.

* ``(#id)`` cross-references and ``[text](#id)`` links: a reference to an id of
  this page, resolved by :mod:`sphinx_mmark.sphinx_ext.xrefs`;
* a link to another source file of the project (``other.md#id``, or a document
  named without its suffix): a reference to that page; a source file that is not
  in the project is reported and kept as a URL;
* a link to another file of the project: a download link (MyST's), unless the
  file lies outside the folders images may come from (reported; its text shown);
* site URLs of the old Hugo site (``/posts/x/``, ``x/``), external URLs and
  anything else: kept as written.
"""

from __future__ import annotations

import os
from pathlib import Path
from typing import cast

from docutils import nodes
from markdown_it.tree import SyntaxTreeNode
from myst_parser.mdit_to_docutils.base import token_line

from ..nodes.rfcxml_payload import XREF_FORMAT
from ..parse.includes.paths import shown
from ..warnings_ import MmarkWarning
from .base import RendererBase
from .images import ImageFolders

_DOC_SUFFIXES = (".md", ".mmark", ".rst", ".txt")
"""Suffixes of the files a link names as a page of the project."""


class LinkRendering(RendererBase):
    """``render_link`` and ``render_mmark_xref``; see the module docstring."""

    def render_mmark_xref(self, token: SyntaxTreeNode) -> None:
        target = str(token.meta["target"])
        text = token.meta.get("text")
        node = self._pending_xref("", target, explicit=bool(text), at=token, text=text or "")
        if token.meta.get("format"):  # (#id, use title): for the rfcxml builder
            node[XREF_FORMAT] = str(token.meta["format"])
        self.current_node.append(node)

    def render_link(self, token: SyntaxTreeNode) -> None:
        href = str(token.attrGet("href") or "")
        if token.info == "auto" or not href:
            super().render_link(token)
            return
        if href.startswith("#"):
            self._render_xref_link(token, "", href[1:])
            return
        path, _, fragment = href.partition("#")
        if (path.startswith("/") and not path.startswith("//")) or path.endswith("/"):
            # a site URL of the old (Hugo) site: kept as written, the redirect pages
            # (aliases, old URLs) make it work on the new one
            self.render_link_url(token)
            return
        if "://" in path or path.startswith("mailto:"):
            super().render_link(token)
            return
        if not path.endswith(_DOC_SUFFIXES):
            self._render_other_relative_link(token, path)
            return
        env = self.sphinx_env
        _, abs_path = env.relfn2path(self.md.normalizeLinkText(path), env.docname)
        docname = env.path2doc(abs_path)
        if docname is None or docname not in env.found_docs:
            self.mmark_warning(
                f"link to a document that is not in the project: {path}",
                MmarkWarning.REF,
                token_line(token, 0),
            )
            self.render_link_url(token)
            return
        self._render_xref_link(token, docname, self.md.normalizeLinkText(fragment))

    def _render_other_relative_link(self, token: SyntaxTreeNode, path: str) -> None:
        """A relative link that names no source file: a file of the project (MyST makes
        it a download link) or a document named without its suffix, else a URL of the
        old site kept as written (Hugo did not check them either)."""
        env = self.sphinx_env
        relative, abs_path = env.relfn2path(self.md.normalizeLinkText(path), env.docname)
        if os.path.isfile(abs_path):
            problem = ImageFolders.of(env).problem(
                self.md.normalizeLinkText(path),
                Path(os.path.realpath(os.path.dirname(env.doc2path(env.docname)))),
            )
            if problem is None:
                super().render_link(token)
                return
            self.mmark_warning(
                f"link to {shown(path)} is not made, its text is shown instead: {problem}",
                MmarkWarning.DOWNLOAD,
                token_line(token, 0),
            )
            self.render_children(token)
            return
        docname = os.path.normpath(relative).replace(os.sep, "/")
        if docname in env.found_docs:
            self._render_xref_link(token, docname, "")
            return
        self.render_link_url(token)

    def _render_xref_link(self, token: SyntaxTreeNode, docname: str, target: str) -> None:
        explicit = bool(token.children)
        node = self._pending_xref(docname, target, explicit=explicit, at=token)
        if explicit:
            with self.current_node_context(cast(nodes.Element, node[0])):
                self.render_children(token)
        self.current_node.append(node)
