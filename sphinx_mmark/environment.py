"""The build environment: what sphinx-mmark keeps on it and reads from it, in one place."""

from __future__ import annotations

from collections.abc import Callable, MutableMapping, Set
from typing import Any, TypeVar, cast
from weakref import WeakKeyDictionary

from sphinx.application import Sphinx
from sphinx.builders import Builder
from sphinx.config import Config
from sphinx.environment import BuildEnvironment

_T = TypeVar("_T")

_PER_BUILD: WeakKeyDictionary[Config, dict[Callable[[BuildEnvironment], Any], Any]] = (
    WeakKeyDictionary()
)
"""The values :func:`once_per_build` found, by the configuration of their build and by
the function that found them. Each Sphinx application has its own configuration object,
and :func:`forget_earlier_build` empties its entry when a build starts reading, so each
build finds them again; nothing is stored on the environment (which is pickled between
builds) or on the configuration."""


def current_builder(env: BuildEnvironment) -> Builder:
    """The builder running now (``SphinxTransform.app`` is deprecated in Sphinx 9)."""
    app = getattr(env, "_app", None) or env.app
    return app.builder


def kept_on(env: BuildEnvironment, name: str, empty: Callable[[], _T]) -> _T:
    """What sphinx-mmark keeps on ``env`` as the attribute ``name`` (pickled with the
    environment, so it lasts from build to build); ``empty()`` the first time."""
    if not hasattr(env, name):
        setattr(env, name, empty())
    return cast(_T, getattr(env, name))


def take_documents(
    mine: MutableMapping[str, Any], theirs: MutableMapping[str, Any], docnames: Set[str]
) -> None:
    """Copy the entries of ``docnames`` that a ``-j`` worker's environment recorded."""
    for docname in docnames:
        if docname in theirs:
            mine[docname] = theirs[docname]


def once_per_build(env: BuildEnvironment, find: Callable[[BuildEnvironment], _T]) -> _T:
    """``find(env)``, called once in the build ``env`` belongs to and then reused."""
    found = _PER_BUILD.setdefault(env.config, {})
    if find not in found:
        found[find] = find(env)
    return cast(_T, found[find])


def forget(env: BuildEnvironment, find: Callable[[BuildEnvironment], object]) -> None:
    """Make the next :func:`once_per_build` call with ``find`` call it again (what it
    found depends on documents that were read since)."""
    _PER_BUILD.get(env.config, {}).pop(find, None)


def forget_earlier_build(app: Sphinx, env: BuildEnvironment, docnames: list[str]) -> None:
    """Drop what :func:`once_per_build` found in an earlier build of the same application
    (an ``env-before-read-docs`` handler)."""
    _PER_BUILD.pop(env.config, None)
