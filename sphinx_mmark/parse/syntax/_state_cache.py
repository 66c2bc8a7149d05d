"""What a rule works out once per markdown-it state and reuses (kept beside the state,
not on it, and gone with it)."""

from __future__ import annotations

from collections.abc import Callable
from typing import TypeVar, cast
from weakref import WeakKeyDictionary

from markdown_it.rules_block import StateBlock
from markdown_it.rules_inline import StateInline

_T = TypeVar("_T")

_CACHES: WeakKeyDictionary[StateInline | StateBlock, dict[str, object]] = WeakKeyDictionary()


def per_state(state: StateInline | StateBlock, name: str, make: Callable[[], _T]) -> _T:
    """The value ``name`` of ``state``: ``make()`` the first time it is asked for."""
    values = _CACHES.setdefault(state, {})
    if name not in values:
        values[name] = make()
    return cast(_T, values[name])


def replace(state: StateInline | StateBlock, name: str, value: object) -> None:
    """Set the value ``name`` of ``state`` (for values that move on as a rule reads)."""
    _CACHES.setdefault(state, {})[name] = value
