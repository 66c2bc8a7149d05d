"""docutils nodes for citations and reference lists, and how each writer shows them.

* :class:`mmark_cite` wraps the link of one citation. LaTeX writes
  ``\\sphinxcite{<doc>:<id>}`` (a real ``\\cite``); every other writer shows
  the link it holds.
* :class:`mmark_bibliography` wraps the definition list of one reference
  section. LaTeX writes a list of ``\\bibitem[<label>]{<doc>:<id>}`` entries
  (so ``\\cite`` resolves and hyperref links it); every other writer shows the
  definition list (``[label]`` terms with the entry text).

Keys are made of the document name and the entry's document-unique id, so two
drafts in one project that cite the same RFC do not clash.
"""

from __future__ import annotations

from typing import Any, cast

from docutils import nodes
from sphinx.application import Sphinx


class mmark_cite(nodes.Inline, nodes.TextElement):  # noqa: N801 (docutils names nodes in lower case)
    """One citation; ``node["bibkey"]`` is the LaTeX citation key."""


class mmark_bibliography(nodes.General, nodes.Element):  # noqa: N801
    """The entries of one reference section (a definition list inside)."""


def _pass(self: Any, node: nodes.Element) -> None:
    pass


def _visit_cite_latex(self: Any, node: nodes.Element) -> None:
    self.body.append(rf"\sphinxcite{{{node['bibkey']}}}")
    raise nodes.SkipNode


def _visit_bibliography_latex(self: Any, node: nodes.Element) -> None:
    items = list(node.findall(nodes.definition_list_item))
    labels = [item[0].astext() for item in items] or ["[X]"]
    widest = self.encode(max(labels, key=len)[:20])
    self.body.append(
        "\n\\begin{list}{}{\\settowidth{\\labelwidth}{"
        + widest
        + "}\\setlength{\\leftmargin}{\\labelwidth}\\addtolength{\\leftmargin}{\\labelsep}}\n"
    )
    for item in items:
        term, definition = cast(nodes.Element, item[0]), item[-1]
        label = self.encode(term.astext().strip("[]"))
        self.body.append(f"\\bibitem[{label}]{{{term['bibkey']}}}\n")
        for child in definition.children:
            child.walkabout(self)
    self.body.append("\\end{list}\n")
    raise nodes.SkipNode


def add_nodes(app: Sphinx) -> None:
    """Register both nodes with visitors for Sphinx's writers."""
    plain = (_pass, _pass)
    for node, latex in (
        (mmark_cite, _visit_cite_latex),
        (mmark_bibliography, _visit_bibliography_latex),
    ):
        app.add_node(node, html=plain, text=plain, man=plain, texinfo=plain, latex=(latex, _pass))
