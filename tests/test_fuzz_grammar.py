"""Generated mmark documents never break a read (issue 17): the fuzzer's CI run.

Hypothesis drives the grammar-aware generator of ``mmark_grammar.py`` (v1 and v2
documents nesting every inline construct in every inline context) through the
same in-process read a build makes. Every document must be read without an
exception, and every warning must be a sphinx-mmark one (or one of the few Sphinx
and docutils types a document can legitimately cause) that names a file and a line.

The suite runs a fixed, derandomised set of examples. For a long fuzzing run set
``MMARK_FUZZ_EXAMPLES`` (a random seed is used then, and a document that takes
over 10 s fails as a hang); see fuzz/README.md.
"""

from __future__ import annotations

import os
import random
from collections.abc import Iterator
from datetime import timedelta
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, note, settings
from hypothesis import strategies as st

from .inprocess import LoggedWarning, stray_lines
from .mmark_grammar import INCLUDE_FILES, Document, Flavour, FuzzProject, RandomSource, generate

LONG_RUN = os.environ.get("MMARK_FUZZ_EXAMPLES", "")
"""The number of examples of a long fuzzing run; empty for the suite's short run."""
EXAMPLES = int(LONG_RUN) if LONG_RUN else 1500
"""Examples to generate (about 40 s on one core for the default)."""

WARNING_TYPES = {"mmark", "image", "docutils"}
"""Types a generated document may cause: ours, Sphinx's unreadable image (the generator
refers to missing images on purpose) and docutils' own checks of the doctree."""

UNLOCATED_SUBTYPES = {("image", "not_readable"), ("mmark", "image")}
"""Warnings about an image, which may lack a line: Sphinx's ``ApplySourceWorkaround`` sets
line 0 on an image whose alt text is empty (``![](x.png)``, ``![[^1]](x.png)``,
``![`code`](x.png)``; MyST-Parser alone does the same). Remove this once the renderer
gives images a ``rawsource``."""


def _settings() -> settings:
    return settings(
        max_examples=EXAMPLES,
        derandomize=not LONG_RUN,
        deadline=timedelta(seconds=10) if LONG_RUN else None,
        database=None,
        suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large],
    )


@pytest.fixture(scope="module")
def project(tmp_path_factory: pytest.TempPathFactory) -> Iterator[FuzzProject]:
    reader = FuzzProject(tmp_path_factory.mktemp("fuzz-grammar"))
    yield reader
    reader.close()


def _located(warning: LoggedWarning, document: Document) -> bool:
    """Whether the warning names the document, or an included file, and a line."""
    files = {f"case{document.suffix}", *INCLUDE_FILES}
    unlocated = (warning.type, warning.subtype) in UNLOCATED_SUBTYPES
    return warning.file in files and (warning.line is not None or unlocated)


@pytest.mark.slow
@_settings()
@given(rng=st.randoms(use_true_random=False), flavour=st.sampled_from(["v1", "v2"]))
def test_generated_documents_read_cleanly(
    project: FuzzProject, rng: random.Random, flavour: Flavour
) -> None:
    document = generate(RandomSource(rng), flavour)
    note(f"{document.suffix} document:\n{document.text}")
    parsed = project.parse(document)
    for warning in parsed.warnings:
        assert warning.type in WARNING_TYPES, str(warning)
        assert _located(warning, document), str(warning)
    assert not stray_lines(parsed.log), parsed.log


INLINE_CONTEXTS = {
    "paragraph": "Before {} after.",
    "inline note": "Text^[{} in a note] after.",
    "nested note": "Text ^[a ^[{} b] c] after.",
    "link text": "[{} in a link](https://example.org/)",
    "emphasis": "*a {} b*",
    "strong": "__a {} b__",
    "strikethrough": "~~a {} b~~",
    "inline HTML": "<span>a {} b</span>",
    "table cell": "| h |\n|---|\n| {} |",
    "table caption": "| h |\n|---|\n| c |\nTable: {}",
    "figure caption": "!---\n![a](https://example.org/p.png)\n!---\nFigure: {}",
    "code caption": "```\ncode\n```\nFigure: {}",
    "quote caption": "> q\nQuote: {}",
    "block shortcode": "{{% note %}}\na {} b\n{{% /note %}}",
    "inline shortcode": "A {{< k >}}{}{{< /k >}} b.",
    "shortcode argument": '{{< figure src="https://example.org/p.png" caption="{}" >}}',
    "heading": "# a {} b {#h}",
    "footnote": "Ref[^1].\n\n[^1]: a {} b",
    "list item": "* a {} b",
    "aside": "A> a {} b",
    "definition": "Term {}\n:   a {} b",
    "image alt": "![a {} b](https://example.org/p.png)",
}
"""Inline contexts, with ``{}`` where the construct goes."""

INLINE_CONSTRUCTS = {
    "inline note": "^[zeta <b>bold</b>]",
    "footnote reference": "[^1]",
    "link": "[zeta](#h)",
    "image": "![zeta](https://example.org/q.png)",
    "emphasis": "*zeta*",
    "cross-reference": "(#h)",
    "cross-reference with text": "(#h, zeta)",
    "citation": "[@RFC2119]",
    "citation with locator": "[@RFC2119, zeta]",
    "v1 citation": "[-@RFC2119]",
    "index entry": "(!idx, sub)",
    "v1 index entry": "(((idx, sub)))",
    "ref shortcode": '{{< ref "f.md" >}}',
    "unknown shortcode": "{{< foo >}}",
    "paired shortcode": "{{% note %}}zeta{{% /note %}}",
    "subscript": "~zeta~",
    "superscript": "^zeta^",
    "BCP 14": "**MUST**",
    "inline HTML": "<b>zeta</b>",
    "HTML comment": "<!-- c -->",
    "escape": "\\*zeta\\*",
    "entity": "&amp;zeta&#169;",
    "math": "$$x^2$$",
    "callout": "<<1>>",
    "attribute": "{#a .b}",
    "include": "{{f.md}}",
    "autolink": "<https://example.org/>",
    "code span": "`zeta`",
}
"""One sample of each inline construct; ``zeta`` is text that must stay visible."""


@pytest.mark.parametrize("context", INLINE_CONTEXTS)
def test_every_construct_nests_in_every_inline_context(project: FuzzProject, context: str) -> None:
    """No crash, located warnings, no visible text lost (an image's alt is not visible)."""
    problems = []
    for name, construct in INLINE_CONSTRUCTS.items():
        if context == "shortcode argument":
            construct = construct.replace('"', "'")
        text = INLINE_CONTEXTS[context].replace("{}", construct) + "\n"
        document = Document(text, "v2", ".md")
        parsed = project.parse(document)
        problems += [
            f"{name}: {warning}"
            for warning in parsed.warnings
            if warning.type not in WARNING_TYPES or not _located(warning, document)
        ]
        if context != "image alt" and "zeta" in construct and "zeta" not in parsed.text():
            problems.append(f"{name}: text lost from {text!r}")
    assert not problems, "\n".join(problems)


def test_generator_is_deterministic() -> None:
    """The same choices give the same document (a finding can be replayed)."""
    first = [generate(RandomSource(random.Random(seed))) for seed in range(50)]
    again = [generate(RandomSource(random.Random(seed))) for seed in range(50)]
    assert first == again


def test_exhausted_source_gives_a_small_document() -> None:
    """A source stuck at its lowest value (atheris out of bytes) ends quickly."""

    class Lowest:
        def integer(self, low: int, high: int) -> int:
            return low

    document = generate(Lowest())
    assert document.flavour == "v2"
    assert len(document.text) < 20, document.text


@pytest.mark.parametrize(
    "construct",
    ["^[", "{{<", "(!", "[@", "(#", "<b>", "|", "Table:", "Figure:", "{#", "{{f.md}}"],
)
def test_generator_writes_every_construct(construct: str) -> None:
    """Each construct the fuzzer is meant to nest turns up in a few hundred documents."""
    texts = [generate(RandomSource(random.Random(seed))).text for seed in range(300)]
    assert any(construct in text for text in texts)


def test_include_files_are_in_the_project(project: FuzzProject) -> None:
    assert sorted(project.parsers) == [".md", ".mmark"]
    for parser in project.parsers.values():
        assert all((Path(parser.srcdir) / name).is_file() for name in INCLUDE_FILES)
