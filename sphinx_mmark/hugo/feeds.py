"""RSS 2.0 feeds at the Hugo site's paths, as Hugo 0.111's default RSS template writes them.

Every list of the site (:meth:`.model.Site.lists`) gets ``<list URL>index.xml``:
``/index.xml`` (every regular page), ``/posts/index.xml`` per section,
``/tags/index.xml`` per taxonomy (its items are the terms) and
``/tags/<term>/index.xml`` per term. The channel has Hugo's title, link,
description, generator, language, ``lastBuildDate`` (the newest date of the
list) and an ``atom:link rel="self"``; an item has title, link and guid (the
absolute URL of the page), ``pubDate`` (RFC 822) and the page's summary
(:mod:`.summaries`) as description. Items are in the list's order (Hugo's: by
weight, then newest first), at most ``rssLimit`` of them.

Feeds are built with :mod:`xml.etree.ElementTree`. Without an absolute base
URL the links are root-relative, with one ``mmark.hugo`` warning. The home and
list pages name their feed in their head (``<link rel="alternate">``).
"""

from __future__ import annotations

import datetime as dt
import xml.etree.ElementTree as ET
from collections.abc import Iterable
from dataclasses import dataclass
from email.utils import format_datetime
from html import escape
from typing import Any
from urllib.parse import unquote

from sphinx.application import Sphinx
from sphinx.environment import BuildEnvironment

from ..environment import once_per_build
from ..warnings_ import MmarkWarning, warn
from .model import PageList, Site, SitePage, site_of
from .outputs import aware, write_output, writes_site_files
from .summaries import summaries

ATOM = "http://www.w3.org/2005/Atom"
FEED_FILE = "index.xml"
GENERATOR = "sphinx-mmark"
"""The ``<generator>`` of every feed; it also tells a feed of an earlier build, which
may be replaced."""

ET.register_namespace("atom", ATOM)


@dataclass(frozen=True)
class Item:
    """One item of a feed."""

    title: str
    url: str
    """The decoded URL path of the page (``/posts/x/``)."""
    date: dt.datetime | None
    description: str


def newest(dates: Iterable[dt.datetime | None]) -> dt.datetime | None:
    """The latest of ``dates`` (dates without a zone read as UTC), ``None`` if none."""
    known = [aware(date) for date in dates if date is not None]
    return max(known, default=None)


def page_items(summary: dict[str, str], pages: Iterable[SitePage]) -> list[Item]:
    """The items of a page list: each page with its summary (``summary``: document
    name → summary)."""
    return [Item(page.title, page.url, page.date, summary.get(page.docname, "")) for page in pages]


def term_items(taxonomy: PageList) -> list[Item]:
    """The items of a taxonomy's feed: its terms, newest first (each dated by its newest
    page), then by name, as Hugo orders them."""
    dated = [(term, newest(page.date for page in term.pages)) for term in taxonomy.terms]
    dated.sort(key=lambda pair: (-pair[1].timestamp() if pair[1] else 0.0, pair[0].title.lower()))
    return [Item(term.title, term.url, date, "") for term, date in dated]


def feed_items(site: Site, page_list: PageList, summary: dict[str, str]) -> list[Item]:
    """The items of ``page_list``'s feed, capped by ``rssLimit``."""
    if page_list.kind == "taxonomy":
        items = term_items(page_list)
    else:
        items = page_items(summary, page_list.pages)
    limit = site.settings.rss_limit
    return items[:limit] if limit >= 0 else items


def channel_texts(site: Site, page_list: PageList) -> tuple[str, str]:
    """The channel's title and description (Hugo's wording)."""
    site_title = site.home.title
    if page_list.kind == "home":
        return site_title, f"Recent content on {site_title}"
    return (
        f"{page_list.title} on {site_title}",
        f"Recent content in {page_list.title} on {site_title}",
    )


def feed_xml(site: Site, page_list: PageList, items: list[Item]) -> bytes:
    """The RSS 2.0 document of ``page_list`` with ``items``."""
    rss = ET.Element("rss", {"version": "2.0"})
    channel = ET.SubElement(rss, "channel")
    title, description = channel_texts(site, page_list)
    _text(channel, "title", title)
    _text(channel, "link", site.absolute(page_list.url))
    _text(channel, "description", description)
    _text(channel, "generator", GENERATOR)
    if site.settings.language_code:
        _text(channel, "language", site.settings.language_code)
    dates = page_list.pages if page_list.kind != "taxonomy" else _term_pages(page_list)
    built = newest(page.date for page in dates)
    if built is not None:
        _text(channel, "lastBuildDate", format_datetime(built))
    self_link = {"href": site.absolute(page_list.url + FEED_FILE), "rel": "self"}
    ET.SubElement(channel, f"{{{ATOM}}}link", {**self_link, "type": "application/rss+xml"})
    for item in items:
        _item(channel, site, item)
    ET.indent(rss)
    document: bytes = ET.tostring(rss, encoding="utf-8", xml_declaration=True)
    return document + b"\n"


def _term_pages(taxonomy: PageList) -> list[SitePage]:
    return [page for term in taxonomy.terms for page in term.pages]


def _item(channel: ET.Element, site: Site, item: Item) -> None:
    element = ET.SubElement(channel, "item")
    link = site.absolute(item.url)
    _text(element, "title", item.title)
    _text(element, "link", link)
    if item.date is not None:
        _text(element, "pubDate", format_datetime(aware(item.date)))
    guid = ET.SubElement(element, "guid")
    guid.text = link
    if not site.base_url:
        guid.set("isPermaLink", "false")  # a root-relative link is no permalink
    _text(element, "description", item.description)


def _text(parent: ET.Element, tag: str, text: str) -> None:
    ET.SubElement(parent, tag).text = text


def is_feed(head: bytes) -> bool:
    """Whether an existing file is a feed that sphinx-mmark wrote (it may be replaced)."""
    return f"<generator>{GENERATOR}</generator>".encode() in head


def write_feeds(app: Sphinx, exception: Exception | None) -> None:
    """Write every list's feed once the build succeeded (a ``build-finished`` handler)."""
    if exception is not None or not writes_site_files(app):
        return
    site = site_of(app.env)
    if not site.settings.writes("rss"):
        return
    if not site.base_url and site.settings.configured:  # (a folder of posts has no URL)
        warn(
            "the site has no absolute baseURL (set it in the Hugo configuration or "
            "mmark_hugo_base_url): feeds and sitemap.xml link to root-relative URLs",
            MmarkWarning.HUGO,
            location=None,
        )
    summary = summaries(app.env)
    for page_list in site.lists():
        data = feed_xml(site, page_list, feed_items(site, page_list, summary))
        write_output(app, page_list.url + FEED_FILE, data, replace=is_feed, what="the feed")


def lists_by_url(env: BuildEnvironment) -> dict[str, PageList]:
    """URL → the list shown there, for every list of the site."""
    return {page_list.url: page_list for page_list in site_of(env).lists()}


def feed_link(
    app: Sphinx, pagename: str, templatename: str, context: dict[str, Any], doctree: Any
) -> None:
    """Name the feed of a list page in its head (an ``html-page-context`` handler): a
    ``<link rel="alternate">`` in the ``metatags``."""
    if not writes_site_files(app):
        return
    site = site_of(app.env)
    if not site.settings.writes("rss"):
        return
    url = site.url_of(pagename) or "/" + unquote(app.builder.get_target_uri(pagename))
    page_list = once_per_build(app.env, lists_by_url).get(url)
    if page_list is None:
        return
    title = escape(channel_texts(site, page_list)[0], quote=True)
    href = escape(site.absolute(page_list.url + FEED_FILE), quote=True)
    link = f'<link rel="alternate" type="application/rss+xml" href="{href}" title="{title}">'
    context["metatags"] = f"{context.get('metatags', '')}\n{link}\n"


def setup_feeds(app: Sphinx) -> None:
    """Register the feed writer."""
    app.connect("html-page-context", feed_link)
    app.connect("build-finished", write_feeds)
