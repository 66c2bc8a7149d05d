"""``/sitemap.xml``: every page and list of the Hugo site, as Hugo writes it.

One ``<url>`` per document page and per list (home, sections, taxonomies,
terms), with its absolute ``<loc>`` and, when the page or list has a date,
``<lastmod>`` (a list's is the newest of its pages'). The later pages of a
paginated list (``page/2/``), redirect pages and the 404 page are not in it.

sphinx-sitemap cannot write this file: it derives each URL from the page name
and the builder, where a Hugo site's URLs come from permalinks, ``slug`` and
``url``, and it knows nothing of the generated list pages. So the sitemap is
written here with :mod:`xml.etree.ElementTree`.
"""

from __future__ import annotations

import datetime as dt
import xml.etree.ElementTree as ET
from collections.abc import Iterable
from urllib.parse import unquote

from sphinx.application import Sphinx

from .feeds import newest
from .model import PageList, Site, SitePage, site_of
from .outputs import write_output, writes_site_files

SITEMAP_NS = "http://www.sitemaps.org/schemas/sitemap/0.9"
SITEMAP_FILE = "/sitemap.xml"
MARKER = "<!-- sphinx-mmark sitemap -->"
"""Starts every sitemap sphinx-mmark writes; tells one of an earlier build, which may
be replaced."""


def page_url(app: Sphinx, page: SitePage) -> str:
    """Where the build wrote ``page`` (decoded path from the site root): its Hugo URL
    with the ``hugo`` builder, the builder's own path with ``html`` or ``dirhtml``
    (whose Hugo URL holds a redirect)."""
    if app.builder.name == "hugo":
        return page.url
    return "/" + unquote(app.builder.get_target_uri(page.docname))


def list_lastmod(page_list: PageList) -> dt.datetime | None:
    """The newest ``lastmod`` of the list's pages (of all its terms' pages, for a taxonomy)."""
    pages: Iterable[SitePage] = page_list.pages
    if page_list.kind == "taxonomy":
        pages = [page for term in page_list.terms for page in term.pages]
    return newest(page.lastmod for page in pages)


def entries(app: Sphinx, site: Site) -> dict[str, dt.datetime | None]:
    """URL path → last modification, for every page and list (home first, then by URL)."""
    found: dict[str, dt.datetime | None] = {}
    by_docname: dict[str, dt.datetime | None] = {}
    for page_list in site.lists():
        if page_list.docname is None:
            found[page_list.url] = list_lastmod(page_list)
        else:
            by_docname[page_list.docname] = list_lastmod(page_list)
    for page in site.pages.values():
        own = page.lastmod
        from_list = by_docname.get(page.docname)
        found[page_url(app, page)] = newest([own, from_list])
    home = site.home.url if site.home.docname is None else None
    return dict(sorted(found.items(), key=lambda entry: (entry[0] != home, entry[0])))


def sitemap_xml(site: Site, found: dict[str, dt.datetime | None]) -> bytes:
    """The sitemap document of the URL paths ``found`` (with their last modification)."""
    urlset = ET.Element(_tag("urlset"))
    for url, lastmod in found.items():
        entry = ET.SubElement(urlset, _tag("url"))
        ET.SubElement(entry, _tag("loc")).text = site.absolute(url)
        if lastmod is not None:
            ET.SubElement(entry, _tag("lastmod")).text = lastmod.isoformat()
    ET.indent(urlset)
    body = ET.tostring(urlset, encoding="unicode", default_namespace=SITEMAP_NS)
    return f'<?xml version="1.0" encoding="utf-8"?>\n{MARKER}\n{body}\n'.encode()


def _tag(name: str) -> str:
    return f"{{{SITEMAP_NS}}}{name}"


def is_sitemap(head: bytes) -> bool:
    """Whether an existing file is a sitemap that sphinx-mmark wrote."""
    return MARKER.encode() in head


def write_sitemap(app: Sphinx, exception: Exception | None) -> None:
    """Write ``/sitemap.xml`` once the build succeeded (a ``build-finished`` handler)."""
    if exception is not None or not writes_site_files(app):
        return
    site = site_of(app.env)
    if not site.settings.writes("sitemap"):
        return
    data = sitemap_xml(site, entries(app, site))
    write_output(app, SITEMAP_FILE, data, replace=is_sitemap, what="the sitemap")


def setup_sitemap(app: Sphinx) -> None:
    """Register the sitemap writer."""
    app.connect("build-finished", write_sitemap)
