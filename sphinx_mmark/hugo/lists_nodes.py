"""The docutils nodes of a Hugo list page, and the links between the site's pages.

A list page's body (:func:`list_body`) is a ``hugo-list`` container holding a
bullet list — a page's title linked to the page, with its date; for a taxonomy
list each term linked to its list, with its page count — and, when the list has
more than one page, a ``hugo-pager`` container: "Newer", the page numbers,
"Older".

Links are relative ``href`` values from one page's *location* to another's. A
location is the decoded path from the output folder's root at which the
builder serves a page (:class:`Linker`); the relative path is percent-encoded
only at the end, so a ``#`` in a URL is ``%23`` in the link.
"""

from __future__ import annotations

from docutils import nodes
from sphinx.builders import Builder
from sphinx.builders.dirhtml import DirectoryHTMLBuilder

from .builder import encoded
from .confine import RefusedWriteError, shown, url_path
from .model import PageList, SitePage
from .redirects import relative_href

NEWER = "Newer"
OLDER = "Older"


class Linker:
    """Locations of the pages of one build, and relative links between them."""

    def __init__(self, builder: Builder) -> None:
        self.builder = builder

    def doc_location(self, docname: str) -> str:
        """Where ``docname``'s page is: its Hugo URL when the builder writes pages
        there (it has ``hugo_url``), else the builder's target URI."""
        hugo_url = getattr(self.builder, "hugo_url", None)
        if callable(hugo_url):
            url = hugo_url(docname)
            if isinstance(url, str):
                return url.lstrip("/")
        return self.builder.get_target_uri(docname)

    def generated_location(self, name: str) -> str:
        """Where the generated page named ``name`` (``tags/x/index``) is."""
        if isinstance(self.builder, DirectoryHTMLBuilder):
            return name.removesuffix("index")
        return name + str(getattr(self.builder, "link_suffix", ".html"))

    def list_location(self, plist: PageList, number: int) -> str:
        """Where page ``number`` of ``plist`` is (page 1 of a list with a document: the
        document's page)."""
        if number <= 1 and plist.docname is not None:
            return self.doc_location(plist.docname)
        path = plist.pager_url(number).strip("/")
        return self.generated_location(f"{path}/index" if path else "index")

    def href(self, here: str, there: str) -> str:
        """The encoded link from the page at location ``here`` to location ``there``."""
        start = here + "index.html" if here == "" or here.endswith("/") else here
        return self.encoded(relative_href(start, there))

    @staticmethod
    def encoded(href: str) -> str:
        """``href`` (a decoded relative path) percent-encoded."""
        return encoded(href)


def url_problem(url: str) -> str | None:
    """Why a page cannot be written at the (decoded) URL path ``url``, or ``None``:
    it leaves the output folder, or is not the path a web server would serve it from."""
    try:
        normal = url_path(url)
    except RefusedWriteError as refused:
        return str(refused)
    if normal != url:
        return f"it is not a plain path (it is served as {shown(normal)})"
    return None


def pager_count(plist: PageList, size: int) -> int:
    """How many pages ``plist`` has with ``size`` pages on each."""
    return len(plist.pagers(max(1, size)))


def list_body(
    linker: Linker, here: str, plist: PageList, number: int, count: int, size: int
) -> list[nodes.Element]:
    """The nodes of page ``number`` (of ``count``) of ``plist``, for the page at ``here``."""
    if plist.kind == "taxonomy":
        terms = [term for term in plist.terms if url_problem(term.url) is None]
        items = [_term_item(linker, here, term) for term in terms]
    else:
        items = [_page_item(linker, here, page) for page in plist.pagers(max(1, size))[number - 1]]
    box = nodes.container("", classes=["hugo-list", f"hugo-list-{plist.kind}"])
    if items:
        box += nodes.bullet_list("", *items, bullet="*")
    if count > 1:
        box += _pager(linker, here, plist, number, count)
    return [box]


def _link(linker: Linker, here: str, there: str, text: str) -> nodes.reference:
    return nodes.reference("", text, refuri=linker.href(here, there), internal=True)


def _page_item(linker: Linker, here: str, page: SitePage) -> nodes.list_item:
    paragraph = nodes.paragraph()
    paragraph += _link(linker, here, linker.doc_location(page.docname), page.title)
    if page.date is not None:
        paragraph += nodes.Text(" ")
        paragraph += nodes.inline("", page.date.strftime("%Y-%m-%d"), classes=["hugo-date"])
    return nodes.list_item("", paragraph)


def _term_item(linker: Linker, here: str, term: PageList) -> nodes.list_item:
    paragraph = nodes.paragraph()
    paragraph += _link(linker, here, linker.list_location(term, 1), term.title)
    paragraph += nodes.Text(" ")
    paragraph += nodes.inline("", f"({len(term.pages)})", classes=["hugo-count"])
    return nodes.list_item("", paragraph)


def _pager(linker: Linker, here: str, plist: PageList, number: int, count: int) -> nodes.container:
    """'Newer', the page numbers (the current one not linked) and 'Older'."""
    paragraph = nodes.paragraph()
    parts: list[nodes.Node] = []
    if number > 1:
        parts.append(_link(linker, here, linker.list_location(plist, number - 1), NEWER))
    for other in range(1, count + 1):
        if other == number:
            parts.append(nodes.strong("", str(other), classes=["hugo-current"]))
        else:
            parts.append(_link(linker, here, linker.list_location(plist, other), str(other)))
    if number < count:
        parts.append(_link(linker, here, linker.list_location(plist, number + 1), OLDER))
    for index, part in enumerate(parts):
        if index:
            paragraph += nodes.Text(" ")
        paragraph += part
    return nodes.container("", paragraph, classes=["hugo-pager"])
