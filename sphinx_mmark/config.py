"""Every ``mmark_*`` configuration value, declared once.

Each :class:`Option` carries its name, default, accepted types and help text.
:func:`register` adds them to Sphinx; :func:`validate` runs on
``config-inited`` and replaces an invalid value by its default, with a warning.
The configuration reference in the documentation is generated from
:data:`OPTIONS` and :data:`RENAMED`.

Code reads the values through :func:`mmark_settings` (typed, with list values
as tuples), never through ``config.mmark_*`` itself; what ``config-inited``
learns from a Hugo site is kept with :func:`set_hugo_site` and read back as
``mmark_settings(config).hugo_site``.
"""

from __future__ import annotations

import weakref
from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
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
    return value == "v1" or isinstance(value, bool)  # (not 1 or 0, which equal True and False)


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
    types: tuple[type, ...]
    """Every Python type ``check`` accepts, for Sphinx's own type check (which warns
    about any other type, and converts ``-D name=0/1`` for a bool)."""
    rebuild: Literal["env", "html", ""] = "env"
    renamed_from: str = ""
    """The deprecated old name (see :data:`RENAMED`), whose value is used when this
    option is not set."""


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
        "mmark_build_drafts",
        False,
        _is_bool,
        "bool",
        "Build pages whose front matter says ``draft: true``. By default they are "
        "left out of the build, as Hugo leaves them out of a published site.",
        types=(bool,),
        renamed_from="mmark_include_drafts",
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
        types=(list, tuple),
    ),
    Option(
        "mmark_flavour",
        "auto",
        _is_flavour,
        '"auto", "v1" or "v2"',
        "Which mmark the documents are written in: ``v1`` (Hugo's mmark) or ``v2`` "
        "(mmark 2.x); ``auto`` decides per document from its markers. A document's own "
        "``mmark_flavour`` front-matter key wins over this value.",
        types=(str,),
    ),
    Option(
        "mmark_remote_images",
        "link",
        _is_remote_images_mode,
        '"link" or "download"',
        "What builders that cannot embed a remote image (LaTeX, text, man) do with an "
        'mmark image whose source is a URL: ``"link"`` shows its alt text as a link to it, '
        'with no network access at build time; ``"download"`` lets Sphinx fetch it.',
        types=(str,),
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
        types=(list, tuple),
    ),
    Option(
        "mmark_references_position",
        "backmatter",
        _is_references_position,
        '"backmatter" or "end"',
        'Where a document\'s "Normative References" and "Informative References" go: '
        '``"backmatter"`` puts them where ``{backmatter}`` starts (at the end of the '
        'document when it has none); ``"end"`` always puts them at the end.',
        types=(str,),
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
        types=(bool,),
    ),
    Option(
        "mmark_build_future",
        False,
        _is_bool,
        "bool",
        "Build pages whose ``publishDate`` (or ``date`` when there is no ``publishDate``) "
        "lies in the future. By default they are left out, as Hugo leaves them out.",
        types=(bool,),
        renamed_from="mmark_include_future",
    ),
    Option(
        "mmark_build_expired",
        False,
        _is_bool,
        "bool",
        "Build pages whose ``expiryDate`` has passed. By default they are left out, as "
        "Hugo leaves them out.",
        types=(bool,),
        renamed_from="mmark_include_expired",
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
        types=(dict,),
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
        "``static/``, old URLs (``aliases``, ``slug``, ``url``, permalinks) get redirect pages. "
        "A path that names no folder is reported with an ``mmark.config`` warning.",
        types=(str,),
    ),
    Option(
        "mmark_hugo_base_url",
        "",
        _is_str,
        "str",
        "The site's absolute URL (``https://example.org/``), used in feeds and the sitemap; "
        "empty: the Hugo configuration's ``baseURL``, else ``html_baseurl``. The "
        "``sphinx-mmark build -b URL`` option sets it.",
        types=(str,),
    ),
    Option(
        "mmark_hugo_params",
        {},
        _is_dict,
        "dict",
        "Site parameters for the ``param`` shortcode (the Hugo configuration's ``params``; "
        "filled in from the Hugo configuration when ``mmark_hugo_root`` is set).",
        types=(dict,),
    ),
    Option(
        "mmark_escaped_math",
        "v1",
        _is_escaped_math,
        '"v1", True or False',
        "Read ``\\\\(…\\\\)`` (inline) and ``\\\\[…\\\\]`` (display) as math, the escapes "
        'Hugo posts used so that MathJax would see ``\\(`` and ``\\[``. ``"v1"``: in Hugo '
        "(v1) documents only; ``True``: in every document; ``False``: never.",
        types=(str, bool),
    ),
    Option(
        "mmark_include_roots",
        [],
        _is_str_list,
        "list of str",
        "Directories (relative to the source directory) that ``{{file}}`` and ``<{{file}}`` "
        "includes may read from; an empty list means the source directory alone. Nothing "
        "outside them is read: absolute paths, ``..`` and symlinks leading out are refused.",
        types=(list, tuple),
    ),
    Option(
        "mmark_include_depth",
        10,
        _is_positive_int,
        "positive int",
        "How deeply includes may nest (a document including a file that includes a file is "
        "depth 2); deeper includes are skipped with one warning.",
        types=(int,),
    ),
    Option(
        "mmark_include_max_bytes",
        10_000_000,
        _is_positive_int,
        "positive int",
        "The most text (in characters) that includes may add to one document; includes past "
        "it are skipped with one warning, so exponential include trees stay cheap.",
        types=(int,),
    ),
    Option(
        "mmark_exclude_included",
        False,
        _is_bool,
        "bool",
        "Leave out of the build, as pages of their own, the sources that other mmark "
        "documents include (``{{part.md}}`` or ``<{{part.md}}``, directly or through "
        "another part): a multi-file draft then builds as one document, not one page "
        "per part with a warning for each broken reference. A source nobody includes, "
        "and the root document, are always built. Off by default in ``conf.py`` "
        "projects, which may link to an included file as a page of its own (this "
        "documentation does); the ``sphinx-mmark`` command turns it on for the "
        "configurations it makes (a document file, a folder of posts, a Hugo site).",
        types=(bool,),
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
        types=(bool,),
    ),
    Option(
        "mmark_math_macros",
        {},
        _is_dict,
        "dict",
        "The site's own TeX macros, which a Hugo theme gave KaTeX or MathJax (the posts use "
        "them without defining them): a name maps to its definition, or to "
        '``[definition, number of arguments]`` (``{"R": "\\\\mathbb{R}", "v": '
        '["\\\\mathbf{#1}", 1]}``). Each is given to MathJax (merged into '
        "``mathjax3_config``'s ``tex.macros``, or ``mathjax4_config``'s when only that one "
        "is set; a macro the project's own MathJax configuration defines wins) and defined "
        "in LaTeX inside maths, where it replaces a LaTeX command of the same name "
        "(``\\\\v``, an accent in text, stays one there). A name is letters only (a leading "
        "backslash is allowed); an entry with another name, a definition that is not a "
        "string with balanced braces, or a ``#n`` beyond its arguments is left out with an "
        "``mmark.config`` warning.",
        types=(dict,),
        rebuild="html",
    ),
)


@dataclass(frozen=True)
class Renamed:
    """An old option name, still read (with a deprecation warning) for one release."""

    old: str
    new: str
    removal: str = "0.2"
    """The release that no longer reads ``old``."""


RENAMED: tuple[Renamed, ...] = tuple(
    Renamed(option.renamed_from, option.name) for option in OPTIONS if option.renamed_from
)
_BY_NAME = {option.name: option for option in OPTIONS}


def register(app: Sphinx) -> None:
    """Add every option (and every deprecated name) to Sphinx; validate them once read."""
    for option in OPTIONS:
        default = _default_of_renamed(option) if option.renamed_from else option.default
        app.add_config_value(option.name, default, option.rebuild, types=option.types)
    for renamed in RENAMED:  # (no rebuild of their own: the new name's value has it)
        app.add_config_value(renamed.old, None, "", types=_BY_NAME[renamed.new].types)
    app.connect("config-inited", validate)
    app.connect("env-before-read-docs", _settle)


def _default_of_renamed(option: Option) -> Callable[[Config], Any]:
    """The default of a renamed option: the old name's value when that one is set."""

    def default(config: Config) -> Any:
        old = config[option.renamed_from]
        return option.default if old is None else old

    return default


def validate(app: Sphinx, config: Config) -> None:
    """Replace each invalid value by its default, with a warning; warn about old names."""
    for renamed in RENAMED:
        _check_renamed(config, renamed)
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
    config["mmark_math_macros"] = _valid_math_macros(config["mmark_math_macros"])


def _valid_math_macros(macros: Mapping[object, object]) -> dict[str, tuple[str, int]]:
    """The entries of ``mmark_math_macros`` as name → (definition, number of arguments);
    each invalid entry is left out with a warning."""
    valid: dict[str, tuple[str, int]] = {}
    for key, value in macros.items():
        problem = ""
        name = key.removeprefix("\\") if isinstance(key, str) else ""
        definition, nargs = (value, 0) if isinstance(value, str) else ("", 0)
        if isinstance(value, list | tuple) and len(value) == 2:
            definition, nargs = value[0], value[1]
        if not (name.isascii() and name.isalpha()):
            problem = "its name must be letters only"
        elif not isinstance(definition, str) or not definition:
            problem = "its value must be a definition (str) or [definition, number of arguments]"
        elif not isinstance(nargs, int) or isinstance(nargs, bool) or not 0 <= nargs <= 9:
            problem = "its number of arguments must be an int from 0 to 9"
        else:
            problem = _definition_problem(definition, nargs)
        if problem:
            warn(
                f"mmark_math_macros: {key!r}: {value!r} is left out: {problem}",
                MmarkWarning.CONFIG,
                location=None,
            )
            continue
        valid[name] = (definition, nargs)
    return valid


def _definition_problem(definition: str, nargs: int) -> str:
    """Why ``definition`` cannot be written in LaTeX for a macro of ``nargs`` arguments
    (unbalanced braces, a ``#n`` beyond them), or ``""``."""
    depth, pos = 0, 0
    while pos < len(definition):
        char = definition[pos]
        if char == "\\":
            pos += 2  # \{ and \} are not braces; \\ is one command
            continue
        if char == "{":
            depth += 1
        elif char == "}":
            depth -= 1
            if depth < 0:
                return "its braces are not balanced"
        elif char == "#":
            following = definition[pos + 1 : pos + 2]
            if not following.isdigit() or not 1 <= int(following) <= nargs:
                return f"#{following} is not one of its {nargs} arguments"
            pos += 1
        pos += 1
    return "its braces are not balanced" if depth else ""


def _check_renamed(config: Config, renamed: Renamed) -> None:
    """One warning for a deprecated name that is set; an invalid value is dropped."""
    value = config[renamed.old]
    if value is None:
        return
    new = _BY_NAME[renamed.new]
    message = f"{renamed.old} is deprecated: set {renamed.new} instead"
    if new.check(value):
        warn(
            f"{message} (it is used when {renamed.new} is not set)",
            MmarkWarning.CONFIG,
            location=None,
        )
        return
    warn(
        f"{message}; {renamed.old} must be a {new.type_name}, not {value!r}: ignored",
        MmarkWarning.CONFIG,
        location=None,
    )
    config[renamed.old] = None


@dataclass(frozen=True)
class HugoSiteSettings:
    """What ``config-inited`` read from the Hugo site named by ``mmark_hugo_root``.

    The defaults are those of a project without a Hugo site (or whose site could
    not be read).
    """

    static_dirs: tuple[str, ...] = ()
    """The site's static folders (absolute), whose files Hugo serves at the site root."""
    permalinks: Mapping[str, str] = field(default_factory=dict)
    """Hugo's ``permalinks`` patterns, section → pattern."""
    lowercase_paths: bool = True
    """Whether Hugo lower-cases page URLs (its ``disablePathToLower`` is off)."""
    configured: bool = False
    """Whether the site has a Hugo configuration file (a folder of posts has none)."""
    title: str = ""
    """The site's ``title``."""
    base_url: str = ""
    """The site's ``baseURL`` as configured (may be empty or relative)."""
    language_code: str = ""
    """The site's ``languageCode`` (``en-us``), for feeds."""
    taxonomies: Mapping[str, str] = field(
        default_factory=lambda: {"tag": "tags", "category": "categories"}
    )
    """Hugo's ``[taxonomies]``, singular → plural (the plural is the front-matter key and
    the URL folder); Hugo's defaults when the configuration names none."""
    pager_size: int = 10
    """Pages per list page: ``pagination.pagerSize`` or the older ``paginate``."""
    rss_limit: int = -1
    """Most items in a feed (``rssLimit``, or ``services.rss.limit``); ``-1``: all."""
    robots_txt: bool = False
    """Whether Hugo writes ``robots.txt`` (``enableRobotsTXT``)."""
    summary_length: int = 70
    """Words in an automatic summary (``summaryLength``)."""
    disabled_kinds: frozenset[str] = frozenset()
    """Hugo's ``disableKinds`` in lower case (``taxonomy``, ``term``, ``rss``, ``sitemap``,
    ``robotstxt``, ``404``…): the kinds of page not written."""

    def writes(self, kind: str) -> bool:
        """Whether the site writes pages of ``kind`` (not in ``disableKinds``)."""
        return kind.lower() not in self.disabled_kinds


_HUGO_SITES: weakref.WeakKeyDictionary[Config, HugoSiteSettings] = weakref.WeakKeyDictionary()


def set_hugo_site(config: Config, site: HugoSiteSettings) -> None:
    """Keep what was read from the Hugo site for ``mmark_settings(config).hugo_site``."""
    _HUGO_SITES[config] = site


@dataclass(frozen=True)
class MmarkSettings:
    """The project's ``mmark_*`` values (validated), one field per :data:`OPTIONS` entry
    named without its ``mmark_`` prefix, and what was read from its Hugo site."""

    numfig: bool | Literal["auto"]
    """``"auto"`` until the source scan on ``config-inited`` settles it."""
    build_drafts: bool
    md_patterns: tuple[str, ...]
    flavour: Literal["auto", "v1", "v2"]
    remote_images: Literal["link", "download"]
    bibxml_dirs: tuple[str, ...]
    references_position: Literal["backmatter", "end"]
    shared_bibliography: bool
    build_future: bool
    build_expired: bool
    shortcodes: Mapping[str, str | Callable[..., Any]]
    hugo_root: str
    hugo_base_url: str
    hugo_params: Mapping[str, Any]
    escaped_math: bool | Literal["v1"]
    include_roots: tuple[str, ...]
    include_depth: int
    include_max_bytes: int
    latex_divisions: bool
    exclude_included: bool
    math_macros: Mapping[str, tuple[str, int]]
    """Name (without backslash) → (definition, number of arguments), the valid entries."""
    hugo_site: HugoSiteSettings
    """What was read from the site at ``hugo_root`` (the defaults without one)."""


_SETTLED: weakref.WeakKeyDictionary[Config, MmarkSettings] = weakref.WeakKeyDictionary()
"""The settings of each build once its configuration is settled (see :func:`_settle`)."""


def _settle(app: Sphinx, env: Any, docnames: list[str]) -> None:
    """Read the settings once per build, when reading starts (``env-before-read-docs``):
    by then ``config-inited`` has validated them and settled ``numfig`` and the Hugo site,
    and nothing changes them any more; every page reads the kept copy."""
    _SETTLED[app.config] = _read_settings(app.config)


def mmark_settings(config: Config) -> MmarkSettings:
    """The ``mmark_*`` values of ``config``, typed: the one place that reads them."""
    settled = _SETTLED.get(config)
    return settled if settled is not None else _read_settings(config)


def _read_settings(config: Config) -> MmarkSettings:
    """The settings as ``config`` holds them now."""
    values: dict[str, Any] = {
        option.name.removeprefix("mmark_"): _frozen_list(config[option.name]) for option in OPTIONS
    }
    return MmarkSettings(**values, hugo_site=_HUGO_SITES.get(config, HugoSiteSettings()))


def _frozen_list(value: Any) -> Any:
    """A list value as a tuple (the settings are immutable); any other value as it is."""
    return tuple(value) if isinstance(value, list | tuple) else value
