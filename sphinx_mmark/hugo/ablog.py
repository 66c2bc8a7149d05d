"""ABlog glue: an mmark page with a date is an ABlog post, without edits.

ABlog reads a post's metadata from the document's ``docinfo`` field list
(what reST field lists and MyST front matter produce). Before ABlog's own
transform runs, :class:`PostDocinfo` adds one to every mmark document whose
front matter has a date: ``date`` (in the author's own time zone, written as
``YYYY-MM-DD HH:MM``, which ABlog's date parser reads), ``tags``,
``category`` (from ``categories``), ``author`` (from ``author`` or
``authors``), ``blogpost``, and ``excerpt`` = the number of paragraphs before
``<!--more-->``. A draft that is built anyway (``mmark_build_drafts``) gets
no date, so that ABlog lists it among its drafts.
"""

from __future__ import annotations

from typing import Any

from docutils import nodes
from sphinx.transforms import SphinxTransform

from ..parse.dates import page_date
from ..sphinx_ext.source_scan import is_draft


def _words(value: object) -> str:
    if isinstance(value, list | tuple):
        return ", ".join(str(item).strip() for item in value if str(item).strip())
    return str(value).strip() if value not in (None, "") else ""


def post_fields(data: dict[str, Any], summary_paragraphs: int | None) -> dict[str, str]:
    """The docinfo fields ABlog reads, for front matter ``data``."""
    date = page_date(data)
    if date is None:
        return {}
    fields = {"blogpost": "true"}
    if not is_draft(data):
        fields["date"] = date.strftime("%Y-%m-%d %H:%M")
    for key, source in (("tags", "tags"), ("category", "categories"), ("author", "author")):
        text = _words(data.get(source) or (data.get("authors") if key == "author" else None))
        if text:
            fields[key] = text
    if summary_paragraphs:
        fields["excerpt"] = str(summary_paragraphs)
    return fields


class PostDocinfo(SphinxTransform):
    """Add the docinfo ABlog reads (before ABlog's transform, priority 800)."""

    default_priority = 790

    def apply(self, **kwargs: Any) -> None:
        if "ablog" not in self.config.extensions or not self.document.get("mmark"):
            return
        data = self.env.metadata.get(self.env.docname, {})
        fields = post_fields(dict(data), self.document.get("mmark_summary_paragraphs"))
        if not fields or any(True for _ in self.document.findall(nodes.docinfo)):
            return
        docinfo = nodes.docinfo()
        for name, value in fields.items():
            docinfo += nodes.field(
                "", nodes.field_name("", name), nodes.field_body("", nodes.paragraph("", value))
            )
        self.document.insert(0, docinfo)
