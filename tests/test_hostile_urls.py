"""Hostile URLs (issue 17, section 2): ``javascript:`` and kin never reach an href or a src.

Markdown's own links already go through markdown-it's ``validateLink``; these are the
URLs sphinx-mmark emits itself: a figure shortcode's ``src``, ``link`` and
``attrlink``, and a ``<reference target=…>``. Each refused URL gives one ``mmark.url``
warning at its line, and the text of the element stays. Every hostile URL below runs
``alert(1)``, so "got through" means: an ``href``/``src`` (or ``refuri``/``uri``)
holding ``alert(1)``.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from pathlib import Path

import pytest
from bs4 import BeautifulSoup
from docutils import nodes

from sphinx_mmark.parse.safe_urls import is_safe_url

from .helpers import build, write_project
from .inprocess import InProcessParser, LoggedWarning, parse_warnings

PAYLOAD = "alert(1)"

HOSTILE = {
    "plain": "javascript:alert(1)",
    "mixed case": "JaVaScRiPt:alert(1)",
    "leading space": " javascript:alert(1)",
    "tab entity": "java&#x09;script:alert(1)",
    "decimal entity": "&#106;avascript:alert(1)",
    "entity without semicolon": "&#0000106avascript:alert(1)",
    "newline inside": "java\\nscript:alert(1)",
    "percent-encoded": "%6Aavascript:alert(1)",
    "vbscript": "vbscript:alert(1)",
    "data html": "data:text/html,alert(1)",
    "data svg": "data:image/svg+xml,alert(1)",
    "file": "file:///alert(1)",
}
"""URLs a browser (or a careless writer) could run; ``\\n`` is written out in the source."""

BENIGN = {
    "https": "https://example.org/alert(1)",
    "relative": "pics/alert(1).png",
    "fragment": "#alert(1)",
    "mailto": "mailto:alert(1)@example.org",
    "png data": "data:image/png;base64,alert(1)",
    "javascript in the query": "https://example.org/?next=javascript:alert(1)",
}
"""URLs that must still be emitted as written."""


def _decoded(url: str) -> str:
    """``url`` with the ``\\n`` written in the sources above made a real line break."""
    return url.replace("\\n", "\n")


def _in_markup(url: str) -> str:
    """``url`` as a shortcode argument or XML attribute writes it (a line break as a
    character reference: neither may hold a real one)."""
    return url.replace("\\n", "&#10;")


@pytest.mark.parametrize("url", list(HOSTILE.values()), ids=list(HOSTILE))
def test_hostile_url_is_refused(url: str) -> None:
    assert not is_safe_url(_decoded(url))


@pytest.mark.parametrize("url", list(BENIGN.values()), ids=list(BENIGN))
def test_benign_url_is_kept(url: str) -> None:
    assert is_safe_url(url)


# -- each emitter, in-process -----------------------------------------------------------


@pytest.fixture(scope="module")
def parser(tmp_path_factory: pytest.TempPathFactory) -> Iterator[InProcessParser]:
    reader = InProcessParser(tmp_path_factory.mktemp("hostile-urls") / "project")
    yield reader
    reader.close()


def _figure_link(url: str) -> str:
    return f'Intro.\n\n{{{{< figure src="pic.png" link="{url}" alt="Pic alt" >}}}}\n\nAfter.\n'


def _figure_attrlink(url: str) -> str:
    return (
        'Intro.\n\n{{< figure src="pic.png" attr="Photo by Ann" '
        f'attrlink="{url}" >}}}}\n\nAfter.\n'
    )


def _figure_src(url: str) -> str:
    return f'Intro.\n\n{{{{< figure src="{url}" alt="Pic alt" caption="A caption" >}}}}\n\nAfter.\n'


def _inline_figure_src(url: str) -> str:
    return f'Intro.\n\nSee {{{{< figure src="{url}" alt="Pic alt" >}}}} here.\n\nAfter.\n'


def _reference_target(url: str) -> str:
    # "&" escaped: the target holds the entities as written, as a shortcode argument
    # does (XML-decoded ones are in DOCUMENT below)
    target = url.replace("&", "&amp;")
    return (
        f"Intro.\n\n<reference anchor='x' target='{target}'>\n"
        "<front><title>Ref title</title></front>\n</reference>\n\nSee [@x]. After.\n"
    )


EMITTERS = {
    "figure link": (_figure_link, ["Intro.", "After."], nodes.image),
    "figure attrlink": (_figure_attrlink, ["Photo by Ann", "After."], nodes.image),
    "figure src": (_figure_src, ["Pic alt", "A caption", "After."], None),
    "inline figure src": (_inline_figure_src, ["See", "Pic alt", "here.", "After."], None),
    "reference target": (_reference_target, ["Ref title", PAYLOAD, "After."], None),
}
"""Document for a URL, the text that must stay, a node that must stay (or None)."""


def _emitted(doctree: nodes.document) -> list[str]:
    """Every URL of the doctree that a writer turns into an href or a src."""
    urls: list[str] = []
    for node in doctree.findall(nodes.Element):
        urls += [str(node[key]) for key in ("refuri", "uri") if key in node]
        urls += [str(value) for value in dict(node.get("candidates", {})).values()]
    return urls


def _url_warnings(warnings: list[LoggedWarning]) -> list[LoggedWarning]:
    return [w for w in warnings if (w.type, w.subtype) == ("mmark", "url")]


@pytest.mark.parametrize("emitter", list(EMITTERS))
@pytest.mark.parametrize("url", list(HOSTILE.values()), ids=list(HOSTILE))
def test_emitter_refuses(parser: InProcessParser, emitter: str, url: str) -> None:
    make, kept, kept_node = EMITTERS[emitter]
    parsed = parser.parse(make(_in_markup(url)))
    assert not [u for u in _emitted(parsed.doctree) if PAYLOAD in u], parsed.doctree.pformat()
    found = _url_warnings(parsed.warnings)
    assert len(found) == 1, parsed.log
    assert (found[0].file, found[0].line) == ("case.md", 3), str(found[0])
    for text in kept:
        assert text in parsed.text(), f"{text!r} dropped:\n{parsed.doctree.pformat()}"
    if kept_node is not None:
        assert list(parsed.doctree.findall(kept_node)), parsed.doctree.pformat()


@pytest.mark.parametrize("emitter", list(EMITTERS))
@pytest.mark.parametrize("url", list(BENIGN.values()), ids=list(BENIGN))
def test_emitter_keeps_benign(parser: InProcessParser, emitter: str, url: str) -> None:
    make, _, _ = EMITTERS[emitter]
    parsed = parser.parse(make(url))
    assert not _url_warnings(parsed.warnings), parsed.log
    assert [u for u in _emitted(parsed.doctree) if PAYLOAD in u], parsed.doctree.pformat()


def test_both_links_of_one_figure_give_one_warning(parser: InProcessParser) -> None:
    parsed = parser.parse(
        '{{< figure src="pic.png" link="javascript:alert(1)" attr="Ann" '
        'attrlink="vbscript:alert(1)" >}}\n'
    )
    found = _url_warnings(parsed.warnings)
    assert len(found) == 1, parsed.log
    assert "figure link" in found[0].message, str(found[0])
    assert "figure attrlink" in found[0].message, str(found[0])
    assert not [u for u in _emitted(parsed.doctree) if PAYLOAD in u]


# -- full builds: the written output -------------------------------------------------

DOCUMENT = """\
# Hostile links

{{< figure src="pic.png" link="JaVaScRiPt:alert(1)" caption="Linked" >}}

{{< figure src="pic.png" attr="Photo by Ann" attrlink=" javascript:alert(1)" >}}

{{< figure src="java&#x09;script:alert(1)" alt="Source alt" caption="Sourced" >}}

Inline {{< figure src="vbscript:alert(1)" alt="Inline alt" >}} image.

And {{< figure src="pic.png" link="data:text/html,alert(1)" >}} a linked one.

<reference anchor='x' target='java&#x09;script:alert(1)'>
<front><title>Ref title</title></front>
</reference>

See [@x] and [a link](javascript:alert(1)). Last words.
"""
WARNED_LINES = [3, 5, 7, 9, 11, 13]


def _hostile_project(tmp_path: Path, raw_enabled: bool) -> Path:
    write_project(
        tmp_path, {"index.md": DOCUMENT, "pic.png": b"\x89PNG\r\n\x1a\n"}, conf='root_doc = "index"'
    )
    if not raw_enabled:
        (tmp_path / "docutils.conf").write_text("[general]\nraw_enabled: false\n", "utf-8")
    return tmp_path


def _assert_one_warning_per_construct(warnings: str, srcdir: Path) -> None:
    found = _url_warnings(parse_warnings(warnings, srcdir))
    assert sorted((w.file, w.line) for w in found) == [("index.md", n) for n in WARNED_LINES], (
        warnings
    )


@pytest.mark.parametrize("raw_enabled", [True, False], ids=["default", "raw disabled"])
def test_html_has_no_hostile_href_or_src(tmp_path: Path, raw_enabled: bool) -> None:
    result = build(_hostile_project(tmp_path, raw_enabled))
    soup = BeautifulSoup(result.html("index"), "html.parser")
    body = soup.find("div", class_="body") or soup
    for tag in soup.find_all(True):
        for name in ("href", "src"):
            assert PAYLOAD not in str(tag.get(name, "")), str(tag)
    text = body.get_text()
    for kept in ("Linked", "Photo by Ann", "Source alt", "Sourced", "Inline alt", "Ref title"):
        assert kept in text, f"{kept!r} dropped"
    assert "Last words." in text
    _assert_one_warning_per_construct(result.warnings, tmp_path)


_HREF = re.compile(r"\\(?:href|url)\{[^}]*alert")


@pytest.mark.parametrize(
    ("builder", "raw_enabled"),
    [("latex", True), ("latex", False), ("text", True), ("man", True)],
)
def test_other_builders(tmp_path: Path, builder: str, raw_enabled: bool) -> None:
    result = build(_hostile_project(tmp_path, raw_enabled), builder)
    written = "\n".join(
        path.read_text(encoding="utf-8")
        for path in result.outdir.iterdir()
        if path.suffix in (".tex", ".txt", ".1")
    )
    assert "Ref title" in written
    assert "Last words." in written
    assert not _HREF.search(written)
    _assert_one_warning_per_construct(result.warnings, tmp_path)


def test_remote_image_link_in_latex(tmp_path: Path) -> None:
    # markdown-it lets an entity-encoded scheme through (the HTML writer escapes the
    # "&", so a browser never decodes it); a LaTeX link is refused all the same
    write_project(
        tmp_path,
        {"index.md": "Intro ![Remote alt](&amp;#106;avascript://x/alert(1)) end.\n"},
        conf='root_doc = "index"',
    )
    result = build(tmp_path, "latex")
    tex = next(result.outdir.glob("*.tex")).read_text(encoding="utf-8")
    assert "Remote alt" in tex
    assert not _HREF.search(tex)
    found = _url_warnings(parse_warnings(result.warnings, tmp_path))
    assert [(w.file, w.line) for w in found] == [("index.md", 1)], result.warnings
