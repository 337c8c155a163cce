"""The demo roundtable's records as the examples' answers show them, before the story changes
them (its event, rooms, keynote speakers, sub-forum titles, registration form, the exchange's
water-pollution topic and Example Enterprise C's presentation): several chapters show them."""

from __future__ import annotations

from typing import Any

from lmevents.api.examples.story import (
    ALISON_JERKINS,
    API,
    ENTERPRISE_C,
    EXCHANGE_ROOM,
    NO_TEXT,
    ORGANIZATION_QUESTION,
    PLENARY_ROOM,
    ROOM_A,
    ROOM_B,
    SITE,
    SLUG,
    TANG_DINGDING,
    TECHNICAL_QUESTION,
    WATER_TOPIC,
    Ref,
    page,
    text,
)

PLACEHOLDER = text("演示用的占位内容：这家企业是虚构的，不代表任何真实企业、产品或业绩。",
                   "A placeholder for the demo: this enterprise is fictional and stands for no "
                   "real company, product or track record.")


def event_links(slug: str) -> dict[str, str]:
    return {"page": f"{SITE}/events/{slug}/", "agenda": f"{SITE}/events/{slug}/agenda",
            "sessions": f"{SITE}{API}/events/{slug}/sessions",
            "subforums": f"{SITE}{API}/events/{slug}/subforums"}


HOSTS = [
    {"name": text("澜沧江-湄公河环境合作中心", "Lancang-Mekong Environmental Cooperation Center"),
     "abbreviation": "LMEC", "role": "host", "url": "http://www.lmec.org.cn"},
    {"name": text("生态环境部对外合作与交流中心",
                  "Foreign Environmental Cooperation Center, Ministry of Ecology and "
                  "Environment"),
     "abbreviation": "FECO", "role": "host", "url": None},
]
ADDRESS = text("北京市西城区后英房胡同5号",
               "No. 5 Houyingfang Hutong, Xicheng District, Beijing, China")
DEMO_EVENT = {
    "slug": SLUG,
    "title": text("澜湄环境合作圆桌对话", "Lancang-Mekong Environmental Cooperation Roundtable"),
    "theme": text("澜湄国家生物多样性保护与可持续基础设施政策交流，"
                  "共建绿色、低碳、可持续的澜湄流域经济发展带",
                  "Policy exchange on biodiversity conservation and sustainable infrastructure "
                  "in the Lancang-Mekong countries: towards a green, low-carbon, sustainable "
                  "Lancang-Mekong economic development belt"),
    "description": text("澜湄国家（中国、老挝、缅甸、泰国、柬埔寨、越南）在生物多样性保护与"
                        "可持续基础设施领域的政策交流和经验分享。"
                        "下午举行线上澜湄区域环境合作技术交流活动。",
                        "Policy exchange and sharing of experience among the Lancang-Mekong "
                        "countries (China, Laos, Myanmar, Thailand, Cambodia, Vietnam) on "
                        "biodiversity conservation and sustainable infrastructure. In the "
                        "afternoon, an online technical exchange between environmental "
                        "enterprises and the Mekong countries."),
    "schedule_note": text("演示数据：会议报告未给出日期和具体时间，此处日期与时间仅为示意。",
                          "Demo data: the event's report gives no date or clock times; the "
                          "date and times shown here are illustrative."),
    "timezone": "Asia/Shanghai", "start_date": "2020-11-26", "end_date": "2020-11-26",
    "default_language": "zh", "registration_mode": "open", "registration_closes_at": None,
    "join_opens_minutes": 15, "registration_open": True, "published": True, "hosts": HOSTS,
    "contact": {"address": ADDRESS, "postcode": "100035", "phone": "+86-010-82268277/8221",
                "fax": "+86-010-82200579", "emails": [], "website": "http://www.lmec.org.cn",
                "wechat": text("澜沧江-湄公河环境合作中心",
                               "澜沧江-湄公河环境合作中心 (Lancang-Mekong Environmental "
                               "Cooperation Center)")},
    "links": event_links(SLUG),
}


def room(ref: Ref, zh: str, en: str, *, platform: str = "zoom", passcode: str = "lm-2024",
         floor: str | None = "zh") -> dict[str, Any]:
    number = f"810000000{ref.shown}"  # made up: never a deployment's own join details
    other = "en" if floor == "zh" else "zh"
    return {"id": ref, "name": text(zh, en), "platform": platform,
            "join_url": f"https://meeting.example.org/j/{number}", "meeting_id": number,
            "passcode": passcode, "floor_language": floor,
            "channels": [] if floor is None else [
                {"language": other, "channel": "English" if other == "en" else "中文",
                 "join_url": None}]}


def public(room: dict[str, Any]) -> dict[str, Any]:
    """A room as everyone sees it: no join details."""
    return {name: room[name] for name in ("id", "name", "platform")}


PLENARY = room(PLENARY_ROOM, "主会场", "Plenary room")
SUBFORUM_A_ROOM = room(ROOM_A, "分论坛A会议室", "Sub-forum A room")
SUBFORUM_B_ROOM = room(ROOM_B, "分论坛B会议室", "Sub-forum B room", floor="en")
EXCHANGE_ROOM_DETAILS = room(EXCHANGE_ROOM, "技术交流线上会议室", "Technical exchange room")

DEMO_LOADED = "2020-11-02T02:00:00+00:00"  # when the demo was loaded, in the story


def person_lines(speaker_id: Ref, name: dict, position: dict, organization: dict,
                 country: str | None, display: str, honorific: dict = NO_TEXT) -> dict:
    """What every listing of a speaker says of them."""
    return {"speaker_id": speaker_id, "name": name, "name_native": None,
            "honorific": honorific, "position": position, "organization": organization,
            "country": country, "display": display}


KEYNOTE_SPEAKERS = [
    {**person_lines(TANG_DINGDING, text("唐丁丁", "Tang Dingding"),
                    text("联合秘书长；原亚洲开发银行合规审查委员会主席",
                         "Joint Secretary General; former Chair of the Compliance Review "
                         "Panel of the Asian Development Bank"),
                    text("国际金融论坛", "International Finance Forum"), "CN", "Tang Dingding"),
     "role": "keynote",
     "talk_title": text("澜湄流域绿色经济发展带建设合作展望",
                        "Outlook for cooperation on the Lancang-Mekong green economic "
                        "development belt")},
    {**person_lines(ALISON_JERKINS, text("Alison Jerkins", "Alison Jerkins"),
                    text("南南合作与伙伴关系处处长",
                         "Chief of South-South Cooperation and Partnerships"),
                    text("联合国儿童基金会", "UNICEF"), None, "Dr. Alison Jerkins",
                    honorific=text("博士", "Dr.")),
     "role": "keynote",
     "talk_title": text("区域气候适应性基础设施建设",
                        "Regional climate-adaptive infrastructure: climate-smart schools, "
                        "water and sanitation as low-cost social infrastructure")},
]
SUBFORUM_A_TITLE = text("澜湄低碳工业园区建设：应对气候变化与可持续发展",
                        "Lancang-Mekong low-carbon industrial parks: responding to climate "
                        "change and sustainable development")
SUBFORUM_B_TITLE = text("澜湄可持续基础设施与生态系统管理实践分享",
                        "Lancang-Mekong sustainable infrastructure and ecosystem management: "
                        "sharing practice")
QUESTIONS = [
    {"id": ORGANIZATION_QUESTION, "kind": "choice",
     "label": text("您所在机构的类型", "Your organization is"),
     "options": [text("政府部门", "a government body"), text("企业", "an enterprise"),
                 text("科研院所或高校", "a research institute or university"),
                 text("国际组织", "an international organization"),
                 text("社会组织", "a non-governmental organization"),
                 text("新闻媒体", "the media")],
     "required": True, "position": 0},
    {"id": TECHNICAL_QUESTION, "kind": "text",
     "label": text("您希望在技术交流中讨论的需求或问题",
                   "Needs or questions you would like to raise in the technical exchange"),
     "options": [], "required": False, "position": 1},
]
WATER_TOPIC_TITLE = text("湄公河国家水污染治理需求及中方相关治理经验",
                         "Water-pollution treatment needs of the Mekong countries and Chinese "
                         "experience")
WATER_TOPIC_DESCRIPTION = text("湄公河国家介绍水污染治理需求，中方企业分享相关治理经验。",
                               "The Mekong countries present their water-pollution treatment "
                               "needs; Chinese enterprises share their experience.")
EXCHANGE_TITLE = text("澜湄区域环境合作技术交流活动（线上）",
                      "Online technical exchange: environmental enterprises and the Mekong "
                      "countries")
ENTERPRISE_C_NAME = text("示例企业C（演示数据）", "Example Enterprise C (demo data)")
ENTERPRISE_C_TITLE = text(f"示例介绍：{WATER_TOPIC_TITLE['zh']}",
                          f"Sample presentation: {WATER_TOPIC_TITLE['en']}")
ENTERPRISE_C_PRESENTATION = {
    "id": ENTERPRISE_C, "topic_id": WATER_TOPIC, "position": 0, "enterprise": ENTERPRISE_C_NAME,
    "enterprise_text": ENTERPRISE_C_NAME["zh"], "title": ENTERPRISE_C_TITLE,
    "title_text": ENTERPRISE_C_TITLE["zh"], "summary": PLACEHOLDER, "country": "CN",
    "presenter": None, "accepts_meetings": True, "url": page("exchange/presentations/3"),
}
