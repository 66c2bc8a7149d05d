"""Hugo shortcodes and the ``<!--more-->`` summary divider.

Syntax (Hugo's)::

    {{< name arg1 "arg two" key="value" key2=`raw` >}}     a shortcode call
    {{% name args %}}                                       the same, Markdown form
    {{< name args >}} inner text {{< /name >}}              a call with inner content
    {{< name args />}}                                      explicitly self-closing
    {{</* name */>}}                                        an escaped call: shown as text
    <!--more-->                                             end of the page summary

The name is letters, digits, ``_``, ``-``, ``.`` and ``/``. Arguments are all
positional or all named (both are accepted); a value is a bare word, a
``"double-quoted"`` string (``\\"`` escapes a quote) or a ```raw``` string.
A tag may span lines.

* Block form: a line (indented less than four spaces) that is nothing but one
  opening tag. When a matching closing tag stands alone on a later line of the
  same container, the lines between are the inner content, parsed as Markdown;
  otherwise the call has no inner content. A closing tag with no opening one
  is a ``hugo_shortcode_stray`` token.
* Inline form: a tag anywhere in a paragraph; a closing tag later in the same
  paragraph gives inner content (parsed inline).
* ``[text]({{< ref "path" >}})`` (also ``relref``): a link whose destination
  is a ``ref`` shortcode.

Tokens (``meta["shortcode"]`` is a :class:`Call`; paired forms also carry the
raw inner text in ``meta["inner"]``):

* ``hugo_shortcode`` (block, no inner), ``hugo_shortcode_open`` /
  ``hugo_shortcode_close`` (block, inner tokens between);
* ``hugo_shortcode_inline``, ``hugo_shortcode_inline_open`` / ``_close``;
* ``hugo_ref_link_open`` / ``hugo_ref_link_close`` around the link text;
* ``hugo_shortcode_stray`` (block or inline) for a lone closing tag;
* ``hugo_more`` for ``<!--more-->`` (block or inline).

Go template text such as ``{{ .Params.x }}`` is not a shortcode and stays
text. Includes (``{{file.md}}``) are expanded before these rules run.
"""

from __future__ import annotations

import weakref
from dataclasses import dataclass, field

from markdown_it import MarkdownIt
from markdown_it.rules_block import StateBlock
from markdown_it.rules_core import StateCore
from markdown_it.rules_inline import StateInline

_NAME_CHARS = frozenset("abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789_-./")
_MAX_TAG = 4096
"""A tag longer than this is not a shortcode (keeps scanning linear)."""
_MORE = "<!--more-->"


@dataclass(frozen=True)
class Call:
    """One parsed shortcode tag."""

    name: str
    delimiter: str
    """``"<"`` for ``{{< >}}``, ``"%"`` for ``{{% %}}``."""
    positional: tuple[str, ...] = ()
    named: dict[str, str] = field(default_factory=dict)
    closing: bool = False
    """``{{< /name >}}``."""
    self_closing: bool = False
    """``{{< name />}}``."""
    escaped: bool = False
    """``{{</* name */>}}``: to be shown as text."""
    end: int = 0
    """Index in the source just after the tag."""

    def source(self) -> str:
        """The tag as the author would write it (unescaped)."""
        parts = [("/" if self.closing else "") + self.name]
        parts.extend(_quote(value) for value in self.positional)
        parts.extend(f"{key}={_quote(value)}" for key, value in self.named.items())
        close = "%" if self.delimiter == "%" else ">"
        return "{{" + self.delimiter + " " + " ".join(parts) + " " + close + "}}"


def _quote(value: str) -> str:
    if value and not any(c.isspace() or c in "\"'`=" for c in value):
        return value
    return '"' + value.replace('"', '\\"') + '"'


def parse_tag(src: str, pos: int, end: int) -> Call | None:
    """The shortcode tag starting at ``src[pos]``, or None if there is none."""
    if not src.startswith("{{", pos) or pos + 2 >= end or src[pos + 2] not in "<%":
        return None
    delimiter = src[pos + 2]
    closer = ">}}" if delimiter == "<" else "%}}"
    end = min(end, pos + _MAX_TAG)
    if _next_index(src, pos + 3, closer) + len(closer) > end:
        return None  # a tag ends with its closer: none in reach, no tag
    i = pos + 3
    escaped = src.startswith("/*", i)
    if escaped:
        i += 2
    i = _skip_space(src, i, end)
    closing = src.startswith("/", i)
    if closing:
        i = _skip_space(src, i + 1, end)
    start = i
    while i < end and src[i] in _NAME_CHARS:
        i += 1
    name = src[start:i]
    if not name or not (name[0].isalnum() or name[0] == "_"):
        return None
    positional: list[str] = []
    named: dict[str, str] = {}
    while True:
        i = _skip_space(src, i, end)
        if i >= end:
            return None
        if escaped and src.startswith("*/", i):
            i = _skip_space(src, i + 2, end)
            return _finish(
                src, i, end, closer, name, delimiter, positional, named, closing, escaped
            )
        if src.startswith(closer, i) or src.startswith("/" + closer, i):
            if escaped:
                return None
            return _finish(src, i, end, closer, name, delimiter, positional, named, closing, False)
        value, i = _read_value(src, i, end)
        if value is None:
            return None
        if src.startswith("=", i) and _is_key(value):
            parsed, i = _read_value(src, i + 1, end)
            if parsed is None:
                return None
            named[value] = parsed
        else:
            positional.append(value)


_search_memo: dict[tuple[str, int], tuple[str, int, int]] = {}
"""(needle, id of the text) -> (text, from, first index of needle at or after ``from``, or -1)."""
_SEARCH_MEMO_SIZE = 64


def _next_index(src: str, start: int, needle: str) -> int:
    """Index of the first ``needle`` at or after ``start`` in ``src``; a large number if none.

    The last answer for each needle and text is kept: asked again at a later start
    that is still before that occurrence, the answer is the same, so a run of tags
    that never close is searched once instead of once per tag (also while nested
    inline texts, such as inline footnotes, are searched in between).
    """
    key = (needle, id(src))
    memo = _search_memo.get(key)
    if (
        memo is not None
        and memo[0] is src
        and memo[1] <= start
        and (memo[2] < 0 or start <= memo[2])
    ):
        found = memo[2]
    else:
        found = src.find(needle, start)
        if len(_search_memo) >= _SEARCH_MEMO_SIZE:
            _search_memo.clear()
        _search_memo[key] = (src, start, found)
    return found if found >= 0 else len(src) + 1


def _finish(
    src: str,
    i: int,
    end: int,
    closer: str,
    name: str,
    delimiter: str,
    positional: list[str],
    named: dict[str, str],
    closing: bool,
    escaped: bool,
) -> Call | None:
    self_closing = src.startswith("/", i)
    if self_closing:
        i += 1
    if not src.startswith(closer, i) or i + len(closer) > end:
        return None
    return Call(
        name=name,
        delimiter=delimiter,
        positional=tuple(positional),
        named=named,
        closing=closing,
        self_closing=self_closing,
        escaped=escaped,
        end=i + len(closer),
    )


def _skip_space(src: str, i: int, end: int) -> int:
    while i < end and src[i] in " \t\r\n":
        i += 1
    return i


def _is_key(value: str) -> bool:
    return bool(value) and all(c.isalnum() or c in "_-" for c in value)


def _read_value(src: str, i: int, end: int) -> tuple[str | None, int]:
    """A bare, ``"quoted"`` or ```raw``` value at ``i``; (None, i) if malformed."""
    if i >= end:
        return None, i
    if src[i] == '"':
        out: list[str] = []
        j = i + 1
        while j < end:
            char = src[j]
            if char == "\\" and j + 1 < end:
                out.append(src[j + 1])
                j += 2
                continue
            if char == '"':
                return "".join(out), j + 1
            if char == "\n":
                return None, i
            out.append(char)
            j += 1
        return None, i
    if src[i] == "`":
        close = src.find("`", i + 1, end)
        return (None, i) if close < 0 else (src[i + 1 : close], close + 1)
    j = i
    while j < end and not src[j].isspace() and src[j] != "=" and not src.startswith(">}}", j):
        if src.startswith("%}}", j) or src.startswith("/>}}", j) or src.startswith("*/", j):
            break
        j += 1
    return (None, i) if j == i else (src[i:j], j)


def shortcodes_plugin(md: MarkdownIt) -> None:
    """Add the block, inline and ``<!--more-->`` rules."""
    md.block.ruler.before(
        "paragraph", "hugo_shortcode", _block_rule, {"alt": ["paragraph", "blockquote", "list"]}
    )
    md.inline.add_terminator_char("{")
    md.inline.ruler.before("link", "hugo_ref_link", _ref_link_rule)
    md.inline.ruler.before("html_inline", "hugo_shortcode_inline", _inline_rule)
    md.core.ruler.after("inline", "hugo_more", _more_rule)


# -- block ---------------------------------------------------------------------


def _line_text(state: StateBlock, line: int) -> tuple[int, int]:
    return state.bMarks[line] + state.tShift[line], state.eMarks[line]


def _tag_line(state: StateBlock, line: int, end_line: int) -> tuple[Call, int] | None:
    """A tag that fills line ``line`` (maybe spanning lines): (call, last line + 1)."""
    if line >= end_line or state.sCount[line] - state.blkIndent >= 4:
        return None
    if state.sCount[line] < state.blkIndent:
        return None
    begin, _ = _line_text(state, line)
    call = parse_tag(state.src, begin, len(state.src))
    if call is None or call.escaped:
        return None
    last = line
    while last < end_line and state.eMarks[last] < call.end:
        last += 1
    if last >= end_line:
        return None
    if state.src[call.end : state.eMarks[last]].strip():
        return None
    return call, last + 1


@dataclass
class _TagPairs:
    """The opening tags met in one pass over some source, each with its closing tag.

    Looking for the closing tag from each opening tag would go over the rest of the
    source each time (quadratic in a run of tags that never close); one pass pairs
    them all, as nested brackets are paired: a closing tag closes the last opening
    tag of its name still open. Places are lines (block tags) or indices (inline tags).
    """

    source: str = ""
    """The text the pass went over (inline passes)."""
    names: dict[int, str] = field(default_factory=dict)
    """Where an opening tag met starts -> its name."""
    closes: dict[int, tuple[int, int]] = field(default_factory=dict)
    """Where an opening tag starts -> where its closing tag starts and ends."""
    unclosed: dict[str, list[int]] = field(default_factory=dict)
    """Name -> where its opening tags not closed (yet) start."""

    def add(self, name: str, closing: bool, start: int, end: int) -> None:
        """The next tag (not a self-closing one) that the pass meets."""
        if not closing:
            self.names[start] = name
            self.unclosed.setdefault(name, []).append(start)
        elif self.unclosed.get(name):
            self.closes[self.unclosed[name].pop()] = (start, end)

    def met(self, name: str, start: int) -> bool:
        """Whether the pass met an opening tag ``name`` at ``start``."""
        return self.names.get(start) == name


_LINE_PAIRS: weakref.WeakKeyDictionary[StateBlock, dict[tuple[int, int, int, str], _TagPairs]] = (
    weakref.WeakKeyDictionary()
)
"""Per block state and container (see :func:`_block_close`): the lines' tags, paired."""


def _block_close(state: StateBlock, call: Call, line: int, end_line: int) -> tuple[int, int] | None:
    """(first line of the closing tag of ``call`` on ``line``, line after it), or None.

    The pass is kept for the container being parsed (its token level, last line,
    indentation and type tell it apart from the containers in it, which parse the same
    lines with other markers removed); it starts at the first opening tag asked about,
    and a tag it did not meet (inside a tag spanning lines) gets a pass of its own.
    """
    passes = _LINE_PAIRS.setdefault(state, {})
    key = (state.level, end_line, state.blkIndent, state.parentType)
    pairs = passes.get(key)
    if pairs is None or not pairs.met(call.name, line):
        pairs = passes[key] = _pair_lines(state, line, end_line)
    return pairs.closes.get(line)


def _pair_lines(state: StateBlock, start_line: int, end_line: int) -> _TagPairs:
    """The tag lines from ``start_line`` to ``end_line``, paired (start and end are lines)."""
    pairs = _TagPairs()
    line = start_line
    while line < end_line:
        found = _tag_line(state, line, end_line)
        if found is None:
            line += 1
            continue
        call, after = found
        if not call.self_closing:
            pairs.add(call.name, call.closing, line, after)
        line = after
    return pairs


def _push_line(state: StateBlock, kind: str, call: Call, start_line: int, after: int) -> bool:
    """Push a ``kind`` block token for the shortcode ``call`` on the lines up to ``after``."""
    token = state.push(kind, "", 0)
    token.meta = {"shortcode": call}
    token.map = [start_line, after]
    state.line = after
    return True


def _block_rule(state: StateBlock, start_line: int, end_line: int, silent: bool) -> bool:
    begin, _ = _line_text(state, start_line)
    if not state.src.startswith("{{", begin):
        return False
    found = _tag_line(state, start_line, end_line)
    if found is None:
        return False
    call, after = found
    if silent:
        return True
    if call.closing:
        return _push_line(state, "hugo_shortcode_stray", call, start_line, after)
    close = None if call.self_closing else _block_close(state, call, start_line, end_line)
    if close is None:
        return _push_line(state, "hugo_shortcode", call, start_line, after)
    close_line, close_after = close
    inner = state.getLines(after, close_line, state.blkIndent, True)
    token = state.push("hugo_shortcode_open", "", 1)
    token.meta = {"shortcode": call, "inner": inner}
    token.map = [start_line, close_after]
    old_parent, old_max = state.parentType, state.lineMax
    state.parentType = "hugo_shortcode"
    state.lineMax = close_line
    state.md.block.tokenize(state, after, close_line)
    state.parentType, state.lineMax = old_parent, old_max
    state.push("hugo_shortcode_close", "", -1)
    state.line = close_after
    return True


# -- inline --------------------------------------------------------------------


_TEXT_PAIRS: weakref.WeakKeyDictionary[StateInline, dict[int, _TagPairs]] = (
    weakref.WeakKeyDictionary()
)
"""Per inline state and end of the text parsed (``posMax``): the text's tags, paired."""


def _inline_close(state: StateInline, call: Call, start: int) -> tuple[int, int] | None:
    """(start, end) of the closing tag of ``call`` (at ``start``) in the rest of the text.

    The pass is kept for the text being parsed up to its end (a tag's inner text, parsed
    on its own, ends earlier); it starts at the first opening tag asked about, and a tag
    it did not meet (before it, or inside a tag of the same name) gets a pass of its own.
    """
    passes = _TEXT_PAIRS.setdefault(state, {})
    pairs = passes.get(state.posMax)
    if pairs is None or pairs.source is not state.src or not pairs.met(call.name, start):
        pairs = passes[state.posMax] = _pair_text(state.src, start, state.posMax)
    return pairs.closes.get(start)


def _pair_text(src: str, start: int, end: int) -> _TagPairs:
    """The tags of ``src`` from ``start`` to ``end``, paired; a tag inside an earlier one of
    the same name (in a quoted value) is not met, as when looking from that earlier one."""
    tags: dict[str, list[tuple[int, Call]]] = {}
    pos = src.find("{{", start, end)
    while pos >= 0:
        call = parse_tag(src, pos, end)
        if call is not None and not call.escaped and not call.self_closing:
            tags.setdefault(call.name, []).append((pos, call))
        pos = src.find("{{", pos + 1, end)
    pairs = _TagPairs(source=src)
    for name, found in tags.items():
        reached = start
        for begin, call in found:
            if begin >= reached:
                pairs.add(name, call.closing, begin, call.end)
                reached = call.end
    return pairs


def unescaped_text(raw: str) -> str:
    """``{{</* name args */>}}`` → ``{{< name args >}}``, as Hugo shows an escaped call."""
    opening, rest = raw[:3], raw[3:].removeprefix("/*")
    close = rest.rfind("*/")
    return opening + (rest[:close] + rest[close + 2 :] if close >= 0 else rest)


def _inline_rule(state: StateInline, silent: bool) -> bool:
    if not state.src.startswith("{{", state.pos):
        return False
    call = parse_tag(state.src, state.pos, state.posMax)
    if call is None:
        return False
    if call.escaped:
        if not silent:
            token = state.push("text", "", 0)
            token.content = unescaped_text(state.src[state.pos : call.end])
        state.pos = call.end
        return True
    if call.closing:
        if not silent:
            token = state.push("hugo_shortcode_stray", "", 0)
            token.meta = {"shortcode": call}
        state.pos = call.end
        return True
    close = None if call.self_closing else _inline_close(state, call, state.pos)
    if close is None:
        if not silent:
            token = state.push("hugo_shortcode_inline", "", 0)
            token.meta = {"shortcode": call}
        state.pos = call.end
        return True
    close_start, close_end = close
    if not silent:
        token = state.push("hugo_shortcode_inline_open", "", 1)
        token.meta = {"shortcode": call, "inner": state.src[call.end : close_start]}
        old_max = state.posMax
        state.pos, state.posMax = call.end, close_start
        state.md.inline.tokenize(state)
        state.posMax = old_max
        state.push("hugo_shortcode_inline_close", "", -1)
    state.pos = close_end
    return True


def _ref_link_rule(state: StateInline, silent: bool) -> bool:
    """``[text]({{< ref "path" >}})``."""
    if state.src[state.pos] != "[" or _next_index(state.src, state.pos, "{{") >= state.posMax:
        return False  # no tag after the "[": not worth reading the link text
    label_end = state.md.helpers.parseLinkLabel(state, state.pos, True)
    if label_end < 0 or not state.src.startswith("(", label_end + 1):
        return False
    pos = _skip_space(state.src, label_end + 2, state.posMax)
    call = parse_tag(state.src, pos, state.posMax)
    if call is None or call.escaped or call.closing or call.name not in ("ref", "relref"):
        return False
    pos = _skip_space(state.src, call.end, state.posMax)
    if not state.src.startswith(")", pos):
        return False
    if not silent:
        token = state.push("hugo_ref_link_open", "", 1)
        token.meta = {"shortcode": call}
        old_max = state.posMax
        state.pos, state.posMax = state.pos + 1, label_end
        state.md.inline.tokenize(state)
        state.posMax = old_max
        state.push("hugo_ref_link_close", "", -1)
    state.pos = pos + 1
    return True


# -- <!--more--> ---------------------------------------------------------------


_BLOCK_COMMENTS = ("html_block", "mmark_comment_block")
_INLINE_COMMENTS = ("html_inline", "mmark_comment")


def _is_more(content: str) -> bool:
    return content.strip().replace(" ", "").lower() == _MORE


def _more_rule(state: StateCore) -> None:
    for token in state.tokens:
        if token.type in _BLOCK_COMMENTS and _is_more(token.content):
            token.type, token.content = "hugo_more", ""
        elif token.type == "inline" and token.children:
            for child in token.children:
                if child.type in _INLINE_COMMENTS and _is_more(child.content):
                    child.type, child.content = "hugo_more", ""
