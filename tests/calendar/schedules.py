"""Reading the schedule exports as the apps do, checking them against c3voc's published
schemas (copies in tests/calendar/schemas), and an event with parallel sub-forums to export."""

from __future__ import annotations

import json
from dataclasses import dataclass
from functools import cache
from pathlib import Path

import jsonschema
from lxml import etree

from lmevents.agenda.models import SessionKind, SpeakerRole
from lmevents.agenda.services import SpeakerEntry, TopicEntry, cancel_session
from lmevents.speakers.services import set_invitation
from tests import factories
from tests.factories import at

SCHEMAS = Path(__file__).parent / "schemas"


@cache
def json_validator() -> jsonschema.protocols.Validator:
    """c3voc's JSON Schema (draft-06), with its formats checked: uuid, date, date-time, uri."""
    schema = json.loads((SCHEMAS / "schedule.json.schema.json").read_text())
    validator = jsonschema.validators.validator_for(schema)
    validator.check_schema(schema)
    return validator(schema, format_checker=jsonschema.FormatChecker())


@cache
def xml_schema() -> etree.XMLSchema:
    """frab's XSD, read by libxml2 (what c3voc's validate_schedule_xml.sh runs, via xmllint)."""
    return etree.XMLSchema(etree.parse(str(SCHEMAS / "schedule.xml.xsd")))


def json_errors(document: dict) -> list[str]:
    return [f"{error.json_path}: {error.message}"
            for error in json_validator().iter_errors(document)]


def xml_errors(body: bytes) -> list[str]:
    schema = xml_schema()
    if schema.validate(etree.fromstring(body)):
        return []
    return [f"line {error.line}: {error.message}" for error in schema.error_log]


def read_json(client, slug: str, query: str = "") -> dict:
    response = client.get(f"/events/{slug}/schedule.json{query}")
    assert response.status_code == 200, response.get_data(as_text=True)
    assert response.content_type == "application/json"
    return response.get_json()


def read_xml(client, slug: str, query: str = ""):
    response = client.get(f"/events/{slug}/schedule.xml{query}")
    assert response.status_code == 200, response.get_data(as_text=True)
    assert response.content_type == "application/xml; charset=utf-8"
    return etree.fromstring(response.get_data())


def json_talks(document: dict) -> dict[str, dict]:
    """Every session of the JSON schedule, by guid."""
    return {talk["guid"]: talk for day in document["schedule"]["conference"]["days"]
            for talks in day["rooms"].values() for talk in talks}


def xml_talks(root) -> dict[str, object]:
    """Every session of the XML schedule, by guid."""
    return {element.get("guid"): element for element in root.iterfind("day/room/event")}


@dataclass
class Forums:
    event: object
    plenary: object
    room_a: object
    room_b: object
    subforum_a: object
    subforum_b: object
    keynote: object
    tea: object
    talk_a: object
    talk_b: object
    withdrawn: object
    speaker: object
    hidden: object


def build_forums(dbs) -> Forums:
    """A published day in Shanghai (slug test-event): a keynote in the plenary room by a
    confirmed speaker and one whose invitation is still open, a tea break without a room,
    parallel sub-forums B and A (B shown first) in rooms of their own, A's session titled in
    Chinese only, and a cancelled session. Rooms are made out of the agenda's order."""
    event = factories.make_event(dbs)
    room_a = factories.make_room(dbs, event, "Room A", name_zh="A会议室",
                                 join_url="https://meeting.example.org/j/forum-a",
                                 meeting_id="555 0001", passcode="forum-a-pass")
    plenary = factories.make_room(dbs, event, "Plenary room", name_zh="主会场",
                                  join_url="https://meeting.example.org/j/plenary",
                                  meeting_id="555 0002", passcode="plenary-pass")
    room_b = factories.make_room(dbs, event, "Room B", name_zh="B会议室",
                                 join_url="https://meeting.example.org/j/forum-b",
                                 meeting_id="555 0003", passcode="forum-b-pass")
    speaker = factories.make_speaker(dbs, "Ada Speaker", name_zh="艾达",
                                     position_en="Director", email="ada@private.example.org")
    hidden = factories.make_speaker(dbs, "Quiet Invitee", email="quiet@private.example.org")
    set_invitation(dbs, event, hidden, "invited")
    dbs.commit()
    subforum_a = factories.make_subforum(dbs, event, "A", title_en="Low-carbon parks",
                                         title_zh="低碳园区", room_id=room_a.id, position=1)
    subforum_b = factories.make_subforum(dbs, event, "B", title_en="Ecological corridors",
                                         title_zh="生态廊道", room_id=room_b.id, position=0)
    keynote = factories.make_session(
        dbs, event, at(9), at(10), title_en="Opening keynote", title_zh="开幕主旨发言",
        description_en="Why the basin needs green infrastructure.",
        description_zh="流域为何需要绿色基础设施。", room_id=plenary.id,
        speakers=[SpeakerEntry(speaker.id, SpeakerRole.KEYNOTE, talk_title_en="A green belt"),
                  SpeakerEntry(hidden.id, SpeakerRole.CHAIR)],
        topics=[TopicEntry("生物多样性保护", "Biodiversity conservation")])
    tea = factories.make_session(dbs, event, at(10), at(10, 30), kind=SessionKind.BREAK,
                                 title_en="Tea break", title_zh="茶歇")
    talk_a = factories.make_session(dbs, event, at(10, 30), at(12), kind=SessionKind.SUBFORUM,
                                    subforum_id=subforum_a.id, title_en=None,
                                    title_zh="分论坛A：低碳园区建设")
    talk_b = factories.make_session(dbs, event, at(10, 30), at(12, 15),
                                    kind=SessionKind.SUBFORUM, subforum_id=subforum_b.id,
                                    title_en="Forum B: corridors in practice",
                                    title_zh="分论坛B：廊道实践")
    withdrawn = factories.make_session(dbs, event, at(14), at(15), title_en="Withdrawn talk",
                                       room_id=plenary.id)
    cancel_session(dbs, withdrawn)
    dbs.commit()
    return Forums(event, plenary, room_a, room_b, subforum_a, subforum_b, keynote, tea, talk_a,
                  talk_b, withdrawn, speaker, hidden)
