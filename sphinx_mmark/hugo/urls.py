"""The URLs a page had on the Hugo site (rules checked against Hugo 0.111).

* ``url`` in the front matter: that path, exactly as written;
* else a ``permalinks`` pattern for the page's section (``/:year/:month/:slug/``);
* else ``/<folder>/<slug or file name>/`` (a bundle's ``index`` page and a
  section's ``_index`` page take their folder's URL);
* plus every entry of ``aliases``, as written; a relative one is resolved against
  the page's own URL, beside it (``old`` on ``/2020/07/new/`` is ``/2020/07/old``).

Folder, file and slug paths, and the values of pattern tokens, go through Hugo's
path sanitising (:func:`urlize`) and are lower-cased unless the site disables it.
A token value (``:title``, ``:slug``, ``:filename``…) is in addition read back as a
URL query value (``+`` is a space, ``%XX`` is decoded) and sanitised again, so
``C# and C++ in 2020`` gives ``c#-and-c-in-2020``.
"""

from __future__ import annotations

import datetime as dt
import posixpath
import re
import unicodedata
from collections.abc import Mapping
from urllib.parse import unquote_plus

from ..parse.dates import page_date
from .pages import BUNDLE_INDEX, SECTION_INDEX, Page

_TOKEN = re.compile(r":(\w+)")
_KEPT_PUNCTUATION = frozenset("./\\_-#~@+")
"""Characters other than letters, digits and marks that Hugo keeps in a path."""
_ESCAPE = re.compile(r"%[0-9A-Fa-f]{2}")


def _absolute(path: str) -> str:
    """``path`` from the site root, without empty segments (``//``)."""
    path = path.strip()
    if not path.startswith("/"):
        path = "/" + path
    return re.sub(r"/{2,}", "/", path)


def _kept(text: str, index: int) -> bool:
    """Whether Hugo keeps the character at ``index`` of ``text`` in a path."""
    char = text[index]
    if char in _KEPT_PUNCTUATION:
        return True
    if char == "%":  # only as the start of a percent escape
        return _ESCAPE.match(text, index) is not None
    return unicodedata.category(char)[0] in "LM" or unicodedata.category(char) == "Nd"


def _lower(text: str) -> str:
    """Lower case one character at a time, as Go does (``İ`` → ``i``, no final ``ς``)."""
    return "".join(char.lower()[:1] for char in text)


def urlize(text: str, *, lowercase: bool = True) -> str:
    """Hugo's path sanitising of a path, term or slug (its ``urlize``).

    Letters, digits, marks and ``. / \\ _ - # ~ @ +`` are kept, and ``%`` when a
    percent escape follows; a run of white space (with the characters dropped in it)
    becomes one ``-`` between kept characters, none next to a ``-`` already there;
    everything else is dropped. Lower case unless the site disables it.
    """
    out: list[str] = []
    hyphen = False
    for index, char in enumerate(text):
        if _kept(text, index):
            if hyphen and char != "-":
                out.append("-")
            hyphen = False
            out.append(char)
        elif char.isspace() and out and out[-1] != "-":
            hyphen = True
    path = "".join(out)
    return _lower(path) if lowercase else path


def _token_value(text: str, lowercase: bool) -> str:
    """What a permalink token (``:title``, ``:slug``…) puts in the path for ``text``."""
    once = urlize(text, lowercase=False)
    return urlize(unquote_plus(once), lowercase=lowercase)


def _base(page: Page) -> tuple[str, str]:
    """(folder, last path segment) of the page's default URL."""
    folder, name = posixpath.split(page.docname)
    if name in (SECTION_INDEX, BUNDLE_INDEX):
        folder, name = posixpath.split(folder)
        if not name and not folder:
            return "", ""
    return folder, name


def _text(value: object) -> str:
    """A front-matter string (or number) as text, ``""`` for anything else."""
    return str(value).strip() if isinstance(value, str | int | float) else ""


def permalink(page: Page, patterns: Mapping[str, str], *, lowercase: bool = True) -> str:
    """The URL path (decoded, as the folders are named) Hugo gave ``page``."""
    url = _text(page.data.get("url"))
    if url:
        return _absolute(url)
    folder, name = _base(page)
    slug = _text(page.data.get("slug"))
    section = page.docname.split("/", 1)[0] if "/" in page.docname else ""
    pattern = patterns.get(section)
    if pattern and posixpath.basename(page.docname) != SECTION_INDEX:
        return _absolute(_expand(pattern, page, name, slug, section, lowercase))
    if not name:
        return "/"
    path = f"{folder}/{slug or name}" if folder else slug or name
    return _absolute(urlize(path, lowercase=lowercase) + "/")


_NO_DATE = dt.datetime(1, 1, 1, tzinfo=dt.UTC)
"""The date Hugo gives a page that has none (Go's zero time): ``/:year/`` is ``/1/``."""


def _date_tokens(page: Page) -> dict[str, str]:
    date = page_date(page.data) or _NO_DATE
    return {
        "year": str(date.year),
        "month": f"{date.month:02d}",
        "monthname": date.strftime("%B"),
        "day": f"{date.day:02d}",
        "weekday": str(date.isoweekday() % 7),
        "weekdayname": date.strftime("%A"),
        "yearday": str(date.timetuple().tm_yday),
    }


def _expand(pattern: str, page: Page, name: str, slug: str, section: str, lowercase: bool) -> str:
    """``pattern`` with its tokens replaced by the page's values."""
    title = _text(page.data.get("title"))  # (Hugo's `:title` of an untitled page is empty)
    dates = _date_tokens(page)
    words = {
        "section": urlize(section, lowercase=lowercase),
        "sections": urlize(posixpath.dirname(page.docname), lowercase=lowercase),
        "title": _token_value(title, lowercase),
        "slug": _token_value(slug or title, lowercase),
        "filename": _token_value(name, lowercase),
        "slugorfilename": _token_value(slug or name, lowercase),
        "contentbasename": _token_value(name, lowercase),
        "slugorcontentbasename": _token_value(slug or name, lowercase),
    }

    def value(match: re.Match[str]) -> str:
        token = match.group(1)
        return dates.get(token) or words.get(token, match.group(0))

    return _TOKEN.sub(value, pattern)


def aliases(
    page: Page, *, patterns: Mapping[str, str] | None = None, lowercase: bool = True
) -> list[str]:
    """The page's ``aliases``, as absolute paths (written as they are, not sanitised).

    A relative alias is resolved against the page's own URL (:func:`permalink` with
    ``patterns`` and ``lowercase``): beside the page, in the folder holding it.
    """
    raw = page.data.get("aliases")
    items = [raw] if isinstance(raw, str) else raw if isinstance(raw, list) else []
    own = permalink(page, patterns or {}, lowercase=lowercase).rstrip("/")
    folder = posixpath.dirname(own) or "/"
    out: list[str] = []
    for item in items:
        if not isinstance(item, str) or not item.strip() or "://" in item:
            continue
        text = item.strip()
        if not text.startswith("/"):
            joined = posixpath.normpath(posixpath.join(folder, text))
            text = joined + "/" if text.endswith("/") and joined != "/" else joined
        out.append(_absolute(text))
    return out
