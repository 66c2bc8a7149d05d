"""A project-wide bibliography (``mmark_shared_bibliography = True``).

While reading, each document records the ``<reference>`` entries it defines
(:func:`record_definitions`). Citations of keys the document does not define
itself are left open by the renderer: the citation and the reference-section
item carry the key (``mmark_key``), with the automatic entry (or a
placeholder) in place. When a document is written, :class:`ResolveSharedCitations`
looks every open key up among the entries of the other documents:

* found: the item shows that entry and the citation its label;
* not found, with an automatic entry (``RFC…``): the automatic entry stays;
* not found otherwise: one warning per key and document, the citation shows
  its source text and the item is removed (an emptied section with it).

The first document in name order that defines a key is the one other
documents cite. Each further document defining the same anchor with a
different entry gets one warning (:func:`warn_duplicates`); it keeps using
its own. Because keys resolve at write time, a document whose open keys may
resolve differently after a rebuild is written again (:func:`dependents`).
"""

from __future__ import annotations

import dataclasses
import hashlib
from collections.abc import Callable, Iterable, Set
from typing import Any, cast

from docutils import nodes
from sphinx.application import Sphinx
from sphinx.environment import BuildEnvironment
from sphinx.environment.collectors import EnvironmentCollector
from sphinx.transforms.post_transforms import SphinxPostTransform

from ..config import mmark_settings
from ..environment import kept_on, take_documents
from ..nodes.citations import mmark_cite
from ..warnings_ import MmarkWarning, warn
from .entries import Entry, sort_key
from .render import entry_paragraph

Definitions = dict[str, dict[str, Entry]]
"""docname → {lower-cased anchor: entry} (entry lines are lines of the document)."""

OPEN_KEY = "mmark_key"
"""Attribute of citations and reference items whose key resolves at write time."""
DOC = "mmark_bibdoc"
"""Attribute of open citations and items: the document they belong to."""
FALLBACK = "mmark_fallback"
"""Attribute of an open reference item: whether it has an automatic entry to keep."""


def _definitions(env: BuildEnvironment) -> Definitions:
    return kept_on(env, "mmark_bib_defined", dict)


def _open_docs(env: BuildEnvironment) -> set[str]:
    return kept_on(env, "mmark_bib_open", set)


def record_definitions(
    env: BuildEnvironment, docname: str, defined: dict[str, Entry], has_open: bool
) -> None:
    """Note the entries ``docname`` defines and whether it cites keys left open."""
    _definitions(env)[docname] = dict(defined)
    if has_open:
        _open_docs(env).add(docname)
    else:
        _open_docs(env).discard(docname)


def shared_entries(env: BuildEnvironment, docname: str) -> dict[str, Entry]:
    """The entries other documents define, the first document in name order winning."""
    found: dict[str, Entry] = {}
    for other, entries in sorted(_definitions(env).items()):
        if other == docname:
            continue
        for folded, entry in entries.items():
            found.setdefault(folded, entry)
    return found


class DefinitionCollector(EnvironmentCollector):
    """Keep the recorded definitions in step with the documents (and ``-j`` workers)."""

    def clear_doc(self, app: Sphinx, env: BuildEnvironment, docname: str) -> None:
        _definitions(env).pop(docname, None)
        _open_docs(env).discard(docname)

    def merge_other(
        self, app: Sphinx, env: BuildEnvironment, docnames: Set[str], other: BuildEnvironment
    ) -> None:
        take_documents(_definitions(env), _definitions(other), docnames)
        _open_docs(env).update(_open_docs(other) & set(docnames))

    def process_doc(self, app: Sphinx, doctree: nodes.document) -> None:
        pass  # the renderer records while it reads (it knows the entries)


def _same(first: Entry, second: Entry) -> bool:
    return dataclasses.replace(first, line=None) == dataclasses.replace(second, line=None)


def warn_duplicates(app: Sphinx, env: BuildEnvironment) -> None:
    """One warning for each further document that defines an anchor differently."""
    if not mmark_settings(app.config).shared_bibliography:
        return
    first: dict[str, tuple[str, Entry]] = {}
    for docname, entries in sorted(_definitions(env).items()):
        for folded, entry in entries.items():
            if folded not in first:
                first[folded] = (docname, entry)
                continue
            owner, chosen = first[folded]
            if not _same(chosen, entry):
                warn(
                    f"reference anchor {entry.key!r} is also defined in {owner!r}; "
                    f"other documents cite that one, this document its own",
                    MmarkWarning.REFERENCE_XML,
                    location=(docname, entry.line),
                )


def _fingerprint(env: BuildEnvironment) -> str:
    text = repr(sorted((doc, sorted(e.items())) for doc, e in _definitions(env).items()))
    return hashlib.sha256(text.encode("utf-8", "surrogatepass")).hexdigest()


def dependents(app: Sphinx, env: BuildEnvironment) -> Iterable[str]:
    """Documents to write again because the project's definitions changed."""
    if not mmark_settings(app.config).shared_bibliography:
        return []
    fingerprint = _fingerprint(env)
    before = getattr(env, "mmark_bib_fingerprint", None)
    setattr(env, "mmark_bib_fingerprint", fingerprint)  # noqa: B010 (kept with the environment)
    if before is None or before == fingerprint:
        return []
    return sorted(_open_docs(env) & env.found_docs)


class ResolveSharedCitations(SphinxPostTransform):
    """Resolve open citation keys against the other documents' entries."""

    default_priority = 4

    def run(self, **kwargs: Any) -> None:
        if not mmark_settings(self.config).shared_bibliography:
            return
        # LaTeX resolves one tree made of every document: each node names its own
        lookups: dict[str, dict[str, Entry]] = {}

        def lookup(node: nodes.Element) -> dict[str, Entry]:
            docname = str(node.get(DOC, ""))
            if docname not in lookups:
                lookups[docname] = shared_entries(self.env, docname)
            return lookups[docname]

        unknown = self._resolve_items(lookup)
        for cite in self.document.findall(mmark_cite):
            entry = lookup(cite).get(cite.get(OPEN_KEY, ""))
            if entry is not None:
                label = f"[{entry.label}]"
                for ref in cite.findall(nodes.reference):
                    ref.clear()
                    ref += nodes.Text(label)
        warned: set[tuple[str, str]] = set()
        for holder in list(self.document.findall(nodes.inline)):
            docname = str(holder.get(DOC, ""))
            open_keys: list[str] = holder.get("mmark_open_keys", [])
            missing = [key for key in open_keys if (docname, key) in unknown]
            if not missing:
                continue
            for key in missing:
                if (docname, key) not in warned:
                    warned.add((docname, key))
                    warn(
                        f"unknown citation key {holder['mmark_keys_shown'][key]!r}"
                        + holder.get("mmark_chain", ""),
                        MmarkWarning.CITATION,
                        location=(docname, holder.get("mmark_line")),
                    )
            holder.clear()
            holder += nodes.Text(holder["mmark_source"])

    def _resolve_items(
        self, lookup: Callable[[nodes.Element], dict[str, Entry]]
    ) -> set[tuple[str, str]]:
        """Fill in open reference items; the (document, key) pairs found nowhere."""
        unknown: set[tuple[str, str]] = set()
        lists: list[nodes.Element] = []
        for term in list(self.document.findall(nodes.term)):
            key = term.get(OPEN_KEY)
            item = term.parent
            if key is None or item is None or item.parent is None:
                continue
            if item.parent not in lists:
                lists.append(item.parent)
            entry = lookup(term).get(key)
            if entry is not None:
                term.clear()
                term += nodes.Text(f"[{entry.label}]")
                definition = cast(nodes.Element, item[-1])
                definition.clear()
                definition += entry_paragraph(entry)
            elif not term.get(FALLBACK):
                unknown.add((str(term.get(DOC, "")), key))
                item.parent.remove(item)
        for items in lists:
            children = sorted(
                items.children, key=lambda item: _label_key(cast(nodes.Element, item)[0])
            )
            items.clear()
            items.extend(children)
            if not children:
                _remove_empty(items)
        return unknown


def _label_key(term: nodes.Node) -> tuple[str, str]:
    label = term.astext()[1:-1] if isinstance(term, nodes.term) else ""
    return sort_key(Entry(label, label))


def _remove_empty(items: nodes.Element) -> None:
    """Remove an emptied list's section, and a references section left with only a title."""
    section = items.parent.parent if items.parent is not None else None
    if not isinstance(section, nodes.section) or section.parent is None:
        return
    outer = section.parent
    outer.remove(section)
    if (
        isinstance(outer, nodes.section)
        and outer.parent is not None
        and "mmark-references" in outer["classes"]
        and not any(isinstance(child, nodes.section) for child in outer.children)
    ):
        outer.parent.remove(outer)


def setup_shared(app: Sphinx) -> None:
    """Register the collector, the consistency check, the rewrite hook and the transform."""
    app.add_env_collector(DefinitionCollector)
    app.connect("env-check-consistency", warn_duplicates)
    app.connect("env-updated", dependents)
    app.add_post_transform(ResolveSharedCitations)
