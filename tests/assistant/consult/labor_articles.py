"""A handful of real articles, copied verbatim from the knowledge pack (checked by
``test_citecheck.test_test_articles_match_the_pack``), for citation-check and generation tests."""

from __future__ import annotations

from knowledge.citations import CitationResolver
from knowledge.corpus import Article, Corpus, law_key

LCL = "中华人民共和国劳动合同法"
LL = "中华人民共和国劳动法"
CC = "中华人民共和国民法典"

# (law, short, article, article_no, effective, text)
ROWS: tuple[tuple[str, str, str, int, str, str], ...] = (
    (LCL, "劳动合同法", "第十条", 10, "2013-07-01",
     "建立劳动关系，应当订立书面劳动合同。\n已建立劳动关系，未同时订立书面劳动合同的，"
     "应当自用工之日起一个月内订立书面劳动合同。\n用人单位与劳动者在用工前订立劳动合同的，"
     "劳动关系自用工之日起建立。"),
    (LCL, "劳动合同法", "第三十条", 30, "2013-07-01",
     "用人单位应当按照劳动合同约定和国家规定，向劳动者及时足额支付劳动报酬。\n"
     "用人单位拖欠或者未足额支付劳动报酬的，劳动者可以依法向当地人民法院申请支付令，"
     "人民法院应当依法发出支付令。"),
    (LCL, "劳动合同法", "第八十二条", 82, "2013-07-01",
     "用人单位自用工之日起超过一个月不满一年未与劳动者订立书面劳动合同的，应当向劳动者每月支付"
     "二倍的工资。\n用人单位违反本法规定不与劳动者订立无固定期限劳动合同的，自应当订立无固定期限"
     "劳动合同之日起向劳动者每月支付二倍的工资。"),
    (LL, "劳动法", "第五十条", 50, "2018-12-29",
     "工资应当以货币形式按月支付给劳动者本人。不得克扣或者无故拖欠劳动者的工资。"),
    (CC, "民法典", "第五百七十七条", 577, "2021-01-01",
     "当事人一方不履行合同义务或者履行合同义务不符合约定的，应当承担继续履行、采取补救措施或者"
     "赔偿损失等违约责任。"),
)

# Citations that must never survive: no such article, no such law, a repealed law.
INVENTED = "《劳动合同法》第九百条"
UNKNOWN_LAW = "某某不存在条例"


def articles() -> list[Article]:
    return [
        Article(law, law_key(law), short, "法律", "", art, no, 0, text, eff)
        for law, short, art, no, eff, text in ROWS
    ]


def corpus() -> Corpus:
    return Corpus(tuple(articles()))


def resolver() -> CitationResolver:
    return CitationResolver(corpus())


def article(short: str, no: int) -> Article:
    found = corpus().find(short, no)
    assert found is not None, (short, no)
    return found
