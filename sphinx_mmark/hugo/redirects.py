"""Redirect pages at the Hugo site's old URLs (HTML and dirhtml builders).

For every page, each old path (``aliases`` always; with ``mmark_hugo_root``
also the URL implied by ``url``, ``slug``, permalinks and the folder) that is
not already where Sphinx writes the page gets a small HTML file with a
``<meta http-equiv="refresh">`` and a link to the page. A path ending in ``/``
(or without a file extension) becomes ``<path>/index.html``. A path that some
page of the build already occupies is left alone, with a warning.
"""

from __future__ import annotations

import posixpath
from html import escape
from pathlib import Path

from sphinx.application import Sphinx
from sphinx.util import logging

from ..warnings_ import MmarkWarning, warn
from .pages import load_pages
from .urls import aliases, permalink

_LOGGER = logging.getLogger(__name__)
_BUILDERS = ("html", "dirhtml")

PAGE = """<!DOCTYPE html>
<html lang="en">
<head>
<meta charset="utf-8">
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
    """Output file (relative to the output folder) for an old URL path."""
    path = path.lstrip("/")
    if not path or path.endswith("/") or "." not in posixpath.basename(path):
        return posixpath.join(path, "index.html")
    return path


def relative_href(from_file: str, target_uri: str) -> str:
    """The link from ``from_file`` to the page at ``target_uri`` (both relative to the root)."""
    start = posixpath.dirname(from_file) or "."
    target = target_uri or "./"
    href = posixpath.relpath(target.rstrip("/") or ".", start)
    if target.endswith("/"):
        href = href.rstrip("/") + "/"
    return "./" if href in (".", "./") else href


def old_paths(app: Sphinx) -> dict[str, list[str]]:
    """docname → the old URL paths of the page."""
    env = app.env
    hugo = bool(app.config.mmark_hugo_root)
    patterns = dict(getattr(app.config, "_mmark_hugo_permalinks", {}) or {})
    lowercase = bool(getattr(app.config, "_mmark_hugo_lowercase", True))
    out: dict[str, list[str]] = {}
    for docname, page in load_pages(env).items():
        if docname not in env.all_docs:
            continue  # a draft or otherwise excluded page
        paths = aliases(page)
        if hugo:
            paths.append(permalink(page, patterns, lowercase=lowercase))
        if paths:
            out[docname] = paths
    return out


def write_redirects(app: Sphinx, exception: Exception | None) -> None:
    """Write the redirect pages once the build succeeded."""
    if exception is not None or app.builder.name not in _BUILDERS:
        return
    builder = app.builder
    outdir = Path(builder.outdir)

    def own_file(docname: str) -> str:
        uri = builder.get_target_uri(docname)
        return redirect_file(uri) if builder.name == "dirhtml" else uri

    occupied = {own_file(doc) for doc in app.env.all_docs}
    written: dict[str, str] = {}
    for docname, paths in sorted(old_paths(app).items()):
        target = builder.get_target_uri(docname)
        own = own_file(docname)
        for path in paths:
            file = redirect_file(path)
            if file == own:
                continue
            if file in occupied or file in written:
                other = written.get(file, "another page")
                warn(
                    f"old URL {path} of {docname} is not redirected: {other} is there",
                    MmarkWarning.HUGO,
                    location=(docname, None),
                )
                continue
            written[file] = docname
            title = app.env.titles[docname].astext() if docname in app.env.titles else docname
            href = relative_href(file, target)
            destination = outdir / file
            destination.parent.mkdir(parents=True, exist_ok=True)
            destination.write_text(
                PAGE.format(title=escape(title), href=escape(href)), encoding="utf-8"
            )
    if written:
        _LOGGER.info("[mmark] %d redirect page(s) for old URLs", len(written))
