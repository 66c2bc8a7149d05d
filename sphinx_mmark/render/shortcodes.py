"""Render methods for Hugo shortcodes and ``<!--more-->`` (issue 6).

A concern class of :class:`sphinx_mmark.render.renderer.MmarkRenderer`: each ``render_<token type>``
method here turns one token of :mod:`sphinx_mmark.parse.syntax.shortcodes` into docutils
nodes. Hugo's built-in shortcodes become the natural Sphinx construct:

========================  =================================================================
``figure``                a figure (image, caption from ``title``/``caption``, ``attr``
                          as legend, ``link`` around the image); inline: an image
``highlight``             a highlighted literal block (``linenos``, ``hl_lines``,
                          ``linenostart``); inline: highlighted inline code
``ref``, ``relref``       a cross-reference to the page (and ``#anchor``)
``youtube``, ``vimeo``    an embedded player in HTML, a link elsewhere
``gist``                  an embedded gist in HTML, a link elsewhere
``tweet``, ``x``          a link to the post
``param``                 the value of a page or site parameter, as text
========================  =================================================================

A name in ``mmark_shortcodes`` is rendered by the user's function or by the
Sphinx directive (block) or role (inline) it names, and wins over the built-in
meaning. Any other shortcode is unknown: one warning per name and document,
its inner content is rendered as if the tags were not there.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any, cast

from docutils import nodes
from docutils.parsers.rst import roles
from markdown_it.tree import SyntaxTreeNode
from myst_parser.mdit_to_docutils.base import token_line
from myst_parser.mocking import MockInliner

from ..config import mmark_settings
from ..nodes.embeds import embed
from ..parse.safe_urls import is_safe_url, refused_message
from ..parse.syntax.shortcodes import Call
from ..warnings_ import MmarkWarning
from .base import RendererBase
from .hugo_refs import resolve_content_path
from .images import REMOTE_FLAG

if TYPE_CHECKING:
    from myst_parser.mdit_to_docutils.base import DocutilsRenderer
    from sphinx import addnodes


@dataclass
class Shortcode:
    """What a function in ``mmark_shortcodes`` receives."""

    name: str
    args: list[str]
    """Positional arguments."""
    kwargs: dict[str, str]
    """Named arguments."""
    inner: str | None
    """The raw text between the opening and closing tags, None without a closing tag."""
    inline: bool
    """Whether the call is inside a paragraph (the function should return inline nodes)."""
    docname: str
    line: int | None
    env: Any = field(repr=False)
    """The Sphinx build environment."""


ShortcodeFunction = Callable[[Shortcode], "list[nodes.Node]"]


def _truthy(value: str | None) -> bool:
    return (value or "").strip().lower() in {"true", "yes", "1", "table", "inline"}


class ShortcodeRendering(RendererBase):
    """``render_*`` methods; see the module docstring."""

    # -- entry points ------------------------------------------------------------

    def render_hugo_shortcode(self, token: SyntaxTreeNode) -> None:
        self._shortcode(token, inline=False)

    def render_hugo_shortcode_inline(self, token: SyntaxTreeNode) -> None:
        self._shortcode(token, inline=True)

    def render_hugo_shortcode_stray(self, token: SyntaxTreeNode) -> None:
        call: Call = token.meta["shortcode"]
        self.mmark_warning(
            f"closing shortcode {call.source()} has no opening tag; ignored",
            MmarkWarning.SHORTCODE,
            self._line(token),
        )

    def render_hugo_more(self, token: SyntaxTreeNode) -> None:
        """``<!--more-->``: remember how many paragraphs the summary has."""
        if "mmark_summary_paragraphs" not in self.document:
            count = sum(1 for _ in self.document.findall(nodes.paragraph))
            if isinstance(self.current_node, nodes.paragraph):
                count += 1  # the paragraph being built is part of the summary
            self.document["mmark_summary_paragraphs"] = count

    def render_hugo_ref_link(self, token: SyntaxTreeNode) -> None:
        call: Call = token.meta["shortcode"]
        xref = self._ref_node(token, call, explicit=bool(token.children))
        if xref is None:  # its text, else its target as text
            if token.children:
                self.render_children(token)
            else:
                self.current_node.append(nodes.Text(_ref_target(call)))
            return
        self._locate(xref, self._line(token))
        with self.current_node_context(cast(nodes.Element, xref[0])):
            self.render_children(token)
        self.current_node.append(xref)

    # -- dispatch ----------------------------------------------------------------

    def _line(self, token: SyntaxTreeNode) -> int | None:
        node: SyntaxTreeNode | None = token
        while node is not None and not node.is_root:  # the root has no token (no map)
            if node.map:
                return token_line(node, 0)
            node = node.parent
        return None

    def _locate(self, node: nodes.Node, line: int | None) -> nodes.Node:
        """Give ``node`` and every element in it without a location this file and ``line``.

        Sphinx's warnings about a node (a missing image, an unknown target) name its
        ``source:line``; a node without them reads ``case.md:None``. Returns ``node``.
        """
        if not isinstance(node, nodes.Element):
            return node
        for element in node.findall(nodes.Element):
            if element.source is None:
                element.source = self.document["source"]
            if element.line is None and line is not None:
                element.line = line
        return node

    def _shortcode(self, token: SyntaxTreeNode, *, inline: bool) -> None:
        call: Call = token.meta["shortcode"]
        line = self._line(token)
        mapping = mmark_settings(self.sphinx_env.config).shortcodes
        if call.name in mapping:
            self._mapped(token, call, mapping[call.name], inline=inline, line=line)
            return
        builtin = _BUILTINS.get(call.name)
        if builtin is None:
            self._unknown(token, call, line)
            return
        getattr(self, builtin)(token, call, inline, line)

    def _unknown(self, token: SyntaxTreeNode, call: Call, line: int | None) -> None:
        seen: set[str] = self.document.setdefault("mmark_unknown_shortcodes", set())
        if call.name not in seen:
            seen.add(call.name)
            self.mmark_warning(
                f"unknown Hugo shortcode {call.name!r}: its content is kept without it "
                "(map it with mmark_shortcodes; further uses in this document are not reported)",
                MmarkWarning.SHORTCODE,
                line,
            )
        self._render_inner(token, call)

    def _render_inner(self, token: SyntaxTreeNode, call: Call) -> None:
        if not token.children:
            return
        if token.type == "hugo_shortcode_inline":
            inner: nodes.Element = nodes.inline()
        else:
            inner = nodes.container()
        inner["classes"] += ["hugo-shortcode", f"hugo-shortcode-{nodes.make_id(call.name)}"]
        self.add_line_and_source_path(inner, token)
        with self.current_node_context(inner, append=True):
            self.render_children(token)

    def _mapped(
        self, token: SyntaxTreeNode, call: Call, target: Any, *, inline: bool, line: int | None
    ) -> None:
        inner = token.meta.get("inner")
        if callable(target):
            shortcode = Shortcode(
                call.name,
                list(call.positional),
                dict(call.named),
                inner,
                inline,
                self.sphinx_env.docname,
                line,
                self.sphinx_env,
            )
            try:
                result = list(target(shortcode))
            except Exception as error:  # a user function: report, never crash the build
                self.mmark_warning(
                    f"shortcode function for {call.name!r} failed: {error!r}; content kept",
                    MmarkWarning.SHORTCODE,
                    line,
                )
                self._render_inner(token, call)
                return
            self.current_node.extend(self._locate(node, line) for node in result)
            return
        name = str(target)
        if inline:
            self._run_role(token, call, name, inner, line)
            return
        options = dict(call.named)
        output = self.run_directive(
            name, " ".join(call.positional), inner or "", line or 0, options, block_text=""
        )
        self.current_node.extend(output)

    def _run_role(
        self, token: SyntaxTreeNode, call: Call, name: str, inner: str | None, line: int | None
    ) -> None:
        text = inner if inner is not None else " ".join(call.positional)
        role_func, messages = roles.role(name, self.language_module_rst, line or 0, self.reporter)
        if role_func is None:
            self.mmark_warning(
                f"mmark_shortcodes maps {call.name!r} to {name!r}, which is not a role; "
                "content kept",
                MmarkWarning.SHORTCODE,
                line,
            )
            self._render_inner(token, call)
            return
        rawsource = f":{name}:`{text}`"
        # at run time self is MyST's renderer (MmarkRenderer), as MockInliner wants
        inliner = cast(Any, MockInliner(cast("DocutilsRenderer", self)))
        result, messages2 = role_func(name, rawsource, text, line or 0, inliner, {}, [])
        made: list[nodes.Node] = [self._locate(node, line) for node in result]
        self.current_node += [*made, *messages, *messages2]

    # -- built-ins -------------------------------------------------------------

    def _sc_figure(self, token: SyntaxTreeNode, call: Call, inline: bool, line: int | None) -> None:
        args = call.named
        src = args.get("src") or (call.positional[0] if call.positional else "")
        if not src:
            self.mmark_warning(
                "figure shortcode without src; ignored", MmarkWarning.SHORTCODE, line
            )
            return
        urls = self._figure_urls({**args, "src": src}, line)
        caption_text = args.get("caption", "")
        alt = args.get("alt") or args.get("title") or _plain(caption_text).replace("*", "")
        shown = self._figure_image(call, urls, alt, line)
        if inline:
            if shown is not None:
                self.current_node.append(self._locate(shown, line))
            return
        figure = nodes.figure("", classes=args.get("class", "").split())
        if shown is not None:
            figure += shown if "src" in urls else nodes.paragraph("", "", shown)
        figure.source, figure.line = self.document["source"], line
        self._figure_caption(figure, args.get("title", ""), caption_text, line)
        if args.get("attr"):
            text = nodes.Text(args["attr"])
            link = urls.get("attrlink")
            para = nodes.paragraph(
                "", "", nodes.reference("", "", text, refuri=link) if link else text
            )
            figure += nodes.legend("", para)
        if figure.children:
            self.current_node.append(self._locate(figure, line))

    def _figure_urls(self, args: dict[str, str], line: int | None) -> dict[str, str]:
        """The ``src``, ``link`` and ``attrlink`` of a figure that may be emitted; one
        warning names those refused (their text is shown instead)."""
        keys = ("src", "link", "attrlink") if args.get("attr") else ("src", "link")
        urls = {key: args[key] for key in keys if args.get(key)}
        refused = {key: url for key, url in urls.items() if not is_safe_url(url)}
        if refused:
            named = {f"figure {key}": url for key, url in refused.items()}
            kept = ", ".join(_KEPT[key] for key in refused)
            self.mmark_warning(refused_message(named, kept), MmarkWarning.URL, line)
        return {key: url for key, url in urls.items() if key not in refused}

    def _figure_image(
        self, call: Call, urls: dict[str, str], alt: str, line: int | None
    ) -> nodes.Element | None:
        """The image of a figure (its alt text if its ``src`` was refused), inside its
        ``link`` if there is one; None when there is nothing to show."""
        src = urls.get("src")
        shown: nodes.Element
        if src is None:
            if not alt:
                return None
            shown = nodes.inline(alt, alt, classes=["mmark-refused-image"])
        else:
            shown = self._figure_image_node(call, src, alt, line)
        if urls.get("link"):
            shown = nodes.reference("", "", shown, refuri=urls["link"])
        return shown

    def _figure_image_node(self, call: Call, src: str, alt: str, line: int | None) -> nodes.image:
        args = call.named
        # a rawsource, or Sphinx's ApplySourceWorkaround sets the image's line to 0
        image = nodes.image(call.source(), uri=src, alt=alt)
        image.source, image.line = self.document["source"], line
        if "://" in src:
            image[REMOTE_FLAG] = True
        for key in ("width", "height"):
            if args.get(key):
                image[key] = args[key] if not args[key].isdigit() else args[key] + "px"
        return image

    def _figure_caption(
        self, figure: nodes.figure, title: str, caption_text: str, line: int | None
    ) -> None:
        """Give ``figure`` a caption made of its ``title`` and ``caption``, if any."""
        if not (title or caption_text):
            return
        caption = nodes.caption()
        caption.source, caption.line = self.document["source"], line
        with self.current_node_context(caption):
            if title:
                self.nested_render_text(title, (line or 1) - 1, inline=True)
            if title and caption_text:
                caption += nodes.Text(" — ")
            if caption_text:
                self.nested_render_text(caption_text, (line or 1) - 1, inline=True)
        figure += caption

    def _sc_highlight(
        self, token: SyntaxTreeNode, call: Call, inline: bool, line: int | None
    ) -> None:
        inner = token.meta.get("inner")
        language = call.positional[0] if call.positional else call.named.get("lang", "")
        if inner is None:
            self.mmark_warning(
                "highlight shortcode without a closing {{< /highlight >}}; ignored",
                MmarkWarning.SHORTCODE,
                line,
            )
            return
        options = _highlight_options(call)
        if inline:
            literal = nodes.literal(inner, inner, classes=["code", "highlight", language])
            literal["language"] = language or "none"
            self.current_node.append(self._locate(literal, line))
            return
        text = inner.strip("\n")
        lines = _hl_lines(options.get("hl_lines", ""))
        start = options.get("linenostart", "1")
        node = self.create_highlighted_code_block(
            text,
            language or None,
            number_lines=_truthy(options.get("linenos")),
            lineno_start=int(start) if start.isdigit() else 1,
            source=self.document["source"],
            line=line,
            emphasize_lines=lines or None,
        )
        self.current_node.append(node)

    def _sc_ref(self, token: SyntaxTreeNode, call: Call, inline: bool, line: int | None) -> None:
        xref = self._ref_node(token, call, explicit=False)
        # without a page: its target as text (a block one in a paragraph: never bare text)
        shown: nodes.Node = nodes.Text(_ref_target(call)) if xref is None else xref
        if inline:
            self.current_node.append(self._locate(shown, line))
        else:
            self.current_node.append(self._locate(nodes.paragraph("", "", shown), line))

    def _ref_node(
        self, token: SyntaxTreeNode, call: Call, *, explicit: bool
    ) -> addnodes.pending_xref | None:
        target = _ref_target(call)
        line = self._line(token)
        path, _, anchor = target.partition("#")
        env = self.sphinx_env
        docname = resolve_content_path(path, env.docname, env.found_docs) if path else env.docname
        if docname is None:
            self.mmark_warning(
                f"{call.name} shortcode: no page {target!r} in the project",
                MmarkWarning.REF,
                line,
            )
            return None
        node = self._pending_xref(docname, anchor, explicit=explicit, at=token)
        node.line = line
        return node

    def _sc_video(self, token: SyntaxTreeNode, call: Call, inline: bool, line: int | None) -> None:
        video_id = call.named.get("id") or (call.positional[0] if call.positional else "")
        if not video_id:
            self.mmark_warning(
                f"{call.name} shortcode without a video id; ignored", MmarkWarning.SHORTCODE, line
            )
            return
        title = call.named.get("title", "")
        if call.name == "youtube":
            player = f"https://www.youtube-nocookie.com/embed/{video_id}"
            page = f"https://www.youtube.com/watch?v={video_id}"
            label = title or f"YouTube video {video_id}"
        else:
            player = f"https://player.vimeo.com/video/{video_id}"
            page = f"https://vimeo.com/{video_id}"
            label = title or f"Vimeo video {video_id}"
        self._append_embed("video", page, label, line, inline, player=player)

    def _sc_gist(self, token: SyntaxTreeNode, call: Call, inline: bool, line: int | None) -> None:
        if len(call.positional) < 2:
            self.mmark_warning(
                "gist shortcode needs a user and a gist id; ignored", MmarkWarning.SHORTCODE, line
            )
            return
        user, gist_id = call.positional[0], call.positional[1]
        page = f"https://gist.github.com/{user}/{gist_id}"
        script = f"{page}.js"
        if len(call.positional) > 2:
            script += f"?file={call.positional[2]}"
        self._append_embed("gist", page, f"Gist {user}/{gist_id}", line, inline, script=script)

    def _sc_tweet(self, token: SyntaxTreeNode, call: Call, inline: bool, line: int | None) -> None:
        user = call.named.get("user", "")
        post_id = call.named.get("id") or (call.positional[0] if call.positional else "")
        if not post_id:
            self.mmark_warning(
                f"{call.name} shortcode without an id; ignored", MmarkWarning.SHORTCODE, line
            )
            return
        page = (
            f"https://x.com/{user}/status/{post_id}"
            if user
            else (f"https://x.com/i/status/{post_id}")
        )
        label = f"Post by @{user} on X" if user else f"Post {post_id} on X"
        reference = nodes.reference(label, label, refuri=page, classes=["hugo-post-link"])
        shown = reference if inline else nodes.paragraph("", "", reference)
        self.current_node.append(self._locate(shown, line))

    def _sc_param(self, token: SyntaxTreeNode, call: Call, inline: bool, line: int | None) -> None:
        name = call.named.get("name") or (call.positional[0] if call.positional else "")
        env = self.sphinx_env
        value = _lookup(env.metadata.get(env.docname, {}), name)
        if value is None:
            value = _lookup(mmark_settings(env.config).hugo_params, name)
        if value is None:
            self.mmark_warning(
                f"param shortcode: no page or site parameter {name!r}", MmarkWarning.SHORTCODE, line
            )
            return
        text = nodes.Text(_plain(value))
        self.current_node.append(
            text if inline else self._locate(nodes.paragraph("", "", text), line)
        )

    def _append_embed(
        self,
        kind: str,
        page: str,
        label: str,
        line: int | None,
        inline: bool,
        *,
        player: str = "",
        script: str = "",
    ) -> None:
        node = embed(kind=kind, url=page, label=label, player=player, script=script)
        if inline:
            self.current_node.append(self._locate(nodes.reference(label, label, refuri=page), line))
        else:
            self.current_node.append(self._locate(node, line))


_KEPT = {
    "src": "the image is shown as its alt text",
    "link": "the image is not a link",
    "attrlink": "the attribution is not a link",
}
"""What a figure shows in place of each refused URL."""

_BUILTINS: dict[str, str] = {
    "figure": "_sc_figure",
    "highlight": "_sc_highlight",
    "ref": "_sc_ref",
    "relref": "_sc_ref",
    "youtube": "_sc_video",
    "vimeo": "_sc_video",
    "gist": "_sc_gist",
    "tweet": "_sc_tweet",
    "x": "_sc_tweet",
    "param": "_sc_param",
}
"""Hugo's built-in shortcodes → the method that renders them."""

BUILTIN_SHORTCODES = frozenset(_BUILTINS)


def _ref_target(call: Call) -> str:
    """The page (and ``#anchor``) a ``ref`` / ``relref`` shortcode names."""
    return call.named.get("path") or (call.positional[0] if call.positional else "")


def _plain(value: object) -> str:
    if value is None:
        return ""
    if isinstance(value, list | tuple):
        return ", ".join(_plain(item) for item in value)
    return " ".join(str(value).split())


def _lookup(data: object, dotted: str) -> object:
    """``data["a"]["b"]`` for ``a.b``, case-insensitively as Hugo does; None if absent."""
    current = data
    for part in dotted.split("."):
        if not isinstance(current, dict):
            return None
        match = [key for key in current if str(key).lower() == part.lower()]
        if not match:
            return None
        current = current[match[0]]
    return current


def _highlight_options(call: Call) -> dict[str, str]:
    """``"linenos=table,hl_lines=8 15-17"`` (second argument) plus named options."""
    options: dict[str, str] = {}
    if len(call.positional) > 1:
        for part in _split_options(call.positional[1]):
            key, _, value = part.partition("=")
            options[key.strip()] = value.strip()
    options.update({k: v for k, v in call.named.items() if k != "lang"})
    return options


def _split_options(text: str) -> Iterable[str]:
    """Split on commas outside ``[…]`` (``hl_lines=[1,"3-4"]``)."""
    depth, current = 0, list[str]()
    for char in text:
        if char == "[":
            depth += 1
        elif char == "]":
            depth = max(0, depth - 1)
        if char == "," and depth == 0:
            yield "".join(current)
            current = []
        else:
            current.append(char)
    if current:
        yield "".join(current)


def _hl_lines(spec: str) -> list[int]:
    """``"8 15-17"`` or ``[8,"15-17"]`` → ``[8, 15, 16, 17]``; malformed parts are skipped."""
    out: list[int] = []
    cleaned = spec.strip().strip("[]").replace(",", " ").replace('"', " ")
    for part in cleaned.split():
        low, _, high = part.partition("-")
        if low.isdigit() and (not high or high.isdigit()):
            first, last = int(low), int(high or low)
            out.extend(range(first, min(last, first + 10_000) + 1))
    return out
