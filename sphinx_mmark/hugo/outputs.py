"""What the site files (feeds, sitemap, robots.txt, 404 page, bundle resources) share.

They are written only for a Hugo site (``mmark_hugo_root`` set) by an HTML
builder (:data:`SITE_BUILDERS`), and only below the output folder, through
:func:`.confine.write_file`.
"""

from __future__ import annotations

import datetime as dt
from pathlib import Path
from urllib.parse import urlsplit

from docutils import nodes
from sphinx.application import Sphinx
from sphinx.builders.html import StandaloneHTMLBuilder

from ..config import mmark_settings
from ..warnings_ import MmarkWarning, warn
from .confine import Recogniser, RefusedWriteError, shown, url_path, write_file
from .model import base_url

SITE_BUILDERS = frozenset({"hugo", "dirhtml", "html"})
"""The builders that write a Hugo site's extra files."""


def writes_site_files(app: Sphinx) -> bool:
    """Whether this build writes the Hugo site's extra files (see the module docstring)."""
    return bool(mmark_settings(app.config).hugo_root) and app.builder.name in SITE_BUILDERS


def site_root(app: Sphinx) -> str:
    """The path of the site root on its server: the path of the base URL, ``/`` by default."""
    path = urlsplit(base_url(app.config)).path or "/"
    return path if path.endswith("/") else path + "/"


def aware(moment: dt.datetime) -> dt.datetime:
    """``moment`` with a time zone: a date without one is read as UTC (as Hugo does)."""
    return moment if moment.tzinfo is not None else moment.replace(tzinfo=dt.UTC)


def write_output(app: Sphinx, url: str, data: bytes, *, replace: Recogniser, what: str) -> bool:
    """Write ``data`` at the URL path ``url`` (decoded, from the site root) of the output
    folder; whether it was written. A refused path or a failed write is one
    ``mmark.hugo`` warning naming ``what`` was not written."""
    try:
        relpath = url_path(url).lstrip("/")
        write_file(Path(app.builder.outdir), relpath, data, replace=replace)
    except RefusedWriteError as refused:
        reason = str(refused)
    except OSError as error:
        reason = str(error.strerror or error)
    else:
        return True
    warn(f"{what} {shown(url)} is not written: {reason}", MmarkWarning.HUGO, location=None)
    return False


def rendered(builder: StandaloneHTMLBuilder, node: nodes.Node) -> str:
    """The HTML of ``node``, the body of a generated page (a list, the 404 page).

    Sphinx's HTML writer reads the section and figure numbers of the page being
    written from the builder; a generated page has none, and before any document
    is written (a rebuild with nothing to rewrite) the builder has none either.
    """
    builder.secnumbers = {}
    builder.fignumbers = {}
    return str(builder.render_partial(node)["fragment"])
