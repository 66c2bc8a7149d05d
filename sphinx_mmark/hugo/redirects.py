"""Redirect pages at the Hugo site's old URLs (html, dirhtml and hugo builders).

For every page, each old path (``aliases`` always; with ``mmark_hugo_root``
also the URL implied by ``url``, ``slug``, permalinks and the folder) that is
not already where Sphinx writes the page gets a small HTML file with a
``<meta http-equiv="refresh">`` and a link to the page. A path ending in ``/``
(or without a file extension) becomes ``<path>/index.html``. A path that some
page of the build already occupies is left alone, with a warning.

The paths come from documents and site configurations, so each is confined to
the output folder (:mod:`.confine`): one that climbs out of it, a symbolic link
on the way, or an existing file that is not a redirect page written by
sphinx-mmark (told by :data:`MARKER`) gets a warning instead of a file.

Web servers on macOS and Windows disks do not tell ``/Posts/`` from ``/posts/``:
paths are compared case-folded, so a redirect never overwrites a page (or another
redirect) whose path differs from it only by letter case; it gets a warning.
Paths are kept decoded (a ``#`` in a folder name is a ``#`` on disk) and are
percent-encoded in links (``%23``).
"""

from __future__ import annotations

import posixpath
from html import escape
from pathlib import Path
from urllib.parse import unquote

from sphinx.application import Sphinx
from sphinx.util import logging

from ..config import mmark_settings
from ..warnings_ import MmarkWarning, warn
from .confine import RefusedWriteError, shown, url_path, write_file
from .model import encoded
from .pages import load_pages
from .urls import aliases, permalink

_LOGGER = logging.getLogger(__name__)
_BUILDERS = ("html", "dirhtml", "hugo")
MARKER = '<meta name="generator" content="sphinx-mmark redirect">'
"""The line that marks a redirect page as sphinx-mmark's own (it may be rewritten)."""

PAGE = """<!DOCTYPE html>
<html lang="en">
<head>
<meta charset="utf-8">
{marker}
<title>Moved: {title}</title>
<link rel="canonical" href="{href}">
<meta name="robots" content="noindex">
<meta http-equiv="refresh" content="0; url={href}">
</head>
<body>
<p>This page has moved to <a href="{href}">{title}</a>.</p>
</body>
</html>
"""


def redirect_file(path: str) -> str:
    """Output file (relative to the output folder) for an old URL path.

    :class:`.RefusedWriteError` when the path leads outside the output folder.
    """
    return _file_of(url_path(path))


def _file_of(uri: str) -> str:
    """The file a web server serves for the (normalised, decoded) URL path ``uri``."""
    path = uri.lstrip("/")
    if not path or path.endswith("/") or "." not in posixpath.basename(path):
        return posixpath.join(path, "index.html")
    return path


def relative_href(from_file: str, target_uri: str) -> str:
    """The link from ``from_file`` to the page at ``target_uri`` (both relative to the root).

    Both are decoded paths (as files are named) and so is the link: percent-encode it
    (:func:`.model.encoded`) before it goes into HTML.
    """
    start = posixpath.dirname(from_file) or "."
    target = target_uri or "./"
    href = posixpath.relpath(target.rstrip("/") or ".", start)
    if target.endswith("/"):
        href = href.rstrip("/") + "/"
    return "./" if href in (".", "./") else href


def old_paths(app: Sphinx) -> dict[str, list[str]]:
    """docname → the old URL paths of the page."""
    env = app.env
    settings = mmark_settings(app.config)
    # the hugo builder writes each page at its permalink (or warns why it cannot)
    hugo = bool(settings.hugo_root) and app.builder.name != "hugo"
    patterns = dict(settings.hugo_site.permalinks)
    lowercase = settings.hugo_site.lowercase_paths
    out: dict[str, list[str]] = {}
    for docname, page in load_pages(env).items():
        if docname not in env.all_docs:
            continue  # a draft or otherwise excluded page
        paths = aliases(page, patterns=patterns, lowercase=lowercase)
        if hugo:
            paths.append(permalink(page, patterns, lowercase=lowercase))
        if paths:
            out[docname] = paths
    return out


def write_redirects(app: Sphinx, exception: Exception | None) -> None:
    """Write the redirect pages once the build succeeded."""
    if exception is not None or app.builder.name not in _BUILDERS:
        return
    taken: dict[str, tuple[str, str]] = {}
    for doc in app.env.all_docs:
        own = _own_file(app, doc)
        taken[own.casefold()] = (own, f"the page of {doc}")
    count = 0
    for docname, paths in sorted(old_paths(app).items()):
        for path in paths:
            file = _free_file(app, docname, path, taken)
            if file is not None and _write_redirect(app, docname, path, file):
                taken[file.casefold()] = (file, f"the redirect to {docname}")
                count += 1
    if count:
        _LOGGER.info("[mmark] %d redirect page(s) for old URLs", count)


def _target(app: Sphinx, docname: str) -> str:
    """The decoded path (from the output folder) of ``docname``'s page, as linked to."""
    return unquote(app.builder.get_target_uri(docname))


def _own_file(app: Sphinx, docname: str) -> str:
    """The output file (relative to the output folder) of ``docname``'s page."""
    uri = _target(app, docname)
    return _file_of(uri) if app.builder.name in ("dirhtml", "hugo") else uri


def _not_redirected(docname: str, path: str, reason: str) -> None:
    warn(
        f"old URL {shown(path)} of {docname} is not redirected: {reason}",
        MmarkWarning.HUGO,
        location=(docname, None),
    )


def _free_file(
    app: Sphinx, docname: str, path: str, taken: dict[str, tuple[str, str]]
) -> str | None:
    """The redirect file for ``path``, or ``None`` (with a warning if it cannot be had).

    ``taken`` maps each case-folded file written so far (pages, redirects) to the
    file's own name and what it is.
    """
    try:
        file = redirect_file(path)
    except RefusedWriteError as refused:
        _not_redirected(docname, path, str(refused))
        return None
    if file == _own_file(app, docname):
        return None
    there = taken.get(file.casefold())
    if there is None:
        return file
    other, what = there
    if other == file:
        _not_redirected(docname, path, f"{what} is there")
    else:
        _not_redirected(
            docname,
            path,
            f"{what} is at {shown(other)}, the same file but for letter case "
            "(one file on macOS and Windows disks)",
        )
    return None


def _write_redirect(app: Sphinx, docname: str, path: str, file: str) -> bool:
    """Write the redirect page ``file`` to ``docname``; whether it was written."""
    env = app.env
    title = env.titles[docname].astext() if docname in env.titles else docname
    href = encoded(relative_href(file, _target(app, docname)))
    page = PAGE.format(marker=MARKER, title=escape(title), href=escape(href))
    try:
        write_file(Path(app.builder.outdir), file, page.encode("utf-8"), replace=_is_redirect)
    except RefusedWriteError as refused:
        _not_redirected(docname, path, str(refused))
        return False
    except OSError as error:
        _not_redirected(docname, path, f"{error.strerror or error}")
        return False
    return True


def _is_redirect(head: bytes) -> bool:
    """Whether an existing file is a redirect page that sphinx-mmark wrote."""
    return MARKER.encode("utf-8") in head
