"""Realistic multi-turn consultations, two or more per category.

Each script: the user's turns, the category expected, words the first reply's clarifying
questions must contain (empty when the first turn already says enough), and the article the
final answer must cite (law key, 第X条) — the key article a legal-aid lawyer would point to.
"""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class Script:
    name: str
    turns: tuple[str, ...]
    category: str
    asks: tuple[str, ...]
    cites: tuple[str, str]


SCRIPTS: tuple[Script, ...] = (
    Script("no_contract_double_wage",
           ("我在一家饭店干了八个月服务员，老板一直没跟我签劳动合同，我能要什么？",
            "我还在那里干，工资每月四千元，有工资条。"),
           "labor_wages", ("欠了您多少钱",), ("劳动合同法", "第八十二条")),
    Script("unpaid_wages_left_job",
           ("包工头欠了我们三个月工钱不给，怎么办？",
            "去年10月干完活就走了，欠我一万二千元，没签合同，有他写的欠条。"),
           "labor_wages", ("签没签书面劳动合同", "是哪天离开的"), ("劳动合同法", "第八十五条")),
    Script("injury_at_work_recognition",
           ("我在工厂上班时手被机器轧伤了，单位不给我申请工伤，我该怎么办？",
            "今年9月3日受的伤，单位没给交社保。"),
           "work_injury", ("哪天受的伤",), ("工伤保险条例", "第十七条")),
    Script("injury_on_site",
           ("在工地干活从架子上摔下来腿骨折了，老板只给了两千块医药费就不管了",
            "是2026年8月出的事，单位没有申请工伤认定，也没交保险。"),
           "work_injury", ("工伤认定",), ("工伤保险条例", "第十四条")),
    Script("contested_divorce",
           ("我想离婚，但是我老公不同意，怎么办？",
            "有一个八岁的孩子，还有一套房子。"),
           "marriage_family_inheritance", ("孩子",), ("民法典", "第一千零七十九条")),
    Script("inheritance_no_will",
           ("我父亲去世了没有留遗嘱，他的房子哥哥要一个人占着，我能分遗产吗？",
            "母亲早就不在了，家里就我和哥哥两个孩子。"),
           "marriage_family_inheritance", (), ("民法典", "第一千一百二十七条")),
    Script("loan_not_repaid",
           ("朋友借了我五万块钱，说好今年6月还，到现在也不还，怎么办？",
            "有他写的借条，也有微信转账记录。"),
           "contract_debt", (), ("民法典", "第六百七十五条")),
    Script("loan_no_date",
           ("亲戚前年借了我两万元，没约定什么时候还，现在不承认了",
            "有银行转账记录和微信聊天记录。"),
           "contract_debt", (), ("民法典", "第六百七十五条")),
    Script("traffic_injury",
           ("我骑电动车被小轿车撞了，腿骨折住院，对方保险公司怎么赔？",
            "2026年10月5日出的事，交警认定对方全责。"),
           "traffic_accident", ("事故是哪天发生的",), ("道路交通安全法", "第七十六条")),
    Script("traffic_hit_pedestrian",
           ("我母亲过马路被车撞了，司机跑了，后来找到了，赔偿怎么算？",
            "上个月出的事，交警出了事故认定书，我母亲住院了。"),
           "traffic_accident", (), ("道路交通安全法", "第七十六条")),
    Script("fake_goods_online",
           ("我在网上买了一部手机，收到发现是假货，商家不给退，怎么办？",
            "花了三千元，有订单截图和聊天记录。"),
           "consumer_rights", (), ("消费者权益保护法", "第五十五条")),
    Script("fake_goods_store",
           ("在商场买的金首饰，鉴定是假的，商家是不是欺诈，能赔多少？",
            "花了八千元，有发票和鉴定报告。"),
           "consumer_rights", (), ("消费者权益保护法", "第五十五条")),
    Script("neighbour_drain",
           ("邻居在他家门口修了个台子，把我家的排水沟堵了，下雨就淹，怎么办？",
            "没有书面协议，损失大概两千元。"),
           "housing_property_neighbor", (), ("民法典", "第二百八十八条")),
    Script("property_fee",
           ("小区物业服务太差，我不想交物业费了，可以吗？",
            "有物业合同，一年物业费两千四百元。"),
           "housing_property_neighbor", (), ("物业管理条例", "第四十一条")),
    Script("land_contract_taken",
           ("村里把我家承包的地收回去给别人种了，我家有承包合同，怎么办？",
            "是村委会收的，有土地承包经营权证。"),
           "rural_land_grassland", (), ("农村土地承包法", "第五十五条")),
    Script("grassland_dispute",
           ("我家承包的草场被邻居家的牛羊占着放牧，村里调解不了，怎么办？",
            "有草原承包合同和承包经营权证，纠纷是和别的牧户。"),
           "rural_land_grassland", (), ("农村土地承包法", "第五十五条")),
    Script("medical_fault",
           ("我爸在医院做手术，医生把神经弄断了，医院有责任吗？",
            "今年3月做的手术，住院了两个月，现在右手残疾了。"),
           "personal_injury_tort_medical", (), ("民法典", "第一千二百一十八条")),
    Script("dog_bite_injury",
           ("被别人打伤了住院花了一万多医疗费，能要哪些赔偿？",
            "上个月被打的，鼻子骨折，住院十天。"),
           "personal_injury_tort_medical", (), ("民法典", "第一千一百七十九条")),
    Script("domestic_violence_order",
           ("我丈夫经常打我，上个月又打伤了我，我想申请保护令，怎么申请？",
            "我现在住在娘家，暂时安全，有报警记录和验伤报告。"),
           "vulnerable_groups_dv", (), ("反家庭暴力法", "第二十三条")),
    Script("elderly_support",
           ("我今年七十多岁了，儿子不给赡养费也不管我，我该怎么办？",
            "我现在安全，有他不接电话的记录。"),
           "vulnerable_groups_dv", (), ("老年人权益保障法", "第十四条")),
    Script("criminal_family_lawyer",
           ("我儿子因为打架被公安抓了，家里没钱请律师，怎么办？",
            "现在在看守所，派出所说要起诉。我是他母亲。"),
           "criminal", (), ("刑事诉讼法", "第三十五条")),
    Script("criminal_defendant_legal_aid",
           ("我丈夫被刑事拘留了，家里穷请不起律师，能申请法律援助吗？",
            "已经被逮捕了，案子在检察院。我是他家属。"),
           "criminal", (), ("刑事诉讼法", "第三十五条")),
    Script("admin_fine",
           ("城管罚了我五千块钱，我觉得不合理，可以告他们吗？",
            "罚款决定是2026年10月20日收到的，是城管局作出的。"),
           "administrative", (), ("行政复议法", "第二十条")),
    Script("admin_demolition_decision",
           ("镇政府下决定说我家房子是违建要拆，我不服，怎么办？",
            "决定书是上个月收到的，是镇政府作出的。"),
           "administrative", (), ("行政复议法", "第二十条")),
)
