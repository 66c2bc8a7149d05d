"""The ``hugo`` builder: every page at the URL the Hugo site gave it.

``sphinx-build -b hugo`` (the default of ``sphinx-mmark build`` for Hugo sites)
is Sphinx's ``dirhtml`` builder with one change: a document's page is written
at its Hugo URL (:class:`~.model.Site`), not at its document name. So
``content/notes/tools.md`` with the permalink pattern ``/:year/:month/:slug/``
is the page ``/2020/07/tools/``, the content root's ``_index.md`` is ``/``, and
a section's ``_index.md`` is the section's URL. Links between pages, the
navigation and the search index follow. Pages that are no document (the index,
the search page, generated lists) keep dirhtml's paths; ``404`` is written as
``404.html``, where web servers look for it.

A URL that climbs out of the output folder, or that another document already
has, is not used: the page keeps its dirhtml path, with one ``mmark.hugo``
warning naming both.
"""

from __future__ import annotations

from collections.abc import Set
from pathlib import Path
from typing import Any

from sphinx.builders.dirhtml import DirectoryHTMLBuilder

from ..warnings_ import MmarkWarning, warn
from .model import encoded, site_of

__all__ = ["NOT_FOUND_PAGE", "HugoBuilder", "encoded"]

NOT_FOUND_PAGE = "404"
"""The page name written as ``404.html`` at the root of the output folder."""


class HugoBuilder(DirectoryHTMLBuilder):
    """Sphinx's dirhtml builder, writing each document at its Hugo URL."""

    name = "hugo"
    epilog = "The Hugo site is in %(outdir)s."

    def hugo_url(self, docname: str) -> str | None:
        """The decoded URL path of ``docname`` (``/posts/x/``), ``None`` for other pages."""
        return site_of(self.env).url_of(docname)

    def get_target_uri(self, docname: str, typ: str | None = None) -> str:
        url = self.hugo_url(docname)
        if docname == NOT_FOUND_PAGE:
            return f"{NOT_FOUND_PAGE}{self.out_suffix}"
        if url is None:  # a generated page: its name is its (decoded) path, `tags/c#/index`
            return encoded(super().get_target_uri(docname, typ))
        return encoded(url.lstrip("/"))

    def get_output_path(self, page_name: str, /) -> Path:
        url = self.hugo_url(page_name)
        if url is not None:
            parts = [part for part in url.split("/") if part]
            if url.endswith("/"):
                return Path(self.outdir, *parts, f"index{self.out_suffix}")
            return Path(self.outdir, *parts)
        if page_name == NOT_FOUND_PAGE:
            return Path(self.outdir, f"{NOT_FOUND_PAGE}{self.out_suffix}")
        return super().get_output_path(page_name)

    def prepare_writing(self, docnames: Set[str]) -> None:
        super().prepare_writing(docnames)
        # the search page builds its links as dirhtml's: the index below holds URLs
        self.globalcontext["builder"] = "dirhtml"
        for docname, message in site_of(self.env).problems:
            warn(message, MmarkWarning.HUGO, location=(docname, None))

    def init(self) -> None:
        super().init()
        # no empty `_sources/` in a published site that copies no sources
        self.copysource = bool(self.config.html_copy_source)
        self.indexer_format = _SearchIndexWithUrls(self.indexer_format, self)

    def search_name(self, docname: str) -> str:
        """What the search page turns into ``<name>/``: the encoded URL, ``index`` for ``/``."""
        url = self.hugo_url(docname)
        if url is None:
            return docname
        return encoded(url.strip("/")) or "index"


class _SearchIndexWithUrls:
    """The search index format of the builder, with URLs where Sphinx has document names.

    Sphinx's search page links a result to ``<document name>/`` under dirhtml; the
    index written holds each page's URL there instead, and is read back to names.
    """

    def __init__(self, inner: Any, builder: HugoBuilder) -> None:
        self._inner, self._builder = inner, builder

    def dump(self, data: dict[str, Any], stream: Any) -> None:
        names = [self._builder.search_name(docname) for docname in data["docnames"]]
        self._inner.dump({**data, "docnames": names}, stream)

    def load(self, stream: Any) -> Any:
        data = self._inner.load(stream)
        if isinstance(data, dict) and isinstance(data.get("docnames"), list):
            site = site_of(self._builder.env)
            back = {self._builder.search_name(docname): docname for docname in site.pages}
            data["docnames"] = [back.get(name, name) for name in data["docnames"]]
        return data
