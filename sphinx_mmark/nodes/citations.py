"""docutils nodes for citations and reference lists, and how each writer shows them.

* :class:`mmark_cite` wraps the link of one citation. LaTeX writes
  ``\\sphinxcite{<doc>:<id>}`` (a real ``\\cite``); every other writer shows
  the link it holds.
* :class:`mmark_bibliography` wraps the definition list of one reference
  section. LaTeX writes a list of ``\\bibitem[<label>]{<doc>:<id>}`` entries
  (so ``\\cite`` resolves and hyperref links it); every other writer shows the
  definition list (``[label]`` terms with the entry text).

Keys are made of the document name and the entry's document-unique id, so two
drafts in one project that cite the same RFC do not clash. A document name may
hold characters that mean something to TeX (``a}b%c.md``): :func:`latex_key`
turns every key into one that TeX reads as written.
"""

from __future__ import annotations

import hashlib
from typing import Any, cast

from docutils import nodes
from sphinx.application import Sphinx

from .visitors import TRANSPARENT, add_node, ignore


class mmark_cite(nodes.Inline, nodes.TextElement):  # noqa: N801 (docutils names nodes in lower case)
    """One citation; ``node["bibkey"]`` is the LaTeX citation key."""


class mmark_bibliography(nodes.General, nodes.Element):  # noqa: N801
    """The entries of one reference section (a definition list inside)."""


_KEY_SAFE = frozenset("ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789:./_-")
"""Characters that TeX, ``.aux`` files and hyperref anchors take literally in a ``\\cite`` key."""


def latex_key(bibkey: str) -> str:
    """The ``\\cite``/``\\bibitem`` key for ``bibkey`` (``<docname>:<id>``).

    A key of safe ASCII characters is used as it is. Any other key keeps its safe
    characters and gets ``.`` and 16 hex digits of its SHA-256: distinct keys stay
    distinct, and it cannot equal an untouched key (whose id, after the last ``:``,
    is a slug without dots).
    """
    if all(char in _KEY_SAFE for char in bibkey):
        return bibkey
    kept = "".join(char for char in bibkey if char in _KEY_SAFE)
    digest = hashlib.sha256(bibkey.encode("utf-8", "surrogatepass")).hexdigest()[:16]
    return f"{kept}.{digest}"


def _visit_cite_latex(self: Any, node: nodes.Element) -> None:
    self.body.append(rf"\sphinxcite{{{latex_key(node['bibkey'])}}}")
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
        self.body.append(f"\\bibitem[{label}]{{{latex_key(term['bibkey'])}}}\n")
        for child in definition.children:
            child.walkabout(self)
    self.body.append("\\end{list}\n")
    raise nodes.SkipNode


def add_citation_nodes(app: Sphinx) -> None:
    """Register both nodes: LaTeX writes citation keys, every other writer the children."""
    add_node(app, mmark_cite, TRANSPARENT, latex=(_visit_cite_latex, ignore))
    add_node(app, mmark_bibliography, TRANSPARENT, latex=(_visit_bibliography_latex, ignore))
