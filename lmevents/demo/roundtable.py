"""The reference event: the Lancang-Mekong environmental cooperation roundtable.

Facts come from the event's public report (shared seed). The report gives no calendar date and
no clock times, so the date and times below are illustrative, and the event says so. The
contact block keeps the organization-level fields only; the report's personal e-mail addresses
are left out so the demo can never mail real people.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import replace
from datetime import date, datetime
from zoneinfo import ZoneInfo

from sqlalchemy import select
from sqlalchemy.orm import Session as DbSession

from lmevents.agenda.interpretation import ChannelInput
from lmevents.agenda.models import Platform, SessionKind, SpeakerRole
from lmevents.agenda.rooms import RoomInput, create_room
from lmevents.agenda.services import SessionInput, SpeakerEntry, TopicEntry, create_session
from lmevents.events.models import Event
from lmevents.events.services import (
    ContactInput,
    EventInput,
    HostInput,
    create_event,
    publish_event,
    set_contact,
    set_hosts,
)
from lmevents.exchange.content.services import (
    PresentationInput,
    TopicInput,
    create_presentation,
    create_topic,
)
from lmevents.registration.questions import QuestionInput, create_question
from lmevents.speakers.models import EventSpeaker, InvitationState, Speaker
from lmevents.speakers.services import SpeakerInput, create_speaker
from lmevents.subforums.services import SubForumInput, create_subforum

SLUG = "lm-roundtable-2020"
ZONE = ZoneInfo("Asia/Shanghai")
DAY = date(2020, 11, 26)  # illustrative: the report names no date (COP15 was still ahead)

SPEAKERS = {
    "li": SpeakerInput(
        name_zh="李永红", name_en="Li Yonghong", country="CN",
        position_zh="副主任", position_en="Deputy Director",
        organization_zh="生态环境部对外合作与交流中心 / 澜沧江-湄公河环境合作中心",
        organization_en="Foreign Environmental Cooperation Center, Ministry of Ecology and "
        "Environment (FECO) / Lancang-Mekong Environmental Cooperation Center (LMEC)",
    ),
    "zhou": SpeakerInput(
        name_zh="周云良", name_en="Zhou Yunliang", country="CN",
        position_zh="一秘", position_en="First Secretary",
        organization_zh="澜沧江-湄公河合作中国秘书处",
        organization_en="China Secretariat of Lancang-Mekong Cooperation",
    ),
    "syamphone": SpeakerInput(
        name_en="Syamphone Sengchadala", name_zh="Syamphone Sengchadala", country="LA",
        position_zh="气候变化管理司司长",
        position_en="Director General, Department of Climate Change",
        organization_zh="老挝自然资源与环境部",
        organization_en="Ministry of Natural Resources and Environment, Lao PDR",
    ),
    "pu": SpeakerInput(
        name_zh="普利锋", name_en="Pu Lifeng", country="CN",
        position_zh="副厅长", position_en="Deputy Director General",
        organization_zh="云南省生态环境厅",
        organization_en="Department of Ecology and Environment of Yunnan Province",
    ),
    "tang": SpeakerInput(
        name_zh="唐丁丁", name_en="Tang Dingding", country="CN",
        position_zh="联合秘书长；原亚洲开发银行合规审查委员会主席",
        position_en="Joint Secretary General; former Chair of the Compliance Review Panel of "
        "the Asian Development Bank",
        organization_zh="国际金融论坛", organization_en="International Finance Forum",
    ),
    "jerkins": SpeakerInput(
        name_en="Alison Jerkins", name_zh="Alison Jerkins", honorific_en="Dr.",
        honorific_zh="博士",
        position_zh="南南合作与伙伴关系处处长",
        position_en="Chief of South-South Cooperation and Partnerships",
        organization_zh="联合国儿童基金会", organization_en="UNICEF",
    ),
}


# The exchange's four topics (the report's), each with one fictional enterprise as a
# placeholder presentation: the report names no companies, and demo data makes no one's claims.
EXCHANGE_TOPICS = [
    ("工业园区第三方综合治理",
     "Third-party integrated environmental management of industrial parks", "A"),
    ("中方企业在湄公河国家投资建设垃圾发电项目",
     "Chinese enterprises investing in waste-to-energy projects in the Mekong countries", "B"),
    ("湄公河国家水污染治理需求及中方相关治理经验",
     "Water-pollution treatment needs of the Mekong countries and Chinese experience", "C"),
    ("深圳绿色园区建设和运营经验",
     "Building and operating green industrial parks: Shenzhen's experience", "D"),
]

# Extra questions of the demo's registration form (illustrative, like the times).
QUESTIONS = [
    QuestionInput(
        kind="choice", required=True, label_zh="您所在机构的类型", label_en="Your organization is",
        options=[{"zh": "政府部门", "en": "a government body"},
                 {"zh": "企业", "en": "an enterprise"},
                 {"zh": "科研院所或高校", "en": "a research institute or university"},
                 {"zh": "国际组织", "en": "an international organization"},
                 {"zh": "社会组织", "en": "a non-governmental organization"}],
    ),
    QuestionInput(kind="text", label_zh="您希望在技术交流中讨论的需求或问题",
                  label_en="Needs or questions you would like to raise in the technical exchange"),
]


def _on(day: date) -> Callable[..., datetime]:
    """The demo's clock times on `day`, in the event's zone."""

    def at(hour: int, minute: int = 0) -> datetime:
        return datetime(day.year, day.month, day.day, hour, minute, tzinfo=ZONE)

    return at


def _speaker(dbs: DbSession, data: SpeakerInput) -> Speaker:
    """The registry is shared across events: reuse a speaker with the same English name."""
    found = dbs.scalar(select(Speaker).where(Speaker.name_en == data.name_en))
    return found or create_speaker(dbs, data)


def load_demo(dbs: DbSession, day: date = DAY) -> bool:
    """Create the demo event on `day` (its illustrative date unless told); returns False (and
    changes nothing) if it already exists."""
    if dbs.scalar(select(Event.id).where(Event.slug == SLUG)) is not None:
        return False
    at = _on(day)
    event = create_event(dbs, EventInput(
        slug=SLUG,
        timezone=ZONE.key,
        start_date=day,
        end_date=day,
        default_language="zh",
        title_zh="澜湄环境合作圆桌对话",
        title_en="Lancang-Mekong Environmental Cooperation Roundtable",
        theme_zh="澜湄国家生物多样性保护与可持续基础设施政策交流，共建绿色、低碳、可持续的澜湄流域经济发展带",
        theme_en="Policy exchange on biodiversity conservation and sustainable infrastructure "
        "in the Lancang-Mekong countries: towards a green, low-carbon, sustainable "
        "Lancang-Mekong economic development belt",
        description_zh="澜湄国家（中国、老挝、缅甸、泰国、柬埔寨、越南）在生物多样性保护与可持续基础设施领域的"
        "政策交流和经验分享。下午举行线上澜湄区域环境合作技术交流活动。",
        description_en="Policy exchange and sharing of experience among the Lancang-Mekong "
        "countries (China, Laos, Myanmar, Thailand, Cambodia, Vietnam) on biodiversity "
        "conservation and sustainable infrastructure. In the afternoon, an online technical "
        "exchange between environmental enterprises and the Mekong countries.",
        schedule_note_zh="演示数据：会议报告未给出日期和具体时间，此处日期与时间仅为示意。",
        schedule_note_en="Demo data: the event's report gives no date or clock times; the date "
        "and times shown here are illustrative.",
    ))
    set_hosts(dbs, event, [
        HostInput(name_zh="澜沧江-湄公河环境合作中心",
                  name_en="Lancang-Mekong Environmental Cooperation Center", abbreviation="LMEC",
                  role="host", url="http://www.lmec.org.cn"),
        HostInput(name_zh="生态环境部对外合作与交流中心",
                  name_en="Foreign Environmental Cooperation Center, Ministry of Ecology and "
                  "Environment", abbreviation="FECO", role="host"),
    ])
    set_contact(dbs, event, ContactInput(
        address_zh="北京市西城区后英房胡同5号",
        address_en="No. 5 Houyingfang Hutong, Xicheng District, Beijing, China",
        postcode="100035",
        phone="+86-010-82268277/8221",
        fax="+86-010-82200579",
        website="http://www.lmec.org.cn",
        wechat_zh="澜沧江-湄公河环境合作中心",
        wechat_en="澜沧江-湄公河环境合作中心 (Lancang-Mekong Environmental Cooperation Center)",
    ))

    def room(zh: str, en: str, code: str, floor: str) -> int:
        # Chinese–English interpretation, in the platform's language channels (illustrative).
        other = "en" if floor == "zh" else "zh"
        return create_room(dbs, event, RoomInput(
            name_zh=zh, name_en=en, platform=Platform.ZOOM,
            join_url=f"https://meeting.example.org/j/{code}",  # placeholder, not a real meeting
            meeting_id=code, passcode="demo2020", floor_language=floor,
            channels=[ChannelInput(other, "English" if other == "en" else "中文")],
        )).id

    plenary = room("主会场", "Plenary room", "9000000001", "zh")
    room_a = room("分论坛A会议室", "Sub-forum A room", "9000000002", "zh")
    room_b = room("分论坛B会议室", "Sub-forum B room", "9000000003", "en")
    exchange_room = room("技术交流线上会议室", "Technical exchange room", "9000000004", "zh")
    s = {key: _speaker(dbs, data) for key, data in SPEAKERS.items()}
    dbs.add_all(
        EventSpeaker(event=event, speaker=speaker, state=InvitationState.CONFIRMED)
        for speaker in s.values()
    )

    create_session(dbs, event, SessionInput(
        kind=SessionKind.OPENING, starts_at=at(9), ends_at=at(9, 40), room_id=plenary,
        title_zh="开幕致辞", title_en="Opening remarks",
        speakers=[SpeakerEntry(s[k].id, SpeakerRole.OPENING_REMARKS)
                  for k in ("li", "zhou", "syamphone", "pu")],
    ))
    create_session(dbs, event, SessionInput(
        kind=SessionKind.KEYNOTE, starts_at=at(9, 40), ends_at=at(10, 30), room_id=plenary,
        title_zh="主旨发言", title_en="Keynote speeches",
        speakers=[
            SpeakerEntry(s["tang"].id, SpeakerRole.KEYNOTE,
                         talk_title_zh="澜湄流域绿色经济发展带建设合作展望",
                         talk_title_en="Outlook for cooperation on the Lancang-Mekong green "
                         "economic development belt"),
            SpeakerEntry(s["jerkins"].id, SpeakerRole.KEYNOTE,
                         talk_title_zh="区域气候适应性基础设施建设",
                         talk_title_en="Regional climate-adaptive infrastructure: climate-smart "
                         "schools, water and sanitation as low-cost social infrastructure"),
        ],
    ))
    create_session(dbs, event, SessionInput(
        kind=SessionKind.BREAK, starts_at=at(10, 30), ends_at=at(10, 45),
        title_zh="茶歇", title_en="Break",
    ))
    create_session(dbs, event, SessionInput(
        kind=SessionKind.ROUNDTABLE, starts_at=at(10, 45), ends_at=at(12), room_id=plenary,
        title_zh="圆桌讨论", title_en="Roundtable discussion",
        description_zh="加强务实合作，促进环境政策主流化，推动建设澜湄流域绿色经济发展带。",
        description_en="Strengthening practical cooperation, mainstreaming environmental policy "
        "and building the Lancang-Mekong green economic development belt.",
        topics=[
            TopicEntry("生态系统管理", "Ecosystem management"),
            TopicEntry("可持续基础设施建设", "Sustainable infrastructure"),
            TopicEntry("生物多样性保护", "Biodiversity conservation"),
        ],
    ))
    create_session(dbs, event, SessionInput(
        kind=SessionKind.BREAK, starts_at=at(12), ends_at=at(13, 30),
        title_zh="午休", title_en="Lunch break",
    ))
    forums = [
        ("A", room_a, "澜湄低碳工业园区建设：应对气候变化与可持续发展",
         "Lancang-Mekong low-carbon industrial parks: responding to climate change and "
         "sustainable development",
         [("澜湄国家应对气候变化合作", "Climate cooperation among the Lancang-Mekong countries"),
          ("澜湄工业园区低碳发展", "Low-carbon development of industrial parks")]),
        ("B", room_b, "澜湄可持续基础设施与生态系统管理实践分享",
         "Lancang-Mekong sustainable infrastructure and ecosystem management: sharing practice",
         [("交通廊道与生态廊道建设", "Transport corridors and ecological corridors"),
          ("区域红树林保护合作", "Regional cooperation on mangrove protection")]),
    ]
    for position, (code, room_id, title_zh, title_en, topics) in enumerate(forums):
        subforum = create_subforum(dbs, event, SubForumInput(
            code=code, position=position, title_zh=title_zh, title_en=title_en,
            room_id=room_id, capacity=100,
            topics=[TopicEntry(zh, en) for zh, en in topics],
        ))
        create_session(dbs, event, SessionInput(
            kind=SessionKind.SUBFORUM, starts_at=at(13, 30), ends_at=at(15),
            room_id=room_id, subforum_id=subforum.id,
            title_zh=f"平行分论坛{code}：{title_zh}", title_en=f"Sub-forum {code}: {title_en}",
            topics=[TopicEntry(zh, en) for zh, en in topics],
        ))
    exchange = create_session(dbs, event, SessionInput(
        kind=SessionKind.EXCHANGE, starts_at=at(15, 30), ends_at=at(17, 30),
        room_id=exchange_room, capacity=300,
        title_zh="澜湄区域环境合作技术交流活动（线上）",
        title_en="Online technical exchange: environmental enterprises and the Mekong countries",
        topics=[TopicEntry(zh, en) for zh, en, _ in EXCHANGE_TOPICS],
    ))
    for zh, en, letter in EXCHANGE_TOPICS:
        topic = create_topic(dbs, event, TopicInput(session_id=exchange.id, title_zh=zh,
                                                    title_en=en))
        create_presentation(dbs, event, PresentationInput(
            topic_id=topic.id,
            enterprise_zh=f"示例企业{letter}（演示数据）",
            enterprise_en=f"Example Enterprise {letter} (demo data)",
            title_zh=f"示例介绍：{zh}",
            title_en=f"Sample presentation: {en}",
            summary_zh="演示用的占位内容：这家企业是虚构的，不代表任何真实企业、产品或业绩。",
            summary_en="A placeholder for the demo: this enterprise is fictional and stands for "
            "no real company, product or track record.",
        ))
    for position, question in enumerate(QUESTIONS):
        create_question(dbs, event, replace(question, position=position))
    publish_event(dbs, event)
    return True
