"""Leave ``draft: true`` pages out of the build, as a published Hugo site does.

On ``config-inited`` the mmark sources are scanned (front matter only) and
every draft is added to ``exclude_patterns``: Sphinx then never reads it, makes
no page for it and does not warn that it is in no toctree. Setting
``mmark_build_drafts = True`` builds drafts like any other page.

A page whose front matter cannot be read is a draft when the block's raw text
says ``draft: true`` (:func:`.detect.scan_head`): it is left out too, with one
``mmark.front_matter`` warning at the block saying so and why. One that does not
say it is built, its front matter ignored (with the reader's warning).

Files that other documents include are left out the same way
(``mmark_exclude_included``, see :mod:`sphinx_mmark.sphinx_ext.included`).

The same scan settles ``mmark_numfig = "auto"``: numbering is turned on when a
source has a caption or a figure group (see :mod:`sphinx_mmark.sphinx_ext.numbering`).

What matters of each file is remembered (by modification time and size) in
``<doctreedir>/sphinx-mmark-sources-v5.json``, so a rebuild reads only the
files that changed. The front-matter keys Hugo's page lists and redirects use
are kept too (:func:`scanned_front_matter`, by configuration object), so those
never read the sources again.
"""

from __future__ import annotations

import json
import os
import re
import unicodedata
import weakref
from pathlib import Path

from docutils import nodes
from sphinx.application import Sphinx
from sphinx.config import Config
from sphinx.util.matching import get_matching_files

from ..config import mmark_settings
from ..parse.decoding import decode
from ..warnings_ import MmarkWarning, warn
from .detect import MMARK_SUFFIX, is_mmark, myst_loaded, scan_head
from .included import included_only, log_left_out

_HEAD_BYTES = 64 * 1024


def is_draft(data: dict[str, object]) -> bool:
    """Hugo's ``draft`` key: a boolean, tolerating the strings people write."""
    value = data.get("draft")
    if isinstance(value, str):
        return value.strip().lower() in {"true", "yes", "on", "1"}
    return value is True


def scan_sources(app: Sphinx, config: Config) -> None:
    """Scan the Markdown sources' front matter (see the module docstring).

    Adds every mmark draft (and future or expired page) to ``exclude_patterns``,
    settles ``mmark_numfig = "auto"`` and keeps the scanned keys for
    :func:`scanned_front_matter`.
    """
    from ..parse.dates import is_expired, is_future

    settings = mmark_settings(config)

    def left_out(data: dict[str, object]) -> bool:
        return (
            (is_draft(data) and not settings.build_drafts)
            or (is_future(data) and not settings.build_future)
            or (is_expired(data) and not settings.build_expired)
        )

    numfig_auto = settings.numfig == "auto"
    any_captions = False
    myst = myst_loaded(config.extensions)
    suffixes = (".md", MMARK_SUFFIX)
    drafts: list[str] = []
    cache_path = Path(app.doctreedir, _CACHE_NAME)
    keys = _KEYS | {name.lower() for name in settings.hugo_site.taxonomies.values()}
    cache = _load_cache(cache_path, keys)
    seen: dict[str, list[object]] = {}
    skipped = [*config.exclude_patterns, *_output_dirs(app)]
    srcdir = os.fspath(app.srcdir)
    built: dict[str, bool] = {}  # mmark sources that are built → may hold an include
    matching = get_matching_files(
        app.srcdir, include_patterns=config.include_patterns, exclude_patterns=skipped
    )
    for relpath in matching:
        if not relpath.endswith(suffixes):
            continue
        path = os.path.join(srcdir, relpath)  # (strings: pathlib costs more than the scan)
        data = _relevant_data(path, cache.get(relpath), seen, relpath, keys)
        mmark = is_mmark(relpath, data, myst=myst, patterns=list(settings.md_patterns))
        any_captions |= mmark and bool(data.get(_CAPTIONS))
        if mmark and left_out(data):
            drafts.append(_escape_glob(relpath))
            _warn_broken(path, data.get(_BROKEN))
        elif mmark:
            built[relpath.replace(os.sep, "/")] = data.get(_BRACES) is not False
    if seen != cache:
        _save_cache(cache_path, seen, keys)
    _SCANNED[config] = {
        relpath: data for relpath, (_stamp, data) in seen.items() if isinstance(data, dict)
    }
    if numfig_auto:
        config.mmark_numfig = any_captions
    if settings.exclude_included:
        parts = included_only(app, config, built)
        log_left_out(parts)
        drafts.extend(_escape_glob(part) for part in parts)
    if drafts:
        config.exclude_patterns = [*config.exclude_patterns, *sorted(drafts)]


_CACHE_NAME = "sphinx-mmark-sources-v5.json"  # v5: front matter after blank lines
_KEYS = frozenset(
    {"draft", "date", "publishdate", "pubdate", "published", "expirydate", "unpublishdate"}
    | {"markup", "markdown"}
    | {"title", "linktitle", "weight", "url", "slug", "aliases"}
    | {"lastmod", "modified", "summary", "description", "author", "authors"}
)
"""Front-matter keys (compared in lower case) that decide whether a page is left
out, whether it is mmark, and where Hugo listed and published it; the Hugo site's
taxonomies (``tags``…) are added to them."""
_CACHE_KEYS = " keys"
"""Cache entry (no path starts with a space) holding the keys the cache was made with."""
_SCANNED: weakref.WeakKeyDictionary[Config, dict[str, dict[str, object]]] = (
    weakref.WeakKeyDictionary()
)
"""Per configuration (so per project): source path (NFC) → its scanned :data:`_KEYS`."""


def scanned_front_matter(config: Config, relpath: str) -> dict[str, object] | None:
    """The scanned keys (:data:`_KEYS`) of a source, or None if the scan did not see it."""
    scanned = _SCANNED.get(config, {})
    return scanned.get(unicodedata.normalize("NFC", relpath))  # as the scan names files


_BROKEN = " broken"
"""Key of ``[line, reason]`` of front matter that cannot be read but says ``draft``."""
_CAPTIONS = " captions"
"""Key (no front-matter key has a leading space) of "the file has captions" in the cache."""
_BRACES = " braces"
"""Key of "the text holds ``{{``" (may hold an include line; missing: not known)."""
_CAPTION_LINE = re.compile(r"^(?:Table|Figure): |^!---", re.MULTILINE)


def _relevant_data(
    path: str, cached: object, seen: dict[str, list[object]], relpath: str, keys: frozenset[str]
) -> dict[str, object]:
    try:
        stat = os.stat(path)
    except OSError:
        return {}
    stamp = [stat.st_mtime_ns, stat.st_size]
    if isinstance(cached, list) and len(cached) == 2 and cached[0] == stamp:
        data = cached[1] if isinstance(cached[1], dict) else {}
    else:
        text = _read_text(path)
        full, broken = scan_head(text[:_HEAD_BYTES])
        data = {key: value for key, value in full.items() if key.lower() in keys and _plain(value)}
        if broken is not None:
            data.update({"draft": True, _BROKEN: [broken.line, broken.reason]})
        data[_CAPTIONS] = _CAPTION_LINE.search(text) is not None
        data[_BRACES] = "{{" in text
    seen[relpath] = [stamp, data]
    return data


def _warn_broken(path: str, broken: object) -> None:
    """Tell that the draft at ``path`` with unreadable front matter (``[line, reason]``)
    is left out. (Sources are scanned before documents exist: a node carries the place.)"""
    if not isinstance(broken, list) or len(broken) != 2:
        return
    line, reason = broken
    where = nodes.Element()
    where.source, where.line = path, line if isinstance(line, int) else None
    warn(
        f"page left out of the build: {reason}, and its raw text says draft: true "
        "(fix the front matter to build it; with mmark_build_drafts it is built)",
        MmarkWarning.FRONT_MATTER,
        location=where,
    )


def _plain(value: object) -> bool:
    """A scalar, or a list of scalars (``aliases``): what JSON keeps as it is."""
    if isinstance(value, list):
        return all(isinstance(item, str | bool | int | float) for item in value)
    return isinstance(value, str | bool | int | float)


def _load_cache(path: Path, keys: frozenset[str]) -> dict[str, object]:
    """The cached entries, if the cache was made for the same front-matter ``keys``."""
    try:
        loaded = json.loads(path.read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return {}
    if not isinstance(loaded, dict) or loaded.pop(_CACHE_KEYS, None) != sorted(keys):
        return {}
    return loaded


def _save_cache(path: Path, entries: dict[str, list[object]], keys: frozenset[str]) -> None:
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        saved = {_CACHE_KEYS: sorted(keys), **entries}
        path.write_text(json.dumps(saved, sort_keys=True), encoding="utf-8")
    except OSError:
        pass  # a read-only build directory only costs speed


def _read_text(path: str) -> str:
    """The text of ``path`` as the build reads it (a BOM or UTF-16 does not hide a draft)."""
    try:
        with open(path, "rb") as stream:
            return decode(stream.read()).text
    except OSError:
        return ""


def _output_dirs(app: Sphinx) -> list[str]:
    """The output and doctree folders when they lie in the source tree (``docs/_build``).

    They hold no sources, and after a build many files: the scan skips them.
    """
    found = []
    for folder in (app.outdir, app.doctreedir):
        relpath = os.path.relpath(folder, app.srcdir)
        if relpath != os.curdir and not relpath.startswith(os.pardir):
            found.append(_escape_glob(relpath))
    return found


def _escape_glob(relpath: str) -> str:
    escaped = "".join(f"[{c}]" if c in "*?[" else c for c in relpath)
    return escaped.replace(os.sep, "/")
