"""Examples for every call of the JSON API, shown with it in the OpenAPI document (`/api/v1/docs`).

They tell one story on the demo roundtable (`lm-roundtable-2020`, lmevents/demo), a week before
its illustrative day: its organizer prepares the programme and the exchange, a participant from
Laos registers, takes seats, posts a need, asks a presenting enterprise a question and asks it
to meet. EXAMPLES holds one example per call, keyed like the document ("METHOD /api/v1/path/
{param}"), in the order of the story: each uses only what the demo, PEOPLE or an earlier
example made. tests/api/test_examples.py plays them in this order against the loaded demo and
checks that every one is accepted and that each body validates against the schema it
illustrates; it names any call of the document that has no example here. A new call gets its
example at the place of the story where what it needs exists.

Ids are `Ref`s: the document shows the id a record has when the demo is loaded into an empty
database and the story is played, while the replay finds the record wherever it is (see Ref).
PROBLEMS holds the problem+json body of each error status the calls document.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

API = "/api/v1"
SLUG = "lm-roundtable-2020"  # the demo roundtable (lmevents.demo.roundtable.SLUG)
SITE = "https://lmevents.example.org"  # where the answers' links lead, as on a real site
PASSWORD = "a river shared by six countries"  # every account of the examples has this one


@dataclass(frozen=True)
class Ref:
    """The id of a record in an example. `shown` is the id the document shows: the one the
    record gets when the demo is loaded into an empty database and the story is played in
    order. Replayed elsewhere, the record is found again by `kind` and `key`:

    - a record of the demo by its English name (`room`, `session`, `speaker`, `exchange_topic`,
      `presentation`, `registration_question`) or code (`subforum`);
    - `user` by e-mail address, `registration` by its participant's address (PEOPLE);
    - `made` is made by the story itself: its id is the one an earlier example's answer gives
      at the place where that example's `response` has this Ref.
    """

    kind: str
    key: str
    shown: int


def shown(value: Any) -> Any:
    """The example as the document shows it: every Ref as its `shown` id."""
    return resolved(value, lambda ref: ref.shown)


def resolved(value: Any, id_of: Callable[[Ref], int]) -> Any:
    """The example with every Ref (in values and in keys, e.g. answers by question id) replaced
    by `id_of(ref)`."""
    if isinstance(value, Ref):
        return id_of(value)
    if isinstance(value, dict):
        return {str(id_of(k)) if isinstance(k, Ref) else k: resolved(v, id_of)
                for k, v in value.items()}
    if isinstance(value, list):
        return [resolved(item, id_of) for item in value]
    return value


# The demo's records the examples name.
PLENARY_ROOM = Ref("room", "Plenary room", 1)
ROOM_A = Ref("room", "Sub-forum A room", 2)
ROOM_B = Ref("room", "Sub-forum B room", 3)
EXCHANGE_ROOM = Ref("room", "Technical exchange room", 4)
OPENING = Ref("session", "Opening remarks", 1)
KEYNOTES = Ref("session", "Keynote speeches", 2)
ROUNDTABLE = Ref("session", "Roundtable discussion", 4)
SESSION_A = Ref("session", "Sub-forum A: Lancang-Mekong low-carbon industrial parks: responding "
                "to climate change and sustainable development", 6)
SESSION_B = Ref("session", "Sub-forum B: Lancang-Mekong sustainable infrastructure and ecosystem "
                "management: sharing practice", 7)
EXCHANGE_SESSION = Ref("session", "Online technical exchange: environmental enterprises and the "
                       "Mekong countries", 8)
SUBFORUM_A = Ref("subforum", "A", 1)
SUBFORUM_B = Ref("subforum", "B", 2)
LI_YONGHONG = Ref("speaker", "Li Yonghong", 1)
SYAMPHONE = Ref("speaker", "Syamphone Sengchadala", 3)
TANG_DINGDING = Ref("speaker", "Tang Dingding", 5)
ALISON_JERKINS = Ref("speaker", "Alison Jerkins", 6)
WATER_TOPIC = Ref("exchange_topic", "Water-pollution treatment needs of the Mekong countries and "
                  "Chinese experience", 3)
ENTERPRISE_C = Ref("presentation", "Example Enterprise C (demo data)", 3)
ORGANIZATION_QUESTION = Ref("registration_question", "Your organization is", 1)
INTERPRETATION_QUESTION = Ref("registration_question",
                              "Do you need Chinese–English interpretation?", 2)
TECHNICAL_QUESTION = Ref("registration_question", "Needs or questions you would like to raise "
                         "in the technical exchange", 3)


@dataclass(frozen=True)
class Person:
    """An account the examples act as; it exists before the story starts (`password` is
    PASSWORD). `registered`: registered for the demo before the story, while registration was
    open (confirmed)."""

    ref: Ref
    name: str
    role: str = "participant"
    organization: str = ""
    country: str | None = None
    timezone: str | None = None
    language: str = "en"
    registered: bool = False
    answers: dict[Ref, Any] = field(default_factory=dict)  # to the registration questions

    @property
    def email(self) -> str:
        return self.ref.key


def _person(user_id: int, email: str, name: str, **kwargs) -> Person:
    return Person(Ref("user", email, user_id), name, **kwargs)


ORGANIZER = _person(1, "he.jing@lmec.example.org", "He Jing", role="organizer",
                    organization="Lancang-Mekong Environmental Cooperation Center", country="CN",
                    timezone="Asia/Shanghai", language="zh")
KHAMLA = _person(2, "khamla.s@example.org", "Khamla S.",
                 organization="Ministry of Natural Resources and Environment, Lao PDR",
                 country="LA", timezone="Asia/Vientiane")
WANG = _person(3, "wang.l@example.com", "Wang L.", organization="Example Enterprise C (demo data)",
               country="CN", timezone="Asia/Shanghai", language="zh", registered=True,
               answers={ORGANIZATION_QUESTION: 1, INTERPRETATION_QUESTION: False})
LINH = _person(4, "linh.n@example.org", "Linh N.", organization="Hanoi University of Science",
               country="VN", timezone="Asia/Ho_Chi_Minh", registered=True,
               answers={ORGANIZATION_QUESTION: 2, INTERPRETATION_QUESTION: True})
ALEX = _person(5, "alex.r@example.net", "Alex R.", organization="Independent consultant",
               country="DE", timezone="Europe/Berlin", registered=True,
               answers={ORGANIZATION_QUESTION: 1, INTERPRETATION_QUESTION: False})
COLLEAGUE = _person(6, "li.wen@lmec.example.org", "Li Wen", role="organizer",
                    organization="Lancang-Mekong Environmental Cooperation Center", country="CN",
                    timezone="Asia/Shanghai", language="zh")
PEOPLE = (ORGANIZER, KHAMLA, WANG, LINH, ALEX, COLLEAGUE)  # made in this order (their ids)


# Registered before the story (ids 1 to 3, in the order of PEOPLE).
ALEX_REGISTRATION = Ref("registration", ALEX.email, 3)

# What the story makes: bound to the ids its answers give.
TOKEN = Ref("made", "the organizer's token", 1)
TEAM_MEMBER = Ref("made", "Li Wen on the demo's team", 3)
STANDBY_ROOM = Ref("made", "the standby room", 5)
GAO_LAN = Ref("made", "the speaker Gao Lan", 7)
TEA_BREAK = Ref("made", "the afternoon tea break", 9)
SUBFORUM_C = Ref("made", "sub-forum C", 3)
EXCHANGE_DAY_QUESTION = Ref("made", "the question about the afternoon", 4)
WASTE_TOPIC = Ref("made", "the exchange topic on municipal waste", 5)
ENTERPRISE_E = Ref("made", "Example Enterprise E's presentation", 5)
KHAMLA_REGISTRATION = Ref("made", "Khamla S.'s registration", 4)
KHAMLA_NEED = Ref("made", "Khamla S.'s need", 1)
KHAMLA_QUESTION = Ref("made", "Khamla S.'s question to Example Enterprise C", 1)
MEETING = Ref("made", "Khamla S.'s request to meet Example Enterprise C", 1)
FIRST_TIME = Ref("made", "the first time Khamla S. proposes", 1)
SECOND_TIME = Ref("made", "the second time Khamla S. proposes", 2)
WANGS_TIME = Ref("made", "the time Wang L. proposes", 3)
WEBHOOK = Ref("made", "the webhook of the organizers' CRM", 1)
PING = Ref("made", "the ping to that webhook", 1)
# No example makes this one: the replay arranges it just before the call that declines it.
NEED_MEETING = Ref("made", "Wang L.'s request to meet about Khamla S.'s need", 2)


@dataclass(frozen=True)
class Example:
    """One call: who makes it (None: anyone, no token), its path and query parameters, its
    body, and the answer (shown for every success status the call documents: they share one
    schema), with the status the story gets."""

    summary: str
    caller: Person | None = None
    params: dict[str, Any] = field(default_factory=dict)
    request: Any = None
    response: Any = None
    status: int = 200


def _demo(**params: Any) -> dict[str, Any]:
    return {"slug": SLUG, **params}


# Pieces of the answers, shared by several examples.


def _text(zh: str | None, en: str | None) -> dict[str, str | None]:
    return {"zh": zh, "en": en}


NO_TEXT = _text(None, None)
PLACEHOLDER = _text("演示用的占位内容：这家企业是虚构的，不代表任何真实企业、产品或业绩。",
                    "A placeholder for the demo: this enterprise is fictional and stands for no "
                    "real company, product or track record.")


def _page(path: str) -> str:
    """The address of one of the demo's pages."""
    return f"{SITE}/events/{SLUG}/{path}"


def _event_links(slug: str) -> dict[str, str]:
    return {"page": f"{SITE}/events/{slug}/", "agenda": f"{SITE}/events/{slug}/agenda",
            "sessions": f"{SITE}{API}/events/{slug}/sessions",
            "subforums": f"{SITE}{API}/events/{slug}/subforums"}


HOSTS = [
    {"name": _text("澜沧江-湄公河环境合作中心", "Lancang-Mekong Environmental Cooperation Center"),
     "abbreviation": "LMEC", "role": "host", "url": "http://www.lmec.org.cn"},
    {"name": _text("生态环境部对外合作与交流中心",
                   "Foreign Environmental Cooperation Center, Ministry of Ecology and "
                   "Environment"),
     "abbreviation": "FECO", "role": "host", "url": None},
]
ADDRESS = _text("北京市西城区后英房胡同5号",
                "No. 5 Houyingfang Hutong, Xicheng District, Beijing, China")
DEMO_EVENT = {
    "slug": SLUG,
    "title": _text("澜湄环境合作圆桌对话", "Lancang-Mekong Environmental Cooperation Roundtable"),
    "theme": _text("澜湄国家生物多样性保护与可持续基础设施政策交流，"
                   "共建绿色、低碳、可持续的澜湄流域经济发展带",
                   "Policy exchange on biodiversity conservation and sustainable infrastructure "
                   "in the Lancang-Mekong countries: towards a green, low-carbon, sustainable "
                   "Lancang-Mekong economic development belt"),
    "description": _text("澜湄国家（中国、老挝、缅甸、泰国、柬埔寨、越南）在生物多样性保护与"
                         "可持续基础设施领域的政策交流和经验分享。"
                         "下午举行线上澜湄区域环境合作技术交流活动。",
                         "Policy exchange and sharing of experience among the Lancang-Mekong "
                         "countries (China, Laos, Myanmar, Thailand, Cambodia, Vietnam) on "
                         "biodiversity conservation and sustainable infrastructure. In the "
                         "afternoon, an online technical exchange between environmental "
                         "enterprises and the Mekong countries."),
    "schedule_note": _text("演示数据：会议报告未给出日期和具体时间，此处日期与时间仅为示意。",
                           "Demo data: the event's report gives no date or clock times; the "
                           "date and times shown here are illustrative."),
    "timezone": "Asia/Shanghai", "start_date": "2020-11-26", "end_date": "2020-11-26",
    "default_language": "zh", "registration_mode": "open", "registration_closes_at": None,
    "registration_open": True, "published": True, "hosts": HOSTS,
    "contact": {"address": ADDRESS, "postcode": "100035", "phone": "+86-010-82268277/8221",
                "fax": "+86-010-82200579", "emails": [], "website": "http://www.lmec.org.cn",
                "wechat": _text("澜沧江-湄公河环境合作中心",
                                "澜沧江-湄公河环境合作中心 (Lancang-Mekong Environmental "
                                "Cooperation Center)")},
    "links": _event_links(SLUG),
}


def _room(ref: Ref, zh: str, en: str, *, platform: str = "zoom",
          passcode: str = "lm-2024") -> dict[str, Any]:
    number = f"810000000{ref.shown}"  # made up: never a deployment's own join details
    return {"id": ref, "name": _text(zh, en), "platform": platform,
            "join_url": f"https://meeting.example.org/j/{number}", "meeting_id": number,
            "passcode": passcode}


def _public(room: dict[str, Any]) -> dict[str, Any]:
    """A room as everyone sees it: no join details."""
    return {name: room[name] for name in ("id", "name", "platform")}


PLENARY = _room(PLENARY_ROOM, "主会场", "Plenary room")
SUBFORUM_A_ROOM = _room(ROOM_A, "分论坛A会议室", "Sub-forum A room")
SUBFORUM_B_ROOM = _room(ROOM_B, "分论坛B会议室", "Sub-forum B room")
EXCHANGE_ROOM_DETAILS = _room(EXCHANGE_ROOM, "技术交流线上会议室", "Technical exchange room")

DEMO_LOADED = "2020-11-02T02:00:00+00:00"  # when the demo was loaded, in the story


def _person_lines(speaker_id: Ref, name: dict, position: dict, organization: dict,
                  country: str | None, display: str, honorific: dict = NO_TEXT) -> dict:
    """What every listing of a speaker says of them."""
    return {"speaker_id": speaker_id, "name": name, "name_native": None,
            "honorific": honorific, "position": position, "organization": organization,
            "country": country, "display": display}


GAO_LAN_LINE = _person_lines(
    GAO_LAN, _text("高岚", "Gao Lan"), _text("研究员", "Research Fellow"),
    _text("示例研究院（演示数据）", "Example Research Institute (demo data)"), "CN", "高岚")
GAO_LAN_BIO = _text("研究澜湄国家沿海红树林与河岸生态系统的修复。",
                    "Studies the restoration of mangroves and river-bank ecosystems in the "
                    "Lancang-Mekong countries.")
GAO_LAN_ENTRY = {
    "id": GAO_LAN, "name": GAO_LAN_LINE["name"], "name_native": None, "honorific": NO_TEXT,
    "position": GAO_LAN_LINE["position"], "organization": GAO_LAN_LINE["organization"],
    "country": "CN", "bio": NO_TEXT, "photo_url": None, "portrait_url": None,
    "email": "gao.lan@example.org", "created_at": "2020-11-16T02:10:00+00:00", "invitations": [],
}
KEYNOTE_SPEAKERS = [
    {**_person_lines(TANG_DINGDING, _text("唐丁丁", "Tang Dingding"),
                     _text("联合秘书长；原亚洲开发银行合规审查委员会主席",
                           "Joint Secretary General; former Chair of the Compliance Review "
                           "Panel of the Asian Development Bank"),
                     _text("国际金融论坛", "International Finance Forum"), "CN", "Tang Dingding"),
     "role": "keynote",
     "talk_title": _text("澜湄流域绿色经济发展带建设合作展望",
                         "Outlook for cooperation on the Lancang-Mekong green economic "
                         "development belt")},
    {**_person_lines(ALISON_JERKINS, _text("Alison Jerkins", "Alison Jerkins"),
                     _text("南南合作与伙伴关系处处长",
                           "Chief of South-South Cooperation and Partnerships"),
                     _text("联合国儿童基金会", "UNICEF"), None, "Dr. Alison Jerkins",
                     honorific=_text("博士", "Dr.")),
     "role": "keynote",
     "talk_title": _text("区域气候适应性基础设施建设",
                         "Regional climate-adaptive infrastructure: climate-smart schools, "
                         "water and sanitation as low-cost social infrastructure")},
]
ROUNDTABLE_TOPICS = [_text("生态系统管理", "Ecosystem management"),
                     _text("可持续基础设施建设", "Sustainable infrastructure"),
                     _text("生物多样性保护", "Biodiversity conservation")]
TEA_BREAK_SESSION = {
    "id": TEA_BREAK, "kind": "break", "status": "scheduled", "title": _text("茶歇", "Tea break"),
    "title_text": "茶歇", "starts_at": "2020-11-26T15:00:00+08:00",
    "ends_at": "2020-11-26T15:30:00+08:00", "timezone": "Asia/Shanghai",
    "url": _page("sessions/9"), "uid": "3f6d2a4e-8b1c-4f7e-9a25-6c0d1e2b3a47", "revision": 0,
    "description": NO_TEXT, "room": None, "subforum": None, "capacity": None, "topics": [],
    "speakers": [],
}
ROUNDTABLE_SESSION = {
    "id": ROUNDTABLE, "kind": "roundtable", "status": "scheduled",
    "title": _text("圆桌讨论", "Roundtable discussion"), "title_text": "圆桌讨论",
    "starts_at": "2020-11-26T10:45:00+08:00", "ends_at": "2020-11-26T12:00:00+08:00",
    "timezone": "Asia/Shanghai", "url": _page("sessions/4"),
    "uid": "c41e9d70-2b5f-4a8e-b3d6-91f0a7c2e548", "revision": 0,
    "description": _text("加强务实合作，促进环境政策主流化，推动建设澜湄流域绿色经济发展带。",
                         "Strengthening practical cooperation, mainstreaming environmental "
                         "policy and building the Lancang-Mekong green economic development "
                         "belt."),
    "room": _public(PLENARY), "subforum": None, "capacity": None, "topics": ROUNDTABLE_TOPICS,
    "speakers": [{**GAO_LAN_LINE, "role": "moderator", "talk_title": NO_TEXT}],
}
SUBFORUM_A_TITLE = _text("澜湄低碳工业园区建设：应对气候变化与可持续发展",
                         "Lancang-Mekong low-carbon industrial parks: responding to climate "
                         "change and sustainable development")
SUBFORUM_B_TITLE = _text("澜湄可持续基础设施与生态系统管理实践分享",
                         "Lancang-Mekong sustainable infrastructure and ecosystem management: "
                         "sharing practice")


def _forum_session(ref: Ref, code: str, title: dict) -> dict[str, Any]:
    full = _text(f"平行分论坛{code}：{title['zh']}", f"Sub-forum {code}: {title['en']}")
    return {"id": ref, "kind": "subforum", "status": "scheduled", "title": full,
            "title_text": full["zh"], "starts_at": "2020-11-26T13:30:00+08:00",
            "ends_at": "2020-11-26T15:00:00+08:00", "timezone": "Asia/Shanghai",
            "url": _page(f"sessions/{ref.shown}")}


SUBFORUM_A_DETAILS = {
    "id": SUBFORUM_A, "code": "A", "position": 0, "title": SUBFORUM_A_TITLE,
    "title_text": SUBFORUM_A_TITLE["zh"], "description": NO_TEXT,
    "topics": [_text("澜湄国家应对气候变化合作",
                     "Climate cooperation among the Lancang-Mekong countries"),
               _text("澜湄工业园区低碳发展", "Low-carbon development of industrial parks")],
    "moderators": [], "room": _public(SUBFORUM_A_ROOM), "capacity": 100, "seats_left": 100,
    "waiting": 0, "sessions": [_forum_session(SESSION_A, "A", SUBFORUM_A_TITLE)],
    "url": _page("subforums/1"),
}
SUBFORUM_B_DETAILS = {
    "id": SUBFORUM_B, "code": "B", "position": 1, "title": SUBFORUM_B_TITLE,
    "title_text": SUBFORUM_B_TITLE["zh"], "description": NO_TEXT,
    "topics": [_text("交通廊道与生态廊道建设", "Transport corridors and ecological corridors"),
               _text("区域红树林保护合作", "Regional cooperation on mangrove protection")],
    "moderators": [GAO_LAN_LINE], "room": _public(SUBFORUM_B_ROOM), "capacity": 120,
    "seats_left": 120, "waiting": 0,
    "sessions": [_forum_session(SESSION_B, "B", SUBFORUM_B_TITLE)], "url": _page("subforums/2"),
}
QUESTIONS = [
    {"id": ORGANIZATION_QUESTION, "kind": "choice",
     "label": _text("您所在机构的类型", "Your organization is"),
     "options": [_text("政府部门", "a government body"), _text("企业", "an enterprise"),
                 _text("科研院所或高校", "a research institute or university"),
                 _text("国际组织", "an international organization"),
                 _text("社会组织", "a non-governmental organization"),
                 _text("新闻媒体", "the media")],
     "required": True, "position": 0},
    {"id": INTERPRETATION_QUESTION, "kind": "yes_no",
     "label": _text("是否需要中英同声传译？", "Do you need Chinese–English interpretation?"),
     "options": [], "required": True, "position": 1},
    {"id": TECHNICAL_QUESTION, "kind": "text",
     "label": _text("您希望在技术交流中讨论的需求或问题",
                    "Needs or questions you would like to raise in the technical exchange"),
     "options": [], "required": False, "position": 2},
]
WATER_TOPIC_TITLE = _text("湄公河国家水污染治理需求及中方相关治理经验",
                          "Water-pollution treatment needs of the Mekong countries and Chinese "
                          "experience")
WATER_TOPIC_DESCRIPTION = _text("湄公河国家介绍水污染治理需求，中方企业分享相关治理经验。",
                                "The Mekong countries present their water-pollution treatment "
                                "needs; Chinese enterprises share their experience.")
EXCHANGE_TITLE = _text("澜湄区域环境合作技术交流活动（线上）",
                       "Online technical exchange: environmental enterprises and the Mekong "
                       "countries")
ENTERPRISE_C_NAME = _text("示例企业C（演示数据）", "Example Enterprise C (demo data)")
ENTERPRISE_C_TITLE = _text(f"示例介绍：{WATER_TOPIC_TITLE['zh']}",
                           f"Sample presentation: {WATER_TOPIC_TITLE['en']}")
ENTERPRISE_C_PRESENTATION = {
    "id": ENTERPRISE_C, "topic_id": WATER_TOPIC, "position": 0, "enterprise": ENTERPRISE_C_NAME,
    "enterprise_text": ENTERPRISE_C_NAME["zh"], "title": ENTERPRISE_C_TITLE,
    "title_text": ENTERPRISE_C_TITLE["zh"], "summary": PLACEHOLDER, "country": "CN",
    "presenter": None, "accepts_meetings": True, "url": _page("exchange/presentations/3"),
}
KHAMLA_ANSWERS = {ORGANIZATION_QUESTION: 0, INTERPRETATION_QUESTION: True,
                  TECHNICAL_QUESTION: "Treating the effluent of small food-processing plants"}
KHAMLA_FORM = {
    "id": KHAMLA_REGISTRATION, "event": SLUG, "status": "pending", "name": "Khamla S.",
    "organization": "Ministry of Natural Resources and Environment, Lao PDR",
    "position": "Technical Officer, Department of Pollution Control", "country": "LA",
    "language": "en", "timezone": "Asia/Vientiane", "answers": KHAMLA_ANSWERS,
    "created_at": "2020-11-17T03:12:00+00:00", "seats": [], "preferred_subforum_id": SUBFORUM_A,
}
APPROVED = "2020-11-18T01:05:00+00:00"


def _seat(seat_id: int, *, subforum: Ref | None = None, session: Ref | None = None,
          title: dict) -> dict[str, Any]:
    return {"id": seat_id, "kind": "subforum" if subforum else "session", "subforum_id": subforum,
            "session_id": session, "title": title, "state": "held", "waiting_position": None,
            "replaces_seat_id": None}


SEAT_A = _seat(1, subforum=SUBFORUM_A, title=SUBFORUM_A_TITLE)
SEAT_B = _seat(2, subforum=SUBFORUM_B, title=SUBFORUM_B_TITLE)
EXCHANGE_SEAT = _seat(3, session=EXCHANGE_SESSION, title=EXCHANGE_TITLE)
KHAMLA_CONFIRMED = {**KHAMLA_FORM, "status": "confirmed", "seats": [SEAT_A],
                    "preferred_subforum_id": None}
KHAMLA_SEATED = {**KHAMLA_CONFIRMED, "seats": [SEAT_B, EXCHANGE_SEAT]}


def _for_organizers(registration: dict[str, Any], person: Person, **decision: Any) -> dict:
    """A registration as organizers see it."""
    return {**registration, "user_id": person.ref, "email": person.email,
            "consented_at": registration["created_at"],
            "updated_at": decision.get("decided_at") or registration["created_at"],
            "decided_at": None, "decision_note": None, **decision}


KHAMLA_NEED_SHOWN = {
    "id": KHAMLA_NEED, "topic_id": WATER_TOPIC, "country": "LA", "sector": "industrial wastewater",
    "description": "Small food-processing plants around Vientiane discharge untreated effluent "
                   "into tributaries of the Mekong. We look for compact treatment units for "
                   "plants of 20 to 100 workers, and for advice on monitoring them.",
    "visibility": "participants", "show_contact": True,
    "poster": {"name": "Khamla S.",
               "organization": "Ministry of Natural Resources and Environment, Lao PDR"},
    "own": True, "hidden": False, "created_at": "2020-11-19T09:20:00+08:00",
    "timezone": "Asia/Shanghai",
}
KHAMLA_QUESTION_SHOWN = {
    "id": KHAMLA_QUESTION, "presentation_id": ENTERPRISE_C,
    "text": "What does treating one cubic metre of effluent cost, and which parts of the unit "
            "can be built locally?",
    "created_at": "2020-11-19T09:30:00+08:00", "timezone": "Asia/Shanghai", "votes": 0,
    "voted": False, "mine": True, "answered": False, "answered_at": None, "hidden": False,
    "author": None,
}
MODERATED_QUESTION = {
    **KHAMLA_QUESTION_SHOWN, "mine": False, "answered": True,
    "answered_at": "2020-11-19T11:00:00+08:00", "author": KHAMLA_NEED_SHOWN["poster"],
}
KHAMLA_PARTY = {"id": KHAMLA.ref, "name": "Khamla S.",
                "organization": "Ministry of Natural Resources and Environment, Lao PDR"}
WANG_PARTY = {"id": WANG.ref, "name": "Wang L.", "organization": "Example Enterprise C (demo data)"}
MEETING_UID = "5d8e2f17-a3c4-4b69-8e0f-7a1b2c3d4e5f"


def _proposal(ref: Ref, day: int, hour: int, by: str, yours: bool) -> dict[str, Any]:
    return {"id": ref, "starts_at": f"2020-11-{day}T{hour}:00:00+08:00",
            "ends_at": f"2020-11-{day}T{hour}:45:00+08:00", "proposed_by": by,
            "yours_to_accept": yours}


def _meeting(role: str, *, wangs_time: bool = False, **changes: Any) -> dict[str, Any]:
    """Khamla S.'s request to meet Example Enterprise C, as `role` sees it."""
    recipient = role == "recipient"
    proposals = [_proposal(FIRST_TIME, 27, 10, "requester", recipient),
                 _proposal(SECOND_TIME, 27, 15, "requester", recipient)]
    if wangs_time:
        proposals.append(_proposal(WANGS_TIME, 30, 10, "recipient", not recipient))
    return {
        "id": MEETING, "event": SLUG, "uid": MEETING_UID, "status": "proposed", "role": role,
        "requester": KHAMLA_PARTY, "recipient": WANG_PARTY, "presentation_id": ENTERPRISE_C,
        "need_id": None,
        "message": "Our department is drafting effluent rules for food-processing plants "
                   "around Vientiane: could we talk about the treatment you presented?",
        "proposals": proposals, "starts_at": None, "ends_at": None, "timezone": "Asia/Shanghai",
        "join_url": None, "sequence": 0, "created_at": "2020-11-19T02:00:00+00:00",
        "updated_at": "2020-11-19T02:00:00+00:00", **changes,
    }


ACCEPTED = {"status": "accepted", "starts_at": "2020-11-30T10:00:00+08:00",
            "ends_at": "2020-11-30T10:45:00+08:00",
            "join_url": f"https://meet.jit.si/lmevents-{MEETING_UID}",
            "updated_at": "2020-11-19T07:00:00+00:00"}
NO_MEETINGS = {"requested": 0, "proposed": 0, "accepted": 0, "declined": 0, "cancelled": 0}


EXAMPLES: dict[str, Example] = {}


def _problem(status: int, title: str, detail: str, errors: dict | None = None,
             **extra: Any) -> dict[str, Any]:
    return {"type": "about:blank", "title": title, "status": status, "detail": detail,
            "errors": errors or {}, **extra}


# The error answers, each shared by every call that documents it (by status; "default": what
# any call may answer when the server fails). Texts are as an English reader gets them.
CLASH = ("A plenary session cannot overlap 'Opening remarks' (2020-11-26 09:00–09:40 "
         "Asia/Shanghai).")
PROBLEMS: dict[int | str, dict[str, Any]] = {
    400: _problem(400, "Bad Request", "_schema: The body is not JSON: Expecting property name "
                  "enclosed in double quotes: line 1 column 2 (char 1)",
                  {"_schema": "The body is not JSON: Expecting property name enclosed in double "
                              "quotes: line 1 column 2 (char 1)"}),
    401: _problem(401, "Unauthorized",
                  "Send 'Authorization: Bearer <token>' (POST /api/v1/auth/tokens)."),
    403: _problem(403, "Forbidden", "Only this event's organizers may do this."),
    404: _problem(404, "Not found", "No session 99 in this event."),
    409: _problem(409, "Conflict", CLASH, {"starts_at": CLASH}, session_id=OPENING.shown),
    412: _problem(412, "Precondition Failed", "The resource has changed since you read it (its "
                  "ETag is not the one in If-Match): read it again, then send your change.",
                  {"If-Match": "This is not the resource's current ETag."}),
    415: _problem(415, "Unsupported Media Type", "_schema: Send the body as application/json.",
                  {"_schema": "Send the body as application/json."}),
    422: _problem(422, "Unprocessable Entity", "2 fields are not right: kind, starts_at.",
                  {"kind": "Must be one of: opening, keynote, roundtable, subforum, exchange, "
                           "break.",
                   "starts_at": "Give a UTC offset, e.g. 2020-11-26T09:00:00+08:00."}),
    429: _problem(429, "Too Many Requests", "10 per 1 minute"),
    "default": _problem(503, "Service Unavailable", "the database could not be reached: nothing "
                        "was changed; try again in a moment"),
}


# 1. Accounts and tokens.

EXAMPLES["POST /api/v1/auth/signup"] = Example(
    "Thida W., from Myanmar, asks for an account: a link to confirm the address is mailed",
    request={"email": "thida.w@example.org", "password": PASSWORD, "name": "Thida W.",
             "organization": "Environmental Conservation Department, Myanmar", "country": "MM",
             "timezone": "Asia/Yangon", "language": "en"},
    response={"email": "thida.w@example.org", "confirmation": "mailed"},
    status=201,
)
EXAMPLES["POST /api/v1/auth/tokens"] = Example(
    "The organizer gets a bearer token for the calls that follow",
    request={"email": ORGANIZER.email, "password": PASSWORD},
    response={"token": "q7Lr2XbN0vTz8KcWm4YpHs1GdAe9JuFi3oQk5ClVxE6"},
    status=201,
)
EXAMPLES["GET /api/v1/auth/tokens"] = Example(
    "The organizer's tokens (never their secrets)", caller=ORGANIZER,
    response=[{"id": TOKEN, "label": "api", "created_at": "2020-11-16T01:30:00+00:00",
               "last_used_at": "2020-11-16T01:30:02+00:00", "revoked": False}],
)

# 2. The organizer prepares the roundtable.

EXAMPLES["GET /api/v1/events"] = Example(
    "The published events: the demo roundtable", response=[DEMO_EVENT],
)
NEXT_YEAR = {
    "slug": "lm-roundtable-2021", "timezone": "Asia/Shanghai",
    "start_date": "2021-11-25", "end_date": "2021-11-25", "default_language": "zh",
    "registration_mode": "approval",
    "title": _text("2021年澜湄环境合作圆桌对话",
                   "Lancang-Mekong Environmental Cooperation Roundtable 2021"),
}
EXAMPLES["POST /api/v1/events"] = Example(
    "Next year's roundtable, made as a draft", caller=ORGANIZER,
    request={
        **{name: value for name, value in NEXT_YEAR.items() if name != "title"},
        "title_zh": NEXT_YEAR["title"]["zh"], "title_en": NEXT_YEAR["title"]["en"],
        "hosts": [
            {"name_zh": HOSTS[0]["name"]["zh"], "name_en": HOSTS[0]["name"]["en"],
             "abbreviation": "LMEC", "role": "host", "url": "http://www.lmec.org.cn"},
            {"name_zh": HOSTS[1]["name"]["zh"], "name_en": HOSTS[1]["name"]["en"],
             "abbreviation": "FECO", "role": "host"},
        ],
        "contact": {"address_zh": ADDRESS["zh"], "address_en": ADDRESS["en"],
                    "postcode": "100035", "website": "http://www.lmec.org.cn"},
    },
    response={
        **NEXT_YEAR, "theme": NO_TEXT, "description": NO_TEXT, "schedule_note": NO_TEXT,
        "registration_closes_at": None, "registration_open": True, "published": False,
        "hosts": HOSTS,
        "contact": {"address": ADDRESS, "postcode": "100035", "phone": None, "fax": None,
                    "emails": [], "website": "http://www.lmec.org.cn", "wechat": NO_TEXT},
        "links": _event_links("lm-roundtable-2021"),
    },
    status=201,
)
EXAMPLES["GET /api/v1/events/{slug}"] = Example(
    "The demo roundtable", params=_demo(), response=DEMO_EVENT,
)
EXAMPLES["PATCH /api/v1/events/{slug}"] = Example(
    "From now on the organizers approve each registration, until 24 November", caller=ORGANIZER,
    params=_demo(),
    request={"registration_mode": "approval",
             "registration_closes_at": "2020-11-24T18:00:00+08:00"},
    response={**DEMO_EVENT, "registration_mode": "approval",
              "registration_closes_at": "2020-11-24T10:00:00+00:00"},
)
ORGANIZER_MEMBER = {"id": 1, "email": ORGANIZER.email, "name": ORGANIZER.name, "role": "owner",
                    "added_at": "2020-11-02T02:05:00+00:00"}
COLLEAGUE_MEMBER = {"id": TEAM_MEMBER, "email": COLLEAGUE.email, "name": COLLEAGUE.name,
                    "role": "editor", "added_at": "2020-11-16T01:40:00+00:00"}
EXAMPLES["GET /api/v1/events/{slug}/team"] = Example(
    "Who organizes the roundtable", caller=ORGANIZER, params=_demo(),
    response=[ORGANIZER_MEMBER],
)
EXAMPLES["POST /api/v1/events/{slug}/team"] = Example(
    "A colleague joins the team as an editor", caller=ORGANIZER, params=_demo(),
    request={"email": COLLEAGUE.email, "role": "editor"},
    response=COLLEAGUE_MEMBER,
    status=201,
)
EXAMPLES["PATCH /api/v1/events/{slug}/team/{member_id}"] = Example(
    "The colleague becomes an owner", caller=ORGANIZER, params=_demo(member_id=TEAM_MEMBER),
    request={"role": "owner"},
    response={**COLLEAGUE_MEMBER, "role": "owner"},
)
EXAMPLES["DELETE /api/v1/events/{slug}/team/{member_id}"] = Example(
    "The colleague leaves the team", caller=ORGANIZER, params=_demo(member_id=TEAM_MEMBER),
    status=204,
)
EXAMPLES["DELETE /api/v1/events/{slug}"] = Example(
    "The never-published draft is deleted", caller=ORGANIZER,
    params={"slug": "lm-roundtable-2021"},
    status=204,
)
# The organizers' CRM follows the registrations through a webhook.

REGISTRATION_KINDS = ["registration.created", "registration.changed", "registration.cancelled"]
CRM_WEBHOOK = {"id": WEBHOOK, "url": "https://crm.example.org/hooks/lmevents",
               "description": "Registrations into the LMEC contact list",
               "kinds": REGISTRATION_KINDS, "active": True,
               "secret": "whsec_USctLW3i6YLSSpYR2OflGV/JWtluhCEJsB0bBYNN+m4=",
               "created_at": "2020-11-16T01:50:00+00:00"}
FOLLOWING_SEATS = {**CRM_WEBHOOK, "kinds": [*REGISTRATION_KINDS, "seat.taken", "seat.freed"]}
SENDER_RAN = "2020-11-18T02:00:00+00:00"  # when the sender last tried, the receiver down


def _delivery(delivery_id: Ref | int, kind: str, created: str, message_id: str, data: dict,
              *, tried: bool = True, next_attempt: str = "2020-11-18T02:00:30+00:00") -> dict:
    """An announcement to the CRM's webhook; `tried`: once, while the receiver was down."""
    tries = [{"at": SENDER_RAN, "status_code": 503, "error": None, "duration_ms": 412}]
    return {
        "id": delivery_id, "message_id": message_id, "type": kind, "state": "pending",
        "created_at": created, "attempts": 1 if tried else 0, "next_attempt_at": next_attempt,
        "last_status": 503 if tried else None, "last_error": "HTTP 503" if tried else None,
        "delivered_at": None, "failed_at": None,
        "body": {"id": message_id, "type": kind,
                 "created_at": created.replace("+00:00", "Z"),
                 "event": {"id": 1, "slug": SLUG}, "data": data},
        "tries": tries if tried else [],
    }


def _seat_taken(delivery_id: int, seat: dict, at: str, message_id: str) -> dict:
    return _delivery(delivery_id, "seat.taken", at, message_id, {"seat": {
        "id": seat["id"], "registration_id": KHAMLA_REGISTRATION,
        "subforum_id": seat["subforum_id"], "session_id": seat["session_id"], "state": "held",
        "email": KHAMLA.email, "name": KHAMLA.name, "held_since": at.replace("+00:00", "Z")}})


PING_SENT = _delivery(PING, "ping", "2020-11-16T01:55:00+00:00",
                      "msg_6a46abad3cb84ef1b07e562083fb4d3d", {"ping": {"webhook_id": WEBHOOK}})


EXAMPLES["POST /api/v1/events/{slug}/webhooks"] = Example(
    "The organizers' CRM is told of every registration", caller=ORGANIZER, params=_demo(),
    request={"url": "https://crm.example.org/hooks/lmevents",
             "description": "Registrations into the LMEC contact list",
             "kinds": REGISTRATION_KINDS},
    response=CRM_WEBHOOK,
    status=201,
)
EXAMPLES["GET /api/v1/events/{slug}/webhooks"] = Example(
    "The roundtable's webhooks", caller=ORGANIZER, params=_demo(), response=[CRM_WEBHOOK],
)
EXAMPLES["PATCH /api/v1/events/{slug}/webhooks/{webhook_id}"] = Example(
    "The CRM also follows the seats", caller=ORGANIZER, params=_demo(webhook_id=WEBHOOK),
    request={"kinds": FOLLOWING_SEATS["kinds"]},
    response=FOLLOWING_SEATS,
)
EXAMPLES["GET /api/v1/events/{slug}/webhooks/{webhook_id}"] = Example(
    "The CRM's webhook", caller=ORGANIZER, params=_demo(webhook_id=WEBHOOK),
    response=FOLLOWING_SEATS,
)
EXAMPLES["POST /api/v1/events/{slug}/webhooks/{webhook_id}/secret"] = Example(
    "A new secret for the webhook (the receiver must learn it)", caller=ORGANIZER,
    params=_demo(webhook_id=WEBHOOK),
    response={**FOLLOWING_SEATS, "secret": "whsec_qioixWk7Pz9CHUMeHh9lfq0PbLBEGCyupePA63k0w+w="},
)
EXAMPLES["POST /api/v1/events/{slug}/webhooks/{webhook_id}/ping"] = Example(
    "A ping, to try the receiver", caller=ORGANIZER, params=_demo(webhook_id=WEBHOOK),
    response=_delivery(PING, "ping", PING_SENT["created_at"], PING_SENT["message_id"],
                       PING_SENT["body"]["data"], tried=False,
                       next_attempt=PING_SENT["created_at"]),
    status=202,
)

# The virtual rooms.

STANDBY = _room(STANDBY_ROOM, "备用会议室", "Standby room", platform="tencent_meeting")
EXAMPLES["GET /api/v1/events/{slug}/rooms"] = Example(
    "The virtual rooms, with their join details", caller=ORGANIZER, params=_demo(),
    response=[PLENARY, SUBFORUM_A_ROOM, SUBFORUM_B_ROOM, EXCHANGE_ROOM_DETAILS],
)
EXAMPLES["POST /api/v1/events/{slug}/rooms"] = Example(
    "A standby room, in case a platform fails", caller=ORGANIZER, params=_demo(),
    request={"name_zh": "备用会议室", "name_en": "Standby room", "platform": "tencent_meeting",
             "join_url": STANDBY["join_url"], "meeting_id": STANDBY["meeting_id"],
             "passcode": "lm-2024"},
    response=STANDBY,
    status=201,
)
EXAMPLES["PATCH /api/v1/events/{slug}/rooms/{room_id}"] = Example(
    "Sub-forum B's room gets a new passcode", caller=ORGANIZER, params=_demo(room_id=ROOM_B),
    request={"passcode": "mekong2020"},
    response={**SUBFORUM_B_ROOM, "passcode": "mekong2020"},
)
EXAMPLES["DELETE /api/v1/events/{slug}/rooms/{room_id}"] = Example(
    "The standby room, no longer needed", caller=ORGANIZER, params=_demo(room_id=STANDBY_ROOM),
    status=204,
)

# 3. Speakers, the programme and the sub-forums.


def _registry_entry(line: dict[str, Any]) -> dict[str, Any]:
    """A demo speaker's entry in the registry."""
    return {"id": line["speaker_id"], "name": line["name"], "name_native": None,
            "honorific": line["honorific"], "position": line["position"],
            "organization": line["organization"], "country": line["country"], "bio": NO_TEXT,
            "photo_url": None, "portrait_url": None, "email": None, "created_at": DEMO_LOADED,
            "invitations": [{"event": SLUG, "speaker_id": line["speaker_id"],
                             "state": "confirmed", "updated_at": DEMO_LOADED}]}


LI_YONGHONG_LINE = _person_lines(
    LI_YONGHONG, _text("李永红", "Li Yonghong"), _text("副主任", "Deputy Director"),
    _text("生态环境部对外合作与交流中心 / 澜沧江-湄公河环境合作中心",
          "Foreign Environmental Cooperation Center, Ministry of Ecology and Environment "
          "(FECO) / Lancang-Mekong Environmental Cooperation Center (LMEC)"),
    "CN", "李永红")
EXAMPLES["GET /api/v1/speakers"] = Example(
    "The speaker registry, a page at a time (by name in pinyin order)", caller=ORGANIZER,
    params={"page": 1, "page_size": 2},
    response=[_registry_entry(KEYNOTE_SPEAKERS[1]), _registry_entry(LI_YONGHONG_LINE)],
)
EXAMPLES["POST /api/v1/speakers"] = Example(
    "A moderator joins the registry", caller=ORGANIZER,
    request={"name_zh": "高岚", "name_en": "Gao Lan", "position_zh": "研究员",
             "position_en": "Research Fellow", "organization_zh": "示例研究院（演示数据）",
             "organization_en": "Example Research Institute (demo data)", "country": "CN",
             "email": "gao.lan@example.org"},
    response=GAO_LAN_ENTRY,
    status=201,
)
EXAMPLES["GET /api/v1/speakers/{speaker_id}"] = Example(
    "A keynote speaker's registry entry, with their invitations", caller=ORGANIZER,
    params={"speaker_id": TANG_DINGDING},
    response=_registry_entry(KEYNOTE_SPEAKERS[0]),
)
EXAMPLES["PATCH /api/v1/speakers/{speaker_id}"] = Example(
    "The moderator's biography", caller=ORGANIZER, params={"speaker_id": GAO_LAN},
    request={"bio_zh": GAO_LAN_BIO["zh"], "bio_en": GAO_LAN_BIO["en"]},
    response={**GAO_LAN_ENTRY, "bio": GAO_LAN_BIO},
)
EXAMPLES["PUT /api/v1/events/{slug}/speakers/{speaker_id}/invitation"] = Example(
    "The moderator accepted the invitation", caller=ORGANIZER,
    params=_demo(speaker_id=GAO_LAN),
    request={"state": "confirmed"},
    response={"event": SLUG, "speaker_id": GAO_LAN, "state": "confirmed",
              "updated_at": "2020-11-16T02:12:00+00:00"},
)


def _public_speaker(speaker_id: Ref, line: dict[str, Any], display: str, part: dict) -> dict:
    """A demo speaker as the public listing shows them, with their one part."""
    return {"id": speaker_id, **{name: line[name] for name in (
                "name", "name_native", "honorific", "position", "organization", "country")},
            "bio": NO_TEXT, "display_name": display, "bio_html": NO_TEXT, "photo_url": None,
            "roles": [part["role"]], "parts": [part], "moderates": [],
            "url": _page(f"speakers/{speaker_id.shown}")}


EXAMPLES["GET /api/v1/events/{slug}/speakers"] = Example(
    "The roundtable's speakers from Laos", params=_demo(country="LA"),
    response=[_public_speaker(
        SYAMPHONE,
        _person_lines(SYAMPHONE, _text("Syamphone Sengchadala", "Syamphone Sengchadala"),
                      _text("气候变化管理司司长",
                            "Director General, Department of Climate Change"),
                      _text("老挝自然资源与环境部",
                            "Ministry of Natural Resources and Environment, Lao PDR"),
                      "LA", "Syamphone Sengchadala"),
        "Syamphone Sengchadala",
        {"session_id": OPENING, "title": _text("开幕致辞", "Opening remarks"),
         "role": "opening_remarks", "talk_title": NO_TEXT,
         "starts_at": "2020-11-26T09:00:00+08:00", "ends_at": "2020-11-26T09:40:00+08:00",
         "timezone": "Asia/Shanghai", "url": _page("sessions/1")})],
)
EXAMPLES["GET /api/v1/events/{slug}/speakers/{speaker_id}"] = Example(
    "A keynote speaker and her talk", params=_demo(speaker_id=ALISON_JERKINS),
    response=_public_speaker(
        ALISON_JERKINS, KEYNOTE_SPEAKERS[1], "Alison Jerkins博士",
        {"session_id": KEYNOTES, "title": _text("主旨发言", "Keynote speeches"),
         "role": "keynote", "talk_title": KEYNOTE_SPEAKERS[1]["talk_title"],
         "starts_at": "2020-11-26T09:40:00+08:00", "ends_at": "2020-11-26T10:30:00+08:00",
         "timezone": "Asia/Shanghai", "url": _page("sessions/2")}),
)
EXAMPLES["GET /api/v1/events/{slug}/sessions"] = Example(
    "The programme in Vientiane time, in English (one of its sessions shown)",
    params=_demo(tz="Asia/Vientiane", lang="en"),
    response=[{
        "id": KEYNOTES, "kind": "keynote", "status": "scheduled",
        "title": _text("主旨发言", "Keynote speeches"), "title_text": "Keynote speeches",
        "starts_at": "2020-11-26T08:40:00+07:00", "ends_at": "2020-11-26T09:30:00+07:00",
        "timezone": "Asia/Vientiane", "url": _page("sessions/2"),
        "uid": "e2a9c4b1-7d3f-4c58-a06e-3b9f1d2c8e70", "revision": 0, "description": NO_TEXT,
        "room": _public(PLENARY), "subforum": None, "capacity": None, "topics": [],
        "speakers": KEYNOTE_SPEAKERS,
    }],
)
EXAMPLES["POST /api/v1/events/{slug}/sessions"] = Example(
    "A tea break between the sub-forums and the technical exchange", caller=ORGANIZER,
    params=_demo(),
    request={"kind": "break", "starts_at": "2020-11-26T15:00:00+08:00",
             "ends_at": "2020-11-26T15:30:00+08:00", "title_zh": "茶歇", "title_en": "Tea break"},
    response=TEA_BREAK_SESSION,
    status=201,
)
EXAMPLES["PATCH /api/v1/events/{slug}/sessions/{session_id}"] = Example(
    "The roundtable discussion gets its moderator", caller=ORGANIZER,
    params=_demo(session_id=ROUNDTABLE),
    request={"speakers": [{"speaker_id": GAO_LAN, "role": "moderator"}]},
    response=ROUNDTABLE_SESSION,
)
EXAMPLES["GET /api/v1/events/{slug}/sessions/{session_id}"] = Example(
    "The roundtable discussion", params=_demo(session_id=ROUNDTABLE),
    response=ROUNDTABLE_SESSION,
)
EXAMPLES["DELETE /api/v1/events/{slug}/sessions/{session_id}"] = Example(
    "The tea break is cancelled: it stays in the programme, cancelled", caller=ORGANIZER,
    params=_demo(session_id=TEA_BREAK),
    response={**TEA_BREAK_SESSION, "status": "cancelled", "revision": 1},
)
EXAMPLES["POST /api/v1/events/{slug}/sessions/{session_id}/restore"] = Example(
    "The tea break is back", caller=ORGANIZER, params=_demo(session_id=TEA_BREAK),
    response={**TEA_BREAK_SESSION, "revision": 2},
)


def _change(change_id: int, action: str, at: str, revision: int, **changes: list) -> dict:
    return {"id": change_id, "action": action, "changes": changes, "revision": revision,
            "changed_at": at, "changed_by_id": ORGANIZER.ref, "changed_by": ORGANIZER.name}


EXAMPLES["GET /api/v1/events/{slug}/sessions/{session_id}/changes"] = Example(
    "What happened to the tea break, oldest first", caller=ORGANIZER,
    params=_demo(session_id=TEA_BREAK),
    response=[_change(9, "created", "2020-11-16T02:20:00+00:00", 0),
              _change(11, "cancelled", "2020-11-16T02:25:00+00:00", 1,
                      status=["scheduled", "cancelled"]),
              _change(12, "restored", "2020-11-16T02:26:00+00:00", 2,
                      status=["cancelled", "scheduled"])],
)
SUBFORUM_C_TITLE = _text("澜湄生物多样性保护实践分享",
                         "Lancang-Mekong biodiversity conservation: sharing practice")
SUBFORUM_C_TOPIC = _text("跨境保护区合作", "Cooperation between cross-border protected areas")
EXAMPLES["POST /api/v1/events/{slug}/subforums"] = Example(
    "A third sub-forum", caller=ORGANIZER, params=_demo(),
    request={"code": "C", "title_zh": SUBFORUM_C_TITLE["zh"], "title_en": SUBFORUM_C_TITLE["en"],
             "capacity": 100, "position": 2,
             "topics": [{"title_zh": SUBFORUM_C_TOPIC["zh"],
                         "title_en": SUBFORUM_C_TOPIC["en"]}]},
    response={"id": SUBFORUM_C, "code": "C", "position": 2, "title": SUBFORUM_C_TITLE,
              "title_text": SUBFORUM_C_TITLE["zh"], "description": NO_TEXT,
              "topics": [SUBFORUM_C_TOPIC], "moderators": [], "room": None, "capacity": 100,
              "seats_left": 100, "waiting": 0, "sessions": [], "url": _page("subforums/3")},
    status=201,
)
EXAMPLES["PATCH /api/v1/events/{slug}/subforums/{subforum_id}"] = Example(
    "Sub-forum B gets more seats and a moderator", caller=ORGANIZER,
    params=_demo(subforum_id=SUBFORUM_B),
    request={"capacity": 120, "moderator_ids": [GAO_LAN]},
    response=SUBFORUM_B_DETAILS,
)
EXAMPLES["DELETE /api/v1/events/{slug}/subforums/{subforum_id}"] = Example(
    "The third sub-forum is dropped", caller=ORGANIZER, params=_demo(subforum_id=SUBFORUM_C),
    status=204,
)
EXAMPLES["GET /api/v1/events/{slug}/subforums"] = Example(
    "The parallel sub-forums (the first shown)", params=_demo(),
    response=[SUBFORUM_A_DETAILS],
)
EXAMPLES["GET /api/v1/events/{slug}/subforums/{subforum_id}"] = Example(
    "Sub-forum B, with its free seats", params=_demo(subforum_id=SUBFORUM_B),
    response=SUBFORUM_B_DETAILS,
)

# 4. The registration form.

AFTERNOON_QUESTION = _text("是否参加下午的线上技术交流活动？",
                           "Will you join the online technical exchange in the afternoon?")
EXAMPLES["POST /api/v1/events/{slug}/registration-questions"] = Example(
    "A yes/no question about the afternoon", caller=ORGANIZER, params=_demo(),
    request={"kind": "yes_no", "label_zh": AFTERNOON_QUESTION["zh"],
             "label_en": AFTERNOON_QUESTION["en"], "required": False, "position": 3},
    response={"id": EXCHANGE_DAY_QUESTION, "kind": "yes_no", "label": AFTERNOON_QUESTION,
              "options": [], "required": False, "position": 3},
    status=201,
)
EXAMPLES["PATCH /api/v1/events/{slug}/registration-questions/{question_id}"] = Example(
    "One more kind of organization (options are added, never removed)", caller=ORGANIZER,
    params=_demo(question_id=ORGANIZATION_QUESTION),
    request={"options": QUESTIONS[0]["options"]},
    response=QUESTIONS[0],
)
EXAMPLES["DELETE /api/v1/events/{slug}/registration-questions/{question_id}"] = Example(
    "The question about the afternoon is dropped again", caller=ORGANIZER,
    params=_demo(question_id=EXCHANGE_DAY_QUESTION),
    status=204,
)
EXAMPLES["GET /api/v1/events/{slug}/registration-questions"] = Example(
    "The questions of the registration form", params=_demo(), response=QUESTIONS,
)

# 5. The exchange's topics and presentations.

WASTE_TOPIC_TITLE = _text("城市生活垃圾分类与资源化利用",
                          "Sorting and recycling municipal solid waste")
EXAMPLES["POST /api/v1/events/{slug}/exchange/topics"] = Example(
    "A fifth topic for the technical exchange", caller=ORGANIZER, params=_demo(),
    request={"session_id": EXCHANGE_SESSION, "title_zh": WASTE_TOPIC_TITLE["zh"],
             "title_en": WASTE_TOPIC_TITLE["en"], "position": 4},
    response={"id": WASTE_TOPIC, "session_id": EXCHANGE_SESSION, "position": 4,
              "title": WASTE_TOPIC_TITLE, "description": NO_TEXT},
    status=201,
)
EXAMPLES["PATCH /api/v1/events/{slug}/exchange/topics/{topic_id}"] = Example(
    "The water-pollution topic gets a description", caller=ORGANIZER,
    params=_demo(topic_id=WATER_TOPIC),
    request={"description_zh": WATER_TOPIC_DESCRIPTION["zh"],
             "description_en": WATER_TOPIC_DESCRIPTION["en"]},
    response={"id": WATER_TOPIC, "session_id": EXCHANGE_SESSION, "position": 2,
              "title": WATER_TOPIC_TITLE, "description": WATER_TOPIC_DESCRIPTION},
)
ENTERPRISE_E_NAME = _text("示例企业E（演示数据）", "Example Enterprise E (demo data)")
ENTERPRISE_E_TITLE = _text(f"示例介绍：{WASTE_TOPIC_TITLE['zh']}",
                           "Sample presentation: sorting and recycling municipal solid waste")
EXAMPLES["POST /api/v1/events/{slug}/exchange/presentations"] = Example(
    "An enterprise presents under the new topic", caller=ORGANIZER, params=_demo(),
    request={"topic_id": WASTE_TOPIC, "enterprise_zh": ENTERPRISE_E_NAME["zh"],
             "enterprise_en": ENTERPRISE_E_NAME["en"], "title_zh": ENTERPRISE_E_TITLE["zh"],
             "title_en": ENTERPRISE_E_TITLE["en"], "summary_zh": PLACEHOLDER["zh"],
             "summary_en": PLACEHOLDER["en"], "country": "CN"},
    response={"id": ENTERPRISE_E, "topic_id": WASTE_TOPIC, "position": 0,
              "enterprise": ENTERPRISE_E_NAME, "enterprise_text": ENTERPRISE_E_NAME["zh"],
              "title": ENTERPRISE_E_TITLE, "title_text": ENTERPRISE_E_TITLE["zh"],
              "summary": PLACEHOLDER, "country": "CN", "presenter": None,
              "accepts_meetings": False, "url": _page("exchange/presentations/5"),
              "presenter_id": None, "contact_user_id": None},
    status=201,
)
EXAMPLES["PATCH /api/v1/events/{slug}/exchange/presentations/{presentation_id}"] = Example(
    "Example Enterprise C names its contact for 1:1 meetings (a confirmed participant)",
    caller=ORGANIZER, params=_demo(presentation_id=ENTERPRISE_C),
    request={"contact_user_id": WANG.ref, "country": "CN"},
    response={**ENTERPRISE_C_PRESENTATION, "presenter_id": None, "contact_user_id": WANG.ref},
)
EXAMPLES["DELETE /api/v1/events/{slug}/exchange/presentations/{presentation_id}"] = Example(
    "The new enterprise withdraws", caller=ORGANIZER, params=_demo(presentation_id=ENTERPRISE_E),
    status=204,
)
EXAMPLES["DELETE /api/v1/events/{slug}/exchange/topics/{topic_id}"] = Example(
    "The fifth topic goes too", caller=ORGANIZER, params=_demo(topic_id=WASTE_TOPIC),
    status=204,
)

# 6. A participant from Laos registers and takes seats.

EXAMPLES["POST /api/v1/events/{slug}/registrations"] = Example(
    "Khamla S. registers, asking for a seat in sub-forum A (pending: organizers approve)",
    caller=KHAMLA, params=_demo(),
    request={**{name: KHAMLA_FORM[name] for name in (
                 "name", "organization", "position", "country", "language", "timezone",
                 "answers")},
             "consent": True, "subforum_id": SUBFORUM_A},
    response=KHAMLA_FORM,
    status=201,
)
EXAMPLES["GET /api/v1/events/{slug}/registrations"] = Example(
    "The registrations waiting for a decision", caller=ORGANIZER,
    params=_demo(status="pending"),
    response=[_for_organizers(KHAMLA_FORM, KHAMLA)],
)
EXAMPLES["POST /api/v1/events/{slug}/registrations/{registration_id}/approve"] = Example(
    "Khamla S. is confirmed, with the seat asked for", caller=ORGANIZER,
    params=_demo(registration_id=KHAMLA_REGISTRATION),
    response=_for_organizers(KHAMLA_CONFIRMED, KHAMLA, decided_at=APPROVED),
)
REFUSAL = ("Seats at this roundtable are kept for the delegations of the six Lancang-Mekong "
           "countries. Thank you for your interest.")
EXAMPLES["POST /api/v1/events/{slug}/registrations/{registration_id}/reject"] = Example(
    "A registration is declined, with a note mailed to the participant", caller=ORGANIZER,
    params=_demo(registration_id=ALEX_REGISTRATION),
    request={"note": REFUSAL},
    response=_for_organizers(
        {"id": ALEX_REGISTRATION, "event": SLUG, "status": "rejected", "name": ALEX.name,
         "organization": ALEX.organization, "position": "", "country": ALEX.country,
         "language": ALEX.language, "timezone": ALEX.timezone, "answers": ALEX.answers,
         "created_at": "2020-11-10T08:00:00+00:00", "seats": [], "preferred_subforum_id": None},
        ALEX, decided_at="2020-11-18T01:07:00+00:00", decision_note=REFUSAL),
)
EXAMPLES["GET /api/v1/events/{slug}/registrations/{registration_id}"] = Example(
    "Khamla S.'s registration, as organizers see it", caller=ORGANIZER,
    params=_demo(registration_id=KHAMLA_REGISTRATION),
    response=_for_organizers(KHAMLA_CONFIRMED, KHAMLA, decided_at=APPROVED),
)
EXAMPLES["POST /api/v1/events/{slug}/subforums/{subforum_id}/seats"] = Example(
    "Khamla S. moves to sub-forum B in one step", caller=KHAMLA,
    params=_demo(subforum_id=SUBFORUM_B),
    request={"switch": True},
    response=SEAT_B,
    status=201,
)
EXAMPLES["POST /api/v1/events/{slug}/sessions/{session_id}/seats"] = Example(
    "Khamla S. takes a seat in the technical exchange", caller=KHAMLA,
    params=_demo(session_id=EXCHANGE_SESSION),
    request={"switch": False},
    response=EXCHANGE_SEAT,
    status=201,
)
EXAMPLES["GET /api/v1/events/{slug}/registrations/me"] = Example(
    "Khamla S.'s own registration and seats", caller=KHAMLA, params=_demo(),
    response=KHAMLA_SEATED,
)
EXAMPLES["GET /api/v1/me/registrations"] = Example(
    "Khamla S.'s registrations in every event", caller=KHAMLA, response=[KHAMLA_SEATED],
)

# The webhook's sender ran once meanwhile, while the CRM was down (the replay arranges it).

EXAMPLES["GET /api/v1/events/{slug}/webhooks/{webhook_id}/deliveries"] = Example(
    "What was announced to the CRM, newest first, a page at a time", caller=ORGANIZER,
    params=_demo(webhook_id=WEBHOOK, page=1, page_size=2),
    response=[_seat_taken(8, EXCHANGE_SEAT, "2020-11-18T01:42:00+00:00",
                          "msg_8405da35330946cba43274a6c3caeab9"),
              _delivery(7, "seat.freed", "2020-11-18T01:40:00+00:00",
                        "msg_d5711d4b27084f4487fb7cc2f494abef",
                        {"seat": {"id": SEAT_A["id"], "registration_id": KHAMLA_REGISTRATION,
                                  "subforum_id": SUBFORUM_A, "session_id": None,
                                  "state": "held", "email": KHAMLA.email, "name": KHAMLA.name,
                                  "held_since": APPROVED.replace("+00:00", "Z")}})],
)
EXAMPLES["GET /api/v1/events/{slug}/webhooks/{webhook_id}/deliveries/{delivery_id}"] = Example(
    "The ping, with its try: the receiver was down", caller=ORGANIZER,
    params=_demo(webhook_id=WEBHOOK, delivery_id=PING),
    response=PING_SENT,
)
EXAMPLES["POST /api/v1/events/{slug}/webhooks/{webhook_id}/deliveries/{delivery_id}/retry"] = (
    Example(
        "The ping is sent again at once", caller=ORGANIZER,
        params=_demo(webhook_id=WEBHOOK, delivery_id=PING),
        response={**PING_SENT, "next_attempt_at": "2020-11-18T02:10:00+00:00"},
    ))


def _feed(secret: str) -> dict[str, str]:
    return {"feed_url": f"{SITE}/calendar/{secret}.ics",
            "webcal_url": f"webcal://{SITE.removeprefix('https://')}/calendar/{secret}.ics"}


EXAMPLES["GET /api/v1/me/calendar"] = Example(
    "Khamla S.'s personal calendar feed", caller=KHAMLA,
    response=_feed("Vb3kQ9sL2xWm7RzT0nYc4HdJ8pFa6GuE1iKoN5eXw_A"),
)
EXAMPLES["POST /api/v1/me/calendar/reset"] = Example(
    "A new secret feed address; the old one stops working at once", caller=KHAMLA,
    response=_feed("Ht6Ny1cR8vLq3ZsA9mWe0KbX5jDf2PgU7oIkT4rYl-Q"),
    status=201,
)

# 7. The technical exchange: a need, a question, votes, a 1:1 meeting.

EXAMPLES["POST /api/v1/events/{slug}/exchange/topics/{topic_id}/needs"] = Example(
    "Khamla S. posts a need, for participants' eyes, with her name", caller=KHAMLA,
    params=_demo(topic_id=WATER_TOPIC),
    request={name: KHAMLA_NEED_SHOWN[name] for name in (
        "country", "sector", "description", "visibility", "show_contact")},
    response=KHAMLA_NEED_SHOWN,
    status=201,
)
EXAMPLES["GET /api/v1/events/{slug}/exchange"] = Example(
    "The exchange as a participant sees it (the water-pollution topic shown)", caller=KHAMLA,
    params=_demo(),
    response={"timezone": "Asia/Shanghai", "sessions": [{
        "id": EXCHANGE_SESSION, "status": "scheduled", "title": EXCHANGE_TITLE,
        "title_text": EXCHANGE_TITLE["zh"], "starts_at": "2020-11-26T15:30:00+08:00",
        "ends_at": "2020-11-26T17:30:00+08:00", "timezone": "Asia/Shanghai",
        "room": _public(EXCHANGE_ROOM_DETAILS), "url": _page("sessions/8"),
        "topics": [{"id": WATER_TOPIC, "session_id": EXCHANGE_SESSION, "position": 2,
                    "title": WATER_TOPIC_TITLE, "title_text": WATER_TOPIC_TITLE["zh"],
                    "description": WATER_TOPIC_DESCRIPTION,
                    "presentations": [ENTERPRISE_C_PRESENTATION],
                    "needs": [KHAMLA_NEED_SHOWN]}],
    }]},
)
EXAMPLES["POST /api/v1/events/{slug}/exchange/presentations/{presentation_id}/questions"] = (
    Example(
        "Khamla S. asks Example Enterprise C a question", caller=KHAMLA,
        params=_demo(presentation_id=ENTERPRISE_C),
        request={"text": KHAMLA_QUESTION_SHOWN["text"]},
        response=KHAMLA_QUESTION_SHOWN,
        status=201,
    ))
VOTED = {**KHAMLA_QUESTION_SHOWN, "votes": 1, "voted": True, "mine": False}
EXAMPLES["POST /api/v1/events/{slug}/exchange/questions/{question_id}/vote"] = Example(
    "Another participant upvotes the question", caller=LINH,
    params=_demo(question_id=KHAMLA_QUESTION),
    response=VOTED,
    status=201,
)
EXAMPLES["GET /api/v1/events/{slug}/exchange/presentations/{presentation_id}/questions"] = Example(
    "The questions to Example Enterprise C, most votes first, as the voter sees them",
    caller=LINH, params=_demo(presentation_id=ENTERPRISE_C),
    response=[VOTED],
)
EXAMPLES["DELETE /api/v1/events/{slug}/exchange/questions/{question_id}/vote"] = Example(
    "The vote is taken back", caller=LINH, params=_demo(question_id=KHAMLA_QUESTION),
    status=204,
)
EXAMPLES["POST /api/v1/events/{slug}/exchange/questions/{question_id}/answered"] = Example(
    "An organizer marks the question answered (moderators see who asked)", caller=ORGANIZER,
    params=_demo(question_id=KHAMLA_QUESTION),
    response=MODERATED_QUESTION,
)
EXAMPLES["POST /api/v1/events/{slug}/exchange/questions/{question_id}/hide"] = Example(
    "An organizer hides the question from everyone but the moderators", caller=ORGANIZER,
    params=_demo(question_id=KHAMLA_QUESTION),
    response={**MODERATED_QUESTION, "hidden": True},
)
EXAMPLES["POST /api/v1/events/{slug}/exchange/questions/{question_id}/unhide"] = Example(
    "…and shows it again", caller=ORGANIZER, params=_demo(question_id=KHAMLA_QUESTION),
    response=MODERATED_QUESTION,
)
EXAMPLES["POST /api/v1/events/{slug}/exchange/meetings"] = Example(
    "Khamla S. asks Example Enterprise C to meet, proposing two times (in Vientiane time; "
    "the answer gives them in the event's zone)",
    caller=KHAMLA, params=_demo(),
    request={"presentation_id": ENTERPRISE_C,
             "times": [{"starts_at": "2020-11-27T09:00:00+07:00",
                        "ends_at": "2020-11-27T09:45:00+07:00"},
                       {"starts_at": "2020-11-27T14:00:00+07:00",
                        "ends_at": "2020-11-27T14:45:00+07:00"}],
             "message": _meeting("requester")["message"]},
    response=_meeting("requester"),
    status=201,
)
EXAMPLES["GET /api/v1/me/meetings"] = Example(
    "The enterprise's contact reads the request", caller=WANG,
    response=[_meeting("recipient")],
)
EXAMPLES["POST /api/v1/events/{slug}/exchange/meetings/{meeting_id}/proposals"] = Example(
    "The contact proposes another time", caller=WANG, params=_demo(meeting_id=MEETING),
    request={"times": [{"starts_at": "2020-11-30T10:00:00+08:00",
                        "ends_at": "2020-11-30T10:45:00+08:00"}]},
    response=_meeting("recipient", wangs_time=True, updated_at="2020-11-19T06:00:00+00:00"),
    status=201,
)
ACCEPTED_MEETING = _meeting("requester", wangs_time=True, **ACCEPTED)
for _time in ACCEPTED_MEETING["proposals"]:
    _time["yours_to_accept"] = False  # nothing is left to accept
EXAMPLES["POST /api/v1/events/{slug}/exchange/meetings/{meeting_id}/accept"] = Example(
    "Khamla S. accepts it: the meeting gets its own join link", caller=KHAMLA,
    params=_demo(meeting_id=MEETING),
    request={"proposal_id": WANGS_TIME},
    response=ACCEPTED_MEETING,
)
EXAMPLES["GET /api/v1/events/{slug}/exchange/meetings/{meeting_id}"] = Example(
    "The accepted meeting", caller=KHAMLA, params=_demo(meeting_id=MEETING),
    response=ACCEPTED_MEETING,
)
EXAMPLES["POST /api/v1/events/{slug}/exchange/meetings/{meeting_id}/cancel"] = Example(
    "The contact cancels the meeting: both get the calendar cancellation", caller=WANG,
    params=_demo(meeting_id=MEETING),
    response={**ACCEPTED_MEETING, "role": "recipient", "status": "cancelled", "join_url": None,
              "sequence": 1, "updated_at": "2020-11-20T01:00:00+00:00"},
)
EXAMPLES["POST /api/v1/events/{slug}/exchange/meetings/{meeting_id}/decline"] = Example(
    "Khamla S. declines another request: Wang L. asked to meet about her need",
    caller=KHAMLA, params=_demo(meeting_id=NEED_MEETING),
    response={
        "id": NEED_MEETING, "event": SLUG, "uid": "0b7c9e2d-4f61-4a83-b5d2-8e1f3a6c9d04",
        "status": "declined", "role": "recipient", "requester": WANG_PARTY,
        "recipient": KHAMLA_PARTY, "presentation_id": None, "need_id": KHAMLA_NEED,
        "message": "We built compact units for food-processing plants in Yunnan; shall we talk?",
        "proposals": [{"id": 4, "starts_at": "2020-11-27T16:00:00+08:00",
                       "ends_at": "2020-11-27T16:45:00+08:00", "proposed_by": "requester",
                       "yours_to_accept": False}],
        "starts_at": None, "ends_at": None, "timezone": "Asia/Shanghai", "join_url": None,
        "sequence": 0, "created_at": "2020-11-19T08:00:00+00:00",
        "updated_at": "2020-11-20T02:00:00+00:00"},
)
EXAMPLES["GET /api/v1/events/{slug}/exchange/matchmaking"] = Example(
    "The organizers' matchmaking overview (Example Enterprise C's line shown)",
    caller=ORGANIZER, params=_demo(),
    response={
        "totals": {**NO_MEETINGS, "requested": 2, "declined": 1, "cancelled": 1},
        "needs_met": 0, "companies_asked": 1,
        "needs": [{"need_id": KHAMLA_NEED, "topic_id": WATER_TOPIC, "topic": WATER_TOPIC_TITLE,
                   "country": "LA", "sector": "industrial wastewater", "hidden": False,
                   "meetings": {**NO_MEETINGS, "requested": 1, "declined": 1}}],
        "presentations": [{"presentation_id": ENTERPRISE_C, "topic_id": WATER_TOPIC,
                           "enterprise": ENTERPRISE_C_NAME, "title": ENTERPRISE_C_TITLE,
                           "has_contact": True,
                           "meetings": {**NO_MEETINGS, "requested": 1, "cancelled": 1}}],
    },
)
EXAMPLES["POST /api/v1/events/{slug}/exchange/needs/{need_id}/hide"] = Example(
    "An organizer hides the need: from then on only organizers see it", caller=ORGANIZER,
    params=_demo(need_id=KHAMLA_NEED),
    response={**KHAMLA_NEED_SHOWN, "own": False, "hidden": True},
)
EXAMPLES["DELETE /api/v1/events/{slug}/exchange/needs/{need_id}"] = Example(
    "Khamla S. withdraws the need", caller=KHAMLA, params=_demo(need_id=KHAMLA_NEED),
    status=204,
)

# 8. Plans change; the organizer looks back and puts the token away.

EXAMPLES["DELETE /api/v1/events/{slug}/sessions/{session_id}/seats/me"] = Example(
    "Khamla S. gives up the seat in the technical exchange", caller=KHAMLA,
    params=_demo(session_id=EXCHANGE_SESSION),
    status=204,
)
EXAMPLES["DELETE /api/v1/events/{slug}/subforums/{subforum_id}/seats/me"] = Example(
    "…and the one in sub-forum B: the first in line gets it", caller=KHAMLA,
    params=_demo(subforum_id=SUBFORUM_B),
    status=204,
)
EXAMPLES["DELETE /api/v1/events/{slug}/registrations/me"] = Example(
    "Khamla S. cancels the registration", caller=KHAMLA, params=_demo(),
    status=204,
)
EXAMPLES["GET /api/v1/events/{slug}/audit"] = Example(
    "The audit log, newest first, a page at a time", caller=ORGANIZER,
    params=_demo(page=1, page_size=2),
    response=[
        {"id": 36, "at": "2020-11-20T02:30:00+00:00", "actor": ORGANIZER.email,
         "address": "203.0.113.7",
         "action": f"POST {API}/events/{SLUG}/exchange/needs/{KHAMLA_NEED.shown}/hide",
         "changes": [{"what": "needs", "id": str(KHAMLA_NEED.shown), "change": "changed",
                      "fields": ["hidden_at"]}]},
        {"id": 35, "at": "2020-11-18T02:10:00+00:00", "actor": ORGANIZER.email,
         "address": "203.0.113.7",
         "action": f"POST {API}/events/{SLUG}/webhooks/{WEBHOOK.shown}/deliveries/"
                   f"{PING.shown}/retry",
         "changes": [{"what": "webhook_deliveries", "id": str(PING.shown),
                      "change": "changed", "fields": ["queued_at", "send_after"]}]},
    ],
)
EXAMPLES["DELETE /api/v1/events/{slug}/webhooks/{webhook_id}"] = Example(
    "The CRM's webhook is removed, with its deliveries", caller=ORGANIZER,
    params=_demo(webhook_id=WEBHOOK),
    status=204,
)
EXAMPLES["DELETE /api/v1/auth/tokens/{token_id}"] = Example(
    "The organizer revokes the token: it stops working at once", caller=ORGANIZER,
    params={"token_id": TOKEN},
    status=204,
)
