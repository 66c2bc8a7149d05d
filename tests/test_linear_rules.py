"""What the rules made linear for issue 17 still find (their speed: ``test_scaling.py``).

Each rule was rewritten (a regex without neighbouring quantifiers over the same
characters, a one-pass scan, other nodes around targets); these pin what each finds
on the inputs that were slow and on the ordinary ones next to them.
"""

from __future__ import annotations

from collections.abc import Iterator

import pytest
from docutils import nodes
from markdown_it.token import Token
from sphinx import addnodes

from sphinx_mmark.parse.markdown import build_parser

from .inprocess import InProcessParser

V1 = "---\nmmark_flavour: v1\n---\n"


@pytest.fixture(scope="module")
def parser(tmp_path_factory: pytest.TempPathFactory) -> Iterator[InProcessParser]:
    reader = InProcessParser(tmp_path_factory.mktemp("linear") / "project")
    (reader.srcdir / "part.md").write_text("Included text.\n", encoding="utf-8")
    yield reader
    reader.close()


def _tokens(text: str, flavour: str = "v2") -> list[Token]:
    """Every token of ``text``, inline children after their parent."""
    found = []
    for token in build_parser().parse(text, {"flavour": flavour}):
        found.append(token)
        found.extend(token.children or [])
    return found


def _of_type(text: str, kind: str, flavour: str = "v2") -> list[Token]:
    return [token for token in _tokens(text, flavour) if token.type == kind]


@pytest.mark.parametrize(
    ("text", "found"),
    [
        ("(#a)", ("a", None)),
        ("(#a  )", ("a", None)),
        ("(#a,  the text\t )", ("a", "the text")),
        ("(#a,)", ("a", None)),
        ("See (#intro," + " " * 5000 + "x", None),
        ("(#a ,b)", None),
        ("(#a, b (c))", None),
    ],
)
def test_short_refs(text: str, found: tuple[str, str | None] | None) -> None:
    refs = [(t.meta["target"], t.meta["text"]) for t in _of_type(text, "mmark_xref")]
    assert refs == ([found] if found else [])


@pytest.mark.parametrize(
    ("title", "found"),
    [
        ("T {#x}", ("x", "T")),
        ("T {#x .a .b }", ("x", "T")),
        ("T {#x" + " \t" * 3000 + "}", ("x", "T")),
        ("T {#x" + " " * 5000 + "y", (None, "T {#x" + " " * 5000 + "y")),
        ("T" + " " * 5000 + "{#x}", ("x", "T")),
    ],
)
def test_heading_ids(title: str, found: tuple[str | None, str]) -> None:
    heading, inline = _tokens(f"# {title}\n")[:2]
    assert (heading.attrs.get("id"), inline.content) == found


def test_caption_attributes_after_white_space() -> None:
    [caption] = _of_type("```\nx\n```\nFigure: a" + " " * 5000 + "{#f}\n", "mmark_caption_open")
    assert caption.meta["attrs"].id == "f"


def _abbreviations(text: str) -> list[str]:
    return [t.content for t in _of_type(text, "mmark_abbreviation", "v1")]


def test_abbreviation_definition_with_white_space() -> None:
    [block] = _of_type("*[A]: x" + " \t" * 5000 + "y\t \n", "mmark_abbreviations", "v1")
    [(abbreviation, explanation, _)] = block.meta["entries"]
    assert (abbreviation, explanation) == ("A", "x" + " \t" * 5000 + "y")


def test_abbreviations_whole_words_longest_first() -> None:
    text = (
        "HTML HTML5 xHTML C++ C+ H T M L, (HTML).\n\n"
        "*[HTML]: a\n*[HTML 5]: b\n*[C++]: c\n*[H T]: d\n*[TM]: e\n"
    )
    assert _abbreviations(text) == ["HTML", "C++", "H T", "HTML"]


def test_many_abbreviation_definitions() -> None:
    definitions = "".join(f"*[A{i}]: x\n" for i in range(5000))
    assert _abbreviations(f"A1, A4999 and A5000.\n\n{definitions}") == ["A1", "A4999"]


def test_include_line_above_an_underline(parser: InProcessParser) -> None:
    """As in mmark: the include is spliced, the ``===`` line stays a paragraph."""
    parsed = parser.parse("{{part.md}}\n===\n")
    assert [p.astext() for p in parsed.doctree.findall(nodes.paragraph)] == [
        "Included text.",
        "===",
    ]
    assert not list(parsed.doctree.findall(nodes.title))


def test_include_lines_without_blank_lines(parser: InProcessParser) -> None:
    parsed = parser.parse("{{part.md}}\n" * 3 + "<{{part.md}}\n" * 2)
    assert parsed.text().count("Included text.") == 5
    assert len(list(parsed.doctree.findall(nodes.literal_block))) == 2


@pytest.mark.parametrize(
    ("text", "inner"),
    [
        ("{{< x >}}\n" * 3 + "a\n{{< /x >}}\n", ["a\n"]),
        (
            "{{< x >}}\n{{< x >}}\na\n{{< /x >}}\nb\n{{< /x >}}\n",
            ["{{< x >}}\na\n{{< /x >}}\nb\n", "a\n"],
        ),
        ("{{< x >}}\n{{< y >}}\n{{< /x >}}\n", ["{{< y >}}\n"]),
        ("x {{< x >}} {{< x >}} a {{< /x >}}", [" a "]),
        ("x {{< x >}} {{< y >}} {{< /x >}} {{< /x >}}", [" {{< y >}} "]),
    ],
)
def test_shortcode_closing_tags(text: str, inner: list[str]) -> None:
    """A closing tag closes the nearest opening tag of its name still open."""
    opened = [
        token
        for token in _tokens(text)
        if token.type in ("hugo_shortcode_open", "hugo_shortcode_inline_open")
    ]
    assert [token.meta["inner"] for token in opened] == inner


def test_index_entries_side_by_side(parser: InProcessParser) -> None:
    """Every entry kept, each pointing at a target of its own in the document."""
    parsed = parser.parse("x " + "(!a) " * 100 + "\n\n" + "(!b)\n\n" * 100 + "(!c)" * 100 + "\n")
    entries = [
        entry for node in parsed.doctree.findall(addnodes.index) for entry in node["entries"]
    ]
    assert sorted(entry[1] for entry in entries) == ["a"] * 100 + ["b"] * 100 + ["c"] * 100
    ids = {i for node in parsed.doctree.findall(nodes.target) for i in node["ids"]}
    assert {entry[2] for entry in entries} <= ids
    assert len({entry[2] for entry in entries}) == 300


def test_one_callout_many_times(parser: InProcessParser) -> None:
    """Each marker gets the next free id; a prose marker links to the last before it."""
    parsed = parser.parse("```\n" + "x //<<1>>\n" * 4 + "```\n\nSee <<1>>.\n")
    ids = [i for node in parsed.doctree.findall(nodes.target) for i in node["ids"]]
    assert ids == ["callout-1-1", "callout-1-1-1", "callout-1-1-2", "callout-1-1-3"]
    [link] = parsed.doctree.findall(nodes.reference)
    assert link["refid"] == "callout-1-1-3"
