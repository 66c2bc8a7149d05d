"""Numbering: numbered blocks as in mmark, unnumbered sections and divisions (issue 3).

* ``mmark_numfig`` (default ``"auto"``, settled by
  :mod:`sphinx_mmark.sphinx_ext.source_scan`): tables, figures and captioned
  code are numbered as in mmark's output, so :func:`enable_numfig` turns on
  Sphinx's ``numfig`` and makes ``Figure %s`` the default figure label (mmark
  and RFCs say "Figure 1", Sphinx's default is "Fig. 1"; a ``numfig_format`` of
  the project's own wins).
* After a document is read, the sections that follow a
  :class:`~sphinx_mmark.nodes.division` get the class ``mmark-frontmatter`` /
  ``mmark-mainmatter`` / ``mmark-backmatter``, and sections that must not be
  numbered (special sections ``.# …`` and everything in the front matter) are
  left out of toctree numbering (``skip_section_number`` on their toc entry;
  their number is then set to none, so that HTML does not fall back to the
  page's number).
* In LaTeX, unnumbered sections are wrapped in ``\\sphinxmmarkunnumbered`` /
  ``\\sphinxmmarknumbered`` (they stay in the table of contents).
"""

from __future__ import annotations

from typing import Any

from docutils import nodes
from sphinx import addnodes
from sphinx.application import Sphinx
from sphinx.config import Config
from sphinx.environment import BuildEnvironment
from sphinx.transforms.post_transforms import SphinxPostTransform

from ..config import mmark_settings
from ..nodes import division
from ..nodes.structure import UNNUMBERED


def enable_numfig(app: Sphinx, config: Config) -> None:
    """Turn on ``numfig`` unless ``mmark_numfig`` is False (see the module docstring)."""
    if mmark_settings(config).numfig is not True:
        return
    config.numfig = True
    formats = dict(config.numfig_format or {})
    formats.setdefault("figure", "Figure %s")
    config.numfig_format = formats


def mark_divisions(doctree: nodes.Node) -> None:
    """Give the sections after each division its class; front matter is unnumbered."""
    for marker in list(doctree.findall(division)):
        parent = marker.parent
        if parent is None:
            continue
        for sibling in parent.children[parent.index(marker) + 1 :]:
            if isinstance(sibling, division):
                break
            if isinstance(sibling, nodes.section):
                sibling["classes"].append(f"mmark-{marker['kind']}")
                if marker["kind"] == "frontmatter" and UNNUMBERED not in sibling["classes"]:
                    sibling["classes"].append(UNNUMBERED)


def _unnumbered_anchors(doctree: nodes.Node) -> set[str]:
    anchors: set[str] = set()
    for section in doctree.findall(nodes.section):
        if UNNUMBERED in section["classes"]:
            for inner in section.findall(nodes.section):
                anchors.update("#" + id_ for id_ in inner["ids"])
    return anchors


def _doctree_read(app: Sphinx, doctree: nodes.document) -> None:
    if not doctree.get("mmark"):
        return
    mark_divisions(doctree)
    anchors = _unnumbered_anchors(doctree)
    toc = app.env.tocs.get(app.env.docname)
    if not anchors or toc is None:
        return
    first = next(doctree.findall(nodes.section), None)
    for entry in toc.findall(addnodes.compact_paragraph):
        reference = entry.next_node(nodes.reference)
        if reference is None:
            continue
        anchor = reference.get("anchorname", "")
        if anchor in anchors or (
            not anchor and first is not None and UNNUMBERED in first["classes"]
        ):
            entry["skip_section_number"] = True


def _clear_numbers(app: Sphinx, env: BuildEnvironment) -> list[str]:
    """Give skipped toc entries an empty number, so HTML shows none (not the page's)."""
    for docname, numbers in env.toc_secnumbers.items():
        toc = env.tocs.get(docname)
        if toc is None:
            continue
        for entry in toc.findall(addnodes.compact_paragraph):
            reference = entry.next_node(nodes.reference)
            if "skip_section_number" in entry and reference is not None:
                numbers[reference.get("anchorname", "")] = ()
    return []


class UnnumberedSectionsLatex(SphinxPostTransform):
    """Wrap the titles of unnumbered sections in ``\\sphinxmmarkunnumbered`` … ``numbered``."""

    default_priority = 400
    formats = ("latex",)

    def run(self, **kwargs: Any) -> None:
        for section in list(self.document.findall(nodes.section)):
            if UNNUMBERED not in section["classes"] or section.parent is None:
                continue
            parent = section.parent
            parent.insert(
                parent.index(section),
                nodes.raw("", "\\sphinxmmarkunnumbered\n", format="latex"),
            )
            section.insert(1, nodes.raw("", "\\sphinxmmarknumbered\n", format="latex"))


def setup_numbering(app: Sphinx) -> None:
    """Register the numbering default and the hooks that leave sections unnumbered."""
    # before Sphinx fills in its default numfig_format (priority 800)
    app.connect("config-inited", enable_numfig, priority=700)
    # after Sphinx's toctree collector (priority 500) has built the document's toc
    app.connect("doctree-read", _doctree_read, priority=600)
    # after Sphinx's numbering (also an env-get-updated handler, priority 500)
    app.connect("env-get-updated", _clear_numbers, priority=600)
    app.add_post_transform(UnnumberedSectionsLatex)
