"""Page-level Hugo fidelity (issue 13): broken front matter never publishes a draft,
Hugo's path sanitising (``urlize``) in permalinks, relative aliases beside the page,
redirects that never overwrite a page differing only by letter case, ``#`` in URLs.

The expected paths below were read off the output folder of the real Hugo 0.111
(``hugo -d OUT`` on a small site with ``notes = "/:year/:month/:title/"``), not
produced by the code under test.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from sphinx_mmark.hugo.pages import Page
from sphinx_mmark.hugo.redirects import relative_href
from sphinx_mmark.hugo.urls import aliases, permalink, urlize

from .helpers import build, write_project

NOTES = {"notes": "/:year/:month/:title/"}


@pytest.mark.parametrize(
    ("title", "segment"),
    [
        ("C# and C++ in 2020", "c#-and-c-in-2020"),
        ("Hello, World! (part 2)", "hello-world-part-2"),
        ("What's new: Ünïcödé & stuff", "whats-new-ünïcödé-stuff"),
        ("a/b slash test", "a/b-slash-test"),
        ("Tab\tand  two   spaces", "tab-and-two-spaces"),
        ("dots.and_under~tilde%pct", "dots.and_under~tildepct"),
        ("question? star* [brackets] {braces} <lt>", "question-star-brackets-braces-lt"),
        ("Émile's café — 50% off", "émiles-café-50-off"),
        ("a - b -- c", "a-b--c"),
        ("-lead and trail-", "-lead-and-trail-"),
        (" x@y back\\slash ", "x@y-back\\slash"),
        ("50%20off %4 %zz", "50-off-4-zz"),
        ("Çà va? ﬁ ligature ½ half ² sup", "çà-va-ﬁ-ligature-half-sup"),
        ("a/ b /c", "a/-b-/c"),
        ("İstanbul \u03a3\u0391\u03a3", "istanbul-\u03c3\u03b1\u03c3"),  # no final sigma
        ("a %2F b%41", "a-/-ba"),
        ("T+itle2 C# x", "t-itle2-c#-x"),
    ],
)
def test_title_in_a_permalink_as_hugo_writes_it(title: str, segment: str) -> None:
    page = Page("notes/n1", {"title": title, "date": "2020-07-03"})
    assert permalink(page, NOTES) == f"/2020/07/{segment}/"


@pytest.mark.parametrize(
    ("docname", "data", "patterns", "url"),
    [
        ("notes/x", {"slug": "Slug# With Space & Amp", "date": "2021-01-01"}, None, None),
        ("posts/C++ & Go, notes", {}, {}, "/posts/c++-go-notes/"),
        ("posts/b", {"slug": "Slug+Plus Sp"}, {}, "/posts/slug+plus-sp/"),
        ("Sec Tion+1/E F", {}, {}, "/sec-tion+1/e-f/"),
        ("posts/c", {"url": "/Cu+st om/Pl@ce/"}, {}, "/Cu+st om/Pl@ce/"),
        ("blog/t3", {"title": "Hello World", "slug": "Cust Om"}, {"blog": "/b/:title/"}, None),
        ("posts/C++ & Go, notes", {}, {"posts": "/:section/:filename/"}, "/posts/c-go-notes/"),
    ],
)
def test_paths_as_hugo_writes_them(
    docname: str, data: dict[str, object], patterns: dict[str, str] | None, url: str | None
) -> None:
    expected = {
        "notes/x": "/2021/01/slug#-with-space-amp/",
        "blog/t3": "/b/hello-world/",  # :title is the title, not the slug
    }
    slug_pattern = {"notes": "/:year/:month/:slug/"}
    got = permalink(Page(docname, data), slug_pattern if patterns is None else patterns)
    assert got == (url or expected[docname])


@pytest.mark.parametrize(
    ("term", "path"),
    [
        ("C++", "c++"),
        ("C#", "c#"),
        ("Hello World", "hello-world"),
        ("a %20b", "a-%20b"),
        ("x/y", "x/y"),
        ("\u0130 \u03a3\u0391\u03a3", "i-\u03c3\u03b1\u03c3"),
        ("q?&z", "qz"),
        ("Big Cat", "big-cat"),
    ],
)
def test_terms_urlized_as_hugo(term: str, path: str) -> None:
    assert urlize(term) == path


def test_relative_aliases_are_beside_the_page() -> None:
    page = Page(
        "notes/s1",
        {
            "slug": "Slug# With Space & Amp",
            "date": "2021-01-01",
            "aliases": ["old-one", "../up/two", "/abs/three", "Mixed/Case"],
        },
    )
    assert aliases(page, patterns={"notes": "/:year/:month/:slug/"}) == [
        "/2021/01/old-one",
        "/2021/up/two",
        "/abs/three",
        "/2021/01/Mixed/Case",  # aliases keep their case
    ]
    bundle = Page("posts/bun/index", {"aliases": ["rel-b", "Sub Dir/x.html"]})
    assert aliases(bundle) == ["/posts/rel-b", "/posts/Sub Dir/x.html"]
    moved = Page("posts/u", {"url": "/custom/place/", "aliases": ["rel-u"]})
    assert aliases(moved) == ["/custom/rel-u"]


def test_relative_href_stays_decoded() -> None:
    assert relative_href("2020/07/old/index.html", "2020/07/c#-and-c/") == "../c#-and-c/"


def _hugo_project(tmp_path: Path, files: dict[str, str]) -> Path:
    site = tmp_path / "site"
    (site / "content").mkdir(parents=True)
    (site / "hugo.toml").write_text(
        'title = "T"\n[permalinks]\n  notes = "/:year/:month/:slug/"\n', encoding="utf-8"
    )
    srcdir = site / "content"
    write_project(srcdir, files, conf="mmark_hugo_root = '..'\n")
    return srcdir


BROKEN_DRAFT = "---\ntitle: Notes: a typo\ndraft: true\n---\n\nSECRET DRAFT TEXT\n"
BROKEN_TOML_DRAFT = '+++\ntitle = "x\ndraft = true\n+++\n\nSECRET TOML TEXT\n'
BROKEN_PAGE = "---\ntitle: Notes: a typo\n---\n\nPUBLIC TEXT\n"


def test_broken_front_matter_leaves_a_draft_out(tmp_path: Path) -> None:
    srcdir = _hugo_project(
        tmp_path,
        {
            "_index.md": "---\ntitle: Home\n---\n\nHome.\n",
            "posts/secret.md": BROKEN_DRAFT,
            "posts/secret2.md": BROKEN_TOML_DRAFT,
            "posts/public.md": BROKEN_PAGE,
        },
    )
    result = build(srcdir, "dirhtml")
    published = "\n".join(p.read_text("utf-8") for p in result.outdir.rglob("*.html"))
    assert "SECRET DRAFT TEXT" not in published
    assert "SECRET TOML TEXT" not in published
    assert "PUBLIC TEXT" in published  # not a draft: built, front matter ignored
    lines = result.warning_lines()
    for name in ("secret.md", "secret2.md"):
        mine = [line for line in lines if f"posts/{name}:" in line]
        assert len(mine) == 1, lines
        assert f"posts/{name}:1:" in mine[0]
        assert "page left out" in mine[0]
        assert "cannot be read" in mine[0]
        assert "[mmark.front_matter]" in mine[0]
    public = [line for line in lines if "posts/public.md" in line]
    assert len(public) == 1, lines
    assert "ignored" in public[0]


def test_broken_draft_built_with_build_drafts(tmp_path: Path) -> None:
    srcdir = _hugo_project(tmp_path, {"_index.md": "Home.\n", "posts/secret.md": BROKEN_DRAFT})
    result = build(srcdir, "dirhtml", overrides={"mmark_build_drafts": True})
    assert "SECRET DRAFT TEXT" in (result.outdir / "posts" / "secret" / "index.html").read_text(
        "utf-8"
    )
    assert not any("page left out" in line for line in result.warning_lines())


def test_unclosed_front_matter_saying_draft_is_left_out(tmp_path: Path) -> None:
    unclosed = "---\ntitle: x\ndraft: true\n\nSECRET UNCLOSED TEXT\n"
    srcdir = _hugo_project(tmp_path, {"_index.md": "Home.\n", "posts/secret.md": unclosed})
    result = build(srcdir, "dirhtml")
    published = "\n".join(p.read_text("utf-8") for p in result.outdir.rglob("*.html"))
    assert "SECRET UNCLOSED TEXT" not in published
    assert any("page left out" in line for line in result.warning_lines())


def test_redirect_differing_only_in_case_is_skipped(tmp_path: Path) -> None:
    srcdir = _hugo_project(
        tmp_path,
        {
            "_index.md": "Home.\n",
            "posts/target.md": "---\ntitle: Target\naliases: [/Posts/Other/, /mixed/]\n---\n\nT.\n",
            "posts/other.md": "---\ntitle: Other\naliases: [/MIXED/]\n---\n\nO.\n",
        },
    )
    result = build(srcdir, "dirhtml")
    other = (result.outdir / "posts" / "other" / "index.html").read_text("utf-8")
    assert "http-equiv" not in other  # the page is still the page
    lines = result.warning_lines()
    assert any("/Posts/Other/" in line and "letter case" in line for line in lines), lines
    assert any("/mixed/" in line and "letter case" in line for line in lines), lines
    assert (result.outdir / "MIXED" / "index.html").is_file()
    assert not (result.outdir / "mixed").exists()


def test_hash_in_a_url_is_a_folder_and_percent_encoded_in_links(tmp_path: Path) -> None:
    srcdir = _hugo_project(
        tmp_path,
        {
            "_index.md": "Home.\n",
            "notes/c.md": "---\ntitle: C# and C++ in 2020\ndate: 2020-09-12\n"
            "aliases: [old-c]\n---\n\nC.\n",
        },
    )
    result = build(srcdir, "hugo")
    page = result.outdir / "2020" / "09" / "c#-and-c-in-2020" / "index.html"
    assert page.is_file()
    redirect = (result.outdir / "2020" / "09" / "old-c" / "index.html").read_text("utf-8")
    assert 'url=../c%23-and-c-in-2020/"' in redirect


POST = (
    "---\ntitle: First light\ndate: 2021-03-04T09:30:00+11:00\nauthor: A. Writer\n"
    'tags: [astronomy, "Deep Sky"]\ncategories: [observing]\n---\n\nText.\n'
)


def _meta_project(tmp_path: Path) -> Path:
    return _hugo_project(
        tmp_path,
        {
            "_index.md": "---\ntitle: Home\ndate: 2020-01-01\n---\n\nHome.\n",
            "posts/_index.md": "---\ntitle: Posts\ndate: 2020-01-01\ntags: [x]\n---\n\nList.\n",
            "posts/first.md": POST,
            "posts/plain.md": "---\ntitle: Plain\n---\n\nNo date.\n",
        },
    )


def test_post_metadata_under_the_title(tmp_path: Path) -> None:
    from bs4 import BeautifulSoup

    result = build(_meta_project(tmp_path), "hugo")
    out = result.outdir
    soup = BeautifulSoup((out / "posts" / "first" / "index.html").read_text("utf-8"), "html.parser")
    meta = soup.select_one("section > h1 + div.mmark-post-meta")
    assert meta is not None
    byline = meta.select_one("p.mmark-post-byline")
    assert byline is not None
    assert byline.get_text() == "March 4, 2021 · A. Writer"  # the author's own day
    links = {a.get_text(): str(a["href"]) for a in meta.select("a.mmark-post-term")}
    assert links == {
        "astronomy": "../../tags/astronomy/",
        "Deep Sky": "../../tags/deep-sky/",
        "observing": "../../categories/observing/",
    }
    for target in links.values():
        assert (out / "posts" / "first" / target / "index.html").is_file(), target
    for page in ("index.html", "posts/index.html", "posts/plain/index.html"):
        assert "mmark-post-meta" not in (out / page).read_text("utf-8"), page


def test_post_metadata_in_latex_and_dirhtml(tmp_path: Path) -> None:
    srcdir = _meta_project(tmp_path)
    tex = next(build(srcdir, "latex").outdir.glob("*.tex")).read_text("utf-8")
    assert "March 4, 2021" in tex
    assert "Deep Sky" in tex
    dirhtml = build(srcdir, "dirhtml").outdir / "posts" / "first" / "index.html"
    text = dirhtml.read_text("utf-8")
    assert "March 4, 2021" in text
    assert "tags/astronomy" not in text  # no term pages there: no links


def test_no_post_metadata_outside_hugo_sites(tmp_path: Path) -> None:
    write_project(tmp_path / "src", {"index.md": "# Home\n", "post.md": POST})
    html = build(tmp_path / "src", "html").html("post")
    assert "mmark-post-meta" not in html
