"""Scaling: pathological inputs at size n and 10n; the time ratio must stay <= 20.

A linear parser gives a ratio near 10, a quadratic one near 100. Times are the fastest
of a few runs of the in-process reader (one Sphinx project, see ``inprocess.py``) with
the garbage collector paused, as ``timeit`` does (the fastest run is the one least
disturbed by the rest of the machine), minus the time to read an empty document, so
the fixed cost of a read does not hide growth.
The cases are cmark's pathological tests plus mmark's own unclosed constructs.
"""

from __future__ import annotations

import gc
import time
from collections.abc import Callable, Iterator

import pytest

from .inprocess import InProcessParser

RATIO_LIMIT = 20.0
RUNS = 3
MIN_SMALL_TIME = 0.1
"""The small size is doubled (up to 32x) until it takes this long, so noise stays small."""

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
}

SIZES: dict[str, int] = {
    "footnotes": 500,
    "many headings with one id": 100,
    "many citations": 200,
    "nested strong emphasis": 1000,
}
DEFAULT_SIZE = 500

KNOWN_QUADRATIC: dict[str, str] = {}
"""Cases measured as super-linear: case -> the reason kept in the xfail."""

BORDERLINE: dict[str, str] = {}
"""Ratios measured just above the limit (noise or a small quadratic term): not strict."""

CRASHES: dict[str, str] = {}
"""Cases that crashed: case -> the reason kept in the xfail (none left)."""


@pytest.fixture(scope="module")
def parser(tmp_path_factory: pytest.TempPathFactory) -> Iterator[InProcessParser]:
    reader = InProcessParser(tmp_path_factory.mktemp("scaling") / "project")
    yield reader
    reader.close()


def _fastest_time(parser: InProcessParser, text: str) -> float:
    times = []
    for _ in range(RUNS):
        gc.collect()
        gc.disable()
        try:
            start = time.perf_counter()
            parser.parse(text)
            times.append(time.perf_counter() - start)
        finally:
            gc.enable()
    return min(times)


def _params() -> list[object]:
    params = []
    for name in CASES:
        marks = []
        if name in KNOWN_QUADRATIC:
            marks.append(pytest.mark.xfail(strict=True, reason=KNOWN_QUADRATIC[name]))
        if name in BORDERLINE:
            marks.append(pytest.mark.xfail(strict=False, reason=BORDERLINE[name]))
        if name in CRASHES:
            marks.append(
                pytest.mark.xfail(strict=True, raises=RecursionError, reason=CRASHES[name])
            )
        params.append(pytest.param(name, id=name, marks=marks))
    return params


@pytest.mark.parametrize("name", _params())
def test_linear(parser: InProcessParser, name: str) -> None:
    make = CASES[name]
    n = SIZES.get(name, DEFAULT_SIZE)
    empty = _fastest_time(parser, "")
    small = max(_fastest_time(parser, make(n)) - empty, 1e-3)
    limit = 32 * n
    while small < MIN_SMALL_TIME and 2 * n <= limit and name not in KNOWN_QUADRATIC:
        n *= 2
        small = max(_fastest_time(parser, make(n)) - empty, 1e-3)
    large = max(_fastest_time(parser, make(10 * n)) - empty, 1e-3)
    ratio = large / small
    assert ratio <= RATIO_LIMIT, f"{name}: {small:.4f}s at n={n}, {large:.4f}s at 10n: x{ratio:.1f}"
