"""The URLs a page had on the Hugo site.

* ``url`` in the front matter: that path;
* else a ``permalinks`` pattern for the page's section (``/:year/:month/:slug/``);
* else ``/<folder>/<slug or file name>/`` (a bundle's ``index`` page and a
  section's ``_index`` page take their folder's URL);
* plus every entry of ``aliases`` (relative ones are relative to the section).

Paths are lower-cased and spaces become ``-`` unless the site disables it.
"""

from __future__ import annotations

import posixpath
import re

from ..parse.dates import page_date
from ..parse.slugs import slugify
from .pages import BUNDLE_INDEX, SECTION_INDEX, Page

_TOKEN = re.compile(r":(\w+)")


def _clean(path: str, lowercase: bool) -> str:
    path = path.strip().replace(" ", "-")
    if lowercase:
        path = path.lower()
    if not path.startswith("/"):
        path = "/" + path
    return re.sub(r"/{2,}", "/", path)


def _base(page: Page) -> tuple[str, str]:
    """(folder, last path segment) of the page's default URL."""
    folder, name = posixpath.split(page.docname)
    if name in (SECTION_INDEX, BUNDLE_INDEX):
        folder, name = posixpath.split(folder)
        if not name and not folder:
            return "", ""
    return folder, name


def permalink(page: Page, patterns: dict[str, str], *, lowercase: bool = True) -> str:
    """The URL path Hugo gave ``page``."""
    url = page.data.get("url")
    if isinstance(url, str) and url.strip():
        return _clean(url, lowercase)
    folder, name = _base(page)
    slug = page.data.get("slug")
    slug_text = str(slug).strip() if isinstance(slug, str | int) and str(slug).strip() else ""
    section = page.docname.split("/", 1)[0] if "/" in page.docname else ""
    pattern = patterns.get(section)
    if pattern and posixpath.basename(page.docname) != SECTION_INDEX:
        return _clean(_expand(pattern, page, name, slug_text, section), lowercase)
    if not name:
        return "/"
    last = slug_text or name
    return _clean(f"{folder}/{last}/" if folder else f"{last}/", lowercase)


def _expand(pattern: str, page: Page, name: str, slug: str, section: str) -> str:
    date = page_date(page.data)
    title_slug = slugify(page.title) if page.title else name

    def value(match: re.Match[str]) -> str:
        token = match.group(1)
        if date is not None:
            dates = {
                "year": f"{date.year:04d}",
                "month": f"{date.month:02d}",
                "monthname": date.strftime("%B"),
                "day": f"{date.day:02d}",
                "weekday": str(date.isoweekday() % 7),
                "weekdayname": date.strftime("%A"),
                "yearday": str(date.timetuple().tm_yday),
            }
            if token in dates:
                return dates[token]
        return {
            "section": section,
            "sections": posixpath.dirname(page.docname),
            "title": title_slug,
            "slug": slug or title_slug,
            "filename": name,
            "slugorfilename": slug or name,
            "contentbasename": name,
            "slugorcontentbasename": slug or name,
        }.get(token, match.group(0))

    return _TOKEN.sub(value, pattern)


def aliases(page: Page) -> list[str]:
    """The page's ``aliases``, as absolute paths."""
    raw = page.data.get("aliases")
    items = [raw] if isinstance(raw, str) else raw if isinstance(raw, list) else []
    folder = posixpath.dirname(page.docname)
    if posixpath.basename(page.docname) in (SECTION_INDEX, BUNDLE_INDEX):
        folder = posixpath.dirname(folder)
    out: list[str] = []
    for item in items:
        if not isinstance(item, str) or not item.strip() or "://" in item:
            continue
        text = item.strip()
        out.append(_clean(text if text.startswith("/") else f"{folder}/{text}", False))
    return out
