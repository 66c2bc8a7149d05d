"""Leave ``draft: true`` pages out of the build, as a published Hugo site does.

On ``config-inited`` the mmark sources are scanned (front matter only) and
every draft is added to ``exclude_patterns``: Sphinx then never reads it, makes
no page for it and does not warn that it is in no toctree. Setting
``mmark_include_drafts = True`` builds drafts like any other page.

The same scan settles ``mmark_numfig = "auto"``: numbering is turned on when a
source has a caption or a figure group (see :mod:`sphinx_mmark.blocks`).

What matters of each file is remembered (by modification time and size) in
``<doctreedir>/sphinx-mmark-sources-v2.json``, so a rebuild reads only the
files that changed.
"""

from __future__ import annotations

import json
import os
import re
from pathlib import Path

from sphinx.application import Sphinx
from sphinx.config import Config
from sphinx.util.matching import get_matching_files

from .detect import MMARK_SUFFIX, head_data, is_mmark, myst_loaded

_HEAD_BYTES = 64 * 1024


def is_draft(data: dict[str, object]) -> bool:
    """Hugo's ``draft`` key: a boolean, tolerating the strings people write."""
    value = data.get("draft")
    if isinstance(value, str):
        return value.strip().lower() in {"true", "yes", "on", "1"}
    return value is True


def exclude_drafts(app: Sphinx, config: Config) -> None:
    """Add every mmark draft (and future or expired page) to ``exclude_patterns``."""
    from .hugo.dates import is_expired, is_future

    def left_out(data: dict[str, object]) -> bool:
        return (
            (is_draft(data) and not config.mmark_include_drafts)
            or (is_future(data) and not config.mmark_include_future)
            or (is_expired(data) and not config.mmark_include_expired)
        )

    numfig_auto = config.mmark_numfig == "auto"
    everything_in = (
        config.mmark_include_drafts and config.mmark_include_future and config.mmark_include_expired
    )
    if everything_in and not numfig_auto:
        return
    any_captions = False
    myst = myst_loaded(config.extensions)
    suffixes = (".md", MMARK_SUFFIX)
    drafts: list[str] = []
    cache_path = Path(app.doctreedir, _CACHE_NAME)
    cache = _load_cache(cache_path)
    seen: dict[str, list[object]] = {}
    for relpath in get_matching_files(
        app.srcdir, include_patterns=["**"], exclude_patterns=config.exclude_patterns
    ):
        if not relpath.endswith(suffixes):
            continue
        data = _relevant_data(Path(app.srcdir, relpath), cache.get(relpath), seen, relpath)
        mmark = is_mmark(relpath, data, myst=myst, patterns=list(config.mmark_md_patterns))
        any_captions |= mmark and bool(data.get(_CAPTIONS))
        if left_out(data) and is_mmark(
            relpath, data, myst=myst, patterns=list(config.mmark_md_patterns)
        ):
            drafts.append(_escape_glob(relpath))
    if seen != cache:
        _save_cache(cache_path, seen)
    if numfig_auto:
        config.mmark_numfig = any_captions
    if drafts:
        config.exclude_patterns = [*config.exclude_patterns, *sorted(drafts)]


_CACHE_NAME = "sphinx-mmark-sources-v2.json"
_KEYS = frozenset(
    {"draft", "date", "publishdate", "pubdate", "published", "expirydate", "unpublishdate"}
    | {"markup", "markdown"}
)
"""Front-matter keys (compared in lower case) that decide whether a page is left out."""

_CAPTIONS = " captions"
"""Key (no front-matter key has a leading space) of "the file has captions" in the cache."""
_CAPTION_LINE = re.compile(r"^(?:Table|Figure): |^!---", re.MULTILINE)


def _relevant_data(
    path: Path, cached: object, seen: dict[str, list[object]], relpath: str
) -> dict[str, object]:
    try:
        stat = path.stat()
    except OSError:
        return {}
    stamp = [stat.st_mtime_ns, stat.st_size]
    if isinstance(cached, list) and len(cached) == 2 and cached[0] == stamp:
        data = cached[1] if isinstance(cached[1], dict) else {}
    else:
        text = _read_text(path)
        full = head_data(text[:_HEAD_BYTES])
        data = {
            key: value
            for key, value in full.items()
            if key.lower() in _KEYS and isinstance(value, str | bool | int | float)
        }
        data[_CAPTIONS] = _CAPTION_LINE.search(text) is not None
    seen[relpath] = [stamp, data]
    return data


def _load_cache(path: Path) -> dict[str, object]:
    try:
        loaded = json.loads(path.read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return {}
    return loaded if isinstance(loaded, dict) else {}


def _save_cache(path: Path, entries: dict[str, list[object]]) -> None:
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(json.dumps(entries, sort_keys=True), encoding="utf-8")
    except OSError:
        pass  # a read-only build directory only costs speed


def _read_text(path: Path) -> str:
    try:
        return path.read_bytes().decode("utf-8", "replace")
    except OSError:
        return ""


def _escape_glob(relpath: str) -> str:
    escaped = "".join(f"[{c}]" if c in "*?[" else c for c in relpath)
    return escaped.replace(os.sep, "/")
