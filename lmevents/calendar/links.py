"""Links that put the programme into calendar applications."""

from __future__ import annotations

from datetime import UTC
from urllib.parse import urlencode, urlsplit, urlunsplit

from flask import Flask, current_app, url_for

from lmevents.agenda.models import Session
from lmevents.calendar.feeds import personal_feed_token
from lmevents.extensions import db

GOOGLE_TEMPLATE = "https://calendar.google.com/calendar/render"


def webcal(url: str) -> str:
    """The same feed for calendar applications (webcal://, which they subscribe to)."""
    return urlunsplit(("webcal", *urlsplit(url)[1:]))


def calendar_urls(endpoint: str, **values) -> dict[str, str]:
    """{download, webcal} of one of the calendar endpoints."""
    url = url_for(endpoint, _external=True, **values)
    return {"download": url, "webcal": webcal(url)}


def google_calendar_url(session: Session, lang: str) -> str:
    """Google Calendar's "add event" page, filled in with the session (times in UTC, shown
    by Google in the event's zone)."""
    stamp = "%Y%m%dT%H%M%SZ"
    page = url_for("agenda.session_page", slug=session.event.slug, session_id=session.id,
                   _external=True)
    details = session.text("description", lang)
    query = {
        "action": "TEMPLATE",
        "text": session.text("title", lang),
        "dates": f"{session.starts_at.astimezone(UTC):{stamp}}/"
                 f"{session.ends_at.astimezone(UTC):{stamp}}",
        "details": f"{details}\n\n{page}" if details else page,
        "ctz": session.event.timezone,
    }
    room = session.meeting_room
    if room is not None and room.text("name", lang):
        query["location"] = room.text("name", lang)
    return f"{GOOGLE_TEMPLATE}?{urlencode(query)}"


def register_calendar_links(app: Flask) -> None:
    app.jinja_env.globals.update(calendar_urls=calendar_urls,
                                 google_calendar_url=google_calendar_url)


def personal_feed_urls(user) -> dict[str, str]:
    """The user's feed URL and its webcal:// twin (the feed is made on first need)."""
    token = personal_feed_token(db.session, user, current_app.secret_key)
    url = url_for("calendar.personal_calendar", token=token, _external=True)
    return {"feed_url": url, "webcal_url": webcal(url)}
