"""``/robots.txt``, written when the Hugo site says ``enableRobotsTXT = true``.

Its text is that of Hugo 0.111's built-in template, ``User-agent: *`` (which
allows everything; Hugo adds no ``Sitemap:`` line).
"""

from __future__ import annotations

from sphinx.application import Sphinx

from ..config import mmark_settings
from .outputs import write_output, writes_site_files

ROBOTS_FILE = "/robots.txt"
ROBOTS_TEXT = b"User-agent: *"


def is_robots(head: bytes) -> bool:
    """Whether an existing ``robots.txt`` is the one sphinx-mmark writes."""
    return head == ROBOTS_TEXT


def write_robots(app: Sphinx, exception: Exception | None) -> None:
    """Write ``/robots.txt`` when the site enables it (a ``build-finished`` handler)."""
    if exception is not None or not writes_site_files(app):
        return
    hugo = mmark_settings(app.config).hugo_site
    if hugo.robots_txt and hugo.writes("robotstxt"):
        write_output(app, ROBOTS_FILE, ROBOTS_TEXT, replace=is_robots, what="the robots file")


def setup_robots(app: Sphinx) -> None:
    """Register the robots.txt writer."""
    app.connect("build-finished", write_robots)
