"""Leave ``draft: true`` pages out of the build, as a published Hugo site does.

On ``config-inited`` the mmark sources are scanned (front matter only) and
every draft is added to ``exclude_patterns``: Sphinx then never reads it, makes
no page for it and does not warn that it is in no toctree. Setting
``mmark_include_drafts = True`` builds drafts like any other page.
"""

from __future__ import annotations

import os
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

    if config.mmark_include_drafts and config.mmark_include_future and config.mmark_include_expired:
        return
    myst = myst_loaded(config.extensions)
    suffixes = (".md", MMARK_SUFFIX)
    drafts: list[str] = []
    for relpath in get_matching_files(
        app.srcdir, include_patterns=["**"], exclude_patterns=config.exclude_patterns
    ):
        if not relpath.endswith(suffixes):
            continue
        data = head_data(_read_head(Path(app.srcdir, relpath)))
        if left_out(data) and is_mmark(
            relpath, data, myst=myst, patterns=list(config.mmark_md_patterns)
        ):
            drafts.append(_escape_glob(relpath))
    if drafts:
        config.exclude_patterns = [*config.exclude_patterns, *sorted(drafts)]


def _read_head(path: Path) -> str:
    try:
        with path.open("rb") as stream:
            head = stream.read(_HEAD_BYTES)
    except OSError:
        return ""
    return head.decode("utf-8", "replace")


def _escape_glob(relpath: str) -> str:
    escaped = "".join(f"[{c}]" if c in "*?[" else c for c in relpath)
    return escaped.replace(os.sep, "/")
