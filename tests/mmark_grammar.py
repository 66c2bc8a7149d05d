"""A grammar-aware generator of mmark documents, for fuzzing the parse path.

:class:`MmarkGenerator` writes a document by recursive descent over mmark's blocks
(paragraphs, headings with attributes, quotes, asides, lists, tables with captions,
figures, code with callouts, math, title blocks, front matter, reference XML, divisions,
footnote definitions, v1 abbreviations, includes, HTML, shortcodes) and inline
constructs (notes, footnote references, links, images, emphasis, cross-references,
citations, index entries, shortcodes, sub/superscript, BCP 14 keywords, inline HTML,
escapes, entities, math, callout references), nesting every inline construct inside
every inline context: notes, links, emphasis, table cells, captions, headings and
shortcode arguments. A small share of the constructs is cut short, so that unclosed
and malformed syntax is fuzzed too.

Every decision comes from a :class:`ChoiceSource`, so that atheris (through
:class:`ProviderSource`), hypothesis (a ``st.randoms()`` in :class:`RandomSource`) and a
plain seeded :class:`random.Random` can all drive it. A source that answers ``low``
every time (an exhausted ``FuzzedDataProvider``) yields the smallest document, so
low values are always the simpler, terminal choices.

Includes refer to the files of :data:`INCLUDE_FILES`, which the fuzz project
writes next to the document with :func:`install_include_files`.
"""

from __future__ import annotations

import random
from collections.abc import Callable, Sequence
from dataclasses import dataclass, replace
from pathlib import Path
from typing import TYPE_CHECKING, Literal, Protocol, TypeVar

if TYPE_CHECKING:
    from .inprocess import Parsed

Flavour = Literal["v1", "v2"]
"""mmark v1 (Hugo, miekg/mmark) or v2 (mmark 2.x)."""

_T = TypeVar("_T")


class ChoiceSource(Protocol):
    """Where the generator's decisions come from."""

    def integer(self, low: int, high: int) -> int:
        """A whole number from ``low`` to ``high`` inclusive; ``low`` is the simplest."""
        ...


class RandomSource:
    """Decisions from a :class:`random.Random` (or hypothesis' ``st.randoms()``)."""

    def __init__(self, rng: random.Random) -> None:
        self.rng = rng
        """The generator the decisions are drawn from."""

    def integer(self, low: int, high: int) -> int:
        return self.rng.randint(low, high)


class _Provider(Protocol):
    """The part of atheris' ``FuzzedDataProvider`` that the generator uses."""

    def ConsumeIntInRange(self, low: int, high: int) -> int: ...  # noqa: N802


class ProviderSource:
    """Decisions from atheris' ``FuzzedDataProvider``; ``low`` once its bytes run out."""

    def __init__(self, provider: _Provider) -> None:
        self.provider = provider
        """The fuzzer's data provider, consumed a few bytes per decision."""

    def integer(self, low: int, high: int) -> int:
        return int(self.provider.ConsumeIntInRange(low, high))


@dataclass(frozen=True)
class Inline:
    """The inline context being written, and what it cannot hold."""

    name: str
    """Which construct holds the text: paragraph, note, link, emphasis, cell, caption, …"""
    one_line: bool = False
    """No line breaks (headings, table cells, captions, shortcode arguments)."""
    quoted: bool = False
    """Inside a double-quoted shortcode or front-matter value: no ``"``."""
    tight: bool = False
    """Inside ``~sub~`` / ``^sup^``: no spaces."""


@dataclass(frozen=True)
class Document:
    """One generated document and how the fuzz project should read it."""

    text: str
    """The mmark source."""
    flavour: Flavour
    """The flavour it was generated for."""
    suffix: str
    """The file suffix to read it under: ``.mmark`` (a Hugo v1 post) or ``.md``."""


INCLUDE_FILES: dict[str, str] = {
    "f.md": "Included *text* with a note^[inside {{< param title >}}] and (!idx).\n\n"
    "one\ntwo\n\n{{g.md}}\n",
    "g.md": "# Included heading {#inc}\n\nSee (#inc) and [@RFC2119].\n",
    "self.md": "Self {{self.md}}\n\n{{self.md}}\n",
    "code.py": "import os\n# START\ndef f():  #<<1>>\n    return 1  #<<2>>\n# END\nprint(f())\n",
    "latin1.md": "caf\xe9\n",
}
"""Files the fuzz project provides for ``{{…}}`` and ``<{{…}}`` includes."""


def install_include_files(srcdir: Path) -> None:
    """Write :data:`INCLUDE_FILES` into ``srcdir`` (``latin1.md`` as Latin-1 bytes)."""
    for name, text in INCLUDE_FILES.items():
        encoding = "latin-1" if name == "latin1.md" else "utf-8"
        (srcdir / name).write_bytes(text.encode(encoding))


WORDS = ("alpha", "beta", "gamma", "delta", "HTML", "W3C", "é", "日本", "x", "MUST")
IDS = ("intro", "inc", "fig-a", "tab-b", "q1", "x", "missing")
FOOTNOTES = ("1", "x", "note", "2")
CITE_KEYS = ("RFC2119", "pandoc", "I-D.ietf-x-y", "BCP14", "nosuchkey", "Ann Author")
SYMBOLS = (
    *("\\*", "\\_", "\\[", "\\\\", "\\ ", "\\|", "\\<", "\\$", "\\^", "\\~"),
    *("&amp;", "&#169;", "&#x1F600;", "&bogus;", "&#0;", "&lt;b&gt;"),
    *("*", "_", "[", "]", "(", ")", "{", "}", "^", "~", "$", "<", ">", "!", "%", "\\"),
    *("'", "`", "#", "@", ":", "--", "...", "\u00a0", "\u200b", "\u2028", "\ufeff", "😀"),
)
"""Escapes, entities and lone punctuation that inline rules look at."""
NOISE = (
    *("|---|", "||", "===", "---", "+++", "%%%", "!---", "$$", "```", "~~~", "{{", "}}"),
    *("[^1]:", "^[", "[@", "(#", "(!", "(((", "{#", "A>", "F>", ">", "Table:", "Figure:"),
    *("Quote:", "<reference", "</reference>", "<!--", "-->", "{backmatter}", "<<1>>"),
    *(".#", "-#", "*[", "1.", "(@)", ":   ", "\t", "    ", "\\"),
)
"""Pieces of syntax, whole or broken, put on a line of their own."""

_URLS = (
    *("https://example.org/a", "/posts/x/", "f.md", "f.md#inc", "#intro", "../up.md"),
    *("javascript:alert(1)", "JaVaScRiPt:x", "data:text/html,x", "mailto:a@b.c", "<>", ""),
)
_IMAGES = ("https://example.org/p.png", "missing.png", "f.md", "javascript:x", "")
_CODE_LINES = (
    *("x := 1 //<<1>>", "y = 2 #<<2>>", "z <<3>>", "w // <1>", "v #<<1>>", "//<<1>>"),
    *("return ^[not a note] (!nor index) {{< nor shortcode >}}", "", "\t"),
)
_TEX = ("x^2", "\\frac{a}{b}", "a_{i}", "}", "\\", "$", "\\begin{equation}a\\end{equation}")
_BLOCK_ATTRIBUTES = (
    *("{#intro}", "{.note}", "{#q1 .x}", '{title="t" #x .y}', '{callout="//"}', "{#fig-a}"),
    *('{start="4" type="a"}', "{#unclosed .x", "{}", "{#}", '{#">x}', "{frontmatter-ish}"),
)
_HEADING_ATTRIBUTES = ("{#intro}", "{.x}", "{#a .b}", "{#}", "{#x", '{#">x}', "{#tab-b}")
_INCLUDES = (
    *("{{f.md}}", "{{g.md}}[2,3]", "{{f.md}}[/one/,/two/]", "{{self.md}}", "{{missing.md}}"),
    *("{{../x.md}}", "{{/etc/passwd}}", "{{latin1.md}}", '{{f.md}}[prefix="> "]', "{{}}"),
    *("<{{code.py}}[/START/,/END/]", "<{{code.py}}[3,5]", "<{{code.py}}[9,2]"),
    *("<{{code.py}}[a,]", "<{{code.py}}[/(a+)+$/,/b/]", "<{{code.py}}", "<{{code.py}}[/[/,/x/]"),
    *("{{f.md}}[1,]", "{{ f.md }}", "{{a..b.md}}"),
)
_REFERENCES = (
    "<reference anchor='{key}' target='https://example.org/{key}'>\n<front>\n"
    "<title>{title}</title>\n<author initials='A.' surname='Author' fullname='Ann Author'>"
    "\n<organization>Org</organization>\n</author>\n<date year='2020' month='May'/>\n"
    "</front>\n<seriesInfo name='DOI' value='10.1/x'/>\n</reference>",
    "<reference anchor='{key}'>\n<front><title>{title}</front>\n</reference>",
    "<reference anchor='{key}'><!DOCTYPE x [<!ENTITY a \"aaaa\">]><front><title>&a;</title>"
    "</front></reference>",
    "<reference target='javascript:alert(1)' anchor='{key}'><front><title>{title}</title>"
    "</front></reference>",
    "<reference anchor='{key}'>\n<front>\n<title>{title}</title>\n",
    "<reference>\n<front><title>{title}</title></front>\n</reference>",
    "<referencegroup anchor='{key}'>\n<reference anchor='in'><front><title>{title}</title>"
    "</front></reference>\n</referencegroup>",
)
"""Reference XML blocks, well-formed or not; ``{key}`` and ``{title}`` are filled in."""
_SHORTCODE_NAMES = ("note", "notice info", "k", "foo", "x", "details")


def _one_line(text: str) -> str:
    """``text`` with its line ends made spaces (for single-line contexts)."""
    return " ".join(text.splitlines()) if "\n" in text or "\r" in text else text


def _prefixed(text: str, first: str, rest: str | None = None) -> str:
    """``text`` with ``first`` before its first line and ``rest`` before the others."""
    others = first if rest is None else rest
    lines = text.split("\n")
    out = [first + lines[0]]
    out.extend((others + line) if line else others.rstrip() for line in lines[1:])
    return "\n".join(out)


class MmarkGenerator:
    """Writes random mmark documents, taking every decision from a :class:`ChoiceSource`."""

    def __init__(
        self, source: ChoiceSource, flavour: Flavour, *, budget: int = 60, max_depth: int = 6
    ) -> None:
        self.source = source
        """Where the decisions come from."""
        self.flavour = flavour
        """The flavour to write: its own syntax is favoured, the other's still appears."""
        self.budget = budget
        """How many more compound constructs may be written (bounds the size)."""
        self.max_depth = max_depth
        """How deep constructs may nest inside each other."""
        self._inline_rules = self._weighted_inline_rules()
        self._block_rules = self._weighted_block_rules()

    # -- decisions --------------------------------------------------------------

    def _int(self, low: int, high: int) -> int:
        return self.source.integer(low, high)

    def _pick(self, options: Sequence[_T]) -> _T:
        return options[self._int(0, len(options) - 1)]

    def _chance(self, percent: int) -> bool:
        """True about ``percent`` times in a hundred; False for a source stuck at ``low``."""
        return self._int(0, 99) >= 100 - percent

    def _spend(self) -> bool:
        """Take one unit of the size budget; False when it is used up."""
        if self.budget <= 0:
            return False
        self.budget -= 1
        return True

    def _cut(self, text: str) -> str:
        """``text``, or now and then a prefix of it (an unclosed or broken construct)."""
        if len(text) > 1 and self._chance(6):
            return text[: self._int(1, len(text) - 1)]
        return text

    def _mine(self, v1: str, v2: str) -> str:
        """The flavour's own spelling of a construct, now and then the other one's."""
        own, other = (v1, v2) if self.flavour == "v1" else (v2, v1)
        return other if self._chance(15) else own

    # -- documents --------------------------------------------------------------

    def document(self) -> Document:
        """A whole document: maybe front matter or a title block, then blocks."""
        front = self._front()
        body = self.blocks(0)
        text = f"{front}\n{body}\n" if front else body + "\n"
        if self._chance(3):
            text = text.replace("\n", "\r\n")
        if self._chance(2):
            text = "\ufeff" + text
        suffix = ".md" if self.flavour == "v2" or (front and self._chance(50)) else ".mmark"
        return Document(text, self.flavour, suffix)

    def _front(self) -> str:
        kinds: list[Callable[[], str]] = [self._no_front] * 4 + [self._title_block]
        kinds += [self._yaml_front, self._toml_front, self._json_front, self._v1_title_lines]
        return kinds[self._int(0, len(kinds) - 1)]()

    def _no_front(self) -> str:
        return ""

    def _value(self) -> str:
        """A short quoted-string-safe value, sometimes with inline markup."""
        if self._chance(30):
            return _one_line(self.inline(self.max_depth - 1, Inline("title", True, True)))
        return " ".join(self._pick(WORDS) for _ in range(self._int(1, 3)))

    def _flavour_key(self) -> str:
        """Front-matter lines that keep a v2 document v2 and mark a v1 one as Hugo's."""
        return "mmark_flavour: v2\n" if self.flavour == "v2" else "markup: mmark\n"

    def _yaml_front(self) -> str:
        body = f'title: "{self._value()}"\n{self._flavour_key()}'
        body += self._pick(("", "tags: [a, b]\n", "date: 2020-01-02\n", "date: 2021-99-99\n"))
        body += self._pick(("", "description: d\n", "title: [unclosed\n", "aliases: [/old/]\n"))
        return self._cut(f"---\n{body}---\n")

    def _toml_front(self) -> str:
        flavour = 'mmark_flavour = "v2"\n' if self.flavour == "v2" else 'markup = "mmark"\n'
        extra = self._pick(("", "tags = ['a']\n", 'title = "twice"\n', "date = 2020-01-02\n"))
        return self._cut(f'+++\ntitle = "{self._value()}"\n{flavour}{extra}+++\n')

    def _json_front(self) -> str:
        flavour = '"mmark_flavour": "v2"' if self.flavour == "v2" else '"markup": "mmark"'
        return self._cut(f'{{\n"title": "{self._value()}",\n{flavour}\n}}\n')

    def _title_block(self) -> str:
        lines = f'title = "{self._value()}"\n'
        lines += self._pick(("", 'abbrev = "a"\n', "date = 2020-01-02T00:00:00Z\n", "x = [\n"))
        lines += '[seriesInfo]\nname = "Internet-Draft"\nvalue = "draft-x-00"\n'
        lines += '\n[[author]]\nfullname = "Ann Author"\n' if self._chance(50) else ""
        return self._cut(f"%%%\n{lines}%%%\n")

    def _v1_title_lines(self) -> str:
        if self.flavour == "v2":
            return self._title_block()
        return self._cut(f'% title = "{self._value()}"\n% date = 2020-01-02\n')

    # -- blocks -----------------------------------------------------------------

    def _weighted_block_rules(self) -> list[Callable[[int], str]]:
        weights: list[tuple[int, Callable[[int], str]]] = [
            (6, self._paragraph),
            (3, self._heading),
            (2, self._attributed),
            (2, self._quote),
            (1, self._aside),
            (3, self._list),
            (1, self._definition_list),
            (3, self._table),
            (2, self._figure),
            (2, self._code),
            (1, self._math_block),
            (2, self._footnote_definition),
            (1, self._reference_xml),
            (1, self._division),
            (1, self._abbreviation),
            (2, self._include),
            (1, self._html_block),
            (3, self._block_shortcode),
            (1, self._noise_line),
            (1, self._thematic_break),
        ]
        return [rule for weight, rule in weights for _ in range(weight)]

    def blocks(self, depth: int) -> str:
        """One to five blocks, mostly separated by blank lines."""
        out = [self.block(depth) for _ in range(self._int(1, 5 if depth < 2 else 2))]
        separators = [self._pick(("\n\n", "\n\n", "\n\n", "\n")) for _ in out[1:]]
        return out[0] + "".join(sep + block for sep, block in zip(separators, out[1:], strict=True))

    def block(self, depth: int) -> str:
        """One block; a paragraph once the depth or the budget is used up."""
        if depth >= self.max_depth or not self._spend():
            return self._paragraph(depth)
        return self._pick(self._block_rules)(depth)

    def _paragraph(self, depth: int) -> str:
        return self.inline(depth, Inline("paragraph"))

    def _heading(self, depth: int) -> str:
        text = self.inline(depth + 1, Inline("heading", one_line=True))
        form = self._int(0, 4)
        if form == 1:
            return f"{text}\n{self._pick(('===', '---', '='))}"
        if form == 2:
            return f"{self._mine('-#', '.#')} {self._pick(('Abstract', 'Preface', 'Note', text))}"
        attribute = f" {self._pick(_HEADING_ATTRIBUTES)}" if self._chance(50) else ""
        return f"{'#' * self._int(1, 6)} {text}{attribute}"

    def _attributed(self, depth: int) -> str:
        attribute = self._pick(_BLOCK_ATTRIBUTES)
        if self._chance(20):
            return f"{attribute}\n{self._pick(('>', 'A>', '', '>' + chr(10) + '>'))}"
        return f"{attribute}\n{self.block(depth + 1)}"

    def _quote(self, depth: int) -> str:
        inner = "" if self._chance(10) else self.blocks(depth + 1)
        quote = _prefixed(inner, "> ") if inner else ">"
        if self._chance(25):
            quote += f"\nQuote: {self.inline(depth + 1, Inline('caption', one_line=True))}"
        return quote

    def _aside(self, depth: int) -> str:
        return _prefixed(self.blocks(depth + 1), "A> ", self._pick(("A> ", "A>", "")))

    def _list(self, depth: int) -> str:
        ordered = ("1. ", "1) ", "3. ", "(@good) ", "(@) ")
        marker = self._pick(("* ", "- ", "+ ", "- [ ] ", "- [x] ", *ordered))
        items = [self.blocks(depth + 1) for _ in range(self._int(1, 3))]
        indent = " " * len(marker)
        return "\n".join(_prefixed(item, marker, indent) for item in items)

    def _definition_list(self, depth: int) -> str:
        term = self.inline(depth + 1, Inline("term", one_line=True))
        definitions = [self.blocks(depth + 1) for _ in range(self._int(1, 2))]
        return term + "".join("\n" + _prefixed(d, ":   ", "    ") for d in definitions)

    def _cell(self, depth: int) -> str:
        if self._chance(15):
            return ""
        text = self.inline(depth + 1, Inline("cell", one_line=True))
        return text.replace("|", "\\|")

    def _row(self, depth: int, columns: int) -> str:
        return "| " + " | ".join(self._cell(depth) for _ in range(columns)) + " |"

    def _table(self, depth: int) -> str:
        columns = self._int(1, 4)
        rule = "|" + "|".join(self._pick(("---", ":--", "--:", ":-:")) for _ in range(columns))
        rows = [self._row(depth, columns) for _ in range(self._int(0, 3))]
        header = [] if self._chance(15) else [self._row(depth, columns)]
        lines = [*header, rule + "|", *rows]
        if self._chance(20):
            lines += ["|" + "|".join("===" for _ in range(columns)) + "|"]
            lines += [self._row(depth, columns)]
        if self._chance(50):
            caption = self.inline(depth + 1, Inline("caption", one_line=True))
            lines.append(f"Table: {caption}" + self._pick(("", " {#tab-b}", " {#x")))
        return self._cut("\n".join(lines))

    def _image(self, depth: int) -> str:
        alt = self.inline(depth + 1, Inline("image", one_line=True))
        title = self._pick(("", ' "a title"', ' "t'))
        return f"![{alt}]({self._pick(_IMAGES)}{title})"

    def _figure(self, depth: int) -> str:
        caption = self.inline(depth + 1, Inline("caption", one_line=True))
        parts = [
            self._image(depth) if self._chance(60) else self._code(depth)
            for _ in range(self._int(1, 3))
        ]
        if self.flavour == "v1" and self._chance(70):
            body = "\n".join(_prefixed(part, "F> ") for part in parts)
        else:
            body = "!---\n" + "\n".join(parts) + self._pick(("\n!---", "\n!---", ""))
        label = self._pick(("", " {#fig-a}"))
        return body + (f"\nFigure: {caption}{label}" if self._chance(70) else "")

    def _code(self, depth: int) -> str:
        lines = [self._pick(_CODE_LINES) for _ in range(self._int(1, 4))]
        if self._chance(20):
            return "\n".join("    " + line for line in lines)
        fence = self._pick(("```", "~~~", "````"))
        info = self._pick(("", " go", " python", " none", ' {callout="//"}'))
        attribute = '{callout="//"}\n' if self.flavour == "v1" and self._chance(30) else ""
        code = f"{attribute}{fence}{info}\n" + "\n".join(lines) + self._pick((f"\n{fence}", ""))
        if self._chance(30):
            code += f"\nFigure: {self.inline(depth + 1, Inline('caption', one_line=True))}"
        return code

    def _math_block(self, depth: int) -> str:
        tex = " ".join(self._pick(_TEX) for _ in range(self._int(1, 3)))
        opener, closer = self._pick((("$$", "$$"), ("\\[", "\\]"), ("$$", "")))
        return f"{opener}\n{tex}\n{closer}" if self._chance(70) else f"{opener}{tex}{closer}"

    def _footnote_definition(self, depth: int) -> str:
        label = self._pick(FOOTNOTES)
        definition = f"[^{label}]: {self.inline(depth + 1, Inline('footnote'))}"
        if self._chance(30):
            definition += "\n\n" + _prefixed(self.blocks(depth + 1), "    ")
        return definition

    def _reference_xml(self, depth: int) -> str:
        template = self._pick(_REFERENCES)
        title = self._pick(("A title", "Pandoc &amp; co", "&bogus;", "<b>x</b>", "x ^[n]"))
        return self._cut(template.replace("{key}", self._pick(CITE_KEYS)).replace("{title}", title))

    def _division(self, depth: int) -> str:
        return self._pick(("{frontmatter}", "{mainmatter}", "{backmatter}", "{backmatter} x"))

    def _abbreviation(self, depth: int) -> str:
        name = self._pick(("HTML", "W3C", "", "日本"))
        return f"*[{name}]: {self._pick(('Hyper Text', '', 'x ^[n]', 'W3C HTML'))}"

    def _include(self, depth: int) -> str:
        line = self._pick(_INCLUDES)
        if line.startswith("<") and self._chance(30):
            line += f"\nFigure: {self.inline(depth + 1, Inline('caption', one_line=True))}"
        return line

    def _html_block(self, depth: int) -> str:
        form = self._int(0, 3)
        if form == 0:
            return "<!-- a\ncomment -->" if self._chance(70) else "<!--more-->"
        if form == 1:
            return "<script>alert(1)</script>"
        tag = self._pick(("div", "details", "section"))
        return f'<{tag} class="x">\n\n{self.blocks(depth + 1)}\n\n</{tag}>'

    def _block_shortcode(self, depth: int) -> str:
        form = self._int(0, 5)
        if form == 0:
            return self._figure_shortcode(depth)
        if form == 1:
            lines = "\n".join(self._pick(_CODE_LINES) for _ in range(self._int(1, 3)))
            return f'{{{{< highlight go "linenos=table,hl_lines=2 3" >}}}}\n{lines}\n' + (
                "{{< /highlight >}}"
            )
        if form == 2:
            return self._pick(
                (
                    "{{< youtube abc123 >}}",
                    '{{< tweet user="u" id="9" >}}',
                    "{{< gist u 1 >}}",
                    '{{< ref "f.md" >}}',
                    '{{< relref "missing.md" >}}',
                    "{{< /x >}}",
                    "{{</* figure */>}}",
                )
            )
        name = self._pick(_SHORTCODE_NAMES)
        open_, close = ("{{%", "%}}") if self._chance(50) else ("{{<", ">}}")
        inner = self.blocks(depth + 1)
        bare = name.split()[0]
        return f"{open_} {name} {close}\n{inner}\n" + self._pick(
            (f"{open_} /{bare} {close}", f"{open_} /{bare} {close}", "")
        )

    def _figure_shortcode(self, depth: int) -> str:
        caption = self.inline(depth + 1, Inline("shortcode", one_line=True, quoted=True))
        link = self._pick(("", ' link="https://example.org/"', ' link="javascript:x"'))
        attr = self._pick(("", ' attr="Credit" attrlink="javascript:y"', ' title="T"'))
        return f'{{{{< figure src="{self._pick(_IMAGES)}" caption="{caption}"{link}{attr} >}}}}'

    def _noise_line(self, depth: int) -> str:
        return self._pick(NOISE)

    def _thematic_break(self, depth: int) -> str:
        return self._pick(("***", "___", "- - -"))

    # -- inline -----------------------------------------------------------------

    def _weighted_inline_rules(self) -> list[Callable[[int, Inline], str]]:
        weights: list[tuple[int, Callable[[int, Inline], str]]] = [
            (12, self._word),
            (3, self._symbol),
            (4, self._emphasis),
            (1, self._code_span),
            (4, self._note),
            (2, self._footnote_ref),
            (3, self._link),
            (1, self._inline_image),
            (2, self._xref),
            (2, self._citation),
            (2, self._index),
            (3, self._inline_shortcode),
            (2, self._sup_sub),
            (1, self._bcp14),
            (2, self._inline_html),
            (1, self._inline_math),
            (1, self._callout_ref),
            (1, self._inline_attribute),
            (1, self._inline_include),
            (1, self._line_break),
            (1, self._deep),
        ]
        return [rule for weight, rule in weights for _ in range(weight)]

    def inline(self, depth: int, context: Inline) -> str:
        """A run of one to six inline constructs that fits ``context``."""
        pieces = [self.inline_item(depth, context) for _ in range(self._int(1, 6))]
        glue = ("", "") if context.tight else (" ", " ", " ", "", "\n")
        text = pieces[0]
        for piece in pieces[1:]:
            text += self._pick(glue) + piece
        if context.one_line:
            text = _one_line(text)
        if context.quoted:
            text = text.replace('"', "'")
        if context.tight:
            text = text.replace(" ", "\\ ")
        return text

    def inline_item(self, depth: int, context: Inline) -> str:
        """One inline construct; a word once the depth or the budget is used up."""
        if depth >= self.max_depth or not self._spend():
            return self._word(depth, context)
        return self._cut(self._pick(self._inline_rules)(depth, context))

    def _inner(self, depth: int, context: Inline, name: str) -> str:
        """Inline text for a construct called ``name`` nested in ``context``."""
        return self.inline(depth + 1, replace(context, name=name))

    def _word(self, depth: int, context: Inline) -> str:
        return self._pick(WORDS)

    def _symbol(self, depth: int, context: Inline) -> str:
        return self._pick(SYMBOLS)

    def _emphasis(self, depth: int, context: Inline) -> str:
        delimiter = self._pick(("*", "**", "_", "__", "***", "~~", "*_"))
        closer = delimiter[::-1]
        return f"{delimiter}{self._inner(depth, context, 'emphasis')}{closer}"

    def _code_span(self, depth: int, context: Inline) -> str:
        return self._pick(("`^[a] (!b) {{< c >}}`", "``a ` b``", "`", "`<b>`"))

    def _note(self, depth: int, context: Inline) -> str:
        return f"^[{self._inner(depth, context, 'note')}]"

    def _footnote_ref(self, depth: int, context: Inline) -> str:
        return f"[^{self._pick(FOOTNOTES)}]"

    def _link(self, depth: int, context: Inline) -> str:
        text = self._inner(depth, context, "link")
        form = self._int(0, 4)
        if form == 0:
            return f"[{text}]({self._pick(_URLS)})"
        if form == 1:
            return f'[{text}]({self._pick(_URLS)} "title")'
        if form == 2:
            return f"[]({self._pick(_URLS)})"
        if form == 3:
            return f"[{text}][{self._pick(('ref', 'intro', 'nosuch'))}]"
        return self._pick(("<https://example.org/>", "<javascript:x>", "<a@b.c>", "https://x.y"))

    def _inline_image(self, depth: int, context: Inline) -> str:
        return self._image(depth)

    def _xref(self, depth: int, context: Inline) -> str:
        target = self._pick(IDS)
        form = self._int(0, 3)
        if form == 1:
            return f"(#{target}, {self._inner(depth, context, 'xref')})"
        if form == 2:
            return f"[](#{target})"
        return f"(#{target})"

    def _citation(self, depth: int, context: Inline) -> str:
        key = self._pick(CITE_KEYS)
        modifier = self._pick(("", "!", "?", "-"))
        form = self._int(0, 3)
        if form == 1:
            return f"[@{key}; @{self._pick(CITE_KEYS)}]"
        if form == 2:
            return f"[@{modifier}{key}, {self._inner(depth, context, 'citation')}]"
        if form == 3:
            return self._mine(f"[-@{key}]", f"[@-{key}]")
        return f"[@{modifier}{key}]"

    def _index(self, depth: int, context: Inline) -> str:
        item = self._pick(WORDS)
        sub = f", {self._pick(WORDS)}" if self._chance(40) else ""
        if self._chance(10):
            item = self._inner(depth, context, "index")
        return self._mine(f"((({item}{sub})))", f"({self._pick(('!', '!!'))}{item}{sub})")

    def _inline_shortcode(self, depth: int, context: Inline) -> str:
        form = self._int(0, 5)
        if form == 0:
            return self._pick(
                (
                    '{{< ref "f.md" >}}',
                    '{{< relref "missing" >}}',
                    "{{< param title >}}",
                    "{{< foo >}}",
                    "{{% x %}}",
                    "{{ .Title }}",
                    "{{</* figure */>}}",
                )
            )
        if form == 1:
            return self._figure_shortcode(depth)
        name = self._pick(_SHORTCODE_NAMES)
        open_, close = ("{{%", "%}}") if self._chance(50) else ("{{<", ">}}")
        inner = self._inner(depth, context, "shortcode")
        return f"{open_} {name} {close}{inner}{open_} /{name.split()[0]} {close}"

    def _sup_sub(self, depth: int, context: Inline) -> str:
        mark = self._pick(("~", "^"))
        inner = self.inline(depth + 1, replace(context, name="sup", tight=True, one_line=True))
        return f"{mark}{inner}{mark}"

    def _bcp14(self, depth: int, context: Inline) -> str:
        keyword = self._pick(("MUST", "MUST NOT", "SHOULD", "SHALL NOT", "MAY", "OPTIONAL"))
        return f"**{keyword}**"

    def _inline_html(self, depth: int, context: Inline) -> str:
        form = self._int(0, 3)
        if form == 0:
            return self._pick(("<br>", "<br/>", "<!-- c -->", "<!--more-->", "</i>", "<x"))
        if form == 1:
            return self._pick(("<script>alert(1)</script>", '<img src=x onerror="y">'))
        tag = self._pick(("b", "span", "i", "sup"))
        return f"<{tag}>{self._inner(depth, context, 'html')}</{tag}>"

    def _inline_math(self, depth: int, context: Inline) -> str:
        tex = self._pick(_TEX)
        return self._pick((f"$${tex}$$", f"${tex}$", f"\\({tex}\\)", "$$", "$"))

    def _callout_ref(self, depth: int, context: Inline) -> str:
        return self._mine(self._pick(("<1>", "<2>")), self._pick(("<<1>>", "<<2>>", "\\<<1>>")))

    def _inline_attribute(self, depth: int, context: Inline) -> str:
        return self._pick(_HEADING_ATTRIBUTES)

    def _inline_include(self, depth: int, context: Inline) -> str:
        return self._pick(_INCLUDES)

    def _line_break(self, depth: int, context: Inline) -> str:
        return self._pick(("\\\n", "  \n", "\n", "<br>"))

    def _deep(self, depth: int, context: Inline) -> str:
        """One construct nested in itself many times (notes in notes, links in links)."""
        count = self._int(2, 40)
        opener, closer = self._pick(
            (("^[", "]"), ("*", "*"), ("[", "](x)"), ("~~", "~~"), ("<b>", "</b>"), ("(!", ")"))
        )
        return opener * count + self._pick(WORDS) + closer * count


def generate(source: ChoiceSource, flavour: Flavour | None = None) -> Document:
    """One document from ``source``; the flavour too when none is given."""
    chosen: Flavour = flavour or ("v1" if source.integer(0, 1) else "v2")
    budget = source.integer(0, 100)
    depth = source.integer(1, 6)
    return MmarkGenerator(source, chosen, budget=budget, max_depth=depth).document()


class FuzzProject:
    """Two small Sphinx projects that read generated documents: ``.md`` and ``.mmark``."""

    def __init__(self, root: Path) -> None:
        from .inprocess import InProcessParser

        self.parsers = {
            suffix: InProcessParser(root / suffix.lstrip("."), suffix=suffix)
            for suffix in (".md", ".mmark")
        }
        """One in-process parser per suffix, each with :data:`INCLUDE_FILES` beside it."""
        for parser in self.parsers.values():
            install_include_files(parser.srcdir)

    def parse(self, document: Document) -> Parsed:
        """Read ``document`` the way a build reads it (see ``InProcessParser.parse``)."""
        return self.parsers[document.suffix].parse(document.text)

    def close(self) -> None:
        for parser in self.parsers.values():
            parser.close()
