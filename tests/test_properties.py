"""Property tests: random mixes of mmark tokens and text (hypothesis, derandomised).

Each example is read in-process by one reusable Sphinx project (see ``inprocess.py``),
through the builder's own ``read_doc``, so the doctree is the one a real build pickles.
"""

from __future__ import annotations

import pickle
from collections.abc import Iterator
from pathlib import Path

import pytest
from docutils import nodes
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from .inprocess import InProcessParser

# Pieces of mmark syntax, whole and broken, that documents mix with prose.
TOKENS = [
    "#",
    "##",
    ".#",
    "-#",
    ">",
    "A>",
    "F>",
    "*",
    "**",
    "_",
    "~~",
    "^",
    "~",
    "`",
    "```",
    "~~~",
    "$$",
    "$",
    "\\(",
    "\\)",
    "\\[",
    "\\]",
    "[",
    "]",
    "(",
    ")",
    "[^1]",
    "[^1]:",
    "[^x]",
    "^[",
    "[@RFC2119]",
    "[@!RFC8174]",
    "[@?x]",
    "[-@x]",
    "[@a; @b]",
    "[@",
    "(#intro)",
    "(#",
    "(!",
    "(!!x)",
    "(((idx)))",
    "{#id}",
    "{.class}",
    '{key="v"}',
    "{",
    "}",
    "{{",
    "}}",
    "{{file.md}}",
    "<{{code.go}}[3,5]",
    '{{< figure src="https://example.org/x.png" >}}',
    "{{% note %}}",
    "{{< /x >}}",
    "%%%",
    '% title = "x"',
    "---",
    "+++",
    "!---",
    "Table:",
    "Figure:",
    "Quote:",
    "|",
    "|---|",
    "||",
    "===",
    ":",
    ":   ",
    "1.",
    "1)",
    "-",
    "+",
    "<reference",
    "anchor='a'>",
    "</reference>",
    "<!--",
    "-->",
    "<!--more-->",
    "<br>",
    "<script>",
    "{frontmatter}",
    "{mainmatter}",
    "{backmatter}",
    "<<1>>",
    "//<<1>>",
    "<1>",
    "\\",
    "\\ ",
    "**MUST**",
    "&amp;",
    "&#0;",
    "\t",
    "    ",
    "\u00a0",
    "\ufeff",
    "\u2028",
    "é",
    "日本",
]
WORDS = ["alpha", "beta", "gamma", "delta", "epsilon", "zeta", "eta", "theta"]
SEPARATORS = [" ", " ", " ", "\n", "\n\n", "", "\r\n"]

piece = st.one_of(st.sampled_from(TOKENS), st.sampled_from(WORDS))
mixed_document = st.lists(
    st.tuples(piece, st.sampled_from(SEPARATORS)), min_size=0, max_size=40
).map(lambda pairs: "".join(p + s for p, s in pairs))

# A plain-text subset: every word must reach the doctree.
plain_word = st.from_regex(r"[a-z]{3,9}", fullmatch=True)
plain_line = st.lists(plain_word, min_size=1, max_size=8).map(" ".join)
plain_block = st.one_of(
    plain_line,
    plain_line.map(lambda line: "# " + line),
    plain_line.map(lambda line: "> " + line),
    plain_line.map(lambda line: "* " + line),
    plain_line.map(lambda line: "1. " + line),
    plain_line.map(lambda line: "*" + line + "*"),
    plain_line.map(lambda line: "A> " + line),
)
plain_document = st.lists(plain_block, min_size=1, max_size=8).map("\n\n".join)


def _settings(examples: int) -> settings:
    return settings(
        max_examples=examples,
        derandomize=True,
        deadline=None,
        database=None,
        suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large],
    )


@pytest.fixture(scope="module")
def parser(tmp_path_factory: pytest.TempPathFactory) -> Iterator[InProcessParser]:
    reader = InProcessParser(tmp_path_factory.mktemp("properties") / "project")
    yield reader
    reader.close()


@pytest.mark.slow
@_settings(1000)
@given(text=mixed_document)
def test_mixed_tokens(parser: InProcessParser, text: str) -> None:
    first = parser.parse(text)
    # always a document
    assert isinstance(first.doctree, nodes.document)
    # survives a pickle round trip (a second one, after the builder's)
    again = pickle.loads(pickle.dumps(first.doctree, pickle.HIGHEST_PROTOCOL))
    assert again.pformat() == first.doctree.pformat()
    # deterministic: the same doctree and the same warnings twice
    second = parser.parse(text)
    assert second.doctree.pformat() == first.doctree.pformat()
    assert second.warnings == first.warnings
    # every warning has a source and a line within the document
    line_count = max(1, text.count("\n") + 1)
    for warning in first.warnings:
        assert warning.file == "case.md", str(warning)
        assert warning.line is not None, str(warning)
        assert 1 <= warning.line <= line_count, str(warning)
    assert "Traceback" not in first.log


@pytest.mark.slow
@_settings(400)
@given(text=plain_document)
def test_plain_words_survive(parser: InProcessParser, text: str) -> None:
    parsed = parser.parse(text)
    rendered = parsed.text().split()
    missing = [
        word for word in text.replace("*", " ").split() if word.isalpha() and word not in rendered
    ]
    # a word may be glued to markup ("A>" stays as text when asides are unknown)
    missing = [word for word in missing if word not in parsed.text()]
    assert not missing, f"dropped {missing} from:\n{text}\n---\n{parsed.doctree.pformat()}"


def test_fatal_inputs_once_found(parser: InProcessParser) -> None:
    """Inputs that once crashed the parser (kept as a regression list)."""
    for text in FATAL:
        parsed = parser.parse(text)
        assert isinstance(parsed.doctree, nodes.document)


FATAL: list[str] = [
    "[^1]:\n",
    "$$\n",
    "{{\n",
    "%%%\n",
    "<reference\n",
    "[@\n",
    "(#\n",
    "!---\n",
    "A>\n",
    "\ufeff---\n",
]


def test_figure_shortcode_warning_has_a_line(parser: InProcessParser) -> None:
    parsed = parser.parse('Intro.\n\n{{< figure src="missing.png" >}}\n')
    assert parsed.warnings, parsed.log
    assert all(w.line == 3 for w in parsed.warnings), [str(w) for w in parsed.warnings]


def test_fixture_path_is_a_real_file(parser: InProcessParser) -> None:
    assert Path(parser.srcdir / "case.md").is_file()
