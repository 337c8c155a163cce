"""Registering for an event: open or approved, the organizer's questions, cancel, decisions."""

from __future__ import annotations

import pytest
from sqlalchemy import func, select

from lmevents.errors import Conflict, Invalid, NotFound
from lmevents.mail.models import OutboxMessage
from lmevents.registration.models import Registration, Seat, SeatState
from lmevents.registration.questions import QuestionInput, create_question
from lmevents.registration.registrations import (
    approve_registration,
    cancel_registration,
    register,
    reject_registration,
)
from tests import factories
from tests.factories import registration_input


@pytest.fixture
def ada(dbs):
    return factories.make_user(dbs, "ada@example.org")


def outbox(dbs):
    return dbs.scalars(select(OutboxMessage).order_by(OutboxMessage.id)).all()


def test_open_event_confirms_at_once_and_mails(dbs, roundtable, ada):
    registration = factories.make_registration(dbs, roundtable.event, ada, language="zh",
                                               name="阮氏梅")
    assert registration.status == "confirmed"
    (mail,) = outbox(dbs)
    assert mail.to_address == "ada@example.org" and "报名成功" in mail.subject
    assert "阮氏梅" in mail.body_text


def test_registering_twice_returns_the_same_registration(dbs, roundtable, ada):
    first = register(dbs, roundtable.event, ada, registration_input())
    dbs.commit()
    again = register(dbs, roundtable.event, ada, registration_input(name="Someone else"))
    dbs.commit()
    assert first.created and not again.created
    assert again.registration.id == first.registration.id
    assert again.registration.name == "Somchai P."
    assert dbs.scalar(select(func.count()).select_from(Registration)) == 1
    assert len(outbox(dbs)) == 1


def test_approval_event_keeps_registration_pending_with_its_choice(dbs, roundtable, ada,
                                                                   organizer):
    roundtable.event.registration_mode = "approval"
    dbs.commit()
    registration = factories.make_registration(dbs, roundtable.event, ada,
                                               subforum_id=roundtable.subforum_a.id)
    assert registration.status == "pending" and registration.seats == []
    assert "received" in outbox(dbs)[0].subject
    approve_registration(dbs, registration, organizer)
    dbs.commit()
    assert registration.status == "confirmed" and registration.decided_by == organizer
    assert [(s.subforum_id, s.state) for s in registration.seats] == [
        (roundtable.subforum_a.id, SeatState.HELD)]
    assert "confirmed" in outbox(dbs)[-1].subject


def test_rejecting_frees_the_seat_for_the_next_in_line(dbs, roundtable, organizer):
    users = [factories.make_user(dbs, f"u{i}@example.org") for i in range(3)]
    regs = [factories.make_registration(dbs, roundtable.event, u,
                                        subforum_id=roundtable.subforum_a.id) for u in users]
    assert [r.seats[0].state for r in regs] == ["held", "held", "waiting"]
    reject_registration(dbs, regs[0], organizer, note="Places are for officials.")
    dbs.commit()
    assert regs[0].status == "rejected" and regs[0].seats == []
    assert dbs.scalar(select(Seat.state).where(Seat.registration_id == regs[2].id)) == "held"
    subjects = [m.subject for m in outbox(dbs)[-2:]]
    assert any("declined" in s for s in subjects) and any("You have a seat" in s for s in subjects)


def test_cancel_then_register_again_reuses_the_row(dbs, roundtable, ada):
    registration = factories.make_registration(dbs, roundtable.event, ada,
                                               subforum_id=roundtable.subforum_a.id)
    cancel_registration(dbs, registration)
    dbs.commit()
    assert registration.status == "cancelled" and registration.seats == []
    with pytest.raises(NotFound):
        cancel_registration(dbs, registration)
    again = register(dbs, roundtable.event, ada, registration_input())
    assert again.created and again.registration.id == registration.id
    assert again.registration.status == "confirmed"


def test_closed_event_refuses_new_registrations(dbs, roundtable, ada):
    roundtable.event.registration_mode = "closed"
    dbs.commit()
    with pytest.raises(Conflict, match="closed"):
        register(dbs, roundtable.event, ada, registration_input())


def test_rejected_registration_cannot_be_approved(dbs, roundtable, ada, organizer):
    registration = factories.make_registration(dbs, roundtable.event, ada)
    reject_registration(dbs, registration, organizer)
    with pytest.raises(Conflict, match="rejected"):
        approve_registration(dbs, registration, organizer)


@pytest.mark.parametrize("changes, field, message", [
    ({"name": "  "}, "name", "name is required"),
    ({"name": "x" * 201}, "name", "At most 200"),
    ({"consent": False}, "consent", "consent"),
    ({"country": "XX"}, "country", "not an ISO 3166"),
    ({"timezone": "Mars/Olympus"}, "timezone", "IANA"),
    ({"language": "fr"}, "language", "Choose one of"),
    ({"subforum_id": 999999}, "subforum_id", "no sub-forum"),
    ({"subforum_id": 10**12}, "subforum_id", "no sub-forum"),
])
def test_bad_registration_is_refused_naming_the_field(dbs, roundtable, ada, changes, field,
                                                      message):
    with pytest.raises(Invalid, match=message) as refusal:
        register(dbs, roundtable.event, ada, registration_input(**changes))
    assert refusal.value.field == field


@pytest.fixture
def questions(dbs, roundtable):
    made = [
        create_question(dbs, roundtable.event, QuestionInput(
            kind="text", label_en="Your sector", required=True)),
        create_question(dbs, roundtable.event, QuestionInput(
            kind="choice", label_en="Interest", options=[
                {"en": "Waste to energy", "zh": "垃圾发电"}, {"en": "Water", "zh": "水污染治理"}])),
        create_question(dbs, roundtable.event, QuestionInput(
            kind="yes_no", label_en="Join the exchange?", required=True)),
    ]
    dbs.commit()
    return made


def test_answers_are_checked_and_stored_by_question(dbs, roundtable, ada, questions):
    text, choice, yes_no = questions
    registration = factories.make_registration(dbs, roundtable.event, ada, answers={
        text.id: " Energy ", str(choice.id): "1", yes_no.id: False})
    assert registration.answers == {str(text.id): "Energy", str(choice.id): 1,
                                    str(yes_no.id): False}


@pytest.mark.parametrize("answers, which, message", [
    ({}, 0, "needs an answer"),
    ({0: "Energy", 2: None}, 2, "needs an answer"),
    ({0: "x" * 2001, 2: True}, 0, "At most 2000"),
    ({0: "Energy", 1: 5, 2: True}, 1, "option number"),
    ({0: "Energy", 1: True, 2: True}, 1, "option number"),
    ({0: "Energy", 2: "yes"}, 2, "yes \\(true\\) or no"),
    ({0: 12, 2: True}, 0, "Answer with text."),
])
def test_bad_answers_are_refused_naming_the_question(dbs, roundtable, ada, questions, answers,
                                                     which, message):
    given = {questions[index].id: value for index, value in answers.items()}
    with pytest.raises(Invalid, match=message) as refusal:
        register(dbs, roundtable.event, ada, registration_input(answers=given))
    assert refusal.value.field == f"answers.{questions[which].id}"


def test_answer_to_an_unknown_question_is_refused(dbs, roundtable, ada, questions):
    with pytest.raises(Invalid, match="no question 424242") as refusal:
        register(dbs, roundtable.event, ada, registration_input(answers={
            questions[0].id: "x", questions[2].id: True, 424242: "?"}))
    assert refusal.value.field == "answers.424242"


def test_choice_question_needs_two_options(dbs, roundtable):
    with pytest.raises(Invalid, match="at least two options"):
        create_question(dbs, roundtable.event, QuestionInput(
            kind="choice", label_en="Pick", options=[{"en": "Only one"}]))
