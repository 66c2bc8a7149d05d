"""Inputs that once aborted the whole build (issue 17, section 3), and every inline
construct nested in every inline context.

Each row: the page is read, the text around the construct is kept, and the
warnings are the expected ones (or none). The combination tests read each
snippet inside each context (all pairs, and sampled triples) in both flavours,
through the builder's own ``read_doc`` (see ``inprocess.py``); one project with
every pair is also written by the HTML, LaTeX, text and man builders.
"""

from __future__ import annotations

import itertools
from collections.abc import Iterator
from pathlib import Path

import pytest
from docutils import nodes
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from sphinx import addnodes

from .helpers import build, write_project
from .inprocess import InProcessParser, LoggedWarning, Parsed, stray_lines


@pytest.fixture(scope="module")
def parser(tmp_path_factory: pytest.TempPathFactory) -> Iterator[InProcessParser]:
    reader = InProcessParser(tmp_path_factory.mktemp("hostile") / "project")
    yield reader
    reader.close()


def mmark_warnings(parsed: Parsed) -> list[LoggedWarning]:
    return [w for w in parsed.warnings if w.type == "mmark"]


def assert_kept(parsed: Parsed, *texts: str) -> None:
    text = parsed.text()
    for piece in texts:
        assert piece in text, f"{piece!r} was dropped from:\n{parsed.doctree.pformat()}"


def footnote_texts(parsed: Parsed) -> list[str]:
    """The text of each footnote, without its number."""
    return [
        "".join(child.astext() for child in note.children if not isinstance(child, nodes.label))
        for note in parsed.doctree.findall(nodes.footnote)
    ]


def assert_no_warnings(parsed: Parsed) -> None:
    assert not parsed.warnings, "\n".join(map(str, parsed.warnings))


# -- section 3: one test per row ---------------------------------------------------


def test_inline_note_with_inline_html(parser: InProcessParser) -> None:
    """Was ``ValueError: token map not set`` (the note's tokens had no line)."""
    parsed = parser.parse("Before.\n\nText^[note <b>b</b>] after.\n\nEnd.\n")
    assert_no_warnings(parsed)
    assert_kept(parsed, "Before.", "Text", "after.", "End.")
    [note] = parsed.doctree.findall(nodes.footnote)
    raws = [raw.astext() for raw in note.findall(nodes.raw)]
    assert raws == ["<b>", "</b>"]
    assert footnote_texts(parsed) == ["note <b>b</b>"]


def test_inline_note_in_unreferenced_footnote(parser: InProcessParser) -> None:
    """Was ``RuntimeError: dictionary changed size during iteration``."""
    parsed = parser.parse("Before.\n\n[^1]: note ^[inner]\n\nEnd.\n")
    [warning] = mmark_warnings(parsed)
    assert (warning.line, warning.subtype) == (3, "footnote")
    assert "[^1] is defined but never referenced" in warning.message
    assert_kept(parsed, "Before.", "End.")
    assert footnote_texts(parsed) == ["note 2", "inner"]


@pytest.mark.parametrize(
    ("entry", "shortcode"),
    [
        ("(!idx)", '{{< ref "missing" >}}'),
        ("(!idx)", '{{< relref "missing" >}}'),
        ("(((idx)))", '{{< ref "missing" >}}'),
    ],
)
def test_index_entry_before_unknown_ref(
    parser: InProcessParser, entry: str, shortcode: str
) -> None:
    """Was a ``TypeError`` in docutils' ``PropagateTargets``: the text shown for a
    ``ref`` to no page stood bare in the section, after the entry's target."""
    parsed = parser.parse(f"Before.\n\n{entry}\n{shortcode}\n\nEnd.\n")
    [warning] = mmark_warnings(parsed)
    assert (warning.line, warning.subtype) == (4, "ref")
    assert "no page 'missing'" in warning.message
    assert_kept(parsed, "Before.", "missing", "End.")
    shown = [p for p in parsed.doctree.findall(nodes.paragraph) if p.astext() == "missing"]
    assert len(shown) == 1
    [index] = parsed.doctree.findall(addnodes.index)
    assert index["entries"][0][1] == "idx"


@pytest.mark.parametrize(
    ("attributes", "key", "value"),
    [("{.note}", "classes", "note"), ("{#q1}", "ids", "q1")],
)
def test_attributes_before_empty_quote(
    parser: InProcessParser, attributes: str, key: str, value: str
) -> None:
    """Was ``AssertionError: Losing "classes" attribute`` (Sphinx unwraps an empty quote)."""
    parsed = parser.parse(f"Before.\n\n{attributes}\n>\n\nEnd.\n")
    assert_no_warnings(parsed)
    assert_kept(parsed, "Before.", "End.")
    [quote] = parsed.doctree.findall(nodes.block_quote)
    assert value in quote[key]


def test_attributes_inside_an_attributed_quote(parser: InProcessParser) -> None:
    """Attributes at the end of a quote that has attributes itself were left unrendered
    ("No render method for: mmark_block_attrs", without their text)."""
    parsed = parser.parse("{.note}\n> Quoted.\n>\n> {#id}\n\nEnd.\n")
    [warning] = mmark_warnings(parsed)
    assert (warning.line, warning.subtype) == (4, "syntax")
    assert_kept(parsed, "Quoted.", "{#id}", "End.")


def test_shortcode_in_a_note_in_a_note(parser: InProcessParser) -> None:
    """Was ``AttributeError: Root node does not have the accessed attribute``."""
    parsed = parser.parse("Text ^[a ^[{{< foo >}}] b]\n\nEnd.\n")
    unknown, empty = mmark_warnings(parsed)
    assert (unknown.line, unknown.subtype) == (1, "shortcode")
    assert "unknown Hugo shortcode 'foo'" in unknown.message
    # the inner note is left with no text: a warning, and the man writer still copes
    assert (empty.line, empty.subtype) == (1, "footnote")
    assert "inline note ^[{{< foo >}}] has no text" in empty.message
    assert_kept(parsed, "Text", "End.")
    assert footnote_texts(parsed) == ["a 2 b", "note without text"]
    assert list(parsed.doctree.findall(nodes.footnote))[1][-1].tagname == "comment"


@pytest.mark.parametrize("text", ["Text[^e] end.\n\n[^e]:\n", "Text^[ ] end.\n"])
def test_empty_note(parser: InProcessParser, text: str) -> None:
    """A note with no text warns and gets an invisible comment (see the writers' test)."""
    parsed = parser.parse(text)
    [warning] = mmark_warnings(parsed)
    assert warning.subtype == "footnote"
    assert "has no text" in warning.message
    assert_kept(parsed, "Text", "end.")


def test_inline_note_keeps_escapes_and_entities(parser: InProcessParser) -> None:
    """Section 5: was "a  b  c" and "No render method for: text_special" without a line."""
    parsed = parser.parse("Text ^[a \\* b &amp; c] end.\n")
    assert_no_warnings(parsed)
    assert footnote_texts(parsed) == ["a * b & c"]


def test_inline_note_gets_the_rules_that_run_after_parsing(parser: InProcessParser) -> None:
    """BCP 14 keywords (a rule run on the page's text after inline parsing) in a note."""
    parsed = parser.parse("Text ^[you **MUST** not] end.\n")
    [note] = parsed.doctree.findall(nodes.footnote)
    assert [s["classes"] for s in note.findall(nodes.strong)] == [["bcp14"]]


def test_deep_emphasis_in_an_inline_note(parser: InProcessParser) -> None:
    """Was a ``RecursionError``: the inline depth cap never saw a note's text."""
    depth = 1_000
    parsed = parser.parse("x^[" + "*a " * depth + "b" + "*" * depth + "]\n\nEnd.\n")
    [warning] = mmark_warnings(parsed)
    assert (warning.line, warning.subtype) == (1, "nesting")
    assert_kept(parsed, "End.")
    assert footnote_texts(parsed)[0].count("a") == depth


# -- every construct in every inline context ---------------------------------------

SNIPPETS = [
    "^[note]",
    "^[a ^[b] c]",
    "x[^f]",
    "[link](https://example.org)",
    "[to](#intro)",
    "*em*",
    "**strong**",
    "H~2~O",
    "2^10^",
    "~~gone~~",
    "**MUST**",
    "(!idx)",
    "(!!main, sub)",
    "(((idx, sub)))",
    "[@RFC2119]",
    "[@!RFC8174]",
    "(#intro)",
    '{{< ref "missing" >}}',
    '{{< relref "case.md" >}}',
    "{{< foo >}}",
    "{{% bar %}}in{{% /bar %}}",
    '{{< param "title" >}}',
    "<b>b</b>",
    "<!-- c -->",
    "`code`",
    "$x$",
    "$$y$$",
    "\\* &amp;",
    "<<1>>",
    "![img](x.png)",
    "<https://example.org>",
    '{{< figure src="x.png" caption="c" >}}',
    "\\\nnext",
    "<br>",
    "{#id}",
    "{.cls}",
]
"""Inline constructs (and a few block ones that may land inside inline text)."""

CONTEXTS = [
    "{}",
    "Text ^[{}] tail.",
    "Text[^n] tail.\n\n[^n]: {}",
    "[{}](https://example.org)",
    "[{}][r]\n\n[r]: https://example.org",
    "*{}*",
    "**{}**",
    "~~{}~~",
    "H~{}~",
    "x^{}^",
    "| h |\n|---|\n| {} |",
    "| h |\n|---|\n| c |\nTable: {}",
    "```\ncode\n```\nFigure: {}",
    "![x](x.png)\nFigure: {}",
    "> q\nQuote: {}",
    "{{{{< foo >}}}}{}{{{{< /foo >}}}}",
    "{{{{% foo %}}}}\n{}\n{{{{% /foo %}}}}",
    '{{{{< figure src="x.png" caption="{}" >}}}}',
    "(!{})",
    "[@RFC2119 {}]",
    "[@RFC2119, {}]",
    "{}\n: definition",
    "*[ABBR]: expansion\n\nABBR {}",
    "# {}",
    "* {}",
    "> {}",
    "A> {}",
    "Term\n: {}",
    "{{.note}}\n> {}",
    "{{#q1}}\n>\n{}",
    "(!idx)\n{}",
]
"""Places text can stand, ``{}`` for the text (``str.format``: braces doubled)."""

FLAVOURS = {
    "v1": "---\ntitle: T\n---\n\n",  # Hugo front matter: the v1 (Hugo) flavour
    "v2": '%%%\ntitle = "T"\n%%%\n\n',  # a title block: v2
}
TAIL = "Tail survives."
_BLOCK_PARENTS = (
    nodes.document,
    nodes.section,
    nodes.footnote,
    nodes.list_item,
    nodes.block_quote,
    nodes.definition,
    nodes.entry,
    nodes.container,
    nodes.figure,
    nodes.table,
)
"""Elements that hold body elements: text directly inside one breaks the writers."""


def compose(flavour: str, *layers: str) -> str:
    """A page of ``flavour``: ``layers`` nested (the first outermost), then a tail."""
    return f"{FLAVOURS[flavour]}# Intro\n\nLead.\n\n{_nest(layers)}\n\n{TAIL}\n"


def _nest(layers: tuple[str, ...]) -> str:
    """``layers[0]`` holding ``layers[1]`` holding … the last (a snippet)."""
    text = layers[-1]
    for context in reversed(layers[:-1]):
        text = context.format(text)
    return text


def problems(parsed: Parsed) -> list[str]:
    """What is wrong with one page read (an empty list: nothing)."""
    found = [f"a log line that is not a warning: {line!r}" for line in stray_lines(parsed.log)]
    for warning in parsed.warnings:
        if warning.file != "case.md" or warning.line is None:
            found.append(f"a warning without its place: {warning}")
        if "render method" in warning.message:
            found.append(f"a token left unrendered: {warning}")
    for text in parsed.doctree.findall(nodes.Text):
        if isinstance(text.parent, _BLOCK_PARENTS):
            found.append(f"text {str(text)[:40]!r} directly in a {text.parent.tagname}")
    for title in parsed.doctree.findall(nodes.title):
        if isinstance(title.parent, nodes.section) and any(
            index.parent is not title for index in title.findall(addnodes.index)
        ):
            found.append("an index entry deeper in a section title (LaTeX cannot move it)")
    for piece in ("Lead.", TAIL):
        if piece not in parsed.text():
            found.append(f"{piece!r} was dropped")
    return found


@pytest.mark.parametrize("flavour", list(FLAVOURS))
def test_every_snippet_in_every_context(parser: InProcessParser, flavour: str) -> None:
    failures = []
    for context, snippet in itertools.product(CONTEXTS, SNIPPETS):
        text = compose(flavour, context, snippet)
        found = problems(parser.parse(text))
        if found:
            failures.append(f"{text!r}: {found}")
    assert not failures, "\n".join(failures)


@settings(
    max_examples=300,
    derandomize=True,
    deadline=None,
    database=None,
    suppress_health_check=[HealthCheck.too_slow],
)
@given(
    flavour=st.sampled_from(list(FLAVOURS)),
    outer=st.sampled_from(CONTEXTS),
    inner=st.sampled_from(CONTEXTS),
    snippet=st.sampled_from(SNIPPETS),
)
def test_snippets_in_nested_contexts(
    parser: InProcessParser, flavour: str, outer: str, inner: str, snippet: str
) -> None:
    text = compose(flavour, outer, inner, snippet)
    found = problems(parser.parse(text))
    assert not found, f"{text!r}: {found}"


# -- whole builds (last: a finished build unregisters Sphinx's extension nodes in the
# -- whole process, which the module's in-process reader above still needs) ---------


ROWS = {
    "html-note": "Text^[note <b>b</b>] after.\n",
    "unreferenced": "[^1]: note ^[inner]\n",
    "index-ref": '(!idx)\n{{< ref "missing" >}}\n',
    "index-relref": '(!idx)\n{{< relref "missing" >}}\n',
    "v1-index-ref": '(((idx)))\n{{< ref "missing" >}}\n',
    "class-quote": "{.note}\n>\n",
    "id-quote": "{#q1}\n>\n",
    "shortcode-note": "Text ^[a ^[{{< foo >}}] b]\n",
    "escapes-note": "Text ^[a \\* b &amp; c]\n",
    "empty-notes": "Text[^e] ^[ ] ^[![](x.png)]\n\n[^e]:\n",
    "index-in-emphasis-in-heading": "# A *(!idx)* title\n",
}
"""The rows of section 3 (and 5), each as a document of the writers' project."""


@pytest.fixture(scope="module")
def every_pair_project(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """One project: each row a document, and per flavour and context one document
    holding every snippet in that context."""
    files = {"index.rst": "Index\n=====\n\n.. toctree::\n   :glob:\n\n   *\n"}
    for name, text in ROWS.items():
        files[f"row-{name}.md"] = f"Before.\n\n{text}\n{TAIL}\n"
    for flavour, (number, context) in itertools.product(FLAVOURS, enumerate(CONTEXTS)):
        body = "\n\n".join(context.format(snippet) for snippet in SNIPPETS)
        files[f"{flavour}-context-{number:02d}.md"] = f"{FLAVOURS[flavour]}{body}\n\n{TAIL}\n"
    srcdir = tmp_path_factory.mktemp("writers") / "project"
    write_project(srcdir, files)
    return srcdir


@pytest.mark.parametrize(
    ("builder", "suffix"), [("html", ".html"), ("latex", ".tex"), ("text", ".txt"), ("man", ".1")]
)
def test_every_pair_in_every_writer(every_pair_project: Path, builder: str, suffix: str) -> None:
    """Every document is written, to its end (LaTeX and man: all in one file)."""
    result = build(every_pair_project, builder)
    assert not stray_lines(result.warnings), result.warnings
    text = "".join(path.read_text(encoding="utf-8") for path in result.outdir.glob(f"*{suffix}"))
    documents = len(list(every_pair_project.glob("*.md")))
    assert text.count(TAIL) >= documents, f"{builder}: a document was cut short"


def test_heading_id_in_a_list_is_a_page_id(tmp_path: Path) -> None:
    """Found by the combinations: a ``{#id}`` heading in a list or quote (a rubric) was a
    global Sphinx label, so two posts with the same one gave "duplicate label" without a
    line; block ids are per page in mmark."""
    page = "* # Step {#s1}\n\nSee (#s1).\n"
    srcdir = tmp_path / "project"
    write_project(srcdir, {"index.rst": "Index\n=====\n", "a.md": page, "b.md": page})
    result = build(srcdir, "html")
    # (a process that set up Sphinx before also warns about node classes: not ours)
    assert not [line for line in result.warning_lines() if ".md" in line], result.warnings
    for docname in ("a", "b"):
        assert 'href="#s1"' in result.html(docname)
