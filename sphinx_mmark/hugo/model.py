"""The published Hugo site: every page at its URL, and the lists Hugo made of them.

:func:`site_of` builds a :class:`Site` once per build, after reading, from the
documents Sphinx built and their scanned front matter (drafts, future and
expired pages are not documents of the build, so they are in no list):

* every document gets its Hugo URL (:func:`.urls.permalink`); two documents
  that would share a URL keep the first (by document name), the other keeps the
  URL Sphinx gives it and is listed in :attr:`Site.clashes`;
* the **home** list holds every regular page (not a section's ``_index``);
* a **section** per top-level folder of the content (with or without an
  ``_index`` page) holds the regular pages below it;
* a **taxonomy** list per plural of the site's ``taxonomies`` (``/tags/``),
  whose **terms** (``/tags/queues/``) hold the pages that name them in their
  front matter.

Every list is in Hugo's order (:func:`.pages.sort_pages`). A list whose URL a
document has (``content/_index.md`` is ``/``, ``content/posts/_index.md`` is
``/posts/``) is shown by that document; the others are generated pages.
"""

from __future__ import annotations

import datetime as dt
import posixpath
from collections.abc import Iterator, Mapping
from dataclasses import dataclass, field
from typing import Literal
from urllib.parse import quote, urljoin

from sphinx.application import Sphinx
from sphinx.config import Config
from sphinx.environment import BuildEnvironment

from ..config import HugoSiteSettings, mmark_settings
from ..environment import forget, once_per_build
from ..parse.dates import parse_date
from .confine import RefusedWriteError, shown, url_path
from .pages import SECTION_INDEX, Page, load_pages, sort_pages
from .urls import permalink, urlize

ListKind = Literal["home", "section", "taxonomy", "term"]
_SAFE = "/:@!$&'()*+,;=-._~"
"""Characters left as they are when a URL path is percent-encoded (RFC 3986 pchar)."""


def encoded(url: str) -> str:
    """The URL path ``url`` (decoded, as the files are named) percent-encoded for a link."""
    return quote(url, safe=_SAFE)


@dataclass(frozen=True)
class SitePage:
    """One document of the build, where Hugo published it."""

    page: Page
    url: str
    """The decoded URL path, from the site root: ``/posts/first-light/``, ``/`` for home."""
    section: str
    """The top-level folder the page is in (``""`` for pages at the content root)."""
    terms: Mapping[str, tuple[str, ...]]
    """Taxonomy plural → the terms the front matter names, as written."""

    @property
    def docname(self) -> str:
        return self.page.docname

    @property
    def title(self) -> str:
        return self.page.title or posixpath.basename(self.url.rstrip("/")) or self.docname

    @property
    def date(self) -> dt.datetime | None:
        return self.page.date

    @property
    def lastmod(self) -> dt.datetime | None:
        """``lastmod`` from the front matter, else the page's date."""
        data = self.page.data
        return parse_date(data.get("lastmod") or data.get("modified")) or self.page.date

    @property
    def is_list(self) -> bool:
        """Whether the document is a list's own page (home or section ``_index``)."""
        return posixpath.basename(self.docname) == SECTION_INDEX


@dataclass(frozen=True)
class PageList:
    """One list page of the site (and its pagination)."""

    kind: ListKind
    url: str
    title: str
    pages: tuple[SitePage, ...]
    """The pages listed, in Hugo's order (for a taxonomy list: none, see :attr:`terms`)."""
    docname: str | None = None
    """The document shown at :attr:`url`, or ``None`` when the list page is generated."""
    terms: tuple[PageList, ...] = ()
    """For a taxonomy list: its terms, by name."""
    taxonomy: str = ""
    """For a taxonomy or term list: the taxonomy's plural (``tags``)."""

    def pagers(self, size: int) -> list[tuple[SitePage, ...]]:
        """The pages cut into pages of ``size`` (one empty page for an empty list)."""
        if not self.pages:
            return [()]
        return [self.pages[i : i + size] for i in range(0, len(self.pages), size)]

    def pager_url(self, number: int) -> str:
        """The URL of list page ``number`` (1 is the list itself)."""
        return self.url if number <= 1 else f"{self.url}page/{number}/"


@dataclass(frozen=True)
class Site:
    """The published site (see the module docstring)."""

    settings: HugoSiteSettings
    base_url: str
    """The absolute URL of the site root, ending in ``/`` (``""`` when unknown)."""
    pages: Mapping[str, SitePage]
    """Document name → the page, for every document of the build."""
    home: PageList
    sections: tuple[PageList, ...]
    taxonomies: tuple[PageList, ...]
    problems: tuple[tuple[str, str], ...] = field(default=())
    """(document, message) for each page that cannot have its Hugo URL: it climbs out of
    the site, or an earlier document has it (compared case-blind, as some disks do)."""

    def lists(self) -> Iterator[PageList]:
        """Every list the site writes: home, sections, taxonomies and their terms (less
        the kinds ``disableKinds`` names)."""
        writes = self.settings.writes
        if writes("home"):
            yield self.home
        if writes("section"):
            yield from self.sections
        for taxonomy in self.taxonomies:
            if writes("taxonomy"):
                yield taxonomy
            if writes("term"):
                yield from taxonomy.terms

    def url_of(self, docname: str) -> str | None:
        """The URL path of ``docname``, or ``None`` if it is no page of the site."""
        page = self.pages.get(docname)
        return page.url if page is not None else None

    def absolute(self, url: str) -> str:
        """``url`` (a decoded path from the site root) as an absolute, encoded URL
        (root-relative when the site has no absolute base URL)."""
        path = encoded(url)
        return urljoin(self.base_url, path.lstrip("/")) if self.base_url else path

    @property
    def pager_size(self) -> int:
        return self.settings.pager_size


def site_of(env: BuildEnvironment) -> Site:
    """The site of the running build, built on first use after reading (see
    :func:`forget_site`)."""
    return once_per_build(env, build_site)


def forget_site(app: Sphinx, env: BuildEnvironment) -> None:
    """Build the site anew on next use: documents were read (an ``env-updated`` handler)."""
    forget(env, build_site)


def base_url(config: Config) -> str:
    """The absolute site URL, ending in ``/``: ``mmark_hugo_base_url``, the Hugo
    configuration's ``baseURL``, else ``html_baseurl`` (``""`` if none is absolute)."""
    settings = mmark_settings(config)
    for candidate in (
        settings.hugo_base_url,
        settings.hugo_site.base_url,
        str(config.html_baseurl or ""),
    ):
        if candidate.startswith(("http://", "https://")):
            return candidate if candidate.endswith("/") else candidate + "/"
    return ""


def build_site(env: BuildEnvironment) -> Site:
    """The :class:`Site` of the documents ``env`` holds."""
    config = env.config
    settings = mmark_settings(config)
    hugo = settings.hugo_site
    pages: dict[str, SitePage] = {}
    owner: dict[str, str] = {}
    problems: list[tuple[str, str]] = []
    found = load_pages(env)
    for docname in sorted(found, key=lambda d: (d != config.root_doc, d)):
        if docname not in env.all_docs:
            continue
        page = found[docname]
        url, problem = _url(page, config.root_doc, hugo, owner)
        if problem:
            problems.append((docname, problem))
        owner.setdefault(url.casefold(), docname)
        pages[docname] = SitePage(page, url, _section(docname), _terms(page, hugo))
    regular = [page for page in pages.values() if not page.is_list and page.url != "/"]
    by_url = {page.url: page.docname for page in pages.values()}
    title = hugo.title or str(config.project)
    return Site(
        settings=hugo,
        base_url=base_url(config),
        pages=pages,
        home=PageList("home", "/", title, _ordered(regular), by_url.get("/")),
        sections=_sections(regular, pages, by_url, hugo),
        taxonomies=_taxonomies(regular, by_url, hugo),
        problems=tuple(problems),
    )


def _url(
    page: Page, root_doc: str, hugo: HugoSiteSettings, owner: Mapping[str, str]
) -> tuple[str, str]:
    """The page's URL, and why it is not its Hugo URL (``""`` when it is)."""
    if page.docname == root_doc:
        return "/", ""
    wanted = permalink(page, dict(hugo.permalinks), lowercase=hugo.lowercase_paths)
    try:
        url = url_path(wanted)
    except RefusedWriteError as refused:
        return _fallback(page.docname), f"its URL {shown(wanted)} is not used: {refused}"
    if any(len(part.encode("utf-8")) > _LONGEST_NAME for part in url.split("/")):
        return _fallback(page.docname), f"its URL {shown(url)} is not used: a name is too long"
    other = owner.get(url.casefold())
    if other is not None or url == "/":
        return _fallback(page.docname), (
            f"its URL {shown(url)} is not used: {other or root_doc} has it"
        )
    return url, ""


_LONGEST_NAME = 255
"""Bytes in a file name that common file systems take."""


def _fallback(docname: str) -> str:
    """The URL Sphinx's dirhtml builder gives ``docname``."""
    return f"/{docname}/"


def _section(docname: str) -> str:
    """The top-level folder of ``docname`` (``""`` for a page at the root)."""
    return docname.split("/", 1)[0] if "/" in docname else ""


def _terms(page: Page, hugo: HugoSiteSettings) -> dict[str, tuple[str, ...]]:
    """Taxonomy plural → the terms the page's front matter gives it (keys are case-blind)."""
    lowered = {str(key).lower(): value for key, value in page.data.items()}
    found: dict[str, tuple[str, ...]] = {}
    for plural in hugo.taxonomies.values():
        value = lowered.get(plural.lower())
        items = [value] if isinstance(value, str) else value if isinstance(value, list) else []
        terms = tuple(dict.fromkeys(str(item).strip() for item in items if str(item).strip() != ""))
        if terms:
            found[plural] = terms
    return found


def _ordered(pages: list[SitePage]) -> tuple[SitePage, ...]:
    by_docname = {page.docname: page for page in pages}
    return tuple(by_docname[p.docname] for p in sort_pages([page.page for page in pages]))


def _sections(
    regular: list[SitePage],
    pages: Mapping[str, SitePage],
    by_url: Mapping[str, str],
    hugo: HugoSiteSettings,
) -> tuple[PageList, ...]:
    """A list per section: every top-level folder that has pages, and every folder
    below with an ``_index`` page (Hugo's nested sections); each lists the regular
    pages below its folder, at any depth."""
    names = {page.section for page in pages.values() if page.section}
    names |= {
        posixpath.dirname(docname)
        for docname, page in pages.items()
        if page.is_list and posixpath.dirname(docname)
    }
    out = []
    for name in sorted(names):
        index = pages.get(f"{name}/{SECTION_INDEX}")
        url = index.url if index is not None else _folder_url(name, hugo)
        title = index.title if index is not None and index.page.title else _titled(name)
        members = [page for page in regular if page.docname.startswith(name + "/")]
        if not members and index is None:
            continue
        out.append(PageList("section", url, title, _ordered(members), by_url.get(url)))
    return tuple(out)


def _folder_url(name: str, hugo: HugoSiteSettings) -> str:
    path = name.replace(" ", "-")
    return f"/{path.lower() if hugo.lowercase_paths else path}/"


def _titled(name: str) -> str:
    """Hugo's title for a section without ``_index``: its name, first letter capital."""
    return name[:1].upper() + name[1:]


def _taxonomies(
    regular: list[SitePage], by_url: Mapping[str, str], hugo: HugoSiteSettings
) -> tuple[PageList, ...]:
    out: list[PageList] = []
    if not hugo.writes("taxonomy") and not hugo.writes("term"):
        return ()
    for plural in hugo.taxonomies.values():
        url = _folder_url(plural, hugo)
        members: dict[str, list[SitePage]] = {}
        names: dict[str, str] = {}
        for page in regular:
            for term in page.terms.get(plural, ()):
                key = urlize(term, lowercase=hugo.lowercase_paths)
                names.setdefault(key, term)
                members.setdefault(key, []).append(page)
        terms = tuple(
            PageList(
                "term",
                f"{url}{key}/",
                names[key],
                _ordered(members[key]),
                by_url.get(f"{url}{key}/"),
                taxonomy=plural,
            )
            for key in sorted(members)
        )
        out.append(PageList("taxonomy", url, _titled(plural), (), by_url.get(url), terms, plural))
    return tuple(out)
