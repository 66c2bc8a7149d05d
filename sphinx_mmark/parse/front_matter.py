"""Front matter and title blocks: finding them and reading their data.

Recognised at the start of a document, after any blank lines (Hugo skips white
space before front matter; line numbers stay those of the document):

* ``---`` … ``---`` (or ``...``): YAML, Hugo's default;
* ``+++`` … ``+++``: TOML, Hugo;
* ``{`` … ``}`` (a line that is only ``}``): JSON, Hugo;
* ``%%%`` … ``%%%``: the mmark v2 TOML title block.

This module is pure (no Sphinx, no markdown-it): the block rule in
:mod:`sphinx_mmark.parse.syntax.front_matter`, the mmark-or-MyST detection and the
draft scan all use it. Reading is defensive: ``yaml.safe_load`` semantics
only, no timestamps (dates stay the strings the author wrote), a cap on the
expanded size of aliases, and every failure is a :class:`FrontMatterError`.

A ``title`` is text: one that YAML reads as a number stays as written
(``title: 1.10``); one it reads as a boolean (``title: yes``, YAML 1.1) is
used as written too, with a problem noted, since other tools see a boolean;
a null or mapping title is left out, with a problem noted.
"""

from __future__ import annotations

import datetime as _dt
import json
import tomllib
from collections.abc import Sequence
from dataclasses import dataclass, field
from typing import Any, Final

import yaml

MAX_EXPANDED_NODES = 100_000
"""Front matter that expands (through YAML aliases) to more values is refused."""

MAX_SCAN_LINES = 2_000
"""A front-matter block longer than this many lines is taken as never closed."""

_FENCES: dict[str, tuple[str, tuple[str, ...]]] = {
    "---": ("yaml", ("---", "...")),
    "+++": ("toml", ("+++",)),
    "%%%": ("titleblock", ("%%%",)),
}


@dataclass(frozen=True)
class Block:
    """Where a front-matter block is, and its raw text.

    ``start`` is the 0-based line of the opening fence and ``end`` the 0-based
    line after the closing fence (the first body line). ``closed`` is false when
    no closing fence was found, and then ``end`` is ``start + 1``.
    """

    kind: str
    start: int
    end: int
    content: str
    closed: bool = True


class FrontMatterError(ValueError):
    """The block is there but its data cannot be used."""


@dataclass(frozen=True)
class Problem:
    """Something in a block that did not stop reading it."""

    message: str
    line: int | None = None
    """The 0-based line of the block's text it is about, when known."""

    def __str__(self) -> str:
        return self.message


@dataclass
class FrontMatter:
    """The data read from a block, and the problems met that did not stop reading."""

    block: Block
    data: dict[str, Any]
    problems: list[Problem] = field(default_factory=list)

    def line_of(self, problem: Problem) -> int:
        """The 1-based document line to report ``problem`` at (else the opening line)."""
        if problem.line is None:
            return self.block.start + 1
        # JSON's text starts with the ``{`` line; the others after the opening fence
        first = self.block.start if self.block.kind == "json" else self.block.start + 1
        return first + problem.line + 1


def head_block(text: str) -> Block | None:
    """:func:`find_block` for a whole document's ``text`` (only its first lines are split)."""
    return find_block(text.split("\n", MAX_SCAN_LINES + 2)[: MAX_SCAN_LINES + 2])


def find_block(lines: Sequence[str]) -> Block | None:
    """Return the front-matter block at the top of ``lines``, if one opens there."""
    first = 0
    while first < len(lines) and not lines[first].strip(" \t\r"):
        first += 1
    if first >= len(lines):
        return None
    opener = lines[first].rstrip()
    if opener in _FENCES:
        kind, closers = _FENCES[opener]
        return _scan_to(lines, first, kind, closers)
    if opener == "{" or opener.startswith('{"'):
        return _scan_json(lines, first)
    return None


def _scan_to(lines: Sequence[str], start: int, kind: str, closers: tuple[str, ...]) -> Block:
    limit = min(len(lines), start + 1 + MAX_SCAN_LINES)
    for index in range(start + 1, limit):
        if lines[index].rstrip() in closers:
            content = "\n".join(lines[start + 1 : index])
            return Block(kind, start, index + 1, content)
    return Block(kind, start, start + 1, "", closed=False)


def _scan_json(lines: Sequence[str], start: int) -> Block:
    # a one-line object: {"title": "x"}
    if lines[start].rstrip().endswith("}") and len(lines[start].strip()) > 1:
        return Block("json", start, start + 1, lines[start])
    limit = min(len(lines), start + 1 + MAX_SCAN_LINES)
    for index in range(start + 1, limit):
        if lines[index].rstrip() == "}":
            return Block("json", start, index + 1, "\n".join(lines[start : index + 1]))
    return Block("json", start, start + 1, "", closed=False)


ENV_KEY: Final = "mmark_front_matter"
"""The :class:`~sphinx_mmark.parse.env.MarkdownEnv` key of the :class:`FrontMatter` read
before parsing."""


def read_or_none(block: Block | None) -> FrontMatter | None:
    """:func:`read`, or None when there is no block or it cannot be read."""
    if block is None or not block.closed:
        return None
    try:
        return read(block)
    except FrontMatterError:
        return None


def read(block: Block) -> FrontMatter:
    """Parse ``block`` into a mapping of plain values.

    Dates become ISO strings, values are limited to ``str``, ``int``,
    ``float``, ``bool``, ``None``, lists and string-keyed dicts.
    Raises :class:`FrontMatterError` when the text cannot be used at all.
    """
    if not block.closed:
        raise FrontMatterError(f"{_NAMES[block.kind]} is never closed")
    problems: list[Problem] = []
    written: _Written | None = None
    try:
        if block.kind == "yaml":
            raw, written = _load_yaml(block.content, problems)
        elif block.kind == "json":
            raw = json.loads(block.content, object_pairs_hook=_json_pairs(problems))
        else:
            raw = tomllib.loads(block.content)
    except yaml.MarkedYAMLError as error:
        where = error.problem_mark or error.context_mark
        at = f" (line {where.line + 1} of the block)" if where is not None else ""
        raise FrontMatterError(f"invalid YAML: {error.problem or error.context}{at}") from None
    except yaml.YAMLError as error:
        raise FrontMatterError(f"invalid YAML: {_first_line(error)}") from None
    except tomllib.TOMLDecodeError as error:
        raise FrontMatterError(f"invalid TOML: {error}") from None
    except json.JSONDecodeError as error:
        raise FrontMatterError(f"invalid JSON: {error}") from None
    except RecursionError:
        raise FrontMatterError("nested too deeply") from None
    except ValueError as error:
        raise FrontMatterError(f"invalid value: {_first_line(error)}") from None
    if raw is None:
        raw = {}
    if not isinstance(raw, dict):
        raise FrontMatterError(f"must be a mapping of keys to values, not a {_kind_of(raw)}")
    if _expanded_size(raw) > MAX_EXPANDED_NODES:
        raise FrontMatterError(f"expands to more than {MAX_EXPANDED_NODES} values")
    data = {str(k): _plain(v) for k, v in raw.items()}
    if "title" in data:
        problem = _settle_title(data, written)
        if problem is not None:
            problems.append(problem)
    return FrontMatter(block, data, problems)


@dataclass(frozen=True)
class _Written:
    """A YAML ``title`` as the author wrote it."""

    line: int
    """The 0-based line of the block's text of the ``title`` key."""
    text: str | None
    """The characters of a plain (unquoted) scalar; None for anything else."""


def _settle_title(data: dict[str, Any], written: _Written | None) -> Problem | None:
    """Make ``data["title"]`` text where the author meant text; the problem, if any."""
    value = data["title"]
    line = written.line if written is not None else None
    as_written = written.text if written is not None else None
    if isinstance(value, bool):
        shown = as_written or str(value).lower()
        data["title"] = shown
        return Problem(
            f"the title {shown!r} reads as a boolean; it is used as text "
            "(quote it so that other tools agree)",
            line,
        )
    if isinstance(value, int | float) and as_written:
        data["title"] = as_written  # 1.10 stays "1.10", 1e3 "1e3"
        return None
    if value is None:
        return Problem("the title is empty (null); the page gets no title from it", line)
    if isinstance(value, dict):
        return Problem("the title is a mapping, not text; it is ignored", line)
    return None


_NAMES = {
    "yaml": "YAML front matter",
    "toml": "TOML front matter",
    "json": "JSON front matter",
    "titleblock": "the %%% title block",
    "titlelines": "the % title lines",
}


def describe(kind: str) -> str:
    """A human name for a block kind, for messages."""
    return _NAMES[kind]


# libyaml's parser when PyYAML has it (it does in its wheels): same safe constructors,
# several times faster on the front matter every page and every draft scan reads
_SafeLoader = yaml.CSafeLoader if yaml.__with_libyaml__ else yaml.SafeLoader


class _Loader(_SafeLoader):  # type: ignore[valid-type,misc]
    """``SafeLoader`` that keeps dates as written and reports duplicate keys."""

    problems: list[Problem]


# timestamps stay strings: Hugo dates are shown and compared as written, and an
# impossible date such as 2021-99-99 must not make the whole block unreadable
_Loader.yaml_implicit_resolvers = {
    first: [(tag, regexp) for tag, regexp in resolvers if tag != "tag:yaml.org,2002:timestamp"]
    for first, resolvers in _SafeLoader.yaml_implicit_resolvers.items()
}


def _construct_mapping(loader: _Loader, node: yaml.MappingNode) -> dict[Any, Any]:
    loader.flatten_mapping(node)
    seen: set[Any] = set()
    for key_node, _value in node.value:
        key = loader.construct_object(key_node, deep=False)
        if isinstance(key, str | int | float | bool) and key in seen:
            loader.problems.append(
                Problem(
                    f"duplicate key {key!r} (line {key_node.start_mark.line + 1}); "
                    "the last value wins"
                )
            )
        if isinstance(key, str | int | float | bool):
            seen.add(key)
    mapping: dict[Any, Any] = loader.construct_mapping(node, deep=True)
    return mapping


_Loader.add_constructor(yaml.resolver.BaseResolver.DEFAULT_MAPPING_TAG, _construct_mapping)


def _load_yaml(text: str, problems: list[Problem]) -> tuple[Any, _Written | None]:
    """The data of ``text``, and how its top-level ``title`` was written."""
    loader = _Loader(text)
    loader.problems = problems
    try:
        root = loader.get_single_node()
        if root is None:
            return None, None
        return loader.construct_document(root), _written_title(root)
    finally:
        loader.dispose()


def _written_title(root: yaml.Node) -> _Written | None:
    """The last ``title`` value node of a top-level mapping (the one that wins)."""
    if not isinstance(root, yaml.MappingNode):
        return None
    found: _Written | None = None
    for key, value in root.value:
        if isinstance(key, yaml.ScalarNode) and key.value == "title":
            # a plain scalar has no style ("" from libyaml, None from the pure parser)
            plain = isinstance(value, yaml.ScalarNode) and not value.style
            found = _Written(key.start_mark.line, value.value if plain else None)
    return found


def _json_pairs(problems: list[Problem]) -> Any:
    def hook(pairs: list[tuple[str, Any]]) -> dict[str, Any]:
        result: dict[str, Any] = {}
        for key, value in pairs:
            if key in result:
                problems.append(Problem(f"duplicate key {key!r}; the last value wins"))
            result[key] = value
        return result

    return hook


def _expanded_size(value: Any) -> int:
    """Count values as if every alias were expanded, without expanding them."""
    memo: dict[int, int] = {}

    def size(item: Any, depth: int) -> int:
        if depth > 200:
            raise FrontMatterError("nested too deeply")
        if isinstance(item, dict | list):
            key = id(item)
            if key not in memo:
                children = item.values() if isinstance(item, dict) else item
                total = 1
                for child in children:
                    total += size(child, depth + 1)
                    if total > MAX_EXPANDED_NODES:
                        break
                memo[key] = total
            return memo[key]
        return 1

    return size(value, 0)


def _plain(value: Any) -> Any:
    if isinstance(value, dict):
        return {str(k): _plain(v) for k, v in value.items()}
    if isinstance(value, list | tuple | set):
        return [_plain(v) for v in value]
    if isinstance(value, _dt.date | _dt.time):
        return value.isoformat()
    if value is None or isinstance(value, str | int | float | bool):
        return value
    if isinstance(value, bytes):
        return value.decode("utf-8", "replace")
    return str(value)


def _kind_of(value: Any) -> str:
    return {list: "list", str: "string", int: "number", float: "number", bool: "boolean"}.get(
        type(value), type(value).__name__
    )


def _first_line(error: Exception) -> str:
    return " ".join(str(error).split())[:200]
