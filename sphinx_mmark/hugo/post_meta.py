"""A post's metadata under its title, as Hugo themes show it: date, author, terms.

For every page of a Hugo site (``mmark_hugo_root`` set) but the home page and the
sections' ``_index`` pages, :class:`PostMeta` puts a ``container`` with the class
``mmark-post-meta`` right after the page title, holding:

* a paragraph (class ``mmark-post-byline``) with the date, written as Hugo's
  themes commonly do (``January 2, 2006``, in the author's own time zone), and the
  author (``author``, else ``authors`` when that is no taxonomy of the site);
* a paragraph (class ``mmark-post-terms``) per taxonomy of the site the page has
  terms in (``Tags: astronomy, telescope``), each term an ``inline`` (class
  ``mmark-post-term``).

It is made of plain docutils nodes when the document is read, so every builder
(LaTeX too) and every theme shows it. With the ``hugo`` builder, which writes the
term pages, :class:`TermLinks` then makes each term a link to its page
(``/tags/astronomy/``). A page with none of these keys gets nothing, and so does
every page when ABlog is loaded (its post card shows the same, and its excerpts
are a post's first paragraphs).
"""

from __future__ import annotations

import datetime as dt
import posixpath
from collections.abc import Mapping
from typing import Any

from docutils import nodes
from sphinx.application import Sphinx
from sphinx.environment import BuildEnvironment
from sphinx.transforms import SphinxTransform
from sphinx.transforms.post_transforms import SphinxPostTransform

from ..config import mmark_settings
from ..environment import once_per_build
from ..parse.dates import page_date
from .model import PageList, encoded, site_of
from .pages import SECTION_INDEX
from .redirects import relative_href
from .urls import urlize

CLASS = "mmark-post-meta"
TERM_CLASS = "mmark-post-term"
_TAXONOMY = "mmark_taxonomy"
"""Attribute of a term's ``inline``: the taxonomy (plural) it is a term of."""


def hugo_date(date: dt.datetime) -> str:
    """``date`` as Hugo themes commonly show it (Go layout ``January 2, 2006``)."""
    return f"{date:%B} {date.day}, {date.year}"


def _names(value: object) -> list[str]:
    """The names a front-matter value gives (a string or a list of them), in order, once."""
    items = value if isinstance(value, list) else [value]
    names = (str(item).strip() for item in items if isinstance(item, str | int | float))
    return list(dict.fromkeys(name for name in names if name))


def byline(data: Mapping[str, object], taxonomies: list[str]) -> str:
    """Date and author of front matter ``data`` (``taxonomies``: the site's plurals)."""
    lowered = {str(key).lower(): value for key, value in data.items()}
    date = page_date(dict(data))
    authors = _names(lowered.get("author"))
    if not authors and "authors" not in {plural.lower() for plural in taxonomies}:
        authors = _names(lowered.get("authors"))
    parts = [hugo_date(date) if date is not None else "", ", ".join(authors)]
    return " · ".join(part for part in parts if part)


def terms_of(data: Mapping[str, object], taxonomies: list[str]) -> dict[str, list[str]]:
    """Taxonomy plural → the terms front matter ``data`` names (keys compared case-blind)."""
    lowered = {str(key).lower(): value for key, value in data.items()}
    found = {plural: _names(lowered.get(plural.lower())) for plural in taxonomies}
    return {plural: names for plural, names in found.items() if names}


def meta_nodes(data: Mapping[str, object], taxonomies: list[str]) -> nodes.container:
    """The container of :data:`CLASS` for front matter ``data`` (empty if nothing to show)."""
    meta = nodes.container(classes=[CLASS])
    text = byline(data, taxonomies)
    if text:
        meta += nodes.paragraph("", text, classes=["mmark-post-byline"])
    for plural, names in terms_of(data, taxonomies).items():
        paragraph = nodes.paragraph("", "", classes=["mmark-post-terms"])
        paragraph += nodes.Text(f"{plural[:1].upper()}{plural[1:]}: ")
        for index, name in enumerate(names):
            if index:
                paragraph += nodes.Text(", ")
            term = nodes.inline(name, name, classes=[TERM_CLASS])
            term[_TAXONOMY] = plural
            paragraph += term
        meta += paragraph
    return meta


class PostMeta(SphinxTransform):
    """Insert a page's date, author and terms under its title (see the module docstring)."""

    default_priority = 500

    def apply(self, **kwargs: Any) -> None:
        settings = mmark_settings(self.config)
        docname = self.env.docname
        if not settings.hugo_root or not self.document.get("mmark"):
            return
        if "ablog" in self.config.extensions:
            return  # ABlog shows a post's metadata itself, and its excerpts start here
        if posixpath.basename(docname) == SECTION_INDEX or docname == self.config.root_doc:
            return
        data = self.env.metadata.get(docname, {})
        meta = meta_nodes(data, list(settings.hugo_site.taxonomies.values()))
        if meta.children:
            self._insert(meta)

    def _insert(self, meta: nodes.container) -> None:
        """Put ``meta`` after the page title (at the top when the page has none)."""
        section = next(iter(self.document.findall(nodes.section)), None)
        if section is not None and section.children and isinstance(section[0], nodes.title):
            section.insert(1, meta)
        else:
            self.document.insert(0, meta)


def _term_lists(env: BuildEnvironment) -> dict[str, list[PageList]]:
    """Document name → the term lists of the site (``/tags/x/``) that list it."""
    found: dict[str, list[PageList]] = {}
    site = site_of(env)
    if not site.settings.writes("term"):
        return found
    for taxonomy in site.taxonomies:
        for term in taxonomy.terms:
            for page in term.pages:
                found.setdefault(page.docname, []).append(term)
    return found


def _page_file(url: str) -> str:
    """The file (from the output folder) the ``hugo`` builder writes the page at ``url`` to."""
    path = url.lstrip("/")
    return f"{path}index.html" if not path or path.endswith("/") else path


class TermLinks(SphinxPostTransform):
    """Make each term of :class:`PostMeta` a link to its term page (``hugo`` builder)."""

    builders = ("hugo",)
    default_priority = 900

    def run(self, **kwargs: Any) -> None:
        docname = self.env.docname
        url = site_of(self.env).url_of(docname)
        lists = once_per_build(self.env, _term_lists).get(docname, [])
        if url is None or not lists:
            return
        lowercase = mmark_settings(self.config).hugo_site.lowercase_paths
        here = _page_file(url)
        for term in list(self.document.findall(nodes.inline)):
            plural = term.get(_TAXONOMY)
            if TERM_CLASS not in term["classes"] or not isinstance(plural, str):
                continue
            text = term.astext()
            tail = f"/{urlize(text, lowercase=lowercase)}/"
            found = [t.url for t in lists if t.taxonomy == plural and t.url.endswith(tail)]
            if found:
                href = encoded(relative_href(here, found[0].lstrip("/")))
                link = nodes.reference(text, text, refuri=href, internal=True, classes=[TERM_CLASS])
                term.replace_self(link)


def setup_post_meta(app: Sphinx) -> None:
    """Register the post metadata transform and its term links."""
    app.add_transform(PostMeta)
    app.add_post_transform(TermLinks)
