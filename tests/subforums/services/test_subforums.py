"""Sub-forum rules: codes, rooms, capacity, deletion."""

from __future__ import annotations

import pytest

from lmevents.agenda.models import SessionKind
from lmevents.errors import Conflict, Invalid
from lmevents.subforums.services import SubForumInput, create_subforum, delete_subforum
from tests.factories import make_event, make_room, make_session, make_subforum


def test_codes_are_one_label_whatever_the_case(dbs):
    event = make_event(dbs)
    assert make_subforum(dbs, event, "a").code == "A"
    with pytest.raises(Conflict) as refused:
        create_subforum(dbs, event, SubForumInput(code="A", title_en="Again"))
    assert refused.value.field == "code"


@pytest.mark.parametrize(
    ("overrides", "field"),
    [({"code": "A B"}, "code"), ({"code": ""}, "code"), ({"capacity": -1}, "capacity"),
     ({"title_en": None}, "title_en"), ({"moderator_ids": [999_999]}, "moderator_ids")],
)
def test_bad_subforums_are_refused_with_the_field(dbs, overrides, field):
    event = make_event(dbs)
    values = {"code": "A", "title_en": "Sub-forum A", **overrides}
    with pytest.raises(Invalid) as refused:
        create_subforum(dbs, event, SubForumInput(**values))
    assert refused.value.field == field


def test_room_of_another_event_is_refused(dbs):
    event, other = make_event(dbs, "one"), make_event(dbs, "two")
    with pytest.raises(Invalid) as refused:
        create_subforum(dbs, event, SubForumInput(code="A", title_en="A",
                                                  room_id=make_room(dbs, other).id))
    assert refused.value.field == "room_id"


def test_a_subforum_with_sessions_cannot_be_deleted(dbs):
    event = make_event(dbs)
    forum = make_subforum(dbs, event, "A")
    make_session(dbs, event, kind=SessionKind.SUBFORUM, subforum_id=forum.id)
    with pytest.raises(Conflict, match="still has 1 session"):
        delete_subforum(dbs, forum)
