"""Scaling: pathological inputs must be read in time linear in their size.

The cases are cmark's pathological tests, mmark's own unclosed constructs, and the
super-linear rules of issue 17 (with their relatives: the same pattern in other rules).
Each case's document is read at a size n and at :data:`GROWTH` times n; a linear parser
takes about :data:`GROWTH` times as long for the larger one, a quadratic one about
:data:`GROWTH` squared.

How it is measured, so that it cannot flake on a loaded machine:

* each document is read in-process (one Sphinx project, see ``inprocess.py``), with the
  garbage collector paused, as ``timeit`` does, and timed in **processor time** of this
  process: time the scheduler gives to other processes is not counted;
* every timed sample takes at least :data:`MIN_SAMPLE` (50 ms): n is grown until it
  does (past :data:`MAX_CHARS`, a sample is several reads in a row instead), so that the
  clock, time slices and the fixed cost of a read are small against it;
* the growth of a case is compared with the growth of **reference work** measured in the
  same run: a plain document known to be read in linear time, timed at its own size m
  and :data:`GROWTH` times m, its samples interleaved with the case's. Whatever slows the
  machine down (a busy sibling core, caches, the processor's clock) slows both; the
  assertion is on the case's growth over the reference's growth, which is near 1 for a
  linear case and near :data:`GROWTH` for a quadratic one, never on a fixed ratio of
  raw timings;
* the interleaved samples are taken :data:`ROUNDS` times and each keeps its fastest
  (disturbance only ever adds time); a result over the limit is measured again, at most
  :data:`RETRIES` times, with a 3x larger sample: a quadratic case's growth only gets
  larger with n.

The include-address cases (regular expressions that backtrack exponentially in Python's
``re``) time the address selection alone, against reference work of the same reader.

``test_the_method_*`` check the measurement itself on a stand-in reader whose cost is
known: it must pass linear work and fail quadratic work.
"""

from __future__ import annotations

import gc
import math
import time
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from typing import Protocol

import pytest

from sphinx_mmark.parse.includes.address import AddressError, parse_address, select_lines

from .inprocess import InProcessParser

pytestmark = pytest.mark.slow

GROWTH = 4
"""The larger document of a measurement is this many times the smaller one."""
LIMIT = 2.0
"""The most a case's growth may exceed the reference's growth (linear: ~1, quadratic:
~GROWTH)."""
MIN_SAMPLE = 0.05
"""Seconds of processor time: every timed sample takes at least this long."""
SIZED_MARGIN = 1.2
"""A sample is sized to take this many times MIN_SAMPLE."""
ROUNDS = 2
"""Interleaved samples of each document in one measurement (the fastest counts)."""
RETRIES = 2
"""Measurements after one over the limit, each of a sample 3x larger than the one before."""
START_SIZE = 200
MAX_CHARS = 1_000_000
"""n is not grown past a document of this many characters (GROWTH times as many at the
larger size): a document read faster than MIN_SAMPLE at this size is read several times
in a row instead."""
MAX_REPEATS = 1000

V1 = "---\nmmark_flavour: v1\n---\n"
INCLUDED = "included.md"
"""A file of the project, for the include cases."""


def reference_document(n: int) -> str:
    """The reference work: n short paragraphs of plain words and simple inline markup,
    which every reader handles in linear time."""
    return "Plain words, *some emphasis* and `code`, in a paragraph.\n\n" * n


CASES: dict[str, Callable[[int], str]] = {
    # cmark's pathological cases
    "nested strong emphasis": lambda n: "*a **a " * n + "b" + " a** a*" * n,
    "emphasis closers without openers": lambda n: "a* " * n,
    "emphasis openers without closers": lambda n: "*a " * n,
    "link closers without openers": lambda n: "a] " * n,
    "link openers without closers": lambda n: "[a " * n,
    "link openers and emphasis closers": lambda n: "[ a_" * n,
    "mismatched openers and closers": lambda n: "*a_ " * n,
    "openers and closers multiple of 3": lambda n: "a**b" + "c* " * n,
    "nested brackets": lambda n: "[" * n + "a" + "]" * n,
    "nested block quotes": lambda n: ">" * n + " a\n",
    "backticks": lambda n: "".join("e" + "`" * i for i in range(1, int((2 * n) ** 0.5) + 2)),
    "unclosed links": lambda n: "[a](<b" * n,
    "unclosed html comments": lambda n: "</" + "<!--" * n,
    "unclosed cdata": lambda n: "<![CDATA[" * n,
    "many references": lambda n: "".join(f"[{i}]: u\n" for i in range(n)) + "[0]\n",
    "list items": lambda n: "- a\n" * n,
    "deep list": lambda n: "".join("  " * i + "- a\n" for i in range(int(n**0.5))),
    "tabs": lambda n: "-\t" * n + "a\n",
    "entities": lambda n: "&" + "a" * n + ";\n",
    # mmark's own constructs, unclosed or repeated
    "unclosed {{": lambda n: "{{a " * n,
    "unclosed {{ at line start": lambda n: "{{a\n" * n,
    "unclosed %%%": lambda n: "%%%\n" + 'k = "v"\n' * n,
    "unclosed <reference": lambda n: "<reference anchor='a'>\n" * n,
    "unclosed [@": lambda n: "[@a " * n,
    "unclosed (#": lambda n: "(#a " * n,
    "unclosed !---": lambda n: "!---\n" + "![a](b.png)\n" * n,
    "unclosed $$": lambda n: "$$ a " * n,
    "unclosed ^[": lambda n: "^[a " * n,
    "unclosed {{<": lambda n: "{{< a " * n,
    "deep A>": lambda n: "A> " * n + "a\n",
    "many A> lines": lambda n: "A> a\n" * n,
    "footnotes": lambda n: (
        "".join(f"x[^{i}] " for i in range(n))
        + "\n\n"
        + "".join(f"[^{i}]: n{i}\n\n" for i in range(n))
    ),
    "long line": lambda n: "word " * (10 * n) + "\n",
    "long heading": lambda n: "# " + "word " * (10 * n) + "\n",
    "many headings with one id": lambda n: "# a {#x}\n\n" * n,
    "many cross references": lambda n: "# a {#x}\n\n" + "(#x) " * n,
    "many cross references with a format": lambda n: "# a {#x}\n\n" + "(#x, use title) " * n,
    "many citations": lambda n: "[@RFC2119] " * n,
    "many citations side by side": lambda n: "[@RFC2119]" * n + "[@unclosed\n",
    "many citations side by side before a link": lambda n: "[@RFC2119]" * n + "[@x](#a)\n",
    "many attributes": lambda n: '{#a .b c="d"}\n' * n + "text\n",
    "many table rows": lambda n: "a|b\n-|-\n" + "1|2\n" * n,
    # issue 17: rules that were super-linear
    "short ref with white space after the comma": lambda n: "See (#intro," + " " * n + "x\n",
    "include lines": lambda n: f"{{{{{INCLUDED}}}}}\n" * n,
    "code include lines": lambda n: f"<{{{{{INCLUDED}}}}}\n" * n,
    "code include lines after paragraph lines": lambda n: f"a\n<{{{{{INCLUDED}}}}}\n" * n,
    "shortcode lines": lambda n: "{{< x >}}\n" * n,
    "markdown shortcode lines": lambda n: "{{% x %}}\n" * n,
    "index-only paragraph": lambda n: "(!a) " * n + "\n",
    "v1 index-only paragraph": lambda n: V1 + "(((a))) " * n + "\n",
    "one callout many times in a code block": lambda n: "```\n" + "//<<1>>\n" * n + "```\n",
    "v1 abbreviation with white space": lambda n: V1 + "*[A]: x" + " \t" * n + "y\n",
    "v1 abbreviation definitions": lambda n: (
        V1 + "".join(f"*[A{i}]: x\n" for i in range(n)) + "\nA1 and A2.\n"
    ),
    "heading id with white space": lambda n: "# h {#x" + " " * n + "y\n",
    # front matter after blank lines, HTML in paragraphs, backslash-space at line ends
    # (issue 14)
    "blank lines before front matter": lambda n: " \t\n" * n + "---\ntitle: x\n---\n",
    "blank lines then fence lines": lambda n: "\n" * n + "+++\n" * n,
    "HTML block lines after a text line": lambda n: "text\n" + "<details>\n*a*\n" * n,
    "lazy quote lines with HTML": lambda n: "> q\n" + "<div>\n" * n,
    "lines ending in backslash space": lambda n: "a\\ \n" * n,
    "paragraphs ending in backslash space": lambda n: "a\\ \n\n" * n,
    "definitions ending in backslash space": lambda n: "T\\ \n:   d\\ \n\n" * n,
    # the same patterns elsewhere
    "shortcode blocks apart": lambda n: "{{< x >}}\n\n" * n,
    "shortcodes in a paragraph": lambda n: "x " + "{{< x >}} " * n + "\n",
    "shortcodes with a closing tag at the end": lambda n: "{{< x >}}\n" * n + "{{< /x >}}\n",
    "index entries in a paragraph": lambda n: "x " + "(!a) " * n + "\n",
    "index paragraphs between paragraphs": lambda n: "(!a)\n\n(!b)\n\n(!c)\n\nx\n\n" * n,
    "callouts in a code block": lambda n: (
        "```\n" + "".join(f"x //<<{i + 1}>>\n" for i in range(n)) + "```\n"
    ),
    "callout references": lambda n: "```\nx //<<1>>\n```\n\n" + "<<1>> " * n + "\n",
    "caption with white space": lambda n: "```\nx\n```\nFigure: a" + " " * n + "b\n",
    "v1 part title with white space": lambda n: V1 + "-# Part" + " " * n + "x\n",
    # unclosed inline constructs repeated on one line (from tests/test_inline_build.py)
    "text then unclosed comments": lambda n: "x <!-- " * n,
    "unclosed comment lines": lambda n: "<!-- a\n" * n,
    "unclosed index entries": lambda n: "(!a, b " * n,
    "v1 unclosed index entries": lambda n: V1 + "(((a, b " * n,
    "unclosed callout references": lambda n: "<<1 " * n,
    "unclosed subscripts": lambda n: "a~b " * n,
    "unclosed superscripts": lambda n: "a^b " * n,
    "unclosed html tags": lambda n: "<br " * n,
    # display math that brings its own environment (issue 14)
    "display math with its own environment": lambda n: (
        "$$\\begin{align}\n" + "a &= b \\\\\n" * n + "\\end{align}$$\n"
    ),
    "white space after \\begin in display math": lambda n: "$$\\begin" + " " * n + "{align}$$\n",
    "display math paragraphs with environments": lambda n: (
        "$$\\begin{gather*} x \\end{gather*}$$\n\n" * n
    ),
    # display math with \tag, and TeX in its own \[ … \] (issue 14)
    "tagged display math with braces and line breaks": lambda n: (
        "$$" + "{a} & \\\\ \\begin{x}" * n + " \\tag{1}$$\n"
    ),
    "inline math in its own delimiters": lambda n: "$$\\[" + "\\[ \\\\[" * n + "\\]$$ " * 2,
    # bare URLs (autolinks) and link targets with spaces (issue 14)
    "bare URLs": lambda n: "see http://a.b/c " * n,
    "URL-like text without spaces": lambda n: "http://a" * n,
    "schemes without a URL": lambda n: "mailto:a." * n,
    "one long URL": lambda n: "http://a.b/" + "x" * n,
    "spaced link targets": lambda n: "[a](b c) " * n,
    "spaced link targets unclosed": lambda n: "[a](b c " * n,
    "spaced link targets with open parentheses": lambda n: "[a](b (c d " * n,
    "spaced image targets unclosed": lambda n: "![a](b c " * n,
    "labels and spaced parentheses": lambda n: "[a](b c [" * n,
}

FIRST_SIZE: dict[str, int] = {
    "nested strong emphasis": 50,
    "footnotes": 50,
    "many headings with one id": 50,
}
"""Where n starts, for cases that are slow at :data:`START_SIZE` already."""


class Reader(Protocol):
    """What is timed: anything that reads a document (the Sphinx project, or a stand-in)."""

    def parse(self, text: str) -> object: ...


@dataclass(frozen=True)
class Sample:
    """One unit of timed work: the document ``make(n)``, read ``repeats`` times in a row."""

    make: Callable[[int], str]
    n: int
    repeats: int = 1

    def larger(self) -> Sample:
        """The same reads of a document GROWTH times larger."""
        return Sample(self.make, GROWTH * self.n, self.repeats)

    def times(self, factor: float) -> Sample:
        """A sample ``factor`` times larger: by n while the document stays under MAX_CHARS,
        else by reading it more times in a row."""
        n = int(self.n * factor)
        if len(self.make(n)) <= MAX_CHARS:
            return Sample(self.make, n, self.repeats)
        assert self.repeats < MAX_REPEATS, f"still faster than {MIN_SAMPLE}s: {self}"
        return Sample(self.make, self.n, math.ceil(self.repeats * factor))

    def grown(self, spent: float) -> Sample:
        """The next sample to try when this one took ``spent`` (under MIN_SAMPLE): aimed a
        little past MIN_SAMPLE, growing at least 2x and at most 10x."""
        return self.times(min(10.0, max(2.0, 1.5 * MIN_SAMPLE / max(spent, 1e-4))))

    def time(self, reader: Reader) -> float:
        """Processor seconds this process spends on the reads (collector paused)."""
        text = self.make(self.n)
        gc.collect()
        gc.disable()
        try:
            start = time.process_time()
            for _ in range(self.repeats):
                reader.parse(text)
            return time.process_time() - start
        finally:
            gc.enable()

    def describe(self) -> str:
        reads = f", {self.repeats} reads" if self.repeats > 1 else ""
        return f"n={self.n}{reads}"


def sized(reader: Reader, sample: Sample) -> Sample:
    """The sample, from ``sample`` up, that takes at least SIZED_MARGIN times MIN_SAMPLE
    (a margin so that its fastest time in :func:`measure` stays over MIN_SAMPLE)."""
    while (spent := sample.time(reader)) < SIZED_MARGIN * MIN_SAMPLE:
        sample = sample.grown(spent)
    return sample


@dataclass(frozen=True)
class Growth:
    """One measurement: the fastest time of each of the four samples (seconds)."""

    case: Sample
    reference: Sample
    case_small: float
    case_large: float
    reference_small: float
    reference_large: float

    @property
    def relative(self) -> float:
        """The case's growth over the reference's growth."""
        case = self.case_large / self.case_small
        reference = self.reference_large / self.reference_small
        return case / reference

    def __str__(self) -> str:
        return (
            f"case {self.case_small:.3f}s -> {self.case_large:.3f}s ({self.case.describe()}),"
            f" reference {self.reference_small:.3f}s -> {self.reference_large:.3f}s"
            f" ({self.reference.describe()}): growth x{self.relative:.2f} of the reference's"
        )


def measure(reader: Reader, case: Sample, reference: Sample) -> Growth:
    """ROUNDS interleaved samples of the case and the reference at both sizes (a sample is
    grown first if its fastest time fell under MIN_SAMPLE)."""
    while True:
        samples = [case, case.larger(), reference, reference.larger()]
        fastest = [math.inf] * len(samples)
        for _ in range(ROUNDS):
            for index, sample in enumerate(samples):
                fastest[index] = min(fastest[index], sample.time(reader))
        if fastest[0] < MIN_SAMPLE:
            case = case.grown(fastest[0])
        elif fastest[2] < MIN_SAMPLE:
            reference = reference.grown(fastest[2])
        else:
            return Growth(case, reference, *fastest)


def check_linear(reader: Reader, make: Callable[[int], str], reference: Sample, n: int) -> str:
    """Assert that ``make``'s documents are read in linear time; the figures, for a report."""
    measured = measure(reader, sized(reader, Sample(make, n)), reference)
    figures = str(measured)
    for _ in range(RETRIES):
        if measured.relative <= LIMIT:
            break
        measured = measure(reader, measured.case.times(3.0), measured.reference)
        figures += f"; then {measured}"
    assert measured.relative <= LIMIT, figures
    return figures


@pytest.fixture(scope="module")
def parser(tmp_path_factory: pytest.TempPathFactory) -> Iterator[InProcessParser]:
    reader = InProcessParser(tmp_path_factory.mktemp("scaling") / "project")
    (reader.srcdir / INCLUDED).write_text("Included *text*.\n", encoding="utf-8")
    yield reader
    reader.close()


@pytest.fixture(scope="module")
def reference(parser: InProcessParser) -> Sample:
    """The reference work for the Sphinx project, sized once (after a first read: the
    first read of a project is slower than the ones after it)."""
    parser.parse(reference_document(20))
    return sized(parser, Sample(reference_document, 20))


@pytest.mark.parametrize("name", list(CASES))
def test_linear(parser: InProcessParser, reference: Sample, name: str) -> None:
    figures = check_linear(parser, CASES[name], reference, FIRST_SIZE.get(name, START_SIZE))
    print(f"{name}: {figures}")  # shown with -s or -rP


# -- include addresses: regular expressions run on an included file ---------------------


class AddressReader:
    """Selects the lines of a document with one include address, as a code include does
    (an address that selects nothing is an error, as good as a result here)."""

    def __init__(self, address: str) -> None:
        self.address = parse_address(address)

    def parse(self, text: str) -> object:
        try:
            return select_lines(self.address, text.split("\n"))
        except AddressError as error:
            return error


def address_reference_document(n: int) -> str:
    """The reference work of an :class:`AddressReader`: 20 lines of n letters that no
    case's pattern matches or is slow on."""
    return ("z" * n + "\n") * 20


ADDRESS_CASES: dict[str, tuple[str, Callable[[int], str]]] = {
    # (a+)+$ backtracks exponentially in Python's re; no line matches: each ends in "c"
    "catastrophic start pattern": ("/(a+)+$/,/b/", lambda n: ("a" * n + "c\n") * 20),
    "catastrophic end pattern": ("/^x/,/(a+)+$/", lambda n: "x\n" + ("a" * n + "c\n") * 20),
    # adjacent quantifiers over the same characters: polynomial in a backtracking engine
    "adjacent quantifiers": (
        "/\\s*,\\s*\\s*y/,/b/",
        lambda n: (" " * n + ", " + " " * n + "\n") * 4,
    ),
    "a long range": ("/^START/,/END/", lambda n: "START\n" + "line\n" * n + "// END\n"),
}


@pytest.mark.parametrize("name", list(ADDRESS_CASES))
def test_linear_include_address(name: str) -> None:
    address, make = ADDRESS_CASES[name]
    reader = AddressReader(address)
    reference = sized(reader, Sample(address_reference_document, START_SIZE))
    figures = check_linear(reader, make, reference, START_SIZE)
    print(f"{name}: {figures}")  # shown with -s or -rP


# -- the method itself, on a stand-in reader of known cost ------------------------------


class StandIn:
    """Reads a document in time linear in its length, plus, for every ``<`` in it, a scan
    of the whole document: quadratic in a run of ``<``."""

    def parse(self, text: str) -> object:
        total = sum(1 for _ in text)
        for _ in range(text.count("<")):
            total += text.count("<")
        return total


@pytest.fixture(scope="module")
def stand_in() -> tuple[StandIn, Sample]:
    reader = StandIn()
    return reader, sized(reader, Sample(lambda n: "a" * n, 1000))


def test_the_method_passes_linear_work(stand_in: tuple[StandIn, Sample]) -> None:
    reader, reference = stand_in
    check_linear(reader, lambda n: "b " * n, reference, 1000)


def test_the_method_fails_quadratic_work(stand_in: tuple[StandIn, Sample]) -> None:
    reader, reference = stand_in
    measured = measure(reader, sized(reader, Sample(lambda n: "<" * n, 10_000)), reference)
    assert measured.relative > LIMIT, measured
