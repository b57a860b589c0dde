from __future__ import annotations

from pathlib import Path

import pytest

from ingest.lawrefbook import read_lawrefbook_dir, read_lawrefbook_file
from knowledge.corpus import Corpus

# Wording mirrors the LawRefBook layout; the reader must not care what the articles say.
OLD_VERSION = """# 中华人民共和国示例劳动法

2007年6月29日 第十届全国人民代表大会常务委员会第二十八次会议通过

<!-- INFO END -->

## 第一章 总则

第一条 旧版本第一条。

第二条 旧版本第二条。
"""

NEW_VERSION = """# 中华人民共和国示例劳动法

2007年6月29日 通过
根据2012年12月28日 决定修正

<!-- INFO END -->

---

## 第一章 总则

第一条　为了示例，制定本法。

第二条 第一款内容。

第二款内容。

<!-- 注释不是条文 -->

## 第二章 劳动合同

### 第一节 订立

第十条 建立劳动关系，应当订立书面劳动合同。

第十条之一 补充规定。

### 第二节 履行

第一百零三条 履行规定。

第十四条规定的情形不是新条文。

## 第三章 附则

**第二百二十一条** 本法自公布之日起施行。
"""


def _write(path: Path, text: str) -> Path:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(text, encoding="utf-8")
    return path


@pytest.fixture()
def new_file(tmp_path: Path) -> Path:
    return _write(tmp_path / "社会法" / "示例劳动法(2012-12-28).md", NEW_VERSION)


def test_articles_chapters_and_sections(new_file: Path) -> None:
    arts = read_lawrefbook_file(new_file, level="社会法")
    assert [a.article for a in arts] == [
        "第一条", "第二条", "第十条", "第十条之一", "第一百零三条", "第二百二十一条"
    ]
    assert [(a.article_no, a.article_sub) for a in arts] == [
        (1, 0), (2, 0), (10, 0), (10, 1), (103, 0), (221, 0)
    ]
    first = arts[0]
    assert first.law == "中华人民共和国示例劳动法"
    assert first.law_key == "示例劳动法"
    assert first.level == "社会法"
    assert first.effective == "2012-12-28"
    assert first.chapter == "第一章 总则"
    assert first.text == "为了示例，制定本法。"
    assert arts[2].chapter == "第二章 劳动合同 / 第一节 订立"
    assert arts[4].chapter == "第二章 劳动合同 / 第二节 履行"
    assert arts[5].chapter == "第三章 附则"


def test_multi_paragraph_and_noise(new_file: Path) -> None:
    arts = {a.article: a for a in read_lawrefbook_file(new_file)}
    assert arts["第二条"].text == "第一款内容。\n第二款内容。"
    # A paragraph opening with "第十四条规定" cites an article; it is not a new one.
    assert arts["第一百零三条"].text == "履行规定。\n第十四条规定的情形不是新条文。"
    assert all("注释" not in a.text and "---" not in a.text for a in arts.values())
    assert arts["第二百二十一条"].text == "本法自公布之日起施行。"


def test_effective_from_parameter_then_front_matter(tmp_path: Path) -> None:
    undated = _write(tmp_path / "示例劳动法.md", NEW_VERSION)
    assert read_lawrefbook_file(undated, effective="2020-01-01")[0].effective == "2020-01-01"
    assert read_lawrefbook_file(undated)[0].effective == "2012-12-28"


def test_directory_keeps_latest_version(tmp_path: Path, new_file: Path) -> None:
    _write(tmp_path / "社会法" / "示例劳动法(2007-06-29).md", OLD_VERSION)
    _write(tmp_path / "司法解释" / "空文件.md", "# 没有条文\n\n只有说明。\n")
    arts = read_lawrefbook_dir(tmp_path)
    assert {a.effective for a in arts} == {"2012-12-28"}
    assert len(arts) == 6
    assert arts[0].source == "社会法/示例劳动法(2012-12-28).md"
    corpus = Corpus(tuple(arts))
    found = corpus.by_key(("示例劳动法", "第十条之一"))
    assert found is not None and found.text == "补充规定。"


def test_repeated_numbers_keep_first(tmp_path: Path) -> None:
    text = "# 某决定\n\n第一条 正文。\n\n## 附件\n\n第一条 附件条文。\n"
    arts = read_lawrefbook_file(_write(tmp_path / "某决定(2001-01-01).md", text))
    assert [a.text for a in arts] == ["正文。"]


def test_law_split_over_files_is_merged(tmp_path: Path) -> None:
    head = "# 中华人民共和国示例法典\n\n2020年5月28日 通过\n\n<!-- INFO END -->\n\n"
    _write(tmp_path / "示例法典" / "合同编.md", head + "## 第三编 合同\n\n第四百六十三条 合同编条文。\n")
    _write(tmp_path / "示例法典" / "总则.md", head + "## 第一编 总则\n\n第一条 总则条文。\n")
    arts = read_lawrefbook_dir(tmp_path)
    assert [(a.article_no, a.chapter) for a in arts] == [(1, "第一编 总则"), (463, "第三编 合同")]
    assert {a.effective for a in arts} == {"2020-05-28"}
    assert arts[1].source == "示例法典/合同编.md"
