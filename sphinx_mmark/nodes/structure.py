"""What mmark's document structure needs from Sphinx (issue 3): writers, numbering, assets.

* :class:`~sphinx_mmark.nodes.division` (``{frontmatter}`` …) writes nothing in
  HTML, text and man; in LaTeX it switches page numbering and section numbering
  (``\\sphinxmmarkfrontmatter`` …, from ``sphinxmmarkstructure.sty``), unless
  ``mmark_latex_divisions`` is off.
* After a document is read, the sections that follow a division get the class
  ``mmark-frontmatter`` / ``mmark-mainmatter`` / ``mmark-backmatter``, and
  sections that must not be numbered (special sections ``.# …`` and everything
  in the front matter) are left out of toctree numbering (``skip_section_number``
  on their toc entry; their number is then set to none, so that HTML does not
  fall back to the page's number).
* In LaTeX, unnumbered sections are wrapped in ``\\sphinxmmarkunnumbered`` /
  ``\\sphinxmmarknumbered`` (they stay in the table of contents).
* :class:`~sphinx_mmark.nodes.task_checkbox` gets a visitor per writer.
"""

from __future__ import annotations

from typing import Any

from docutils import nodes
from sphinx import addnodes
from sphinx.application import Sphinx
from sphinx.transforms.post_transforms import SphinxPostTransform

from . import division, task_checkbox
from .assets import register_assets

UNNUMBERED = "mmark-unnumbered"
"""Class of sections that are never numbered."""

_CSS = "sphinx-mmark-structure.css"
_STY = "sphinxmmarkstructure"


# -- divisions ------------------------------------------------------------------


def _skip(self: Any, node: nodes.Element) -> None:
    raise nodes.SkipNode


def _visit_division_latex(self: Any, node: division) -> None:
    if self.config.mmark_latex_divisions:
        self.body.append(f"\n\\sphinxmmark{node['kind']}\n")
    raise nodes.SkipNode


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


# -- numbering --------------------------------------------------------------------


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


def _clear_numbers(app: Sphinx, env: Any) -> list[str]:
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


# -- task lists -----------------------------------------------------------------


def _visit_task_html(self: Any, node: task_checkbox) -> None:
    checked = ' checked="checked"' if node["checked"] else ""
    self.body.append(
        f'<input class="task-list-item-checkbox" type="checkbox" disabled="disabled"{checked} />'
    )
    raise nodes.SkipNode


def _visit_task_latex(self: Any, node: task_checkbox) -> None:
    self.body.append("\\sphinxmmarktaskdone{} " if node["checked"] else "\\sphinxmmarktaskopen{} ")
    raise nodes.SkipNode


def _visit_task_text(self: Any, node: task_checkbox) -> None:
    self.add_text("[x] " if node["checked"] else "[ ] ")
    raise nodes.SkipNode


def _visit_task_body(self: Any, node: task_checkbox) -> None:
    self.body.append("[x] " if node["checked"] else "[ ] ")
    raise nodes.SkipNode


def _depart(self: Any, node: nodes.Element) -> None:
    pass


# -- setup ------------------------------------------------------------------------


def setup_structure(app: Sphinx) -> None:
    """Register the nodes, the numbering hooks and the assets."""
    app.add_node(
        division,
        html=(_skip, _depart),
        latex=(_visit_division_latex, _depart),
        text=(_skip, _depart),
        man=(_skip, _depart),
        texinfo=(_skip, _depart),
    )
    app.add_node(
        task_checkbox,
        html=(_visit_task_html, _depart),
        latex=(_visit_task_latex, _depart),
        text=(_visit_task_text, _depart),
        man=(_visit_task_body, _depart),
        texinfo=(_visit_task_body, _depart),
    )
    # after Sphinx's toctree collector (priority 500) has built the document's toc
    app.connect("doctree-read", _doctree_read, priority=600)
    # after Sphinx's numbering (also an env-get-updated handler, priority 500)
    app.connect("env-get-updated", _clear_numbers, priority=600)
    app.add_post_transform(UnnumberedSectionsLatex)
    register_assets(app, _CSS, _STY)
