"""The knowledge base: a folder of Markdown articles with YAML front matter (DESIGN.md)."""

from __future__ import annotations

import hashlib
import re
from dataclasses import dataclass
from pathlib import Path
from typing import Iterable

import yaml

from baton.errors import KnowledgeBaseError, read_input

REQUIRED = ("id", "title", "tag", "questions")
_BLOCK_START = ("- ", "* ", "+ ", "#", ">", "|", "```")
_ORDERED = re.compile(r"\d+[.)]\s")


def unwrap(markdown: str) -> str:
    """Join soft-wrapped lines of a Markdown paragraph (a single newline is not a line break),
    keeping blank lines, list items, headings, quotes, tables and code blocks as they are."""
    out: list[str] = []
    in_code = False
    for line in markdown.splitlines():
        stripped = line.strip()
        if stripped.startswith("```"):
            in_code = not in_code
            out.append(line)
            continue
        joinable = (not in_code and stripped and out and out[-1].strip() and not out[-1].strip().startswith("```")
                    and not stripped.startswith(_BLOCK_START) and not _ORDERED.match(stripped))
        if joinable:
            out[-1] = f"{out[-1].rstrip()} {stripped}"
        else:
            out.append(line)
    return "\n".join(out)


@dataclass(frozen=True)
class Article:
    """One knowledge-base article: the answer body and the phrasings it answers."""

    id: str
    title: str
    tag: str
    questions: tuple[str, ...]
    body: str
    path: str = ""


class KnowledgeBase:
    """All articles, in a stable order, with a content fingerprint for caches."""

    def __init__(self, articles: Iterable[Article], source: str = "<memory>") -> None:
        self.articles: list[Article] = sorted(articles, key=lambda a: a.id)
        self.source = source
        self._by_id = {a.id: a for a in self.articles}

    def __len__(self) -> int:
        return len(self.articles)

    def __getitem__(self, article_id: str) -> Article:
        return self._by_id[article_id]

    def __contains__(self, article_id: object) -> bool:
        return article_id in self._by_id

    def without_articles(self, tags: Iterable[str]) -> list[str]:
        """The `tags` no article carries. The embedded engine places a message only on an
        article, so it never hands one to these skills' queues: a complaints team with no
        complaints article gets no complaint."""
        used = {a.tag for a in self.articles}
        return [t for t in tags if t not in used]

    @property
    def fingerprint(self) -> str:
        h = hashlib.sha256()
        for a in self.articles:
            for part in (a.id, a.title, a.tag, *a.questions, a.body):
                h.update(part.encode())
                h.update(b"\x00")
        return h.hexdigest()[:16]


def parse_article(text: str, path: str | Path, tags: Iterable[str] | None = None) -> Article:
    """Parse one article file; errors name the file and the line or key."""
    lines = text.splitlines()
    if not lines or lines[0].strip() != "---":
        raise KnowledgeBaseError(path, "line 1", "expected '---' opening the YAML front matter")
    try:
        end = next(i for i in range(1, len(lines)) if lines[i].strip() == "---")
    except StopIteration:
        raise KnowledgeBaseError(path, "line 1", "front matter is never closed by '---'") from None
    try:
        meta = yaml.safe_load("\n".join(lines[1:end])) or {}
    except yaml.YAMLError as exc:
        mark = getattr(exc, "problem_mark", None)
        where = f"line {mark.line + 2}" if mark else None
        raise KnowledgeBaseError(path, where, f"invalid YAML front matter: {getattr(exc, 'problem', exc)}") from None
    if not isinstance(meta, dict):
        raise KnowledgeBaseError(path, "line 2", "front matter must be a mapping of keys")

    def line_of(key: str) -> str:
        for i in range(1, end):
            if lines[i].lstrip().startswith(f"{key}:"):
                return f"line {i + 1}, key '{key}'"
        return f"key '{key}'"

    for key in REQUIRED:
        if key not in meta:
            raise KnowledgeBaseError(path, f"key '{key}'", "missing (required: id, title, tag, questions)")
        if meta[key] in (None, "", []):
            raise KnowledgeBaseError(path, line_of(key), "is empty" + (
                ": give at least one example phrasing" if key == "questions" else ""))
    for key in ("id", "title", "tag"):
        if not isinstance(meta[key], (str, int)):
            raise KnowledgeBaseError(path, line_of(key), "must be a string")
    questions = meta["questions"]
    if isinstance(questions, str):
        questions = [questions]
    if not isinstance(questions, list) or not all(isinstance(q, str) and q.strip() for q in questions):
        raise KnowledgeBaseError(path, line_of("questions"), "must be a list of at least one non-empty string")
    tag = str(meta["tag"]).strip()
    if tags is not None and tag not in set(tags):
        raise KnowledgeBaseError(path, line_of("tag"),
                                 f"tag {tag!r} is not defined in the policy (known: {', '.join(sorted(tags))})")
    body = unwrap("\n".join(lines[end + 1:]).strip())
    if not body:
        raise KnowledgeBaseError(path, f"line {end + 2}", "the article has no answer text after the front matter")
    return Article(id=str(meta["id"]).strip(), title=str(meta["title"]).strip(), tag=tag,
                   questions=tuple(q.strip() for q in questions), body=body, path=str(path))


MARKDOWN = (".md", ".markdown")


def article_files(folder: Path) -> list[Path]:
    """The Markdown files under `folder` (any depth, `.md` or `.markdown` in any case), without a
    README and without hidden files or folders: an editor's backup or the `._` copies a Mac
    leaves in a zip are no articles."""
    return sorted(p for p in folder.rglob("*") if p.is_file() and p.suffix.lower() in MARKDOWN
                  and p.stem.lower() != "readme"
                  and not any(part.startswith(".") for part in p.relative_to(folder).parts))


def load_kb(folder: str | Path, tags: Iterable[str] | None = None) -> KnowledgeBase:
    """Load every article under `folder` (`article_files`); duplicate ids and unknown tags are errors."""
    folder = Path(folder)
    if not folder.is_dir():
        raise KnowledgeBaseError(folder, None, "not a folder of Markdown articles")
    tag_list = list(tags) if tags is not None else None
    articles: dict[str, Article] = {}
    for path in article_files(folder):
        article = parse_article(read_input(path, KnowledgeBaseError), path, tag_list)
        if article.id in articles:
            raise KnowledgeBaseError(path, "key 'id'", f"duplicate id {article.id!r} (also in {articles[article.id].path})")
        articles[article.id] = article
    if not articles:
        raise KnowledgeBaseError(folder, None, "no Markdown articles found")
    return KnowledgeBase(articles.values(), source=str(folder))
