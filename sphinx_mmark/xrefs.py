"""Cross-references: ``(#id)``, ``[](#id)``, ``[text](#id)``, ``[text](post.md#id)``.

While reading, :class:`TargetCollector` records every section id of every
document with the section's title. When writing, :class:`ResolveReferences`
turns each ``pending_xref`` made by the renderer (``refdomain="mmark"``) into a
link: text the author gave is kept, otherwise the target's title becomes the
text. An id that is not in the target document is looked up among Sphinx's
labels (so reST labels work too); a target found nowhere is one warning at the
reference, and the reference's text stays in the page.
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

from ._compat import current_builder
from .renderer import MMARK_DOMAIN
from .warnings_ import MmarkWarning, warn

Targets = dict[str, dict[str, str]]
"""docname → {id: title}."""


def _targets(env: BuildEnvironment) -> Targets:
    if not hasattr(env, "mmark_targets"):
        env.mmark_targets = {}  # type: ignore[attr-defined]
    return env.mmark_targets  # type: ignore[attr-defined, no-any-return]


class TargetCollector(EnvironmentCollector):
    """Record the ids of every document's sections, with their titles."""

    def clear_doc(self, app: Sphinx, env: BuildEnvironment, docname: str) -> None:
        _targets(env).pop(docname, None)

    def merge_other(
        self, app: Sphinx, env: BuildEnvironment, docnames: Set[str], other: BuildEnvironment
    ) -> None:
        mine, theirs = _targets(env), _targets(other)
        for docname in docnames:
            if docname in theirs:
                mine[docname] = theirs[docname]

    def process_doc(self, app: Sphinx, doctree: nodes.document) -> None:
        found: dict[str, str] = {}
        for section in doctree.findall(nodes.section):
            if not section.children or not isinstance(section[0], nodes.title):
                continue
            title = clean_astext(section[0])
            for node_id in section["ids"]:
                found.setdefault(node_id, title)
        _targets(app.env)[app.env.docname] = found


class ResolveReferences(SphinxPostTransform):
    """Turn sphinx-mmark's pending references into links (before Sphinx's own resolver)."""

    default_priority = 5  # type: ignore[assignment]

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
        contents = self._contents(node, title)
        if node_id:
            ref = make_refnode(builder, fromdoc, docname, node_id, contents, title)
        else:
            ref = nodes.reference("", "", contents, internal=True, reftitle=title)
            ref["refuri"] = builder.get_relative_uri(fromdoc, docname)
        ref["classes"].extend(["mmark-xref"])
        node.replace_self(ref)

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
