"""Saving a back-office form unchanged changes nothing: the forms show the data faithfully."""

from __future__ import annotations

from sqlalchemy import inspect, select

from lmevents.agenda.models import Session, SessionChange
from lmevents.demo.roundtable import load_demo
from lmevents.events.services import get_event
from lmevents.speakers.models import Speaker
from lmevents.subforums.models import SubForum
from tests import factories
from tests.probes import count, form_fields, text

SLUG = "lm-roundtable-2020"


def _resubmit(client, url: str, marker: str = 'class="stacked"'):
    response = client.post(url, data=form_fields(text(client.get(url)), marker))
    assert response.status_code == 302, text(response)


# Bookkeeping, not data: a save that replaces rows wholesale (hosts, topics) may raise the
# programme's version (lmevents.revisions) though what they hold is the same.
def _columns(row, skip=("updated_at", "programme_version")) -> dict:
    return {c.key: getattr(row, c.key) for c in inspect(row).mapper.column_attrs
            if c.key not in skip}


def _children(rows) -> list[dict]:
    """Rows a save replaces wholesale: their content counts, not their ids."""
    return [_columns(row, skip=("id",)) for row in rows]


def _snapshot(dbs) -> list:
    """Everything the forms can touch, as plain values."""
    dbs.expire_all()
    event = get_event(dbs, SLUG)
    rows = [_columns(event), _columns(event.contact), _children(event.hosts)]
    for session in dbs.scalars(select(Session).order_by(Session.id)):
        rows += [_columns(session), _children(session.topics),
                 _children(session.speakers)]
    for subforum in dbs.scalars(select(SubForum).order_by(SubForum.id)):
        rows += [_columns(subforum), _children(subforum.topics),
                 _children(subforum.moderators)]
    rows += [_columns(s) for s in dbs.scalars(select(Speaker).order_by(Speaker.id))]
    return rows


def test_demo_forms_saved_unchanged_change_nothing(client, dbs, signed_in):
    load_demo(dbs)
    dbs.commit()
    event = get_event(dbs, SLUG)
    factories.add_to_team(dbs, event, signed_in)
    before, log = _snapshot(dbs), count(dbs, SessionChange)
    base = f"/manage/events/{SLUG}"

    _resubmit(client, f"{base}/edit")
    _resubmit(client, f"{base}/hosts", marker='class="hosts"')
    _resubmit(client, f"{base}/contact")
    for session_id in dbs.scalars(select(Session.id).where(Session.event_id == event.id)):
        _resubmit(client, f"{base}/sessions/{session_id}/edit")
    for subforum_id in dbs.scalars(select(SubForum.id)):
        _resubmit(client, f"{base}/subforums/{subforum_id}/edit")
    for speaker_id in dbs.scalars(select(Speaker.id)):
        _resubmit(client, f"/manage/speakers/{speaker_id}/edit")

    assert _snapshot(dbs) == before
    assert count(dbs, SessionChange) == log
