"""An event's team is chosen by its owners, and every organizer action is in the event's
audit log: who, when, from which address, which records; in the back office and the API."""

from __future__ import annotations

from sqlalchemy import select

from lmevents.events.models import AuditEntry, EventOrganizer, TeamRole
from tests import factories
from tests.probes import PROBLEM, count


def _team(dbs, event) -> list[tuple[str, str]]:
    dbs.expire_all()
    return sorted((m.user.email, m.role.value) for m in dbs.scalars(
        select(EventOrganizer).where(EventOrganizer.event_id == event.id)))


def test_an_owner_builds_the_team_in_the_back_office(client, dbs, event, signed_in):
    factories.make_user(dbs, "lin@example.org", role="participant")
    base = f"/manage/events/{event.slug}/team"

    added = client.post(base, data={"email": "Lin@example.org", "role": "editor"})
    assert added.status_code == 302
    assert _team(dbs, event) == [("lin@example.org", "editor"),
                                 ("organizer@example.org", "owner")]
    lin = dbs.scalar(select(EventOrganizer).join(EventOrganizer.user)
                     .where(EventOrganizer.role == TeamRole.EDITOR))
    page = client.get(base).get_data(as_text=True)
    assert "lin@example.org" in page and "Editor" in page

    refused = client.post(base, data={"email": "nobody@example.org", "role": "editor"})
    assert refused.status_code == 422
    assert "No account has this address" in refused.get_data(as_text=True)

    client.post(f"{base}/{lin.id}/role", data={"role": "owner"})
    assert ("lin@example.org", "owner") in _team(dbs, event)
    client.post(f"{base}/{lin.id}/remove")
    assert _team(dbs, event) == [("organizer@example.org", "owner")]


def test_an_event_keeps_an_owner_and_editors_do_not_choose_the_team(client, dbs, event,
                                                                    organizer, api_token):
    editor = factories.make_user(dbs, "editor@example.org")
    factories.add_to_team(dbs, event, editor, role="editor")
    (owner,) = dbs.scalars(select(EventOrganizer).where(
        EventOrganizer.role == TeamRole.OWNER)).all()
    team = f"/api/v1/events/{event.slug}/team"

    last = client.delete(f"{team}/{owner.id}", headers=api_token())
    assert last.status_code == 409 and last.mimetype == PROBLEM
    assert "at least one owner" in last.get_json()["detail"]

    by_editor = client.post(team, json={"email": "editor@example.org", "role": "owner"},
                            headers=api_token("editor@example.org"))
    assert by_editor.status_code == 403
    assert by_editor.get_json()["detail"] == "Only the event's owners may change who organizes it."
    listed = client.get(team, headers=api_token("editor@example.org")).get_json()
    assert [(m["email"], m["role"]) for m in listed] == [
        ("organizer@example.org", "owner"), ("editor@example.org", "editor")]
    assert _team(dbs, event) == [("editor@example.org", "editor"),
                                 ("organizer@example.org", "owner")]


def test_organizer_actions_are_in_the_audit_log_with_who_when_and_where(
        client, dbs, programme, organizer, api_token):
    headers = api_token()
    slug = programme.event.slug
    changed = client.patch(f"/api/v1/events/{slug}/sessions/{programme.session.id}",
                           json={"title_en": "Renamed keynote"}, headers=headers,
                           environ_base={"REMOTE_ADDR": "203.0.113.9"})
    assert changed.status_code == 200
    refused = client.patch(f"/api/v1/events/{slug}/sessions/{programme.session.id}",
                           json={"starts_at": "not a time"}, headers=headers)
    assert refused.status_code == 422
    client.get(f"/api/v1/events/{slug}/rooms", headers=headers)  # reading records nothing

    (entry,) = dbs.scalars(select(AuditEntry)).all()
    assert (entry.actor, entry.event_id, entry.action) == (
        "organizer@example.org", programme.event.id,
        f"PATCH /api/v1/events/{slug}/sessions/{programme.session.id}")
    assert entry.address == "203.0.113.9"
    session_change = next(c for c in entry.changes if c["what"] == "sessions")
    assert session_change == {"what": "sessions", "id": str(programme.session.id),
                              "change": "changed", "fields": session_change["fields"]}
    assert "title_en" in session_change["fields"]

    log = client.get(f"/api/v1/events/{slug}/audit", headers=api_token()).get_json()
    assert [e["action"] for e in log] == [entry.action]
    assert log[0]["actor"] == "organizer@example.org"
    assert {"what": "sessions", "id": str(programme.session.id), "change": "changed",
            "fields": session_change["fields"]} in log[0]["changes"]


def test_the_back_office_log_shows_page_actions(client, dbs, event, signed_in):
    client.post(f"/manage/events/{event.slug}/rooms",
                data={"name_en": "Side room", "platform": "zoom"})
    client.post(f"/manage/events/{event.slug}/rooms", data={"name_en": ""})  # refused
    assert count(dbs, AuditEntry) == 1

    page = client.get(f"/manage/events/{event.slug}/audit").get_data(as_text=True)
    assert f"POST /manage/events/{event.slug}/rooms" in page
    assert "organizer@example.org" in page and "virtual_rooms" in page


def test_a_deleted_event_leaves_its_deletion_in_the_log(client, dbs, organizer, api_token):
    draft = factories.make_event(dbs, slug="draft", published=False)
    draft_id = draft.id
    assert client.delete("/api/v1/events/draft", headers=api_token()).status_code == 204

    (entry,) = dbs.scalars(select(AuditEntry)).all()
    assert entry.event_id is None and entry.action == "DELETE /api/v1/events/draft"
    assert {"what": "events", "id": str(draft_id), "change": "removed"} in entry.changes
