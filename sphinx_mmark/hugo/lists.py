"""Hugo's list pages: home, sections, taxonomies and terms, with their pagination.

Only for a Hugo site (``mmark_hugo_root``) built by an HTML builder
(:data:`BUILDERS`). Every list of the :class:`~.model.Site` is served where
Hugo served it:

* a list whose URL a document has (``content/_index.md``, ``posts/_index.md``)
  shows its first page under that document's own content
  (:func:`show_list_in_document`, a ``doctree-resolved`` handler);
* every other list page is generated (:func:`collect_list_pages`, an
  ``html-collect-pages`` handler) under the page name ``<URL path>index``
  (``tags/queues/index``, ``posts/page/2/index``), which every HTML builder
  writes as ``<URL path>index.html``, rendered by the theme's ``page.html``;
* home, section and term lists are cut into pages of ``Site.pager_size``:
  ``<list>/page/N/`` (N ≥ 2) are generated pages and ``<list>/page/1/`` is a
  redirect page to the list itself, as Hugo writes for every paginated list;
  a taxonomy list (``/tags/``, its terms with their page counts) is one page.

The bodies are docutils nodes (:mod:`.lists_nodes`) rendered by the builder's
own HTML writer. A list URL that would leave the output folder, or whose page
name a document already has, gets one ``mmark.hugo`` warning instead of a page.
"""

from __future__ import annotations

from collections.abc import Iterator
from html import escape
from pathlib import Path
from typing import Any

from docutils import nodes
from sphinx.application import Sphinx
from sphinx.builders import Builder
from sphinx.builders.html import StandaloneHTMLBuilder

from ..config import mmark_settings
from ..warnings_ import MmarkWarning, warn
from .confine import RefusedWriteError, shown, write_file
from .generated_pages import (
    LIST_CONTEXT,
    NAVIGATION_PRIORITY,
    add_navigation_wrappers,
    save_fingerprints,
    share_navigation,
    unchanged,
)
from .lists_nodes import Linker, list_body, pager_count, url_problem
from .model import PageList, Site, site_of
from .outputs import rendered
from .redirects import MARKER, PAGE, relative_href

BUILDERS = ("hugo", "dirhtml", "html")
"""The builders that get list pages."""

PageSpec = tuple[str, dict[str, Any], str]
"""What an ``html-collect-pages`` handler yields: page name, template context, template."""


def setup_lists(app: Sphinx) -> None:
    """Register the list pages (see the module docstring)."""
    app.connect("html-collect-pages", collect_list_pages)
    app.connect("builder-inited", add_navigation_wrappers)
    app.connect("html-page-context", share_navigation, priority=NAVIGATION_PRIORITY)
    app.connect("build-finished", save_fingerprints)
    app.connect("doctree-resolved", show_list_in_document)


def _active(app: Sphinx) -> bool:
    """Whether the build makes list pages: a Hugo site and an HTML builder."""
    return bool(mmark_settings(app.config).hugo_root) and app.builder.name in BUILDERS


def page_name(url: str) -> str:
    """The page name of the generated page at the URL path ``url`` (``/tags/x/`` →
    ``tags/x/index``; ``/`` → ``index``)."""
    path = url.strip("/")
    return f"{path}/index" if path else "index"


def _paginated(plist: PageList) -> bool:
    return plist.kind != "taxonomy"


def _page_count(site: Site, plist: PageList) -> int:
    return pager_count(plist, site.pager_size) if _paginated(plist) else 1


def show_list_in_document(app: Sphinx, doctree: nodes.document, docname: str) -> None:
    """Append the first page of the lists ``docname`` shows (it is their URL's
    document) under its content."""
    if not _active(app):
        return
    site = site_of(app.env)
    linker = Linker(app.builder)
    here = linker.doc_location(docname)
    for plist in site.lists():
        if plist.docname != docname:
            continue
        count = _page_count(site, plist)
        body = list_body(linker, here, plist, 1, count, site.pager_size)
        _last_section(doctree).extend(body)


def _last_section(doctree: nodes.document) -> nodes.Element:
    """Where content appended to the end of ``doctree`` belongs: its last top-level
    section, or the document itself."""
    sections = [child for child in doctree.children if isinstance(child, nodes.section)]
    return sections[-1] if sections else doctree


def collect_list_pages(app: Sphinx) -> Iterator[PageSpec]:
    """The generated list pages; the ``page/1/`` redirect pages are written on the way."""
    if not _active(app) or not isinstance(app.builder, StandaloneHTMLBuilder):
        return
    builder = app.builder
    site = site_of(app.env)
    linker = Linker(builder)
    for plist in site.lists():
        if not _confined(plist):
            continue
        count = _page_count(site, plist)
        first = 1 if plist.docname is None else 2
        for number in range(first, count + 1):
            spec = _list_page(app, linker, site, plist, number, count)
            if spec is not None:
                yield spec
        if _paginated(plist):
            _write_first_page_redirect(builder, linker, plist)


def _confined(plist: PageList) -> bool:
    """Whether the list's URL stays inside the output folder (else one warning)."""
    problem = url_problem(plist.url)
    if problem is not None:
        _no_list_page(plist, problem)
    return problem is None


def _no_list_page(plist: PageList, reason: str) -> None:
    warn(
        f"the {plist.kind} list {shown(plist.url)} ({shown(plist.title)}) gets no page: {reason}",
        MmarkWarning.HUGO,
        location=(plist.docname, None) if plist.docname else None,
    )


def _list_page(
    app: Sphinx,
    linker: Linker,
    site: Site,
    plist: PageList,
    number: int,
    count: int,
) -> PageSpec | None:
    """Page ``number`` of ``plist`` as a generated page (``None`` if a document has its
    name, or if it is unchanged since the last build)."""
    builder = app.builder
    assert isinstance(builder, StandaloneHTMLBuilder)
    name = page_name(plist.pager_url(number))
    if name in builder.env.all_docs:
        _no_list_page(plist, f"the document {name} has its page name")
        return None
    here = linker.generated_location(name)
    section = nodes.section("", ids=[nodes.make_id(plist.title) or "list"])
    section += nodes.title("", plist.title)
    section.extend(list_body(linker, here, plist, number, count, site.pager_size))
    title = plist.title if number == 1 else f"{plist.title} (page {number})"
    body = rendered(builder, section)
    if unchanged(app, name, title, body):
        return None  # written as it is by an earlier build
    context: dict[str, Any] = {
        "title": escape(title),
        "body": body,
        "parents": [],
        "prev": None,
        "next": None,
        "meta": {},
        "metatags": "",
        "rellinks": [],
        "sourcename": "",
        "toc": "",
        "display_toc": False,
        LIST_CONTEXT: {"kind": plist.kind, "url": plist.url, "page": number, "pages": count},
    }
    return name, context, "page.html"


def _write_first_page_redirect(builder: Builder, linker: Linker, plist: PageList) -> None:
    """Write ``<list>/page/1/index.html``, a redirect page to the list's first page."""
    file = page_name(f"{plist.url}page/1/") + ".html"
    target = linker.list_location(plist, 1)
    href = linker.encoded(relative_href(file, target))
    data = PAGE.format(marker=MARKER, title=escape(plist.title), href=escape(href))
    try:
        write_file(Path(builder.outdir), file, data.encode("utf-8"), replace=_is_redirect)
    except RefusedWriteError as refused:
        _no_list_page(plist, f"{file}: {refused}")
    except OSError as error:
        _no_list_page(plist, f"{file}: {error.strerror or error}")


def _is_redirect(head: bytes) -> bool:
    """Whether an existing file is a redirect page that sphinx-mmark wrote."""
    return MARKER.encode("utf-8") in head
