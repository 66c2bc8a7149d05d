"""Hugo dates: reading them, and the publishing rules that depend on them.

Hugo leaves out of a site a page whose ``publishDate`` (else ``date``) lies in
the future, and one whose ``expiryDate`` has passed (``unpublishdate`` is an
older spelling). Dates may carry a time zone (``2018-10-29T13:31:38+11:00``);
one without is taken as UTC.
"""

from __future__ import annotations

import datetime as dt

_FORMATS = ("%Y-%m-%d %H:%M:%S %z", "%Y-%m-%d %H:%M:%S", "%Y-%m-%d %H:%M", "%Y/%m/%d", "%d %b %Y")


def parse_date(value: object) -> dt.datetime | None:
    """A timezone-aware datetime for a front-matter date, or None if it is not one."""
    if isinstance(value, dt.datetime):
        parsed = value
    elif isinstance(value, dt.date):
        parsed = dt.datetime(value.year, value.month, value.day)
    elif isinstance(value, str) and value.strip():
        text = value.strip()
        try:
            parsed = dt.datetime.fromisoformat(text)
        except ValueError:
            for fmt in _FORMATS:
                try:
                    parsed = dt.datetime.strptime(text, fmt)
                    break
                except ValueError:
                    continue
            else:
                return None
    else:
        return None
    if parsed.tzinfo is None:
        parsed = parsed.replace(tzinfo=dt.UTC)
    return parsed


def _first(data: dict[str, object], *keys: str) -> object:
    lowered = {str(key).lower(): value for key, value in data.items()}
    for key in keys:
        if lowered.get(key.lower()) not in (None, ""):
            return lowered[key.lower()]
    return None


def publish_date(data: dict[str, object]) -> dt.datetime | None:
    """When Hugo publishes the page: ``publishDate``, else ``date``."""
    return parse_date(_first(data, "publishDate", "pubdate", "published", "date"))


def expiry_date(data: dict[str, object]) -> dt.datetime | None:
    """When Hugo stops publishing the page."""
    return parse_date(_first(data, "expiryDate", "unpublishdate"))


def page_date(data: dict[str, object]) -> dt.datetime | None:
    """The page's date, as Hugo orders pages by it and puts it in permalinks (its
    default ``[frontmatter] date``): ``date``, else ``publishDate``, else ``lastmod``."""
    return parse_date(
        _first(data, "date", "publishDate", "pubdate", "published", "lastmod", "modified")
    )


def is_future(data: dict[str, object], now: dt.datetime | None = None) -> bool:
    """Whether the page is not published yet."""
    published = publish_date(data)
    return published is not None and published > (now or dt.datetime.now(dt.UTC))


def is_expired(data: dict[str, object], now: dt.datetime | None = None) -> bool:
    """Whether the page is no longer published."""
    expires = expiry_date(data)
    return expires is not None and expires <= (now or dt.datetime.now(dt.UTC))
