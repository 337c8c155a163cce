"""Chapters 3 to 5 of the story: the organizer sets up the speakers, the programme and the
sub-forums, the registration form, and the technical exchange's topics and presentations."""

from __future__ import annotations

from typing import Any

from lmevents.api.examples.records import (
    DEMO_LOADED,
    ENTERPRISE_C_PRESENTATION,
    KEYNOTE_SPEAKERS,
    PLACEHOLDER,
    PLENARY,
    QUESTIONS,
    SUBFORUM_A_ROOM,
    SUBFORUM_A_TITLE,
    SUBFORUM_B_ROOM,
    SUBFORUM_B_TITLE,
    WATER_TOPIC_DESCRIPTION,
    WATER_TOPIC_TITLE,
    person_lines,
    public,
)
from lmevents.api.examples.story import (
    ALISON_JERKINS,
    ENTERPRISE_C,
    ENTERPRISE_E,
    EXCHANGE_DAY_QUESTION,
    EXCHANGE_SESSION,
    GAO_LAN,
    KEYNOTES,
    LI_YONGHONG,
    NO_TEXT,
    OPENING,
    ORGANIZATION_QUESTION,
    ORGANIZER,
    ROUNDTABLE,
    SESSION_A,
    SESSION_B,
    SLUG,
    SUBFORUM_A,
    SUBFORUM_B,
    SUBFORUM_C,
    SYAMPHONE,
    TANG_DINGDING,
    TEA_BREAK,
    WANG,
    WASTE_TOPIC,
    WATER_TOPIC,
    Example,
    Ref,
    demo,
    page,
    text,
)

EXAMPLES: dict[str, Example] = {}


# Pieces of this chapter's answers.

GAO_LAN_LINE = person_lines(
    GAO_LAN, text("高岚", "Gao Lan"), text("研究员", "Research Fellow"),
    text("示例研究院（演示数据）", "Example Research Institute (demo data)"), "CN", "高岚")
GAO_LAN_BIO = text("研究澜湄国家沿海红树林与河岸生态系统的修复。",
                   "Studies the restoration of mangroves and river-bank ecosystems in the "
                   "Lancang-Mekong countries.")
GAO_LAN_ENTRY = {
    "id": GAO_LAN, "name": GAO_LAN_LINE["name"], "name_native": None, "honorific": NO_TEXT,
    "position": GAO_LAN_LINE["position"], "organization": GAO_LAN_LINE["organization"],
    "country": "CN", "bio": NO_TEXT, "photo_url": None, "portrait_url": None,
    "email": "gao.lan@example.org", "created_at": "2020-11-16T02:10:00+00:00", "invitations": [],
}
ROUNDTABLE_TOPICS = [text("生态系统管理", "Ecosystem management"),
                     text("可持续基础设施建设", "Sustainable infrastructure"),
                     text("生物多样性保护", "Biodiversity conservation")]
TEA_BREAK_SESSION = {
    "id": TEA_BREAK, "kind": "break", "status": "scheduled", "title": text("茶歇", "Tea break"),
    "title_text": "茶歇", "starts_at": "2020-11-26T15:00:00+08:00",
    "ends_at": "2020-11-26T15:30:00+08:00", "timezone": "Asia/Shanghai",
    "url": page("sessions/9"), "uid": "3f6d2a4e-8b1c-4f7e-9a25-6c0d1e2b3a47", "revision": 0,
    "description": NO_TEXT, "room": None, "subforum": None, "capacity": None,
    "floor_language": None, "topics": [], "speakers": [],
}
ROUNDTABLE_SESSION = {
    "id": ROUNDTABLE, "kind": "roundtable", "status": "scheduled",
    "title": text("圆桌讨论", "Roundtable discussion"), "title_text": "圆桌讨论",
    "starts_at": "2020-11-26T10:45:00+08:00", "ends_at": "2020-11-26T12:00:00+08:00",
    "timezone": "Asia/Shanghai", "url": page("sessions/4"),
    "uid": "c41e9d70-2b5f-4a8e-b3d6-91f0a7c2e548", "revision": 0,
    "description": text("加强务实合作，促进环境政策主流化，推动建设澜湄流域绿色经济发展带。",
                        "Strengthening practical cooperation, mainstreaming environmental "
                        "policy and building the Lancang-Mekong green economic development "
                        "belt."),
    "room": public(PLENARY), "subforum": None, "capacity": None, "floor_language": "zh",
    "topics": ROUNDTABLE_TOPICS,
    "speakers": [{**GAO_LAN_LINE, "role": "moderator", "talk_title": NO_TEXT}],
}


def _forum_session(ref: Ref, code: str, title: dict) -> dict[str, Any]:
    full = text(f"平行分论坛{code}：{title['zh']}", f"Sub-forum {code}: {title['en']}")
    return {"id": ref, "kind": "subforum", "status": "scheduled", "title": full,
            "title_text": full["zh"], "starts_at": "2020-11-26T13:30:00+08:00",
            "ends_at": "2020-11-26T15:00:00+08:00", "timezone": "Asia/Shanghai",
            "url": page(f"sessions/{ref.shown}")}


SUBFORUM_A_DETAILS = {
    "id": SUBFORUM_A, "code": "A", "position": 0, "title": SUBFORUM_A_TITLE,
    "title_text": SUBFORUM_A_TITLE["zh"], "description": NO_TEXT,
    "topics": [text("澜湄国家应对气候变化合作",
                    "Climate cooperation among the Lancang-Mekong countries"),
               text("澜湄工业园区低碳发展", "Low-carbon development of industrial parks")],
    "moderators": [], "room": public(SUBFORUM_A_ROOM), "capacity": 100, "seats_left": 100,
    "waiting": 0, "sessions": [_forum_session(SESSION_A, "A", SUBFORUM_A_TITLE)],
    "url": page("subforums/1"),
}
SUBFORUM_B_DETAILS = {
    "id": SUBFORUM_B, "code": "B", "position": 1, "title": SUBFORUM_B_TITLE,
    "title_text": SUBFORUM_B_TITLE["zh"], "description": NO_TEXT,
    "topics": [text("交通廊道与生态廊道建设", "Transport corridors and ecological corridors"),
               text("区域红树林保护合作", "Regional cooperation on mangrove protection")],
    "moderators": [GAO_LAN_LINE], "room": public(SUBFORUM_B_ROOM), "capacity": 120,
    "seats_left": 120, "waiting": 0,
    "sessions": [_forum_session(SESSION_B, "B", SUBFORUM_B_TITLE)], "url": page("subforums/2"),
}

# 3. Speakers, the programme and the sub-forums.


def _registry_entry(line: dict[str, Any]) -> dict[str, Any]:
    """A demo speaker's entry in the registry."""
    return {"id": line["speaker_id"], "name": line["name"], "name_native": None,
            "honorific": line["honorific"], "position": line["position"],
            "organization": line["organization"], "country": line["country"], "bio": NO_TEXT,
            "photo_url": None, "portrait_url": None, "email": None, "created_at": DEMO_LOADED,
            "invitations": [{"event": SLUG, "speaker_id": line["speaker_id"],
                             "state": "confirmed", "updated_at": DEMO_LOADED}]}


LI_YONGHONG_LINE = person_lines(
    LI_YONGHONG, text("李永红", "Li Yonghong"), text("副主任", "Deputy Director"),
    text("生态环境部对外合作与交流中心 / 澜沧江-湄公河环境合作中心",
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
    params=demo(speaker_id=GAO_LAN),
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
            "url": page(f"speakers/{speaker_id.shown}")}


EXAMPLES["GET /api/v1/events/{slug}/speakers"] = Example(
    "The roundtable's speakers from Laos", params=demo(country="LA"),
    response=[_public_speaker(
        SYAMPHONE,
        person_lines(SYAMPHONE, text("Syamphone Sengchadala", "Syamphone Sengchadala"),
                     text("气候变化管理司司长",
                          "Director General, Department of Climate Change"),
                     text("老挝自然资源与环境部",
                          "Ministry of Natural Resources and Environment, Lao PDR"),
                     "LA", "Syamphone Sengchadala"),
        "Syamphone Sengchadala",
        {"session_id": OPENING, "title": text("开幕致辞", "Opening remarks"),
         "role": "opening_remarks", "talk_title": NO_TEXT,
         "starts_at": "2020-11-26T09:00:00+08:00", "ends_at": "2020-11-26T09:40:00+08:00",
         "timezone": "Asia/Shanghai", "url": page("sessions/1")})],
)
EXAMPLES["GET /api/v1/events/{slug}/speakers/{speaker_id}"] = Example(
    "A keynote speaker and her talk", params=demo(speaker_id=ALISON_JERKINS),
    response=_public_speaker(
        ALISON_JERKINS, KEYNOTE_SPEAKERS[1], "Alison Jerkins博士",
        {"session_id": KEYNOTES, "title": text("主旨发言", "Keynote speeches"),
         "role": "keynote", "talk_title": KEYNOTE_SPEAKERS[1]["talk_title"],
         "starts_at": "2020-11-26T09:40:00+08:00", "ends_at": "2020-11-26T10:30:00+08:00",
         "timezone": "Asia/Shanghai", "url": page("sessions/2")}),
)
EXAMPLES["GET /api/v1/events/{slug}/sessions"] = Example(
    "The programme in Vientiane time, in English (one of its sessions shown)",
    params=demo(tz="Asia/Vientiane", lang="en"),
    response=[{
        "id": KEYNOTES, "kind": "keynote", "status": "scheduled",
        "title": text("主旨发言", "Keynote speeches"), "title_text": "Keynote speeches",
        "starts_at": "2020-11-26T08:40:00+07:00", "ends_at": "2020-11-26T09:30:00+07:00",
        "timezone": "Asia/Vientiane", "url": page("sessions/2"),
        "uid": "e2a9c4b1-7d3f-4c58-a06e-3b9f1d2c8e70", "revision": 0, "description": NO_TEXT,
        "room": public(PLENARY), "subforum": None, "capacity": None, "floor_language": "zh",
        "topics": [], "speakers": KEYNOTE_SPEAKERS,
    }],
)
EXAMPLES["POST /api/v1/events/{slug}/sessions"] = Example(
    "A tea break between the sub-forums and the technical exchange", caller=ORGANIZER,
    params=demo(),
    request={"kind": "break", "starts_at": "2020-11-26T15:00:00+08:00",
             "ends_at": "2020-11-26T15:30:00+08:00", "title_zh": "茶歇", "title_en": "Tea break"},
    response=TEA_BREAK_SESSION,
    status=201,
)
EXAMPLES["PATCH /api/v1/events/{slug}/sessions/{session_id}"] = Example(
    "The roundtable discussion gets its moderator", caller=ORGANIZER,
    params=demo(session_id=ROUNDTABLE),
    request={"speakers": [{"speaker_id": GAO_LAN, "role": "moderator"}]},
    response=ROUNDTABLE_SESSION,
)
EXAMPLES["GET /api/v1/events/{slug}/sessions/{session_id}"] = Example(
    "The roundtable discussion", params=demo(session_id=ROUNDTABLE),
    response=ROUNDTABLE_SESSION,
)
EXAMPLES["DELETE /api/v1/events/{slug}/sessions/{session_id}"] = Example(
    "The tea break is cancelled: it stays in the programme, cancelled", caller=ORGANIZER,
    params=demo(session_id=TEA_BREAK),
    response={**TEA_BREAK_SESSION, "status": "cancelled", "revision": 1},
)
EXAMPLES["POST /api/v1/events/{slug}/sessions/{session_id}/restore"] = Example(
    "The tea break is back", caller=ORGANIZER, params=demo(session_id=TEA_BREAK),
    response={**TEA_BREAK_SESSION, "revision": 2},
)


def _change(change_id: int, action: str, at: str, revision: int, **changes: list) -> dict:
    return {"id": change_id, "action": action, "changes": changes, "revision": revision,
            "changed_at": at, "changed_by_id": ORGANIZER.ref, "changed_by": ORGANIZER.name}


EXAMPLES["GET /api/v1/events/{slug}/sessions/{session_id}/changes"] = Example(
    "What happened to the tea break, oldest first", caller=ORGANIZER,
    params=demo(session_id=TEA_BREAK),
    response=[_change(9, "created", "2020-11-16T02:20:00+00:00", 0),
              _change(11, "cancelled", "2020-11-16T02:25:00+00:00", 1,
                      status=["scheduled", "cancelled"]),
              _change(12, "restored", "2020-11-16T02:26:00+00:00", 2,
                      status=["cancelled", "scheduled"])],
)
SUBFORUM_C_TITLE = text("澜湄生物多样性保护实践分享",
                        "Lancang-Mekong biodiversity conservation: sharing practice")
SUBFORUM_C_TOPIC = text("跨境保护区合作", "Cooperation between cross-border protected areas")
EXAMPLES["POST /api/v1/events/{slug}/subforums"] = Example(
    "A third sub-forum", caller=ORGANIZER, params=demo(),
    request={"code": "C", "title_zh": SUBFORUM_C_TITLE["zh"], "title_en": SUBFORUM_C_TITLE["en"],
             "capacity": 100, "position": 2,
             "topics": [{"title_zh": SUBFORUM_C_TOPIC["zh"],
                         "title_en": SUBFORUM_C_TOPIC["en"]}]},
    response={"id": SUBFORUM_C, "code": "C", "position": 2, "title": SUBFORUM_C_TITLE,
              "title_text": SUBFORUM_C_TITLE["zh"], "description": NO_TEXT,
              "topics": [SUBFORUM_C_TOPIC], "moderators": [], "room": None, "capacity": 100,
              "seats_left": 100, "waiting": 0, "sessions": [], "url": page("subforums/3")},
    status=201,
)
EXAMPLES["PATCH /api/v1/events/{slug}/subforums/{subforum_id}"] = Example(
    "Sub-forum B gets more seats and a moderator", caller=ORGANIZER,
    params=demo(subforum_id=SUBFORUM_B),
    request={"capacity": 120, "moderator_ids": [GAO_LAN]},
    response=SUBFORUM_B_DETAILS,
)
EXAMPLES["DELETE /api/v1/events/{slug}/subforums/{subforum_id}"] = Example(
    "The third sub-forum is dropped", caller=ORGANIZER, params=demo(subforum_id=SUBFORUM_C),
    status=204,
)
EXAMPLES["GET /api/v1/events/{slug}/subforums"] = Example(
    "The parallel sub-forums (the first shown)", params=demo(),
    response=[SUBFORUM_A_DETAILS],
)
EXAMPLES["GET /api/v1/events/{slug}/subforums/{subforum_id}"] = Example(
    "Sub-forum B, with its free seats", params=demo(subforum_id=SUBFORUM_B),
    response=SUBFORUM_B_DETAILS,
)

# 4. The registration form.

AFTERNOON_QUESTION = text("是否参加下午的线上技术交流活动？",
                          "Will you join the online technical exchange in the afternoon?")
EXAMPLES["POST /api/v1/events/{slug}/registration-questions"] = Example(
    "A yes/no question about the afternoon", caller=ORGANIZER, params=demo(),
    request={"kind": "yes_no", "label_zh": AFTERNOON_QUESTION["zh"],
             "label_en": AFTERNOON_QUESTION["en"], "required": False, "position": 3},
    response={"id": EXCHANGE_DAY_QUESTION, "kind": "yes_no", "label": AFTERNOON_QUESTION,
              "options": [], "required": False, "position": 3},
    status=201,
)
EXAMPLES["PATCH /api/v1/events/{slug}/registration-questions/{question_id}"] = Example(
    "One more kind of organization (options are added, never removed)", caller=ORGANIZER,
    params=demo(question_id=ORGANIZATION_QUESTION),
    request={"options": QUESTIONS[0]["options"]},
    response=QUESTIONS[0],
)
EXAMPLES["DELETE /api/v1/events/{slug}/registration-questions/{question_id}"] = Example(
    "The question about the afternoon is dropped again", caller=ORGANIZER,
    params=demo(question_id=EXCHANGE_DAY_QUESTION),
    status=204,
)
EXAMPLES["GET /api/v1/events/{slug}/registration-questions"] = Example(
    "The questions of the registration form", params=demo(), response=QUESTIONS,
)

# 5. The exchange's topics and presentations.

WASTE_TOPIC_TITLE = text("城市生活垃圾分类与资源化利用",
                         "Sorting and recycling municipal solid waste")
EXAMPLES["POST /api/v1/events/{slug}/exchange/topics"] = Example(
    "A fifth topic for the technical exchange", caller=ORGANIZER, params=demo(),
    request={"session_id": EXCHANGE_SESSION, "title_zh": WASTE_TOPIC_TITLE["zh"],
             "title_en": WASTE_TOPIC_TITLE["en"], "position": 4},
    response={"id": WASTE_TOPIC, "session_id": EXCHANGE_SESSION, "position": 4,
              "title": WASTE_TOPIC_TITLE, "description": NO_TEXT},
    status=201,
)
EXAMPLES["PATCH /api/v1/events/{slug}/exchange/topics/{topic_id}"] = Example(
    "The water-pollution topic gets a description", caller=ORGANIZER,
    params=demo(topic_id=WATER_TOPIC),
    request={"description_zh": WATER_TOPIC_DESCRIPTION["zh"],
             "description_en": WATER_TOPIC_DESCRIPTION["en"]},
    response={"id": WATER_TOPIC, "session_id": EXCHANGE_SESSION, "position": 2,
              "title": WATER_TOPIC_TITLE, "description": WATER_TOPIC_DESCRIPTION},
)
ENTERPRISE_E_NAME = text("示例企业E（演示数据）", "Example Enterprise E (demo data)")
ENTERPRISE_E_TITLE = text(f"示例介绍：{WASTE_TOPIC_TITLE['zh']}",
                          "Sample presentation: sorting and recycling municipal solid waste")
EXAMPLES["POST /api/v1/events/{slug}/exchange/presentations"] = Example(
    "An enterprise presents under the new topic", caller=ORGANIZER, params=demo(),
    request={"topic_id": WASTE_TOPIC, "enterprise_zh": ENTERPRISE_E_NAME["zh"],
             "enterprise_en": ENTERPRISE_E_NAME["en"], "title_zh": ENTERPRISE_E_TITLE["zh"],
             "title_en": ENTERPRISE_E_TITLE["en"], "summary_zh": PLACEHOLDER["zh"],
             "summary_en": PLACEHOLDER["en"], "country": "CN"},
    response={"id": ENTERPRISE_E, "topic_id": WASTE_TOPIC, "position": 0,
              "enterprise": ENTERPRISE_E_NAME, "enterprise_text": ENTERPRISE_E_NAME["zh"],
              "title": ENTERPRISE_E_TITLE, "title_text": ENTERPRISE_E_TITLE["zh"],
              "summary": PLACEHOLDER, "country": "CN", "presenter": None,
              "accepts_meetings": False, "url": page("exchange/presentations/5"),
              "presenter_id": None, "contact_user_id": None},
    status=201,
)
EXAMPLES["PATCH /api/v1/events/{slug}/exchange/presentations/{presentation_id}"] = Example(
    "Example Enterprise C names its contact for 1:1 meetings (a confirmed participant)",
    caller=ORGANIZER, params=demo(presentation_id=ENTERPRISE_C),
    request={"contact_user_id": WANG.ref, "country": "CN"},
    response={**ENTERPRISE_C_PRESENTATION, "presenter_id": None, "contact_user_id": WANG.ref},
)
EXAMPLES["DELETE /api/v1/events/{slug}/exchange/presentations/{presentation_id}"] = Example(
    "The new enterprise withdraws", caller=ORGANIZER, params=demo(presentation_id=ENTERPRISE_E),
    status=204,
)
EXAMPLES["DELETE /api/v1/events/{slug}/exchange/topics/{topic_id}"] = Example(
    "The fifth topic goes too", caller=ORGANIZER, params=demo(topic_id=WASTE_TOPIC),
    status=204,
)
