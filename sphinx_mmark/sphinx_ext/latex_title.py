"""The LaTeX front page of an Internet-Draft: title, authors, date and abstract from its
``%%%`` title block.

When the root document opens with a ``%%%`` title block (mmark 2 drafts), on
``config-inited``:

* ``latex_documents`` (unless the project sets it) becomes one document whose
  title is the block's ``title``, whose authors are all its ``[[author]]`` entries,
  each with its organisation on the line below, and whose class is ``howto``
  (an article, with ``\\section`` as the top level) unless the project sets
  ``latex_theme``: a draft is not a book of one chapter. The output file keeps
  Sphinx's name (from ``project``). With ``howto``, ``latex_elements["fncychap"]``
  (chapter heads, which an article has none of) is empty unless the project sets it.
* the date under the title (unless the project sets ``today``) is the block's
  ``date``; without one Sphinx's date (today) stays. (Sphinx takes the LaTeX date
  from ``today`` alone, so it is given to the latex builder on ``env-updated``.)

After the references are resolved, :class:`AbstractLatex` turns the root document's
``.# Abstract`` section into LaTeX's ``abstract`` environment (before the first
section, as on an RFC's first page). A project that writes its own
``latex_documents`` keeps them as they are; the abstract is still an abstract.
"""

from __future__ import annotations

import os
import weakref
from dataclasses import dataclass
from typing import Any

from docutils import nodes
from sphinx import addnodes
from sphinx.application import Sphinx
from sphinx.builders.latex import LaTeXBuilder, default_latex_documents
from sphinx.config import Config
from sphinx.environment import BuildEnvironment
from sphinx.transforms.post_transforms import SphinxPostTransform
from sphinx.util import texescape

from ..parse import front_matter as fm
from ..parse.decoding import decode
from ..render.title_block import draft_front
from .latex_engine import _set_by_project

TITLE_BLOCK_CLASS = "mmark-title-block"
"""The class of the container a title block is shown in (see :mod:`..render.title_block`)."""
_SUFFIXES = (".md", ".mmark")


@dataclass(frozen=True)
class DraftFront:
    """What the LaTeX front page shows of a title block (plain text, not yet escaped)."""

    title: str
    authors: tuple[tuple[str, str], ...]
    """(full name, organisation) of each author, in order ("" for no organisation)."""
    date: str


_FRONTS: weakref.WeakKeyDictionary[Config, DraftFront] = weakref.WeakKeyDictionary()
"""The front page of each project whose root document has a title block."""


def root_title_block(srcdir: str | os.PathLike[str], root_doc: str) -> dict[str, Any] | None:
    """The data of the ``%%%`` title block that opens the root document, or None."""
    for suffix in _SUFFIXES:
        path = os.path.join(os.fspath(srcdir), root_doc + suffix)
        try:
            with open(path, "rb") as stream:
                text = decode(stream.read()).text
        except OSError:
            continue
        block = fm.head_block(text)
        if block is None or block.kind != "titleblock":
            return None
        front = fm.read_or_none(block)
        return front.data if front is not None else None
    return None


def latex_author(authors: tuple[tuple[str, str], ...], engine: str) -> str:
    """The ``\\author`` text: each author with the organisation on a line below,
    separated by ``\\and`` (the PDF's author field gets ``name, organisation``)."""
    parts = []
    for name, organisation in authors:
        text = texescape.escape(name, engine)
        if organisation:
            text += r"\texorpdfstring{\\}{, }" + texescape.escape(organisation, engine)
        parts.append(text)
    return r" \and ".join(parts)


def front_page(app: Sphinx, config: Config) -> None:
    """Take the LaTeX title, authors, date and class from the root document's title
    block, where the project does not set them (``config-inited``)."""
    data = root_title_block(app.srcdir, config.root_doc)
    if data is None:
        return
    front = _FRONTS[config] = DraftFront(*draft_front(data))
    engine = config.latex_engine
    if not _set_by_project(config, "latex_documents"):
        default = default_latex_documents(config)[0]
        title = texescape.escape(front.title, engine) if front.title else default[2]
        author = latex_author(front.authors, engine) if front.authors else default[3]
        theme = config.latex_theme if _set_by_project(config, "latex_theme") else "howto"
        config.latex_documents = [(config.root_doc, default[1], title, author, theme)]
        if theme == "howto" and "fncychap" not in config.latex_elements:
            # Sphinx loads fncychap (chapter heads) in articles too, and its \appendix
            # then sets a chapter counter an article lacks ({backmatter} fails)
            config.latex_elements = {**config.latex_elements, "fncychap": ""}


def front_date(app: Sphinx, env: BuildEnvironment) -> None:
    """Date the LaTeX front page with the title block's ``date`` (``env-updated``, after
    the engine choice, which starts the builder's settings again)."""
    front = _FRONTS.get(app.config)
    builder = app.builder
    if front is None or not front.date or not isinstance(builder, LaTeXBuilder):
        return
    if not _set_by_project(app.config, "today"):
        builder.context["date"] = texescape.escape(front.date, app.config.latex_engine)


def _in_root(node: nodes.Node) -> bool:
    """Whether ``node`` is the root document's own (not a document a toctree put in)."""
    parent = node.parent
    while parent is not None:
        if isinstance(parent, addnodes.start_of_file):
            return False
        parent = parent.parent
    return True


class AbstractLatex(SphinxPostTransform):
    """Write the root document's ``.# Abstract`` as LaTeX's ``abstract`` environment,
    when the document has a title block (its id stays, for links to it)."""

    default_priority = 390  # before the unnumbered-section markers (400) are added
    formats = ("latex",)

    def run(self, **kwargs: Any) -> None:
        if self.env.docname != self.config.root_doc:
            return
        if not any(
            TITLE_BLOCK_CLASS in node["classes"] and _in_root(node)
            for node in self.document.findall(nodes.container)
        ):
            return
        for section in self.document.findall(nodes.section):
            if "abstract" in section["classes"] and "mmark-special" in section["classes"]:
                if _in_root(section) and section.parent is not None:
                    self._replace(section)
                return

    @staticmethod
    def _replace(section: nodes.section) -> None:
        body = [child for child in section.children if not isinstance(child, nodes.title)]
        container = nodes.container(classes=["mmark-abstract"])
        container += nodes.raw("", "\\begin{abstract}\n", format="latex")
        container.extend(body)
        container += nodes.raw("", "\\end{abstract}\n", format="latex")
        if section["ids"]:  # (a container writes no label in LaTeX; a target does)
            container.insert(0, nodes.target("", "", ids=list(section["ids"])))
        section.parent.replace(section, container)


def setup_latex_title(app: Sphinx) -> None:
    """Register the front-page settings and the abstract (see the module docstring)."""
    app.connect("config-inited", front_page)
    app.connect("env-updated", front_date, priority=600)  # after latex_engine.choose_engine
    app.add_post_transform(AbstractLatex)
