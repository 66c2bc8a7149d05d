"""Hugo shortcodes: the tag grammar, user mappings, and output in LaTeX and text.

Per-construct doctrees are in ``tests/fixtures/shortcodes.md`` (run by
``test_fixtures.py``); this module covers what a fixture cannot.
"""

from __future__ import annotations

from pathlib import Path

import pytest
from docutils import nodes

from sphinx_mmark.parse.markdown import build_parser
from sphinx_mmark.parse.syntax.shortcodes import parse_tag, unescaped_text

from .helpers import build, write_project

HUGO = "---\ntitle: Post\nmarkup: mmark\n---\n\n"


@pytest.mark.parametrize(
    ("text", "name", "positional", "named"),
    [
        (
            '{{< figure src="a b.png" width=300 >}}',
            "figure",
            (),
            {"src": "a b.png", "width": "300"},
        ),
        ("{{% notice info %}}", "notice", ("info",), {}),
        ('{{< highlight go "linenos=table" >}}', "highlight", ("go", "linenos=table"), {}),
        ("{{<k>}}", "k", (), {}),
        ('{{< x user="a\\"b" id=`raw text` >}}', "x", (), {"user": 'a"b', "id": "raw text"}),
        ("{{< tabs/tab >}}", "tabs/tab", (), {}),
    ],
)
def test_parse_tag(
    text: str, name: str, positional: tuple[str, ...], named: dict[str, str]
) -> None:
    call = parse_tag(text, 0, len(text))
    assert call is not None
    assert (call.name, call.positional, call.named, call.end) == (
        name,
        positional,
        named,
        len(text),
    )


@pytest.mark.parametrize(
    "text",
    [
        "{{ .Params.x }}",
        "{{file.md}}",
        "{{< >}}",
        '{{< figure src="unclosed >}}',
        "{{< figure src=x.png",
        "{{<",
        "{{% notice >}}",
    ],
)
def test_not_a_tag(text: str) -> None:
    assert parse_tag(text, 0, len(text)) is None


def test_closing_and_self_closing_tags() -> None:
    closing = parse_tag("{{< /tab >}}", 0, 12)
    assert closing is not None
    assert closing.closing
    assert closing.name == "tab"
    selfclosing = parse_tag("{{< br />}}", 0, 11)
    assert selfclosing is not None
    assert selfclosing.self_closing


def test_escaped_call_shows_as_hugo_shows_it() -> None:
    assert unescaped_text('{{</* figure src="x" */>}}') == '{{< figure src="x" >}}'


def test_long_unclosed_tags_are_linear() -> None:
    """A paragraph of unclosed tags must not take quadratic time per tag."""
    md = build_parser()
    text = "{{< a " * 20_000
    tokens = md.parse(text, {"flavour": "v1"})
    assert "".join(t.content for t in tokens if t.type == "inline").startswith("{{< a")


def test_nested_same_name_pairs_match_correctly() -> None:
    md = build_parser()
    src = "{{% box %}}\n{{% box %}}\ninner\n{{% /box %}}\n{{% /box %}}\n"
    types = [t.type for t in md.parse(src, {"flavour": "v1"})]
    assert types.count("hugo_shortcode_open") == 2
    assert types.count("hugo_shortcode_close") == 2


def _shout(shortcode):  # type: ignore[no-untyped-def]
    from docutils import nodes

    return [nodes.strong(text=(shortcode.inner or "").upper() + "!" + ",".join(shortcode.args))]


def _broken(shortcode):  # type: ignore[no-untyped-def]
    raise RuntimeError("nope")


def test_mapping_to_function_directive_and_role(tmp_path: Path) -> None:
    write_project(
        tmp_path,
        {
            "index.md": HUGO
            + "Say {{< shout a b >}}hi{{< /shout >}}.\n\n"
            + "{{% note %}}\nA *note*.\n{{% /note %}}\n\n"
            + "The vector {{<k>}}\\vec{a}{{</k>}} here.\n\n"
            + "{{< broken >}}kept{{< /broken >}}\n",
        },
        conf="from tests.test_shortcodes import _shout, _broken\n"
        "mmark_shortcodes = {'shout': _shout, 'note': 'note', 'k': 'math', 'broken': _broken}\n",
    )
    result = build(tmp_path, "html")
    html = result.html("index")
    assert "<strong>HI!a,b</strong>" in html
    assert 'class="admonition note"' in html
    assert "<em>note</em>" in html
    assert '<span class="math notranslate nohighlight">\\(\\vec{a}\\)</span>' in html
    assert "kept" in html
    warnings = result.warning_lines()
    assert len(warnings) == 1
    assert "index.md:14" in warnings[0]
    assert "'broken' failed" in warnings[0]
    assert "cannot cache unpickleable" not in result.warnings


def test_latex_and_text_get_links_not_embeds(tmp_path: Path) -> None:
    write_project(
        tmp_path,
        {
            "index.md": HUGO
            + "{{< youtube abc >}}\n\n{{< gist me 123 >}}\n\n"
            + '{{< figure src="https://example.org/x.png" caption="Remote" >}}\n\n'
            + '{{< highlight py >}}\nprint("x")\n{{< /highlight >}}\n',
        },
    )
    latex = build(tmp_path, "latex")
    tex = next((tmp_path / "_build" / "latex").glob("*.tex")).read_text(encoding="utf-8")
    assert "\\sphinxhref{https://www.youtube.com/watch?v=abc}{YouTube video abc}" in tex
    assert "\\sphinxhref{https://gist.github.com/me/123}{Gist me/123}" in tex
    assert "iframe" not in tex
    assert "<script" not in tex
    assert "\\begin{figure}" in tex
    assert "Remote" in tex
    assert "\\begin{sphinxVerbatim}" in tex
    assert not latex.warning_lines()
    text = build(tmp_path, "text")
    out = (tmp_path / "_build" / "text" / "index.txt").read_text(encoding="utf-8")
    assert "YouTube video abc" in out
    assert not text.warning_lines()


def test_ref_to_a_missing_page_warns_and_keeps_text(tmp_path: Path) -> None:
    write_project(
        tmp_path,
        {
            "index.md": HUGO + 'See [there]({{< ref "nowhere.md" >}}) now.\n',
            "posts/a.md": HUGO + 'Back to [home]({{< relref "/index.md#post" >}}).\n',
        },
    )
    result = build(tmp_path, "html")
    assert "there" in result.html("index")
    warnings = result.warning_lines()
    assert len(warnings) == 1
    assert "index.md:6" in warnings[0]
    assert "'nowhere.md'" in warnings[0]
    assert 'href="../index.html#post"' in result.html("posts/a")


def test_every_node_of_a_shortcode_has_source_and_line(tmp_path: Path) -> None:
    """Sphinx's warnings about a node name its ``file:line`` (``index.md:None`` before)."""
    write_project(
        tmp_path,
        {
            "index.md": HUGO
            + '{{< figure src="gone.png" link="https://example.org" title="T" '
            + 'attr="By me" attrlink="https://example.org/me" >}}\n\n'
            + 'Inline {{< figure src="gone2.png" >}} image.\n\n'
            + "{{< youtube abc >}}\n\n"
            + "{{< tweet user=me id=1 >}}\n\n"
            + "Code {{< highlight py >}}x = 1{{< /highlight >}} inline.\n\n"
            + '{{< ref "index.md" >}}\n',
        },
    )
    result = build(tmp_path, "html")
    missing = [line for line in result.warning_lines() if "not readable" in line]
    assert [line.split(": ", 1)[0] for line in missing] == ["index.md:6", "index.md:8"]
    doctree = result.app.env.get_doctree("index")
    unlocated = [
        node.tagname
        for node in doctree.findall(nodes.Element)
        if node is not doctree and (node.source is None or node.line is None)
    ]
    assert unlocated == []
