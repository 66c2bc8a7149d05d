"""Generated benchmark documents: Hugo-style posts that mean the same in mmark and MyST.

Every post uses only syntax both parsers read alike (CommonMark, footnotes,
``$$`` display math in its own paragraph, tables, YAML front matter), so the
same text can be timed through sphinx-mmark and through MyST-Parser.
"""

from __future__ import annotations

import random

_WORD_LIST = (
    "system queue worker message latency broker cluster deploy rollback metric alert graph "
    "vector matrix proof lemma theorem field group ring module kernel process thread socket "
    "packet route signal noise model"
)
WORDS = tuple(_WORD_LIST.split(" "))


def _sentence(rng: random.Random, n: int) -> str:
    words = [rng.choice(WORDS) for _ in range(n)]
    return " ".join(words).capitalize() + "."


def post(index: int, *, paragraphs: int = 12, seed: int = 0, markup: bool = True) -> str:
    """One post of roughly 5 KB; ``markup`` adds Hugo's ``markup: mmark`` key."""
    rng = random.Random(seed * 100_003 + index)
    lines = [
        "---",
        f'title: "Post number {index}"',
        f"date: 2020-01-{index % 28 + 1:02d}T10:00:00+01:00",
        "tags: [notes, benchmark]",
    ]
    if markup:
        lines.append("markup: mmark")
    lines += ["---", ""]
    notes = []
    for p in range(paragraphs):
        if p % 4 == 0:
            lines += [f"## Section {p // 4 + 1}", ""]
        text = " ".join(_sentence(rng, rng.randint(8, 16)) for _ in range(4))
        if p % 3 == 0:
            label = f"n{p}"
            text += f" See the note[^{label}]."
            notes.append(f"[^{label}]: {_sentence(rng, 10)} *Emphasis* and `code`.")
        lines += [text, ""]
        if p % 5 == 2:
            lines += ["$$", r"\sum_{i=1}^{n} x_i^2 = \int_0^1 f(t)\,dt", "$$", ""]
        if p % 6 == 4:
            lines += [
                "| Name | Value |",
                "|:-----|------:|",
                *(f"| {rng.choice(WORDS)} | {rng.randint(1, 999)} |" for _ in range(4)),
                "",
            ]
        if p % 7 == 5:
            lines += ["```python", "def f(x):", "    return x * 2", "```", ""]
    lines += notes
    return "\n".join(lines) + "\n"


def long_document(size_kb: int, seed: int = 0) -> str:
    """One document of about ``size_kb`` KB made of post bodies, with unique labels."""
    parts = ['---\ntitle: "Long document"\nmarkup: mmark\n---\n']
    index = 0
    while sum(len(p) for p in parts) < size_kb * 1024:
        body = post(index, seed=seed).split("---\n", 2)[2]
        parts.append(body.replace("[^n", f"[^d{index}n").replace("## ", "# "))
        index += 1
    return "\n".join(parts)
