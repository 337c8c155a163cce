"""Fixtures of the registration back-office tests: a signed-in organizer, a roundtable that
approves registrations, its questions, and people who register."""

from __future__ import annotations

from dataclasses import dataclass

import pytest

from lmevents.agenda.models import SessionKind
from lmevents.registration.questions import QuestionInput, create_question
from lmevents.registration.registrations import approve_registration
from tests import factories
from tests.factories import at


@dataclass
class Roundtable:
    event: object
    subforum_a: object
    subforum_b: object
    exchange: object
    questions: dict


@pytest.fixture
def roundtable(dbs):
    """An event in Shanghai whose organizers approve registrations: sub-forums A and B with
    two seats each (one session each, 10:30–12), a technical exchange with one seat, and three
    questions (text, choice, yes/no)."""
    event = factories.make_event(dbs, registration_mode="approval")
    subforum_a = factories.make_subforum(dbs, event, "A", capacity=2)
    subforum_b = factories.make_subforum(dbs, event, "B", capacity=2)
    for subforum in (subforum_a, subforum_b):
        factories.make_session(dbs, event, at(10, 30), at(12), kind=SessionKind.SUBFORUM,
                               subforum_id=subforum.id, title_en=f"Forum {subforum.code} talk")
    exchange = factories.make_session(dbs, event, at(14), at(16), kind=SessionKind.EXCHANGE,
                                      title_en="Technical exchange", capacity=1)
    questions = {
        "diet": create_question(dbs, event, QuestionInput(
            kind="text", label_zh="饮食要求", label_en="Dietary needs", position=0)),
        "role": create_question(dbs, event, QuestionInput(
            kind="choice", label_zh="身份", label_en="Role", position=1,
            options=[{"zh": "政府官员", "en": "Official"}, {"zh": "学者", "en": "Researcher"}])),
        "photo": create_question(dbs, event, QuestionInput(
            kind="yes_no", label_zh="同意拍照", label_en="Photos allowed", position=2)),
    }
    dbs.commit()
    return Roundtable(event, subforum_a, subforum_b, exchange, questions)


def person(dbs, n: int, **kwargs):
    return factories.make_user(dbs, f"person{n}@example.org", **kwargs)


def pending(dbs, roundtable, n: int, **kwargs):
    """Person `n`'s registration, awaiting approval."""
    return factories.make_registration(dbs, roundtable.event, person(dbs, n), **kwargs)


def confirmed(dbs, roundtable, n: int, **kwargs):
    """Person `n`'s registration, approved (seated in the sub-forum it asked for)."""
    registration = pending(dbs, roundtable, n, **kwargs)
    approve_registration(dbs, registration, None)
    dbs.commit()
    return registration
