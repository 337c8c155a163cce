"""The invitation both sides get once a time is accepted, and its cancellation: iTIP
messages two independent parsers read alike, delivered as a real mail."""

from __future__ import annotations

import icalendar
import pytest
from aiosmtpd.controller import Controller
from ical.calendar_stream import IcsCalendarStream

from lmevents.exchange.meetings.services import cancel
from tests.exchange.meetings.conftest import DAY, accepted, ask, at, clear_outbox, outbox
from tests.mail.test_outbox import Inbox, free_port


def invitations(dbs, method):
    """{recipient: (outbox row, icalendar calendar, ical calendar)} of the `method` mails."""
    found = {}
    for mail in outbox(dbs):
        if mail.calendar_method == method:
            found[mail.to_address] = (mail, icalendar.Calendar.from_ical(mail.calendar_ics),
                                      IcsCalendarStream.calendar_from_ics(mail.calendar_ics))
    return found


@pytest.fixture
def meeting(dbs, exchange):
    """Mai's request to Lin, 15:00–15:45 on the exchange day, accepted by Lin."""
    meeting = ask(dbs, exchange)
    clear_outbox(dbs)
    return accepted(dbs, meeting)


def test_both_sides_get_a_request_with_the_requester_as_organizer(dbs, exchange, meeting):
    sent = invitations(dbs, "REQUEST")

    assert set(sent) == {"mai@example.org", "lin@example.org"}
    for _, lenient, strict in sent.values():
        assert str(lenient["METHOD"]) == "REQUEST" and strict.method == "REQUEST"
        (vevent,) = lenient.walk("VEVENT")
        (event,) = strict.events
        assert str(vevent["UID"]) == event.uid == meeting.uid
        assert vevent["SEQUENCE"] == event.sequence == 0
        assert str(vevent["ORGANIZER"]) == "mailto:mai@example.org"
        assert vevent["ORGANIZER"].params["CN"] == "Mai Anh"
        assert event.organizer.uri == "mailto:mai@example.org"
        attendees = {str(a): a.params["CN"] for a in vevent["ATTENDEE"]}
        assert attendees == {"mailto:mai@example.org": "Mai Anh",
                             "mailto:lin@example.org": "Lin Wei"}
        assert {a.uri for a in event.attendees} == set(attendees)
        assert str(vevent["STATUS"]) == "CONFIRMED"


def test_the_invitation_is_in_the_events_zone_with_its_vtimezone(dbs, exchange, meeting):
    for mail, lenient, strict in invitations(dbs, "REQUEST").values():
        (vevent,) = lenient.walk("VEVENT")
        assert vevent["DTSTART"].params["TZID"] == "Asia/Shanghai"
        assert vevent["DTEND"].params["TZID"] == "Asia/Shanghai"
        assert [str(z["TZID"]) for z in lenient.walk("VTIMEZONE")] == ["Asia/Shanghai"]
        assert "DTSTART;TZID=Asia/Shanghai:" + f"{DAY:%Y%m%d}T150000" in mail.calendar_ics
        (event,) = strict.events
        assert event.dtstart == at(15) and event.dtend == at(15, 45)
        assert [z.tz_id for z in strict.timezones] == ["Asia/Shanghai"]


def test_the_invitation_and_mail_carry_the_meetings_own_join_link(dbs, exchange, meeting):
    link = f"https://meet.example.org/lm-{meeting.uid}"
    sent = invitations(dbs, "REQUEST")
    for mail, lenient, strict in sent.values():
        (vevent,) = lenient.walk("VEVENT")
        assert str(vevent["LOCATION"]) == link == strict.events[0].location
        assert link in str(vevent["DESCRIPTION"])
        assert link in mail.body_text
    chinese, english = sent["lin@example.org"][0], sent["mai@example.org"][0]
    assert chinese.subject == f"会谈已确定：Mai Anh，{DAY:%Y-%m-%d} 15:00–15:45 Asia/Shanghai"
    assert english.subject == f"Meeting confirmed with Lin Wei: {DAY:%Y-%m-%d} 14:00–14:45 " \
        "Asia/Bangkok"
    assert "一对一会谈" in str(sent["lin@example.org"][1].walk("VEVENT")[0]["SUMMARY"])


def test_cancelling_sends_both_a_cancel_with_a_higher_sequence(dbs, exchange, meeting):
    cancel(dbs, meeting, exchange.lin)
    dbs.commit()

    sent = invitations(dbs, "CANCEL")
    assert set(sent) == {"mai@example.org", "lin@example.org"}
    for _, lenient, strict in sent.values():
        assert str(lenient["METHOD"]) == "CANCEL" and strict.method == "CANCEL"
        (vevent,) = lenient.walk("VEVENT")
        assert str(vevent["UID"]) == strict.events[0].uid == meeting.uid
        assert vevent["SEQUENCE"] == strict.events[0].sequence == 1
        assert str(vevent["STATUS"]) == "CANCELLED"
        assert len(vevent["ATTENDEE"]) == 2
    assert "cancelled by Lin Wei" in sent["mai@example.org"][0].body_text
    assert "已由您取消" in sent["lin@example.org"][0].body_text


@pytest.fixture
def smtp_server(app, monkeypatch):
    port = free_port()
    monkeypatch.setitem(app.config, "MAIL_SERVER", "127.0.0.1")
    monkeypatch.setitem(app.config, "MAIL_PORT", port)
    monkeypatch.setitem(app.config, "MAIL_SENDER", "lmevents <noreply@lmevents.test>")
    inbox = Inbox()
    controller = Controller(inbox, hostname="127.0.0.1", port=port)
    controller.start()
    yield inbox
    controller.stop()


def test_the_invitation_arrives_by_mail_as_a_calendar_request(dbs, runner, exchange, meeting,
                                                              smtp_server):
    result = runner.invoke(args=["lmevents", "send-mail"])

    assert result.exit_code == 0 and "sent 2, failed 0" in result.output
    received = {m["To"]: m for m in smtp_server.messages}
    assert set(received) == {"mai@example.org", "lin@example.org"}
    body, invite = list(received["mai@example.org"].iter_parts())
    assert meeting.join_url in body.get_content()
    assert invite.get_content_type() == "text/calendar"
    assert invite.get_param("method") == "REQUEST"
    calendar = icalendar.Calendar.from_ical(invite.get_content())
    assert str(calendar.walk("VEVENT")[0]["UID"]) == meeting.uid
    strict = IcsCalendarStream.calendar_from_ics(invite.get_content())
    assert strict.method == "REQUEST" and len(strict.events[0].attendees) == 2
