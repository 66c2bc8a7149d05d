"""Hugo sections as toctrees.

A section is a folder of the content with an ``_index`` page, and every
top-level folder. Each section's ``_index`` page (and the root page) gets a
toctree of its pages and sub-sections in Hugo's order (weight, then newest
first). On a Hugo site the toctrees are hidden: they give Sphinx's
navigation and LaTeX their structure, while the page shows the list itself
(:mod:`.lists`). A top-level folder without ``_index`` becomes a toctree of the root
page, captioned with the folder's name. Pages below a folder without
``_index`` belong to the nearest section above them, as in Hugo.
"""

from __future__ import annotations

import posixpath
from typing import Any

from docutils import nodes
from sphinx import addnodes
from sphinx.application import Sphinx
from sphinx.environment import BuildEnvironment
from sphinx.transforms import SphinxTransform

from ..config import mmark_settings
from .pages import SECTION_INDEX, Page, is_section_index, load_pages, sort_pages


def _dir(docname: str) -> str:
    return posixpath.dirname(docname)


def section_of(docname: str, indexes: set[str], root_doc: str) -> str:
    """The docname of the section index that lists ``docname``."""
    folder = _dir(docname)
    if is_section_index(docname) or docname == root_doc:
        if docname == root_doc:
            return ""
        folder = _dir(folder)
    while folder:
        candidate = f"{folder}/{SECTION_INDEX}"
        if candidate in indexes:
            return candidate
        if "/" not in folder:
            return f"#top:{folder}"  # a top-level folder without _index
        folder = _dir(folder)
    return root_doc


def plan(docnames: list[str], root_doc: str) -> dict[str, list[str]]:
    """Section index (or ``#top:<folder>``) → the documents it lists."""
    indexes = {doc for doc in docnames if is_section_index(doc)}
    listing: dict[str, list[str]] = {}
    for docname in docnames:
        if docname == root_doc:
            continue
        owner = section_of(docname, indexes, root_doc)
        if owner:
            listing.setdefault(owner, []).append(docname)
    return listing


def _toctree(docname: str, entries: list[str], caption: str | None) -> nodes.compound:
    toctree = addnodes.toctree()
    toctree["parent"] = docname
    toctree["entries"] = [(None, entry) for entry in entries]
    toctree["includefiles"] = list(entries)
    toctree["maxdepth"] = 1
    toctree["caption"] = caption
    toctree["rawcaption"] = caption or ""
    toctree["glob"] = False
    toctree["hidden"] = True  # the list itself is shown by .lists
    toctree["includehidden"] = False
    toctree["numbered"] = 0
    toctree["titlesonly"] = True
    toctree["rawentries"] = []
    return nodes.compound("", toctree, classes=["toctree-wrapper", "hugo-section"])


class SectionToctrees(SphinxTransform):
    """Append the section toctrees to section index pages and the root page."""

    default_priority = 700

    def apply(self, **kwargs: Any) -> None:
        if not mmark_settings(self.config).hugo_root:
            return
        docname = self.env.docname
        root_doc = self.config.root_doc
        if docname != root_doc and not is_section_index(docname):
            return
        pages = load_pages(self.env)
        listing = plan(sorted(pages), root_doc)
        target: nodes.Element = next(iter(self.document.findall(nodes.section)), self.document)
        own = listing.get(docname, [])
        if own:
            target += _toctree(docname, [p.docname for p in _ordered(own, pages)], None)
        if docname == root_doc:
            for key in sorted(k for k in listing if k.startswith("#top:")):
                folder = key.removeprefix("#top:")
                caption = folder.replace("-", " ").replace("_", " ").title()
                entries = [p.docname for p in _ordered(listing[key], pages)]
                target += _toctree(docname, entries, caption)


def _ordered(docnames: list[str], pages: dict[str, Page]) -> list[Page]:
    return sort_pages([pages[d] for d in docnames if d in pages])


def outdated_indexes(
    app: Sphinx, env: BuildEnvironment, added: set[str], changed: set[str], removed: set[str]
) -> list[str]:
    """When pages come, go or change, the lists on the section pages change too."""
    if not mmark_settings(app.config).hugo_root or not (added or changed or removed):
        return []
    return [doc for doc in env.found_docs if is_section_index(doc) or doc == app.config.root_doc]
