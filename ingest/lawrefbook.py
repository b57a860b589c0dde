"""Reader for the public LawRefBook/Laws markdown collection (one file per law version).

The format, as published at github.com/LawRefBook/Laws::

    # 中华人民共和国劳动合同法            <- law title
    2012年12月28日 ... 修正              <- optional front matter, ended by the marker below
    <!-- INFO END -->
    ## 第一章 总则                       <- chapter (### 第一节 ... is a section inside it)
    第一条 为了完善劳动合同制度，……      <- article: 第X条 / 第X条之一, a space, then text
    第二款的段落……                       <- further paragraphs belong to the article above

The version date comes from the file name (``劳动合同法(2012-12-28).md``), else from the
``effective`` argument, else from the last date in the front matter.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, replace
from pathlib import Path

from knowledge.corpus import Article, law_key
from knowledge.numerals import cn_to_int

# Nested headings are joined the way the curated statutes in the knowledge pack join them,
# so chapters read identically whichever source an article came from.
CHAPTER_SEP = " / "

_NUM = r"[零〇一二两三四五六七八九十百千\d]+"
_ARTICLE_RE = re.compile(
    rf"^\**\s*第({_NUM})条(?:之({_NUM}))?\s*\**(?:[\s\u3000]+(.*))?$"
)
_HEADING_RE = re.compile(r"^(#{1,6})\s+(.+?)\s*#*$")
_FILE_DATE_RE = re.compile(r"[(（](\d{4}-\d{2}-\d{2})[)）]")
_CN_DATE_RE = re.compile(r"(\d{4})年(\d{1,2})月(\d{1,2})日")
_INFO_END = "<!-- INFO END -->"


@dataclass(slots=True)
class _Draft:
    """An article being assembled while its paragraphs are read."""

    label: str
    no: int
    sub: int
    chapter: str
    paragraphs: list[str]


def _file_date(path: Path) -> str:
    m = _FILE_DATE_RE.search(path.stem)
    return m.group(1) if m else ""


def _front_matter_date(lines: list[str]) -> str:
    dates = [
        f"{int(y):04d}-{int(mo):02d}-{int(d):02d}"
        for line in lines
        for y, mo, d in _CN_DATE_RE.findall(line)
    ]
    return max(dates, default="")


def _title_from_stem(path: Path) -> str:
    return _FILE_DATE_RE.sub("", path.stem).strip()


def _is_noise(line: str) -> bool:
    """Markup that never carries statute text: comments, rules, tables, images."""
    return line.startswith(("<!--", "|", "![")) or set(line) <= set("-*_=> ")


def _well_formed(m: re.Match[str]) -> bool:
    """A malformed number (第十十条) means the line is prose, not an article heading."""
    try:
        cn_to_int(m.group(1))
        if m.group(2):
            cn_to_int(m.group(2))
    except ValueError:
        return False
    return True


class _Parser:
    """Line-by-line state machine: heading stack, current article, finished articles."""

    def __init__(self) -> None:
        self.title = ""
        self.front: list[str] = []
        self.in_front = True
        self.headings: dict[int, str] = {}
        self.current: _Draft | None = None
        self.done: list[_Draft] = []

    def feed(self, raw: str) -> None:
        line = raw.strip()
        if not line:
            return
        if line == _INFO_END:
            self.in_front = False
            return
        heading = _HEADING_RE.match(line)
        if heading:
            self._heading(len(heading.group(1)), heading.group(2).strip())
            return
        m = _ARTICLE_RE.match(line)
        if m and _well_formed(m):
            self.in_front = False
            self._start_article(m)
            return
        if self.current is not None and not _is_noise(line):
            self.current.paragraphs.append(line)
        elif self.in_front and self.title:
            self.front.append(line)

    def _heading(self, level: int, text: str) -> None:
        if level == 1:
            self.title = self.title or text
            return
        self._close()
        self.in_front = False
        self.headings = {lv: t for lv, t in self.headings.items() if lv < level}
        self.headings[level] = text

    def _start_article(self, m: re.Match[str]) -> None:
        self._close()
        label = f"第{m.group(1)}条" + (f"之{m.group(2)}" if m.group(2) else "")
        sub = cn_to_int(m.group(2)) if m.group(2) else 0
        chapter = CHAPTER_SEP.join(self.headings[lv] for lv in sorted(self.headings))
        first = (m.group(3) or "").strip()
        self.current = _Draft(label, cn_to_int(m.group(1)), sub, chapter, [first] if first else [])

    def _close(self) -> None:
        if self.current is not None and self.current.paragraphs:
            self.done.append(self.current)
        self.current = None

    def finish(self) -> list[_Draft]:
        self._close()
        return self.done


def _first_of_each_number(drafts: list[_Draft]) -> list[_Draft]:
    """Drop repeated article numbers: appended documents (附件) restart at 第一条."""
    seen: set[tuple[int, int]] = set()
    out = []
    for d in drafts:
        if (d.no, d.sub) not in seen:
            seen.add((d.no, d.sub))
            out.append(d)
    return out


def read_lawrefbook_file(
    path: Path, *, level: str = "", effective: str | None = None
) -> list[Article]:
    """Articles of one LawRefBook markdown file, in file order.

    ``effective`` (``YYYY-MM-DD``) is used when the file name carries no ``(YYYY-MM-DD)``.
    Articles without any text (e.g. a bare ``第五条`` heading line) are skipped.
    """
    parser = _Parser()
    with path.open(encoding="utf-8-sig") as fh:
        for raw in fh:
            parser.feed(raw)
    drafts = _first_of_each_number(parser.finish())
    title = parser.title or _title_from_stem(path)
    version = _file_date(path) or effective or _front_matter_date(parser.front)
    key = law_key(title)
    return [
        Article(
            law=title,
            law_key=key,
            short=key,
            level=level,
            chapter=d.chapter,
            article=d.label,
            article_no=d.no,
            article_sub=d.sub,
            text="\n".join(d.paragraphs),
            effective=version,
            source=str(path),
        )
        for d in drafts
    ]


def read_lawrefbook_dir(root: Path) -> list[Article]:
    """All ``*.md`` files under ``root``, keeping only the latest version of each law.

    ``level`` is the top folder below ``root`` (宪法相关法, 社会法, 司法解释, ...). Versions are
    compared by date. A law split over several files of one version (民法典/总则.md,
    民法典/合同编.md, ...) is merged and put in article order. Laws are ordered by the path of
    their first file.
    """
    versions: dict[str, dict[str, list[tuple[str, list[Article]]]]] = {}
    for path in sorted(root.rglob("*.md")):
        rel = path.relative_to(root)
        level = rel.parts[0] if len(rel.parts) > 1 else ""
        articles = [
            replace(a, source=rel.as_posix())
            for a in read_lawrefbook_file(path, level=level)
        ]
        if articles:
            by_date = versions.setdefault(articles[0].law_key, {})
            by_date.setdefault(articles[0].effective, []).append((rel.as_posix(), articles))
    chosen = [by_date[max(by_date)] for by_date in versions.values()]
    return [a for files in sorted(chosen, key=lambda f: f[0][0]) for a in _merge_parts(files)]


def _merge_parts(files: list[tuple[str, list[Article]]]) -> list[Article]:
    if len(files) == 1:
        return files[0][1]
    seen: set[tuple[int, int]] = set()
    merged = []
    for a in sorted((a for _, arts in files for a in arts),
                    key=lambda a: (a.article_no, a.article_sub)):
        if (a.article_no, a.article_sub) not in seen:
            seen.add((a.article_no, a.article_sub))
            merged.append(a)
    return merged
