"""The law-derived classification set: a question's category follows from its gold articles."""

from __future__ import annotations

from pathlib import Path

from eval.lawderived import article_category, civil_code_chapters, law_categories, question_category


def test_laws_and_civil_code_books_decide_the_category(data_dir: Path) -> None:
    laws = law_categories()
    chapters = civil_code_chapters(data_dir / "statutes")

    def cat(law: str, article: str) -> str | None:
        return article_category(law, article, laws=laws, chapters=chapters)

    assert cat("中华人民共和国劳动合同法", "第八十二条") == "labor_wages"
    assert cat("民法典", "第一千零七十九条") == "marriage_family_inheritance"  # 离婚
    assert cat("民法典", "第七百零三条") == "housing_property_neighbor"  # 租赁合同
    assert cat("民法典", "第六百六十七条") == "contract_debt"  # 借款合同
    assert cat("民法典", "第三百三十条") == "rural_land_grassland"  # 土地承包经营权
    assert cat("民法典", "第一千二百零八条") == "traffic_accident"  # 机动车交通事故责任
    assert cat("民法典", "第一百八十八条") is None  # 总则 decides nothing
    assert cat("民事诉讼法", "第一百二十二条") is None  # procedure decides nothing
    assert cat("劳动法", "第五十条") is None  # named by two categories


def test_a_question_pointing_to_two_categories_is_left_out(data_dir: Path) -> None:
    laws = law_categories()
    chapters = civil_code_chapters(data_dir / "statutes")
    one = [{"law": "民法典", "article": "第一千零七十九条"}, {"law": "民法典", "article": "第一百八十八条"}]
    two = [*one, {"law": "劳动合同法", "article": "第八十二条"}]
    assert question_category(one, laws=laws, chapters=chapters) == "marriage_family_inheritance"
    assert question_category(two, laws=laws, chapters=chapters) is None
