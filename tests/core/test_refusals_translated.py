"""A service's refusal reads in the reader's language: the API's problem+json `detail` and
`errors`, and the message a form shows on its field, in Chinese with ?lang=zh (or for an
account that chose Chinese), in English otherwise."""

from __future__ import annotations

import html
import json

import pytest
from flask_babel import lazy_gettext as _l

from lmevents.errors import Invalid
from lmevents.subforums.models import SubForum
from tests import factories
from tests.factories import at
from tests.probes import PROBLEM, count, text

REGISTRATIONS = "/api/v1/events/test-event/registrations"
SESSIONS = "/api/v1/events/test-event/sessions"
NO_COUNTRY = {"consent": True, "country": "XX"}
IN_CHINESE = "“XX”不是 ISO 3166 国家代码；请使用 LA、TH 或 CN 等代码。"
IN_ENGLISH = "'XX' is not an ISO 3166 country code; use e.g. LA, TH or CN."


@pytest.fixture
def caller(dbs, event, api_token):
    """A participant's bearer header for `event`."""
    factories.make_user(dbs, "ada@example.org")
    return api_token("ada@example.org")


@pytest.mark.parametrize(("query", "message"), [
    ("?lang=zh", IN_CHINESE),
    ("", IN_ENGLISH),
    ("?lang=en", IN_ENGLISH),
])
def test_an_api_refusal_reads_in_the_language_asked_for(client, caller, query, message):
    response = client.post(REGISTRATIONS + query, json=NO_COUNTRY, headers=caller)

    assert response.status_code == 422
    assert response.mimetype == PROBLEM
    problem = response.get_json()
    assert problem["detail"] == f"country: {message}"
    assert problem["errors"] == {"country": message}


def test_an_api_refusal_reads_in_the_callers_language_before_the_browsers(client, dbs, event,
                                                                          api_token):
    """The token's owner chose Chinese on their account: their calls answer in Chinese
    whatever the client's Accept-Language; an anonymous call follows the browser."""
    factories.make_user(dbs, "lin@example.org", language="zh")
    response = client.post(REGISTRATIONS, json=NO_COUNTRY, headers={
        **api_token("lin@example.org"), "Accept-Language": "en"})
    assert response.get_json()["errors"] == {"country": IN_CHINESE}

    anonymous = client.get("/api/v1/events/test-event/sessions?tz=Mars/Olympus",
                           headers={"Accept-Language": "zh-CN,zh;q=0.9,en;q=0.5"})
    assert anonymous.status_code == 422 and "tz" in anonymous.get_json()["errors"]


@pytest.mark.parametrize(("query", "message"), [
    ("?lang=zh", "线上会议室“Plenary room”已安排了“主旨演讲”（2020-11-26 09:00–10:00 "
                 "Asia/Shanghai）。"),
    ("", "Virtual room 'Plenary room' already hosts 'Keynote' (2020-11-26 09:00–10:00 "
         "Asia/Shanghai)."),
])
def test_a_clash_names_the_session_in_the_language_asked_for(client, dbs, event,
                                                              organizer_headers, query, message):
    room = factories.make_room(dbs, event)
    keynote = factories.make_session(dbs, event, at(9), at(10), title_en="Keynote",
                                     title_zh="主旨演讲", room_id=room.id)

    response = client.post(SESSIONS + query, headers=organizer_headers, json={
        "kind": "roundtable", "title_en": "Clash", "room_id": room.id,
        "starts_at": "2020-11-26T09:30:00+08:00", "ends_at": "2020-11-26T10:30:00+08:00",
    })

    assert response.status_code == 409
    problem = response.get_json()
    assert (problem["detail"], problem["errors"]["room_id"]) == (message, message)
    # The programme's clash (a plenary session overlaps another) is named in the same answer.
    assert set(problem["errors"]) == {"room_id", "starts_at"}
    assert problem["session_id"] == keynote.id


@pytest.mark.parametrize(("query", "message"), [
    ("?lang=zh", "本活动中已存在分论坛“A”。"),
    ("", "Sub-forum 'A' already exists in this event."),
])
def test_a_form_shows_a_refusal_in_the_language_asked_for(client, dbs, signed_in, programme,
                                                          query, message):
    response = client.post("/manage/events/test-event/subforums/new" + query, data={
        "code": "A", "title_en": "Another A", "room_id": "", "capacity": "", "position": "1",
        "topics": ""})

    assert response.status_code == 422
    assert message in html.unescape(text(response))
    assert count(dbs, SubForum) == 1


def test_a_translatable_refusal_is_plain_text_when_read(app):
    error = Invalid(_l("'%(zone)s' is not an IANA time zone", zone="Nowhere"), field="timezone")

    assert type(error.message) is str
    assert str(error) == error.message == "'Nowhere' is not an IANA time zone"
    assert json.loads(json.dumps(error.errors)) == {
        "timezone": "'Nowhere' is not an IANA time zone"}



def test_the_apis_own_validation_reads_in_chinese_too(client, organizer_headers, event):
    """Marshmallow writes English; the answer is in the caller's language, field by field."""
    response = client.post("/api/v1/events/test-event/sessions?lang=zh",
                           headers=organizer_headers, json={
                               "kind": "keynote", "title_en": "Opening\nkeynote",
                               "starts_at": "2020-11-26T09:00:00",
                               "ends_at": "2020-11-26T10:00:00+08:00", "color": "red"})
    errors = response.get_json()["errors"]
    assert errors == {
        "title_en": "此处不允许使用换行符和控制字符。",
        "starts_at": "请注明与 UTC 的时差，例如 2020-11-26T09:00:00+08:00。",
        "color": "未知字段。",
    }
