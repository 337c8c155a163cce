"""ICS downloads and subscription feeds: the programme, a sub-forum, a session, and each
participant's personal feed (the only one with join details); and the programme for
conference schedule apps, as c3voc schedule JSON and frab schedule XML."""

from __future__ import annotations

from flask import Response, current_app, flash, redirect, request, url_for
from flask_babel import gettext as _
from flask_login import current_user, login_required

from lmevents.agenda.services import get_session
from lmevents.calendar.blueprint import bp
from lmevents.calendar.cached import serve
from lmevents.calendar.exporters import (
    IcsExporter,
    ScheduleExporter,
    ScheduleJsonExporter,
    ScheduleXmlExporter,
    calendar_title,
)
from lmevents.calendar.feeds import feed_owner, reset_personal_feed
from lmevents.calendar.schedule import ScheduleLinks
from lmevents.calendar.services import (
    event_entries,
    personal_entries,
    session_entries,
    subforum_entries,
)
from lmevents.core.models import LANGUAGES
from lmevents.core.text import public_url, written_for
from lmevents.events.services import event_stamp, get_event
from lmevents.extensions import db
from lmevents.live.join import join_key
from lmevents.live.reminders import ALARM_BEFORE, reminded_events
from lmevents.registration.registrations import (
    preferred_language,
    registrations_with_events,
    user_registrations,
)
from lmevents.revisions import event_version
from lmevents.subforums.services import get_subforum, subforum_code


def feed_language(default: str) -> str:
    asked = request.args.get("lang")
    return asked if asked in LANGUAGES else default


def session_link(session) -> str:
    # From the public address: a feed is kept and shared, whoever's Host header fetched it.
    return public_url("agenda.session_page", slug=session.event.slug, session_id=session.id)



@bp.route("/events/<slug:slug>/calendar.ics")
def event_calendar(slug: str):
    stamp = event_stamp(db.session, slug)  # enough for a 304 or a kept feed
    lang = feed_language(stamp.default_language)

    def render() -> IcsExporter:
        event = get_event(db.session, slug)
        return IcsExporter(calendar_title(event, lang), event_entries(db.session, event), lang,
                           session_link, event.timezone)

    return serve(f"event:{stamp.id}|{lang}", event_version(stamp), render,
                 f"{stamp.slug}.ics", private=False)


@bp.route("/events/<slug:slug>/subforums/<id:subforum_id>/calendar.ics")
def subforum_calendar(slug: str, subforum_id: int):
    event = get_event(db.session, slug)
    lang = feed_language(event.default_language)

    def render() -> IcsExporter:
        subforum = get_subforum(db.session, event, subforum_id)
        title = calendar_title(event, lang, f"{subforum.code}: {subforum.text('title', lang)}")
        return IcsExporter(title, subforum_entries(db.session, event, subforum), lang,
                           session_link, event.timezone)

    # The sub-forum's code names the file: one small query, also on a 304.
    code = subforum_code(db.session, event, subforum_id)
    return serve(f"subforum:{subforum_id}|{lang}", event_version(event), render,
                 f"{event.slug}-subforum-{code}.ics", private=False)


@bp.route("/events/<slug:slug>/sessions/<id:session_id>/calendar.ics")
def session_calendar(slug: str, session_id: int):
    event = get_event(db.session, slug)
    session = get_session(db.session, event, session_id)
    lang = feed_language(event.default_language)
    return serve(f"session:{session.id}|{lang}", event_version(event), lambda: IcsExporter(
        calendar_title(event, lang, session.text("title", lang)),
        session_entries(db.session, event, session), lang, session_link, event.timezone),
        f"{event.slug}-session-{session.id}.ics", private=False)


@bp.route("/events/<slug:slug>/schedule.json")
def schedule_json(slug: str):
    return _schedule(slug, ScheduleJsonExporter)


@bp.route("/events/<slug:slug>/schedule.xml")
def schedule_xml(slug: str):
    return _schedule(slug, ScheduleXmlExporter)


def _schedule(slug: str, exporter_class: type[ScheduleExporter]) -> Response:
    stamp = event_stamp(db.session, slug)  # enough for a 304 or a kept export
    lang = feed_language(stamp.default_language)

    def render() -> ScheduleExporter:
        event = get_event(db.session, slug)
        links = ScheduleLinks(
            event=public_url("events.event_home", slug=event.slug),
            session=session_link,
            speaker=lambda speaker_id: public_url("speakers.speaker_profile", slug=event.slug,
                                                  speaker_id=speaker_id))
        return exporter_class(event, event_entries(db.session, event), lang, links)

    return serve(f"{exporter_class.name}:{stamp.id}|{lang}", event_version(stamp), render,
                 f"{stamp.slug}-{exporter_class.name}", private=False)


@bp.route("/calendar/<token>.ics")
def personal_calendar(token: str):
    owner = feed_owner(db.session, token)
    registrations = registrations_with_events(db.session, owner)
    # The language the participant asked for when registering, as on /me/agenda.
    fallback = owner.language if owner.language in LANGUAGES else "en"
    lang = feed_language(preferred_language(registrations, fallback))
    # What only this person's feed shows, and the programme of every event they are in.
    # Its join links carry the owner's key, which signing out everywhere changes.
    version = "|".join([f"v{owner.feed_version}", f"v{owner.created_at.timestamp():.6f}",
                        f"s{owner.session_version}",
                        *(f"v{r.event_id}.{r.event.programme_version}" for r in registrations)])
    secret = current_app.secret_key

    def join_link(session) -> str:
        return public_url("live.join_session", slug=session.event.slug, session_id=session.id,
                          key=join_key(secret, owner, session), lang=lang)

    def render() -> IcsExporter:
        entries = personal_entries(db.session, owner, user_registrations(db.session, owner))
        zone = owner.timezone or (entries[0].event.timezone if entries else "UTC")
        return IcsExporter(_personal_title(lang), entries, lang, session_link, zone,
                           join_details=True, join_link=join_link,
                           alarm_events=frozenset(reminded_events(registrations)),
                           alarm_before=ALARM_BEFORE,
                           listening={r.event_id: r.listening_language or r.language
                                      for r in registrations})

    return serve(f"personal:{owner.id}|{lang}|join", version, render, "my-agenda.ics",
                 private=True)


def _personal_title(lang: str) -> str:
    with written_for(lang):
        return _("My agenda")


@bp.route("/me/calendar/reset", methods=["POST"])
@login_required
def reset_my_feed():
    reset_personal_feed(db.session, current_user, current_app.secret_key)
    db.session.commit()
    flash(_("Your calendar feed has a new address: the old one no longer works. Subscribe "
            "again with the new one."), "success")
    return redirect(url_for("registration.my_agenda"))
