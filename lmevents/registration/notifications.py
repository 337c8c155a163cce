"""Mail to participants about their registration and seats, queued in the outbox in the
transaction that makes the change, in the language they registered in."""

from __future__ import annotations

from flask import url_for
from sqlalchemy.orm import Session as DbSession

from lmevents.mail.outbox import queue_mail
from lmevents.registration.models import Registration, RegistrationStatus, Seat
from lmevents.subforums.models import SubForum


def _agenda_link() -> str:
    return url_for("registration.my_agenda", _external=True)


def _place(target, lang: str) -> str:
    title = target.text("title", lang)
    if isinstance(target, SubForum):
        if lang == "zh":
            return f"分论坛 {target.code}：{title}"
        return f"sub-forum {target.code}: {title}"
    return f"“{title}”" if lang == "zh" else f"'{title}'"


def _send(dbs: DbSession, registration: Registration, subject: dict, body: dict) -> None:
    lang = "zh" if registration.language == "zh" else "en"
    queue_mail(dbs, registration.user.email, subject[lang], body[lang])


def notify_registered(dbs: DbSession, registration: Registration) -> None:
    """Tell the participant their registration was received (confirmed or to be approved)."""
    event = registration.event
    title = {lang: event.text("title", lang) for lang in ("zh", "en")}
    link = _agenda_link()
    if registration.status == RegistrationStatus.PENDING:
        subject = {"zh": f"已收到您的报名：{title['zh']}",
                   "en": f"Registration received: {title['en']}"}
        body = {
            "zh": f"{registration.name}，您好：\n\n我们已收到您对“{title['zh']}”的报名，"
                  f"主办方审核后会再通知您。\n\n{link}\n",
            "en": f"Hello {registration.name},\n\nwe have received your registration for "
                  f"{title['en']}. The organizers will review it and write to you again.\n\n"
                  f"{link}\n",
        }
    else:
        subject = {"zh": f"报名成功：{title['zh']}", "en": f"You are registered: {title['en']}"}
        body = {
            "zh": f"{registration.name}，您好：\n\n您已成功报名“{title['zh']}”。"
                  f"您的日程（含会议链接）：\n{link}\n",
            "en": f"Hello {registration.name},\n\nyou are registered for {title['en']}. "
                  f"Your agenda, with the join links:\n{link}\n",
        }
    _send(dbs, registration, subject, body)


def notify_decided(dbs: DbSession, registration: Registration) -> None:
    """Tell the participant an organizer approved or rejected their registration."""
    event = registration.event
    title = {lang: event.text("title", lang) for lang in ("zh", "en")}
    if registration.status == RegistrationStatus.CONFIRMED:
        subject = {"zh": f"报名已确认：{title['zh']}",
                   "en": f"Registration confirmed: {title['en']}"}
        body = {
            "zh": f"{registration.name}，您好：\n\n您对“{title['zh']}”的报名已确认。"
                  f"您的日程：\n{_agenda_link()}\n",
            "en": f"Hello {registration.name},\n\nyour registration for {title['en']} is "
                  f"confirmed. Your agenda:\n{_agenda_link()}\n",
        }
    else:
        note = registration.decision_note or ""
        subject = {"zh": f"报名未获通过：{title['zh']}",
                   "en": f"Registration declined: {title['en']}"}
        body = {
            "zh": f"{registration.name}，您好：\n\n很抱歉，您对“{title['zh']}”的报名未获通过。"
                  f"\n{note}\n",
            "en": f"Hello {registration.name},\n\nwe are sorry: your registration for "
                  f"{title['en']} could not be accepted.\n{note}\n",
        }
    _send(dbs, registration, subject, body)


def notify_promoted(dbs: DbSession, seat: Seat, replaced_target=None) -> None:
    """Tell a participant who waited that they now hold a seat."""
    registration = seat.registration
    target = seat.subforum if seat.subforum_id is not None else seat.session
    place = {lang: _place(target, lang) for lang in ("zh", "en")}
    given_up = {lang: "" for lang in ("zh", "en")}
    if replaced_target is not None:
        given_up = {"zh": f"按您的要求，您在{_place(replaced_target, 'zh')}的座位已释放。\n",
                    "en": f"As you asked, your seat in {_place(replaced_target, 'en')} "
                          "was given up.\n"}
    subject = {"zh": f"您已获得座位：{place['zh']}", "en": f"You have a seat: {place['en']}"}
    body = {
        "zh": f"{registration.name}，您好：\n\n候补名单上轮到您了：您已获得{place['zh']}的座位。\n"
              f"{given_up['zh']}您的日程：\n{_agenda_link()}\n",
        "en": f"Hello {registration.name},\n\nyour turn on the waiting list came: you now "
              f"hold a seat in {place['en']}.\n{given_up['en']}Your agenda:\n{_agenda_link()}\n",
    }
    _send(dbs, registration, subject, body)
