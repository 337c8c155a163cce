"""The mail outbox: written with the change, delivered by `send-mail` to a real SMTP server,
kept and retried when the server is down."""

from __future__ import annotations

from datetime import timedelta

import pytest
from aiosmtpd.controller import Controller
from sqlalchemy import func, select

from lmevents.core.models import utcnow
from lmevents.errors import Invalid
from lmevents.mail.models import OutboxMessage
from lmevents.mail.outbox import backoff, queue_mail
from tests import factories
from tests.smtp import Inbox, free_port


@pytest.fixture
def smtp_port(app, monkeypatch):
    port = free_port()
    monkeypatch.setitem(app.config, "MAIL_SERVER", "127.0.0.1")
    monkeypatch.setitem(app.config, "MAIL_PORT", port)
    monkeypatch.setitem(app.config, "MAIL_SENDER", "lmevents <noreply@lmevents.test>")
    return port


@pytest.fixture
def smtp_server(smtp_port):
    inbox = Inbox()
    controller = Controller(inbox, hostname="127.0.0.1", port=smtp_port)
    controller.start()
    yield inbox
    controller.stop()


def send_mail(runner) -> str:
    result = runner.invoke(args=["lmevents", "send-mail"])
    assert result.exit_code == 0, result.output
    return result.output


def test_queued_mail_is_delivered_with_chinese_text_and_an_invitation(
    dbs, runner, smtp_server
):
    queue_mail(dbs, "delegate@example.org", "会议邀请：澜湄环境合作圆桌对话",
               "您好，\n欢迎参加。", calendar_ics="BEGIN:VCALENDAR\r\nEND:VCALENDAR\r\n",
               calendar_method="REQUEST")
    queue_mail(dbs, "second@example.org", "Agenda changed", "Sub-forum A moved.")
    dbs.commit()
    assert "sent 2, failed 0" in send_mail(runner)
    first, second = smtp_server.messages
    assert first["Subject"] == "会议邀请：澜湄环境合作圆桌对话"
    assert first["To"] == "delegate@example.org"
    body, invite = list(first.iter_parts())
    assert "欢迎参加" in body.get_content()
    assert invite.get_content_type() == "text/calendar"
    assert invite.get_param("method") == "REQUEST"
    assert second["Subject"] == "Agenda changed"
    dbs.expire_all()
    assert all(m.sent_at is not None for m in dbs.scalars(select(OutboxMessage)))
    assert "sent 0, failed 0" in send_mail(runner)  # nothing is sent twice
    assert len(smtp_server.messages) == 2


def test_mail_of_a_rolled_back_change_is_never_sent(dbs, runner, smtp_server):
    queue_mail(dbs, "delegate@example.org", "Seat confirmed", "…")
    dbs.rollback()
    send_mail(runner)
    assert smtp_server.messages == []
    assert dbs.scalar(select(func.count()).select_from(OutboxMessage)) == 0


def test_server_down_keeps_the_mail_and_a_later_run_delivers_it(dbs, runner, smtp_port):
    queue_mail(dbs, "delegate@example.org", "Waiting list: you are in", "Your seat is ready.")
    dbs.commit()
    assert "sent 0, failed 1" in send_mail(runner)
    dbs.expire_all()
    waiting = dbs.scalar(select(OutboxMessage))
    assert waiting.sent_at is None and waiting.attempts == 1
    assert "ConnectionRefusedError" in waiting.last_error
    assert waiting.send_after > utcnow()
    assert "sent 0, failed 0" in send_mail(runner)  # not due yet: no hammering

    waiting.send_after = utcnow() - timedelta(seconds=1)
    dbs.commit()
    inbox = Inbox()
    controller = Controller(inbox, hostname="127.0.0.1", port=smtp_port)
    controller.start()
    try:
        assert "sent 1, failed 0" in send_mail(runner)
    finally:
        controller.stop()
    assert [m["Subject"] for m in inbox.messages] == ["Waiting list: you are in"]
    dbs.expire_all()
    delivered = dbs.scalar(select(OutboxMessage))
    assert delivered.sent_at is not None and delivered.attempts == 2
    assert delivered.last_error is None


def test_retries_wait_longer_each_time_up_to_an_hour():
    waits = [backoff(n).total_seconds() for n in (1, 2, 3, 4, 20)]
    assert waits == [30, 60, 120, 240, 3600]


def test_a_bad_recipient_is_refused_when_queued(dbs):
    with pytest.raises(Invalid) as refused:
        queue_mail(dbs, "not an address", "Hello", "…")
    assert refused.value.field == "to"


class PickyInbox(Inbox):
    """A server that refuses gone@ for good (550) and busy@ for now (451)."""

    async def handle_RCPT(self, server, session, envelope, address, rcpt_options):
        if address.startswith("gone@"):
            return "550 5.1.1 No such user"
        if address.startswith("busy@"):
            return "451 4.3.0 Try again later"
        envelope.rcpt_tos.append(address)
        return "250 OK"


def test_a_message_that_cannot_be_built_is_given_up_and_blocks_nothing(
    dbs, runner, smtp_server
):
    # Stored before names were checked: a line break in a name that reached a subject.
    queue_mail(dbs, "lin@example.org", "Meeting request from Mallory\r\nBcc: all@example.org",
               "…")
    queue_mail(dbs, "new@example.org", "Confirm your e-mail address", "Open the link.")
    dbs.commit()

    assert "sent 1, failed 0 (will be retried), given up 1" in send_mail(runner)
    assert [m["Subject"] for m in smtp_server.messages] == ["Confirm your e-mail address"]
    dbs.expire_all()
    poisoned = dbs.scalar(
        select(OutboxMessage).where(OutboxMessage.to_address == "lin@example.org"))
    assert poisoned.failed_at is not None and poisoned.sent_at is None
    assert poisoned.last_error.startswith("ValueError")
    # Never tried again.
    assert "sent 0, failed 0 (will be retried), given up 0" in send_mail(runner)


def test_refused_for_good_is_given_up_and_refused_for_now_is_retried(dbs, runner, smtp_port):
    queue_mail(dbs, "gone@example.org", "Your seat", "…")
    queue_mail(dbs, "busy@example.org", "Your seat", "…")
    dbs.commit()
    controller = Controller(PickyInbox(), hostname="127.0.0.1", port=smtp_port)
    controller.start()
    try:
        assert "sent 0, failed 1 (will be retried), given up 1" in send_mail(runner)
    finally:
        controller.stop()
    dbs.expire_all()
    gone, busy = dbs.scalars(select(OutboxMessage).order_by(OutboxMessage.id))
    assert gone.failed_at is not None and "550" in gone.last_error
    assert busy.failed_at is None and busy.send_after > utcnow() and "451" in busy.last_error


def test_administrators_see_undelivered_mail_and_why(client, auth, dbs, runner, smtp_server,
                                                     signed_in):
    queue_mail(dbs, "lin@example.org", "Bad\nsubject", "…")
    dbs.commit()
    send_mail(runner)
    # The outbox holds every event's mail: an event's organizer does not read it.
    assert client.get("/manage/mail").status_code == 403

    factories.make_user(dbs, "admin@example.org", role="admin")
    auth.logout()
    auth.login("admin@example.org")
    page = client.get("/manage/mail").get_data(as_text=True)
    assert "lin@example.org" in page and "ValueError" in page


@pytest.mark.postgres_only("two senders at once need PostgreSQL's row locks")
def test_after_an_outage_two_senders_deliver_every_message_once(app, dbs, runner, smtp_port):
    import threading

    from lmevents.extensions import db
    from lmevents.mail.outbox import Delivery, SmtpTransport, deliver, due_message_ids

    for i in range(40):
        queue_mail(dbs, f"delegate{i}@example.org", f"Seat {i}", "…")
    dbs.commit()
    assert "sent 0, failed 40" in send_mail(runner)  # the server is down: all kept
    for message in dbs.scalars(select(OutboxMessage)):
        message.send_after = utcnow() - timedelta(seconds=1)
    dbs.commit()

    inbox = Inbox()
    controller = Controller(inbox, hostname="127.0.0.1", port=smtp_port)
    controller.start()
    transport = SmtpTransport(host="127.0.0.1", port=smtp_port, sender="noreply@lmevents.test")
    outcomes: list[Delivery] = []
    start = threading.Barrier(2, timeout=30)

    def sender():
        with app.app_context():
            start.wait()
            for message_id in due_message_ids(db.session, utcnow()):
                outcomes.append(deliver(db.session, message_id, transport, utcnow()))
                db.session.commit()
            db.session.remove()

    try:
        threads = [threading.Thread(target=sender) for _ in range(2)]
        for thread in threads:
            thread.start()
        for thread in threads:
            thread.join(60)
    finally:
        controller.stop()
    subjects = sorted(m["Subject"] for m in inbox.messages)
    assert subjects == sorted(f"Seat {i}" for i in range(40))  # each once, none twice
    assert outcomes.count(Delivery.SENT) == 40
    dbs.expire_all()
    assert all(m.sent_at is not None for m in dbs.scalars(select(OutboxMessage)))
