"""Cross-references: ``(#id)``, ``[](#id)``, ``[text](#id)``, ``[text](post.md#id)``.

While reading, :class:`TargetCollector` records every section id of every
document with the section's title. When writing, :class:`ResolveReferences`
turns each ``pending_xref`` made by the renderer (``refdomain="mmark"``) into a
link: text the author gave is kept, otherwise the target's title becomes the
text. An id that is not in the target document is looked up among Sphinx's
labels (so reST labels work too); a target found nowhere is one warning at the
reference, and the reference's text stays in the page.

A reference without a document (``(#id)``, ``[text](#id)``) whose id is neither in its own
document nor a label links to the document of the project that has the id: mmark resolved
it against every heading of the whole (included) book, which in Sphinx is several
documents. When several have it, the one sharing the most folders with the referring
document wins (a book is a folder: two books in one project keep their own ids), then the
first in book order (the toctree from the root document, depth first, then the other
documents by name), as mmark's first heading of that id would. Such a reference is
re-written when a document that has (or had) its id is re-read, and a
``[text](post.md#id)`` one when ``post`` is, so incremental builds do not keep a stale
link or title.

Blocks given an id in mmark (block attributes, ``{#id}`` in a caption) are
targets too. A table, figure or captioned code block is shown as its number
("Table 2", "Figure 1", "Listing 3", from ``numfig_format``) when Sphinx has
numbered it (``numfig``, see :mod:`sphinx_mmark.sphinx_ext.numbering`); in LaTeX the number
is LaTeX's own (``\\ref``), as with Sphinx's ``numref``. Without a number the
caption is the text, and a block with no caption shows its id.
"""

from __future__ import annotations

from collections.abc import Set
from typing import Any

from docutils import nodes
from sphinx import addnodes
from sphinx.application import Sphinx
from sphinx.environment import BuildEnvironment
from sphinx.environment.collectors import EnvironmentCollector
from sphinx.transforms.post_transforms import SphinxPostTransform
from sphinx.util.nodes import clean_astext, make_refnode

from ..environment import current_builder, forget, kept_on, once_per_build, take_documents
from ..nodes import BLOCK_IDS, MMARK_DOMAIN
from ..nodes.rfcxml_payload import XREF_FORMAT
from ..warnings_ import MmarkWarning, warn

Targets = dict[str, dict[str, str]]
"""docname → {id: title}."""

Numbered = dict[str, dict[str, tuple[str, str]]]
"""docname → {id: (figure type, id Sphinx numbers it by)} for numbered block targets."""

Outside = dict[str, tuple[frozenset[str], frozenset[str]]]
"""docname → (ids its references without a document seek outside it, documents its
references name), for re-writing it when those change."""


def _targets(env: BuildEnvironment) -> Targets:
    """The section and block targets of every document read."""
    return kept_on(env, "mmark_targets", Targets)


def _numbered(env: BuildEnvironment) -> Numbered:
    """The numbered block targets of every document read."""
    return kept_on(env, "mmark_numbered", Numbered)


def _outside(env: BuildEnvironment) -> Outside:
    """What the references of every document read seek in other documents."""
    return kept_on(env, "mmark_outside_refs", Outside)


def _book_order(env: BuildEnvironment) -> list[str]:
    """The documents with targets: the toctree from the root document, depth first, then
    the others by name."""
    targets = _targets(env)
    order: list[str] = []
    seen: set[str] = set()
    stack = [str(env.config.root_doc)]
    while stack:
        docname = stack.pop()
        if docname in seen:
            continue
        seen.add(docname)
        order.append(docname)
        stack.extend(reversed(env.toctree_includes.get(docname, [])))
    return [d for d in order if d in targets] + sorted(d for d in targets if d not in seen)


def _holders(env: BuildEnvironment) -> dict[str, list[str]]:
    """id → the documents that have it, in book order."""
    targets = _targets(env)
    holders: dict[str, list[str]] = {}
    for docname in _book_order(env):
        for node_id in targets[docname]:
            holders.setdefault(node_id, []).append(docname)
    return holders


def _nearest(docname: str, holders: list[str]) -> str:
    """The holder sharing the most leading folders with ``docname`` (the first in book
    order among equals)."""
    folders = docname.split("/")[:-1]

    def shared(other: str) -> int:
        count = 0
        for mine, theirs in zip(folders, other.split("/")[:-1], strict=False):
            if mine != theirs:
                break
            count += 1
        return count

    return max(holders, key=shared)  # max keeps the first of equal keys


class TargetCollector(EnvironmentCollector):
    """Record the ids of every document's sections and mmark block targets, with titles,
    and what its references seek in other documents."""

    def __init__(self) -> None:
        self.before: dict[str, dict[str, str]] = {}
        """The targets (id → title) the documents cleared in this build had."""
        self.changed_docs: set[str] = set()
        """The documents cleared or read in this build."""

    def clear_doc(self, app: Sphinx, env: BuildEnvironment, docname: str) -> None:
        self.before.setdefault(docname, _targets(env).pop(docname, {}))
        self.changed_docs.add(docname)
        _numbered(env).pop(docname, None)
        _outside(env).pop(docname, None)
        forget(env, _holders)

    def merge_other(
        self, app: Sphinx, env: BuildEnvironment, docnames: Set[str], other: BuildEnvironment
    ) -> None:
        take_documents(_targets(env), _targets(other), docnames)
        take_documents(_numbered(env), _numbered(other), docnames)
        take_documents(_outside(env), _outside(other), docnames)
        self._note_read(env, docnames)

    def _note_read(self, env: BuildEnvironment, docnames: Set[str]) -> None:
        self.changed_docs.update(docnames)
        forget(env, _holders)

    def get_updated_docs(self, app: Sphinx, env: BuildEnvironment) -> list[str]:
        """The documents not read whose references may now resolve differently: those
        seeking an id that a document read or removed gained, lost or retitled, and those
        naming such a document."""
        before, docs = self.before, self.changed_docs
        self.before, self.changed_docs = {}, set()
        if not docs:
            return []
        ids: set[str] = set()
        targets = _targets(env)
        for docname in docs:
            old, new = before.get(docname, {}), targets.get(docname, {})
            ids.update(
                node_id
                for node_id in old.keys() | new.keys()
                if old.get(node_id) != new.get(node_id)
            )
        return [
            docname
            for docname, (seeks, names) in _outside(env).items()
            if docname not in docs and not (seeks.isdisjoint(ids) and names.isdisjoint(docs))
        ]

    def process_doc(self, app: Sphinx, doctree: nodes.document) -> None:
        found: dict[str, str] = {}
        for section in doctree.findall(nodes.section):
            if not section.children or not isinstance(section[0], nodes.title):
                continue
            title = clean_astext(section[0])
            for node_id in section["ids"]:
                found.setdefault(node_id, title)
        numbered: dict[str, tuple[str, str]] = {}
        std = app.env.domains.standard_domain
        for node_id in doctree.get(BLOCK_IDS, []):
            block = doctree.ids.get(node_id)
            if not isinstance(block, nodes.Element):
                continue
            caption = std.get_numfig_title(block)
            found.setdefault(node_id, " ".join(caption.split()) if caption else node_id)
            figtype = std.get_enumerable_node_type(block)
            if caption is not None and figtype and figtype != "section":
                numbered[node_id] = (figtype, block["ids"][0])
        seeks: set[str] = set()
        names: set[str] = set()
        for ref in doctree.findall(addnodes.pending_xref):
            if ref.get("refdomain") != MMARK_DOMAIN:
                continue
            if ref.get("mmark_doc"):
                names.add(str(ref["mmark_doc"]))
            elif str(ref["reftarget"]) not in found:
                seeks.add(str(ref["reftarget"]))
        docname = app.env.docname
        _targets(app.env)[docname] = found
        _numbered(app.env)[docname] = numbered
        _outside(app.env)[docname] = (frozenset(seeks), frozenset(names - {docname}))
        self._note_read(app.env, {docname})


class ResolveReferences(SphinxPostTransform):
    """Turn sphinx-mmark's pending references into links (before Sphinx's own resolver)."""

    default_priority = 5

    def run(self, **kwargs: Any) -> None:
        for node in list(self.document.findall(addnodes.pending_xref)):
            if node.get("refdomain") == MMARK_DOMAIN:
                self._resolve(node)

    def _resolve(self, node: addnodes.pending_xref) -> None:
        target = str(node["reftarget"])
        fromdoc = str(node["refdoc"])
        todoc = str(node.get("mmark_doc") or fromdoc)
        found = self._lookup(todoc, target, cross_document=bool(node.get("mmark_doc")))
        if found is None:
            shown = f"{node.get('mmark_doc', '')}#{target}".lstrip("#") or target
            warn(f"unknown cross-reference target: {shown}", MmarkWarning.REF, location=node)
            node.replace_self(self._contents(node, f"(#{target})"))
            return
        docname, node_id, title = found
        builder = current_builder(self.env)
        xref_format = node.get(XREF_FORMAT)
        if (
            not node.get("refexplicit")
            and xref_format != "title"  # (#id, use title): the caption, not "Figure 2"
            and self._number_reference(node, fromdoc, docname, node_id)
        ):
            return
        contents = self._contents(node, title)
        if node_id:
            ref = make_refnode(builder, fromdoc, docname, node_id, contents, title)
        else:
            ref = nodes.reference("", "", contents, internal=True, reftitle=title)
            ref["refuri"] = builder.get_relative_uri(fromdoc, docname)
        ref["classes"].extend(["mmark-xref"])
        if xref_format:
            ref[XREF_FORMAT] = xref_format
        node.replace_self(ref)

    def _number_reference(
        self, node: addnodes.pending_xref, fromdoc: str, docname: str, node_id: str
    ) -> bool:
        """Replace ``node`` by a "Table 2"-style link if its target is numbered."""
        numbered = _numbered(self.env).get(docname, {}).get(node_id)
        if numbered is None or not self.config.numfig:
            return False
        figtype, number_id = numbered
        numbers = self.env.toc_fignumbers.get(docname, {}).get(figtype, {}).get(number_id)
        label = str(self.config.numfig_format.get(figtype, "%s"))
        if numbers is None or "%s" not in label:
            return False
        text = label % ".".join(map(str, numbers))
        builder = current_builder(self.env)
        if builder.format == "latex":
            # LaTeX numbers captions itself: refer with \ref, as Sphinx's numref does
            ref: nodes.Element = addnodes.number_reference(
                "", "", internal=True, title=label, refid=node_id
            )
            if docname != fromdoc:
                del ref["refid"]
                ref["refuri"] = builder.get_relative_uri(fromdoc, docname) + "#" + node_id
            ref += nodes.inline(text, text)
        else:
            ref = make_refnode(builder, fromdoc, docname, node_id, nodes.inline(text, text), text)
        ref["classes"].extend(["mmark-xref", f"mmark-{figtype}-ref"])
        if node.get(XREF_FORMAT):
            ref[XREF_FORMAT] = node[XREF_FORMAT]
        node.replace_self(ref)
        return True

    def _lookup(
        self, docname: str, target: str, *, cross_document: bool
    ) -> tuple[str, str, str] | None:
        """(docname, id, title) of the target, or None."""
        env = self.env
        if not target:
            if docname in env.titles:
                return docname, "", clean_astext(env.titles[docname])
            return None
        own = _targets(env).get(docname, {})
        if target in own:
            return docname, target, own[target]
        if cross_document:
            return None
        labels = env.domains.standard_domain.labels
        if target in labels:
            labeldoc, labelid, title = labels[target]
            return labeldoc, labelid, title
        holders = once_per_build(env, _holders).get(target)
        if holders:
            holder = _nearest(docname, holders)
            return holder, target, _targets(env)[holder][target]
        return None

    @staticmethod
    def _contents(node: addnodes.pending_xref, fallback: str) -> nodes.Element:
        inner = node.children[0] if node.children else nodes.inline()
        if not isinstance(inner, nodes.Element):
            inner = nodes.inline("", inner.astext())
        if not node.get("refexplicit") or not inner.astext():
            inner = nodes.inline(fallback, fallback, classes=inner.get("classes", []))
        return inner


def setup_xrefs(app: Sphinx) -> None:
    """Register the collector and the resolver."""
    app.add_env_collector(TargetCollector)
    app.add_post_transform(ResolveReferences)
