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


def _is_bool_or_auto(value: object) -> bool:
    return isinstance(value, bool) or value == "auto"


def _is_remote_images_mode(value: object) -> bool:
    return value in ("link", "download")


def _is_flavour(value: object) -> bool:
    return value in ("auto", "v1", "v2")


def _is_references_position(value: object) -> bool:
    return value in ("backmatter", "end")


def _is_str_list(value: object) -> bool:
    return isinstance(value, list | tuple) and all(isinstance(v, str) for v in value)


def _is_shortcode_map(value: object) -> bool:
    return isinstance(value, dict) and all(
        isinstance(k, str) and (isinstance(v, str) or callable(v)) for k, v in value.items()
    )


def _is_dict(value: object) -> bool:
    return isinstance(value, dict)


def _is_str(value: object) -> bool:
    return isinstance(value, str)


def _is_escaped_math(value: object) -> bool:
    return value in ("v1", True, False)


def _is_positive_int(value: object) -> bool:
    return isinstance(value, int) and not isinstance(value, bool) and value > 0


@dataclass(frozen=True)
class Option:
    """One configuration value."""

    name: str
    default: Any
    check: Callable[[object], bool]
    type_name: str
    help: str
    rebuild: Literal["env", "html", ""] = "env"
    types: tuple[type, ...] = ()
    """Types Sphinx accepts besides the default's (its own check); ours is ``check``."""


OPTIONS: tuple[Option, ...] = (
    Option(
        "mmark_numfig",
        "auto",
        _is_bool_or_auto,
        'bool or "auto"',
        "Number tables, figures and captioned code blocks, and show ``(#id)`` references "
        'to them as "Table 2", "Figure 1", "Listing 3" (mmark\'s behaviour): turns on '
        "Sphinx's ``numfig`` and makes ``Figure %s`` the default figure label. "
        '``"auto"`` does so when an mmark source has a caption (``Table:``, ``Figure:``) '
        "or a ``!---`` figure group (numbering makes Sphinx revisit every page on every "
        "build, which a blog without figures need not pay for). ``False`` leaves "
        "``numfig`` and ``numfig_format`` as the project sets them.",
        types=(bool, str),
    ),
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
    Option(
        "mmark_bibxml_dirs",
        [],
        _is_str_list,
        "list of str",
        "Directories of a local xml2rfc reference cache (``reference.RFC.2119.xml``, "
        "``reference.I-D.name.xml``, …). Automatic citation keys (``RFC``, ``BCP``, ``STD``, "
        "``I-D.``, ``W3C.``, ``DOI.``) found there get their title, authors and date from "
        "it; without it they get a label and a link. Nothing is fetched at build time.",
    ),
    Option(
        "mmark_references_position",
        "backmatter",
        _is_references_position,
        '"backmatter" or "end"',
        'Where a document\'s "Normative References" and "Informative References" go: '
        '``"backmatter"`` puts them where ``{backmatter}`` starts (at the end of the '
        'document when it has none); ``"end"`` always puts them at the end.',
    ),
    Option(
        "mmark_shared_bibliography",
        False,
        _is_bool,
        "bool",
        "Make the ``<reference>`` entries of every document citable from every document "
        "of the project (a project-wide bibliography). A document's own entries come "
        "first; a key it does not define is taken from the first document (in name "
        "order) that defines it, before automatic entries. Each document's reference "
        "sections still list only what it cites. Off by default: citation keys are per "
        "document, so two drafts in one project never clash.",
    ),
    Option(
        "mmark_include_future",
        False,
        _is_bool,
        "bool",
        "Build pages whose ``publishDate`` (or ``date`` when there is no ``publishDate``) "
        "lies in the future. By default they are left out, as Hugo leaves them out.",
    ),
    Option(
        "mmark_include_expired",
        False,
        _is_bool,
        "bool",
        "Build pages whose ``expiryDate`` has passed. By default they are left out, as "
        "Hugo leaves them out.",
    ),
    Option(
        "mmark_shortcodes",
        {},
        _is_shortcode_map,
        "dict of str to str or function",
        "Hugo shortcodes the project renders itself: a name maps to a function that takes a "
        ":class:`sphinx_mmark.render.shortcodes.Shortcode` and returns a list of docutils "
        "nodes, or to the name of a Sphinx directive (used for a shortcode on its own lines; "
        "positional arguments become the directive's arguments, named ones its options, the "
        "inner text its content) or role (used inside a paragraph, with the inner text).",
        rebuild="",
    ),
    Option(
        "mmark_hugo_root",
        "",
        _is_str,
        "str",
        "The root of the Hugo site the sources come from (relative to the configuration "
        "directory). When set, the project behaves like that Hugo site: sections become "
        "toctrees ordered by ``weight`` and newest first, ``/images/…`` paths are looked up in "
        "``static/``, old URLs (``aliases``, ``slug``, ``url``, permalinks) get redirect pages.",
    ),
    Option(
        "mmark_hugo_params",
        {},
        _is_dict,
        "dict",
        "Site parameters for the ``param`` shortcode (the Hugo configuration's ``params``; "
        "filled in from the Hugo configuration when ``mmark_hugo_root`` is set).",
    ),
    Option(
        "mmark_escaped_math",
        "v1",
        _is_escaped_math,
        '"v1", True or False',
        "Read ``\\\\(…\\\\)`` (inline) and ``\\\\[…\\\\]`` (display) as math, the escapes "
        'Hugo posts used so that MathJax would see ``\\(`` and ``\\[``. ``"v1"``: in Hugo '
        "(v1) documents only; ``True``: in every document; ``False``: never.",
    ),
    Option(
        "mmark_include_roots",
        [],
        _is_str_list,
        "list of str",
        "Directories (relative to the source directory) that ``{{file}}`` and ``<{{file}}`` "
        "includes may read from; an empty list means the source directory alone. Nothing "
        "outside them is read: absolute paths, ``..`` and symlinks leading out are refused.",
    ),
    Option(
        "mmark_include_depth",
        10,
        _is_positive_int,
        "positive int",
        "How deeply includes may nest (a document including a file that includes a file is "
        "depth 2); deeper includes are skipped with one warning.",
    ),
    Option(
        "mmark_include_max_bytes",
        10_000_000,
        _is_positive_int,
        "positive int",
        "The most text (in characters) that includes may add to one document; includes past "
        "it are skipped with one warning, so exponential include trees stay cheap.",
    ),
    Option(
        "mmark_latex_divisions",
        True,
        _is_bool,
        "bool",
        "Let ``{frontmatter}``, ``{mainmatter}`` and ``{backmatter}`` act in LaTeX/PDF: "
        "roman page numbers and no section numbers in the front matter, arabic page "
        "numbers from 1 in the main matter, appendices (``\\appendix``) in the back "
        "matter. Turn it off when a book only shows divisions as examples; the HTML "
        "classes and the unnumbered front matter stay.",
    ),
)


def register(app: Sphinx) -> None:
    """Add every option to Sphinx and validate them once the config is read."""
    for option in OPTIONS:
        app.add_config_value(option.name, option.default, option.rebuild, types=option.types)
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
