"""The pages of a Hugo-like project, from their front matter, and their order.

Hugo orders a list of pages by ``weight`` (pages with a weight first, lowest
first; ``0`` means no weight), then by date (newest first), then by title,
then by path. :func:`sort_pages` does the same.
"""

from __future__ import annotations

import datetime as dt
import os
import posixpath
from dataclasses import dataclass

from sphinx.environment import BuildEnvironment

from ..parse.dates import page_date
from ..sphinx_ext.source_scan import scanned_front_matter

SECTION_INDEX = "_index"
BUNDLE_INDEX = "index"


@dataclass(frozen=True)
class Page:
    """One document and its front matter."""

    docname: str
    data: dict[str, object]

    @property
    def weight(self) -> int:
        value = self.data.get("weight")
        try:
            return int(value) if isinstance(value, int | float | str) else 0
        except ValueError:
            return 0

    @property
    def date(self) -> dt.datetime | None:
        return page_date(self.data)

    @property
    def title(self) -> str:
        return str(self.data.get("linkTitle") or self.data.get("title") or "")


def load_pages(env: BuildEnvironment) -> dict[str, Page]:
    """Every found document with its front matter.

    The front matter comes from the start-up scan of the Markdown sources
    (:func:`sphinx_mmark.sphinx_ext.source_scan.scanned_front_matter`), so no file is read here;
    other documents (reStructuredText) have none.
    """
    pages = {}
    for docname in sorted(env.found_docs):
        relpath = os.fspath(env.doc2path(docname, base=False)).replace(os.sep, "/")
        data = scanned_front_matter(env.config, relpath)
        pages[docname] = Page(docname, data if data is not None else {})
    return pages


def sort_key(page: Page) -> tuple[int, int, float, str, str]:
    weight = page.weight
    date = page.date
    stamp = -date.timestamp() if date is not None else float("inf")
    return (0 if weight else 1, weight, stamp, page.title.lower(), page.docname)


def sort_pages(pages: list[Page]) -> list[Page]:
    """Hugo's default order (see the module docstring)."""
    return sorted(pages, key=sort_key)


def is_section_index(docname: str) -> bool:
    return posixpath.basename(docname) == SECTION_INDEX
