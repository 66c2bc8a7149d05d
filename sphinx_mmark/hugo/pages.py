"""The pages of a Hugo-like project, from their front matter, and their order.

Hugo orders a list of pages by ``weight`` (pages with a weight first, lowest
first; ``0`` means no weight), then by date (newest first), then by title,
then by path. :func:`sort_pages` does the same.
"""

from __future__ import annotations

import datetime as dt
import posixpath
from dataclasses import dataclass
from pathlib import Path

from sphinx.environment import BuildEnvironment

from ..detect import head_data
from .dates import page_date

_HEAD_BYTES = 64 * 1024
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


def read_head(path: Path) -> str:
    """The first bytes of a file, decoded leniently ("" when unreadable)."""
    try:
        with path.open("rb") as stream:
            return stream.read(_HEAD_BYTES).decode("utf-8", "replace")
    except OSError:
        return ""


def load_pages(env: BuildEnvironment) -> dict[str, Page]:
    """Every found document with its front matter (read from the file's head)."""
    cache: dict[str, Page] | None = getattr(env, "_mmark_hugo_pages", None)
    if cache is not None and cache.keys() == env.found_docs:
        return cache
    pages = {
        docname: Page(docname, head_data(read_head(Path(env.doc2path(docname)))))
        for docname in sorted(env.found_docs)
    }
    env._mmark_hugo_pages = pages  # type: ignore[attr-defined]
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
