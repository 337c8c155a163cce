"""`flask --app wsgi lmevents …`: accounts and the demo roundtable."""

from __future__ import annotations

import sys
from datetime import date, datetime

import click
from flask.cli import AppGroup

from lmevents.auth.models import Role
from lmevents.auth.services import create_user
from lmevents.errors import DomainError
from lmevents.extensions import db

lmevents_cli = AppGroup("lmevents", help="lmevents administration.")


@lmevents_cli.command("create-user")
@click.argument("email")
@click.option("--role", type=click.Choice([r.value for r in Role]), default=Role.PARTICIPANT.value,
              show_default=True)
@click.option("--name", default="", help="Display name.")
@click.option("--password-stdin", is_flag=True, help="Read the password from standard input.")
def create_user_command(email: str, role: str, name: str, password_stdin: bool) -> None:
    """Make an account (asks for the password, or reads it with --password-stdin)."""
    if password_stdin:
        password = sys.stdin.readline().rstrip("\r\n")
    else:
        password = click.prompt("Password", hide_input=True, confirmation_prompt=True)
    try:
        user = create_user(db.session, email, password, name=name, role=Role(role),
                       confirmed=True)
    except DomainError as exc:
        db.session.rollback()
        message = f"{exc.field}: {exc.message}" if exc.field else exc.message
        raise click.ClickException(message) from exc
    db.session.commit()
    click.echo(f"created {user.role.value} {user.email}")


def _demo_day(ctx: click.Context, param: click.Parameter, value: str | None) -> date | None:
    """--on as a day (YYYY-MM-DD, or `today` in the demo's zone, to see its day live),
    refused (exit code 2) when unreadable or outside the days the demo may be placed on."""
    from lmevents.demo.dates import check_day
    from lmevents.demo.roundtable import ZONE

    if value is None:
        return None
    if value == "today":
        day = datetime.now(ZONE).date()
    else:
        try:
            day = datetime.strptime(value, "%Y-%m-%d").date()
        except ValueError as exc:
            raise click.BadParameter(f"'{value}' is not a day: give YYYY-MM-DD or today.",
                                     ctx=ctx, param=param) from exc
    try:
        check_day(day)
    except DomainError as exc:
        raise click.BadParameter(exc.message, ctx=ctx, param=param) from exc
    return day


@lmevents_cli.command("demo")
@click.option("--on", "day", callback=_demo_day, metavar="YYYY-MM-DD|today",
              help="Place the demo on this day (e.g. an upcoming one, or today to see its "
              "day live), moving it if it is already loaded. Without it, the demo is loaded "
              "on its illustrative date (2020-11-26), and an existing demo stays where it is.")
def demo_command(day: date | None) -> None:
    """Load the reference Lancang-Mekong roundtable (running it twice changes nothing)."""
    from lmevents.demo.dates import Placed, place_demo
    from lmevents.demo.roundtable import SLUG

    try:
        placed = place_demo(db.session, day)
    except DomainError as exc:
        db.session.rollback()
        message = f"{exc.field}: {exc.message}" if exc.field else exc.message
        raise click.ClickException(message) from exc
    db.session.commit()
    if placed.outcome == Placed.LOADED:
        click.echo(f"demo event {SLUG} loaded on {placed.day:%Y-%m-%d}")
    elif placed.outcome == Placed.MOVED:
        sessions = f"{placed.sessions} session" + ("" if placed.sessions == 1 else "s")
        click.echo(f"demo event {SLUG} moved from {placed.moved_from:%Y-%m-%d} to "
                   f"{placed.day:%Y-%m-%d} ({sessions})")
    else:
        click.echo(f"demo event {SLUG} already on {placed.day:%Y-%m-%d}: nothing changed")


@lmevents_cli.command("send-mail")
@click.option("--loop", is_flag=True, help="Keep running, looking for due mail every interval.")
@click.option("--interval", default=10.0, show_default=True, help="Seconds between looks.")
def send_mail_command(loop: bool, interval: float) -> None:
    """Queue the session reminders that are due, then deliver queued mail from the outbox.
    A transport failure stays queued and is retried later; a message that cannot be built or
    is refused for good is given up, with the reason, and shown to organizers at
    /manage/mail. Several of these may run at once: no reminder is queued twice."""
    import time

    from flask import current_app

    from lmevents.core.models import utcnow
    from lmevents.live.reminders import queue_due_reminders
    from lmevents.mail.outbox import Delivery, SmtpTransport, deliver, due_message_ids

    config = current_app.config
    transport = SmtpTransport(
        host=config["MAIL_SERVER"], port=config["MAIL_PORT"], sender=config["MAIL_SENDER"],
        username=config["MAIL_USERNAME"], password=config["MAIL_PASSWORD"],
        use_tls=config["MAIL_USE_TLS"],
    )
    while True:
        reminders = queue_due_reminders(db.session, utcnow(), current_app.secret_key)
        db.session.commit()
        if reminders:
            click.echo(f"queued {reminders} reminder(s)")
        done = {outcome: 0 for outcome in Delivery}
        for message_id in due_message_ids(db.session, utcnow()):
            done[deliver(db.session, message_id, transport, utcnow())] += 1
            db.session.commit()  # each message on its own: a crash loses no progress
        if done[Delivery.SENT] or done[Delivery.RETRY] or done[Delivery.GIVEN_UP] or not loop:
            click.echo(f"sent {done[Delivery.SENT]}, failed {done[Delivery.RETRY]} (will be "
                       f"retried), given up {done[Delivery.GIVEN_UP]} (see /manage/mail)")
        if not loop:
            return
        time.sleep(interval)


@lmevents_cli.command("send-webhooks")
@click.option("--loop", is_flag=True, help="Keep running, looking for due deliveries every "
              "interval.")
@click.option("--interval", default=5.0, show_default=True, help="Seconds between looks.")
def send_webhooks_command(loop: bool, interval: float) -> None:
    """Deliver queued webhook announcements, signed, to the organizers' receivers. A delivery
    is tried until the receiver answers 2xx (30 s, 1 min, ... then hourly, for three days),
    and never sent again once acknowledged. Several of these may run at once."""
    import time

    from flask import current_app

    from lmevents.core.models import utcnow
    from lmevents.webhooks.outbox import Outcome, deliver, due_delivery_ids

    private_targets = bool(current_app.config["WEBHOOK_PRIVATE_TARGETS"])
    while True:
        done = {outcome: 0 for outcome in Outcome}
        for delivery_id in due_delivery_ids(db.session, utcnow()):
            done[deliver(db.session, delivery_id, utcnow(),
                         private_targets=private_targets)] += 1
            db.session.commit()  # each delivery on its own: an acknowledgement is kept at once
        if any(done[o] for o in (Outcome.DELIVERED, Outcome.RETRY, Outcome.GIVEN_UP)) \
                or not loop:
            click.echo(f"delivered {done[Outcome.DELIVERED]}, failed {done[Outcome.RETRY]} "
                       f"(will be retried), given up {done[Outcome.GIVEN_UP]}")
        if not loop:
            return
        time.sleep(interval)
