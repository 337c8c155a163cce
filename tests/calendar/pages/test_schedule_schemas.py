"""The schedule exports are what c3voc's published schemas describe: the JSON Schema of the
c3voc schedule JSON and frab's XSD (copies and their source in tests/calendar/schemas)."""

from __future__ import annotations

import copy

import pytest
from lxml import etree

from lmevents.demo.roundtable import SLUG, load_demo
from tests.calendar.schedules import (
    build_forums,
    json_errors,
    json_talks,
    read_json,
    read_xml,
    xml_errors,
    xml_talks,
)

DEMO_SESSIONS = 8


@pytest.mark.parametrize("lang", ["en", "zh"])
def test_the_demo_roundtable_exports_valid_c3voc_json_and_frab_xml(client, dbs, lang):
    load_demo(dbs)
    dbs.commit()

    document = read_json(client, SLUG, f"?lang={lang}")
    root = read_xml(client, SLUG, f"?lang={lang}")

    assert json_errors(document) == []
    assert xml_errors(etree.tostring(root)) == []
    assert len(json_talks(document)) == len(xml_talks(root)) == DEMO_SESSIONS


@pytest.mark.parametrize("lang", ["en", "zh"])
def test_an_event_with_parallel_subforums_exports_valid_json_and_xml(client, dbs, lang):
    forums = build_forums(dbs)

    document = read_json(client, forums.event.slug, f"?lang={lang}")
    root = read_xml(client, forums.event.slug, f"?lang={lang}")

    assert json_errors(document) == []
    assert xml_errors(etree.tostring(root)) == []
    assert len(json_talks(document)) == len(xml_talks(root)) == 4  # the cancelled one is not


def test_the_schemas_refuse_what_they_forbid(client, dbs):
    """The checks have teeth: formats (uuid, date-time) and frab's required parts count."""
    forums = build_forums(dbs)
    document = read_json(client, forums.event.slug)
    root = read_xml(client, forums.event.slug)

    broken = copy.deepcopy(document)
    talk = next(iter(json_talks(broken).values()))
    talk["guid"] = "not-a-uuid"
    talk["date"] = "26 November 2020, 9 am"
    talk["persons"] = [{"id": 1, "public_name": "Ada", "name": "Ada"}]  # frab's and pretalx's
    errors = "\n".join(json_errors(broken))
    assert "'not-a-uuid' is not a 'uuid'" in errors
    assert "is not a 'date-time'" in errors
    assert "is valid under each of" in errors

    event = root.find("day/room/event")
    event.remove(event.find("duration"))
    event.set("guid", "not-a-uuid")
    errors = "\n".join(xml_errors(etree.tostring(root)))
    assert "duration" in errors and "guid" in errors


def test_control_characters_pasted_into_a_description_leave_the_xml_well_formed(client, dbs):
    forums = build_forums(dbs)
    forums.keynote.description_en = "Green\x0binfrastructure\x1f, page\x0c two"
    dbs.commit()

    root = read_xml(client, forums.event.slug)  # lxml refuses ill-formed XML

    assert xml_errors(etree.tostring(root)) == []
    assert "Greeninfrastructure, page two" in root.findtext("day/room/event/abstract")
