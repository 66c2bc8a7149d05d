"""Every ``mmark_*`` configuration value, declared once.

Each :class:`Option` carries its name, default, accepted types and help text.
:func:`register` adds them to Sphinx; :func:`validate` runs on
``config-inited`` and replaces an invalid value by its default, with a warning.
The configuration reference in the documentation is generated from
:data:`OPTIONS`.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import Any, Literal

from sphinx.application import Sphinx
from sphinx.config import Config

from .warnings_ import MmarkWarning, warn


def _is_bool(value: object) -> bool:
    return isinstance(value, bool)


def _is_remote_images_mode(value: object) -> bool:
    return value in ("link", "download")


def _is_flavour(value: object) -> bool:
    return value in ("auto", "v1", "v2")


def _is_str_list(value: object) -> bool:
    return isinstance(value, list | tuple) and all(isinstance(v, str) for v in value)


@dataclass(frozen=True)
class Option:
    """One configuration value."""

    name: str
    default: Any
    check: Callable[[object], bool]
    type_name: str
    help: str
    rebuild: Literal["env", "html"] = "env"


OPTIONS: tuple[Option, ...] = (
    Option(
        "mmark_include_drafts",
        False,
        _is_bool,
        "bool",
        "Build pages whose front matter says ``draft: true``. By default they are "
        "left out of the build, as Hugo leaves them out of a published site.",
    ),
    Option(
        "mmark_md_patterns",
        [],
        _is_str_list,
        "list of str",
        "Glob patterns (relative to the source directory, as in ``exclude_patterns``) "
        "of ``.md`` files that are mmark even without ``markup: mmark`` in their front "
        "matter. Only consulted when MyST-Parser is loaded too; without it every ``.md`` "
        "file is mmark.",
    ),
    Option(
        "mmark_flavour",
        "auto",
        _is_flavour,
        '"auto", "v1" or "v2"',
        "Which mmark the documents are written in: ``v1`` (Hugo's mmark) or ``v2`` "
        "(mmark 2.x); ``auto`` decides per document from its markers. A document's own "
        "``mmark_flavour`` front-matter key wins over this value.",
    ),
    Option(
        "mmark_remote_images",
        "link",
        _is_remote_images_mode,
        '"link" or "download"',
        "What builders that cannot embed a remote image (LaTeX, text, man) do with an "
        'mmark image whose source is a URL: ``"link"`` shows its alt text as a link to it, '
        'with no network access at build time; ``"download"`` lets Sphinx fetch it.',
    ),
)


def register(app: Sphinx) -> None:
    """Add every option to Sphinx and validate them once the config is read."""
    for option in OPTIONS:
        app.add_config_value(option.name, option.default, option.rebuild)
    app.connect("config-inited", validate)


def validate(app: Sphinx, config: Config) -> None:
    """Replace each invalid value by its default, with a warning."""
    for option in OPTIONS:
        value = config[option.name]
        if not option.check(value):
            warn(
                f"{option.name} must be a {option.type_name}, not {value!r}; "
                f"using the default {option.default!r}",
                MmarkWarning.CONFIG,
                location=None,
            )
            config[option.name] = option.default
