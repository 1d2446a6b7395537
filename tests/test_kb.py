from pathlib import Path

import pytest

from baton.errors import KnowledgeBaseError
from baton.kb import load_kb, parse_article

GOOD = """---
id: a1
title: A title
tag: orders
questions:
  - first question
---
The answer.
"""


def test_demo_kb(kb, policy):
    assert len(kb) >= 30
    assert {a.tag for a in kb.articles} >= {"orders", "returns", "refunds", "billing", "technical", "account", "sales"}
    assert all(a.questions and a.body for a in kb.articles)
    assert all(a.tag in policy.tags for a in kb.articles)


def test_fingerprint_changes_with_content():
    a = parse_article(GOOD, "a.md")
    b = parse_article(GOOD.replace("The answer.", "Another answer."), "a.md")
    from baton.kb import KnowledgeBase

    assert KnowledgeBase([a]).fingerprint != KnowledgeBase([b]).fingerprint


@pytest.mark.parametrize("text, match", [
    (GOOD.replace("questions:\n  - first question\n", ""), "key 'questions': missing"),
    (GOOD.replace("questions:\n  - first question\n", "questions: []\n"),
     r"line \d+, key 'questions': is empty: give at least one example phrasing"),
    (GOOD.replace("title: A title", "title: ''"), r"line 3, key 'title': is empty"),
    (GOOD.replace("tag: orders", "tag: astrology"), r"line 4, key 'tag': tag 'astrology' is not defined"),
    (GOOD.replace("---\nThe answer.", "---\n"), "no answer text"),
    (GOOD.replace("title: A title", "title: [unclosed"), "invalid YAML"),
    ("no front matter", "line 1"),
    (GOOD.replace("  - first question", "  - ''"), "questions"),
])
def test_bad_articles_name_file_and_key(text, match):
    with pytest.raises(KnowledgeBaseError, match=match) as exc:
        parse_article(text, "kb/bad.md", tags=["orders"])
    assert "kb/bad.md" in str(exc.value)


def test_duplicate_ids(tmp_path: Path):
    (tmp_path / "a.md").write_text(GOOD)
    (tmp_path / "b.md").write_text(GOOD)
    with pytest.raises(KnowledgeBaseError, match="duplicate id 'a1'"):
        load_kb(tmp_path, ["orders"])


def test_empty_folder(tmp_path: Path):
    with pytest.raises(KnowledgeBaseError, match="no Markdown articles"):
        load_kb(tmp_path)


def test_soft_wrapped_lines_are_joined_but_lists_kept():
    from baton.kb import unwrap

    assert unwrap("Click Cancel\norder to stop it.\n\nSecond paragraph") == "Click Cancel order to stop it.\n\nSecond paragraph"
    assert unwrap("Steps:\n- one\n- two\n1. first") == "Steps:\n- one\n- two\n1. first"


def test_files_saved_by_windows_editors_load(tmp_path: Path):
    """A byte-order mark and CRLF line endings, as Notepad and many Windows editors save them."""
    (tmp_path / "a.md").write_bytes(b"\xef\xbb\xbf" + GOOD.replace("\n", "\r\n").encode())
    [article] = load_kb(tmp_path, ["orders"]).articles
    assert (article.id, article.title, article.questions) == ("a1", "A title", ("first question",))
    assert article.body == "The answer."


def test_an_article_not_saved_as_utf8_is_an_error_naming_file_and_line(tmp_path: Path):
    (tmp_path / "a.md").write_bytes(GOOD.replace("A title", "Caf\xe9 hours").encode("cp1252"))
    with pytest.raises(KnowledgeBaseError, match=r"a\.md: line 3: not UTF-8 text \(byte 0xe9\)"):
        load_kb(tmp_path, ["orders"])


def test_articles_are_found_at_any_depth_in_any_markdown_spelling_and_hidden_files_are_skipped(tmp_path: Path):
    (tmp_path / "billing").mkdir()
    (tmp_path / "billing" / "b.MD").write_text(GOOD.replace("a1", "b1"))
    (tmp_path / "c.markdown").write_text(GOOD.replace("a1", "c1"))
    (tmp_path / "a.md").write_text(GOOD)
    # what a Mac's zip and an editor leave behind, and a README, are no articles
    (tmp_path / "__MACOSX").mkdir()
    (tmp_path / "__MACOSX" / "._a.md").write_bytes(b"\x00\x05\x16\x07\x00\x02\x00\x00Mac OS X")
    (tmp_path / ".a.md.swp").write_bytes(b"b0VIM 9.0\x00")
    (tmp_path / ".drafts").mkdir()
    (tmp_path / ".drafts" / "d.md").write_text(GOOD.replace("a1", "d1"))
    (tmp_path / "README.markdown").write_text("# How to write articles\n")
    kb = load_kb(tmp_path, ["orders"])
    assert [a.id for a in kb.articles] == ["a1", "b1", "c1"]


def test_an_article_that_cannot_be_read_is_an_error_naming_it(tmp_path: Path, monkeypatch):
    (tmp_path / "a.md").write_text(GOOD)

    def denied(self):
        raise PermissionError(13, "Permission denied")

    monkeypatch.setattr(Path, "read_bytes", denied)
    with pytest.raises(KnowledgeBaseError, match=r"a\.md: cannot be read \(Permission denied\)"):
        load_kb(tmp_path, ["orders"])
