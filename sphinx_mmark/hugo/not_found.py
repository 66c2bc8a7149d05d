"""``/404.html``: the page a web server shows for any missing path.

The page (page name ``404``, added at ``html-collect-pages``) has the site's
theme, the heading "Page not found" and a link to the home page. It is served
at whatever path was missing, so no link on it may be relative to its own
place: in its page context

* ``pathto`` returns paths from the site root (the path of the base URL, ``/``
  by default), for documents and for resources;
* a ``<base href>`` naming the page's own place under the site root makes the
  relative links that the theme computed by other means (style sheets,
  scripts, the navigation) resolve as on that page.

The ``hugo`` builder writes the page as ``404.html``; ``html`` does too;
``dirhtml`` writes ``404/index.html``, which is copied to ``404.html`` when the
build has finished.
"""

from __future__ import annotations

from html import escape
from pathlib import Path
from typing import Any

from docutils import nodes
from sphinx.application import Sphinx
from sphinx.builders.html import StandaloneHTMLBuilder

from .model import site_of
from .outputs import rendered, site_root, write_output, writes_site_files

NOT_FOUND_PAGE = "404"
NOT_FOUND_FILE = "/404.html"
TITLE = "Page not found"
MARKER = '<meta name="generator" content="sphinx-mmark 404 page">'
"""In the head of the 404 page: tells a copy of an earlier build, which may be replaced."""


def collect_not_found(app: Sphinx) -> list[tuple[str, dict[str, Any], str]]:
    """The 404 page (an ``html-collect-pages`` handler)."""
    if not writes_site_files(app) or not site_of(app.env).settings.writes("404"):
        return []
    assert isinstance(app.builder, StandaloneHTMLBuilder)
    home = nodes.reference("", "Go to the home page", refuri=site_root(app))
    section = nodes.section(
        "",
        nodes.title("", TITLE),
        nodes.paragraph("", "There is no page at this address. ", home, nodes.Text(".")),
        ids=["page-not-found"],
    )
    body = rendered(app.builder, section)
    return [(NOT_FOUND_PAGE, {"title": TITLE, "body": body}, "page.html")]


def root_pathto(app: Sphinx, root: str) -> Any:
    """A ``pathto`` for the page context whose paths start at the site root ``root``."""
    builder = app.builder

    def pathto(otheruri: str, resource: bool = False, baseuri: str = "") -> str:
        if resource and "://" in otheruri:
            return otheruri
        target = otheruri if resource else builder.get_target_uri(otheruri)
        return root + target.lstrip("/")

    return pathto


def not_found_context(
    app: Sphinx, pagename: str, templatename: str, context: dict[str, Any], doctree: Any
) -> None:
    """Make the 404 page's links start at the site root (an ``html-page-context`` handler)."""
    if pagename != NOT_FOUND_PAGE or not writes_site_files(app):
        return
    root = site_root(app)
    own = app.builder.get_target_uri(NOT_FOUND_PAGE)
    base = escape(root + own, quote=True)
    context["pathto"] = root_pathto(app, root)
    context["content_root"] = root
    context["pageurl"] = None  # no canonical URL: the page answers at every missing one
    context["metatags"] = f'{context.get("metatags", "")}\n{MARKER}\n<base href="{base}">\n'


def copy_not_found(app: Sphinx, exception: Exception | None) -> None:
    """Copy ``dirhtml``'s ``404/index.html`` to ``404.html`` (a ``build-finished`` handler)."""
    builder = app.builder
    if exception is not None or not writes_site_files(app):
        return
    if not isinstance(builder, StandaloneHTMLBuilder):
        return
    written = Path(builder.get_outfilename(NOT_FOUND_PAGE))
    wanted = Path(builder.outdir, NOT_FOUND_FILE.lstrip("/"))
    if written == wanted or not written.is_file():
        return
    write_output(
        app, NOT_FOUND_FILE, written.read_bytes(), replace=_is_not_found, what="the 404 page"
    )


def _is_not_found(head: bytes) -> bool:
    return MARKER.encode() in head


def setup_not_found(app: Sphinx) -> None:
    """Register the 404 page."""
    app.connect("html-collect-pages", collect_not_found)
    app.connect("html-page-context", not_found_context)
    app.connect("build-finished", copy_not_found)
