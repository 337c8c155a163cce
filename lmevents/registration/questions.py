"""The organizer's extra registration questions, and checking the answers given to them."""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from typing import Any

from flask_babel import gettext as _
from flask_babel import lazy_gettext as _l
from sqlalchemy import select
from sqlalchemy.orm import Session as DbSession

from lmevents.core.ordering import move_one_place
from lmevents.core.text import written_for
from lmevents.core.validation import require_either
from lmevents.errors import Invalid, NotFound
from lmevents.events.models import Event
from lmevents.registration.models import QuestionKind, RegistrationQuestion

MAX_ANSWER_LENGTH = 2000
MAX_OPTIONS = 50


@dataclass
class QuestionInput:
    kind: str
    label_zh: str | None = None
    label_en: str | None = None
    # Choice questions: each option {"zh": …, "en": …}, in display order.
    options: list[dict[str, str | None]] = field(default_factory=list)
    required: bool = False
    position: int = 0


def _validate(data: QuestionInput) -> list[dict[str, str | None]]:
    if data.kind not in set(QuestionKind):
        raise Invalid(_l("Choose one of %(choices)s.", choices=", ".join(QuestionKind)),
                      field="kind")
    require_either(data.label_zh, data.label_en, field="label_en", refusal=_l(
        "A text for the question is required, in Chinese or English (or both)."))
    options = [
        {"zh": (o.get("zh") or "").strip() or None, "en": (o.get("en") or "").strip() or None}
        for o in data.options
    ]
    options = [o for o in options if o["zh"] or o["en"]]
    if data.kind == QuestionKind.CHOICE:
        if len(options) < 2:
            raise Invalid(_l("A choice question needs at least two options."), field="options")
        if len(options) > MAX_OPTIONS:
            raise Invalid(_l("At most %(limit)s options.", limit=MAX_OPTIONS), field="options")
    elif options:
        raise Invalid(_l("Only choice questions have options."), field="options")
    return options


def _assign(question: RegistrationQuestion, data: QuestionInput, options) -> None:
    question.kind = QuestionKind(data.kind)
    question.label_zh = (data.label_zh or "").strip() or None
    question.label_en = (data.label_en or "").strip() or None
    question.options = options
    question.required = bool(data.required)
    question.position = data.position


def create_question(dbs: DbSession, event: Event, data: QuestionInput) -> RegistrationQuestion:
    """Add a question to the event's registration form."""
    question = RegistrationQuestion(event=event)
    _assign(question, data, _validate(data))
    dbs.add(question)
    dbs.flush()
    return question


def update_question(
    dbs: DbSession, question: RegistrationQuestion, data: QuestionInput
) -> RegistrationQuestion:
    """Change a question. Answers already given keep their stored values."""
    options = _validate(data)
    if question.kind == QuestionKind.CHOICE and len(options) < len(question.options):
        # Stored answers are option numbers: removing options would change their meaning.
        raise Invalid(_l("Options cannot be removed once a question exists, only added or "
                         "renamed."), field="options")
    _assign(question, data, options)
    dbs.flush()
    return question


def delete_question(dbs: DbSession, question: RegistrationQuestion) -> None:
    dbs.delete(question)
    dbs.flush()


def move_question(dbs: DbSession, question: RegistrationQuestion, direction: str) -> None:
    """Move the question one place up or down the form."""
    move_one_place(event_questions(dbs, question.event), question, direction)
    dbs.flush()


def event_questions(dbs: DbSession, event: Event) -> list[RegistrationQuestion]:
    return list(dbs.scalars(
        select(RegistrationQuestion).where(RegistrationQuestion.event_id == event.id)
        .order_by(RegistrationQuestion.position, RegistrationQuestion.id)
    ))


def get_question(dbs: DbSession, event: Event, question_id: int) -> RegistrationQuestion:
    question = dbs.get(RegistrationQuestion, question_id)
    if question is None or question.event_id != event.id:
        raise NotFound(_l("No question %(id)s in this event.", id=question_id))
    return question


def _blank(value: Any) -> bool:
    return value is None or (isinstance(value, str) and not value.strip())


def check_answers(
    questions: list[RegistrationQuestion], answers: dict[Any, Any]
) -> dict[str, Any]:
    """The answers keyed by question id (as text), each checked against its question:
    text at most 2,000 characters, a choice by option number, yes/no as a boolean."""
    by_id = {str(q.id): q for q in questions}
    given = {str(key): value for key, value in (answers or {}).items()}
    for key in given:
        if key not in by_id:
            raise Invalid(_l("This event has no question %(id)s.", id=key), field=f"answers.{key}")
    checked: dict[str, Any] = {}
    for key, question in by_id.items():
        value = given.get(key)
        where = f"answers.{key}"
        if _blank(value):
            if question.required:
                raise Invalid(_l("This question needs an answer."), field=where)
            continue
        if question.kind == QuestionKind.TEXT:
            if not isinstance(value, str):
                raise Invalid(_l("Answer with text."), field=where)
            value = value.replace("\x00", "").strip()
            if len(value) > MAX_ANSWER_LENGTH:
                raise Invalid(_l("At most %(limit)s characters.", limit=MAX_ANSWER_LENGTH),
                              field=where)
        elif question.kind == QuestionKind.CHOICE:
            # Option numbers in ASCII digits only: str.isdigit() also admits "²" and "١".
            if isinstance(value, str) and re.fullmatch(r"[0-9]{1,6}", value.strip()):
                value = int(value)
            if (not isinstance(value, int) or isinstance(value, bool)
                    or not 0 <= value < len(question.options)):
                raise Invalid(_l("Choose an option number from 0 to %(last)s.",
                                 last=len(question.options) - 1), field=where)
        else:
            # A required yes/no question is answered by either: only silence is missing.
            if not isinstance(value, bool):
                raise Invalid(_l("Answer yes (true) or no (false)."), field=where)
        checked[key] = value
    return checked


def answer_text(question: RegistrationQuestion, value: Any, lang: str) -> str:
    """An answer as a reader sees it."""
    if value is None:
        return ""
    if question.kind == QuestionKind.CHOICE:
        try:
            return question.option_text(int(value), lang)
        except (IndexError, ValueError):
            return ""
    if question.kind == QuestionKind.YES_NO:
        with written_for(lang):
            return _("yes") if value else _("no")
    return str(value)
