"""Scaling: pathological inputs at size n and 10n; the time ratio must stay <= 20.

A linear parser gives a ratio near 10, a quadratic one near 100. The cases are cmark's
pathological tests, mmark's own unclosed constructs, and the super-linear rules of
issue 17 (with their relatives: the same pattern in other rules).

How the ratio is measured, so that it holds on a loaded machine (timings of a few
milliseconds gave ratios over 20 for linear cases):

* each document is read in-process (one Sphinx project, see ``inprocess.py``), with the
  garbage collector paused, as ``timeit`` does;
* n is grown until the read at n takes at least :data:`MIN_SAMPLE`, so that the clock's
  resolution and the scheduler's time slices are small against it (past
  :data:`MAX_CHARS`, a sample is several reads in a row instead);
* the empty document, n and 10n are read in turn, :data:`ROUNDS` times, and each keeps
  its fastest read (the one least disturbed by the rest of the machine; disturbance only
  ever adds time). The empty read is this run's baseline: its time, the fixed cost of
  a read, is taken off both sizes so that it does not hide growth;
* a ratio over the limit is measured again (at most :data:`RETRIES` times), each time with
  a sample 3x larger: a linear case that was unlucky, or whose document at n was small
  enough to stay in the processor's caches (reads per item are then faster at n than at
  10n), passes then; a quadratic one (ratio near 100, growing with n) cannot.
"""

from __future__ import annotations

import gc
import math
import time
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field

import pytest

from .inprocess import InProcessParser

pytestmark = pytest.mark.slow

RATIO_LIMIT = 20.0
MIN_SAMPLE = 0.05
"""Seconds: the read at n must take at least this long (n is grown until it does)."""
ROUNDS = 2
"""Reads of each size (interleaved) in one measurement."""
RETRIES = 2
"""Measurements after one over the limit, each of a sample 3x larger than the one before."""
START_SIZE = 200
MAX_CHARS = 1_000_000
"""n is not grown past a document of this many characters (at 10n, ten times as many: far
larger, and the memory they take makes reads slower per character): a document that is
read faster than MIN_SAMPLE at this size is read several times in a row instead."""
MAX_REPEATS = 1000

V1 = "---\nmmark_flavour: v1\n---\n"
INCLUDED = "included.md"
"""A file of the project, for the include cases."""

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
    "many citations": lambda n: "[@RFC2119] " * n,
    "many attributes": lambda n: '{#a .b c="d"}\n' * n + "text\n",
    "many table rows": lambda n: "a|b\n-|-\n" + "1|2\n" * n,
    # issue 17: rules that were super-linear
    "short ref with white space after the comma": lambda n: "See (#intro," + " " * n + "x\n",
    "include lines": lambda n: f"{{{{{INCLUDED}}}}}\n" * n,
    "code include lines": lambda n: f"<{{{{{INCLUDED}}}}}\n" * n,
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
}

FIRST_SIZE: dict[str, int] = {
    "nested strong emphasis": 50,
    "footnotes": 50,
    "many headings with one id": 50,
}
"""Where n starts, for cases that are slow at :data:`START_SIZE` already."""


@dataclass(frozen=True)
class _Sample:
    """How a case is timed: its size n, and how many reads in a row make one sample."""

    n: int
    repeats: int = 1

    def grown(self, make: Callable[[int], str], spent: float) -> _Sample:
        """The next sample to try when this one took ``spent`` (under MIN_SAMPLE): aimed a
        little past MIN_SAMPLE, growing at least 2x and at most 10x."""
        return self.times(make, min(10.0, max(2.0, 1.5 * MIN_SAMPLE / max(spent, 1e-4))))

    def times(self, make: Callable[[int], str], factor: float) -> _Sample:
        """A sample ``factor`` times larger: by n while the document stays under MAX_CHARS,
        else by reading it more times in a row."""
        n = int(self.n * factor)
        if len(make(n)) <= MAX_CHARS:
            return _Sample(n, self.repeats)
        assert self.repeats < MAX_REPEATS, f"still faster than {MIN_SAMPLE}s: {self}"
        return _Sample(self.n, math.ceil(self.repeats * factor))


@dataclass
class _Fastest:
    """The fastest sample of each document measured so far (seconds)."""

    times: dict[str, float] = field(default_factory=dict)

    def read(self, parser: InProcessParser, key: str, text: str, repeats: int) -> float:
        """Read ``text`` ``repeats`` times; keep the time if it is the fastest for ``key``."""
        gc.collect()
        gc.disable()
        try:
            start = time.perf_counter()
            for _ in range(repeats):
                parser.parse(text)
            spent = time.perf_counter() - start
        finally:
            gc.enable()
        self.times[key] = min(spent, self.times.get(key, spent))
        return spent


@pytest.fixture(scope="module")
def parser(tmp_path_factory: pytest.TempPathFactory) -> Iterator[InProcessParser]:
    reader = InProcessParser(tmp_path_factory.mktemp("scaling") / "project")
    (reader.srcdir / INCLUDED).write_text("Included *text*.\n", encoding="utf-8")
    yield reader
    reader.close()


def _sized(parser: InProcessParser, make: Callable[[int], str], sample: _Sample) -> _Sample:
    """The sample (from ``sample`` up) of which the faster of two reads takes at least
    MIN_SAMPLE beyond as many reads of the empty document."""
    while True:
        fastest = _Fastest()
        for _ in range(2):
            fastest.read(parser, "empty", "", sample.repeats)
            fastest.read(parser, "small", make(sample.n), sample.repeats)
        spent = fastest.times["small"] - fastest.times["empty"]
        if spent >= MIN_SAMPLE:
            return sample
        sample = sample.grown(make, spent)


@dataclass(frozen=True)
class _Ratio:
    """One measurement of a case: time at 10n over time at n."""

    ratio: float
    sample: _Sample
    """The sample measured (larger than the one asked for if that was too fast)."""
    figures: str
    """The times, for messages."""


def _ratio(parser: InProcessParser, make: Callable[[int], str], sample: _Sample) -> _Ratio:
    """The ratio from ROUNDS interleaved samples of the empty document and both sizes (the
    sample is grown first if its fastest time at n is under MIN_SAMPLE)."""
    while True:
        fastest = _Fastest()
        small_text, large_text = make(sample.n), make(10 * sample.n)
        for _ in range(ROUNDS):
            fastest.read(parser, "empty", "", sample.repeats)
            fastest.read(parser, "small", small_text, sample.repeats)
            fastest.read(parser, "large", large_text, sample.repeats)
        times = fastest.times
        small, large = times["small"] - times["empty"], times["large"] - times["empty"]
        if small >= MIN_SAMPLE:
            reads = f" ({sample.repeats} reads each)" if sample.repeats > 1 else ""
            figures = f"{small:.3f}s at n={sample.n}, {large:.3f}s at 10n{reads}"
            return _Ratio(large / small, sample, f"{figures}: x{large / small:.1f}")
        sample = sample.grown(make, small)  # the sizing reads were slowed down


@pytest.mark.parametrize("name", list(CASES))
def test_linear(parser: InProcessParser, name: str) -> None:
    make = CASES[name]
    first = _sized(parser, make, _Sample(FIRST_SIZE.get(name, START_SIZE)))
    measured = _ratio(parser, make, first)
    figures = measured.figures
    for _ in range(RETRIES):
        if measured.ratio <= RATIO_LIMIT:
            break
        measured = _ratio(parser, make, measured.sample.times(make, 3.0))
        figures += f"; then {measured.figures}"
    print(f"{name}: {figures}")  # shown with -s or -rP
    assert measured.ratio <= RATIO_LIMIT, f"{name}: {figures}"
