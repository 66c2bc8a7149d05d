"""``lastmod`` as the page's "last updated" date where the theme shows one."""

from __future__ import annotations

from typing import Any

from sphinx.application import Sphinx

from ..parse.dates import parse_date


def last_updated(
    app: Sphinx, pagename: str, templatename: str, context: dict[str, Any], doctree: Any
) -> None:
    """Put the page's ``lastmod`` into the template context as ``last_updated``."""
    data = app.env.metadata.get(pagename, {})
    value = data.get("lastmod") or data.get("lastMod")
    date = parse_date(value)
    if date is not None:
        fmt = app.config.html_last_updated_fmt or "%b %d, %Y"
        context["last_updated"] = date.strftime(fmt)
