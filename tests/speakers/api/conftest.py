"""Fixtures for the speakers API: bearer headers, a published event and a small programme."""

from __future__ import annotations

import pytest

from lmevents.agenda.models import SessionKind, SpeakerRole
from lmevents.agenda.services import SpeakerEntry
from lmevents.speakers.models import SpeakerPhoto
from tests import factories
from tests.factories import at

PRIVATE_EMAIL = "zhang.san@private.example.org"


def add_photo(dbs, speaker) -> SpeakerPhoto:
    """An uploaded portrait, stored as the upload would leave it."""
    photo = SpeakerPhoto(speaker=speaker, content_type="image/png", sha256="a" * 64,
                         width=1, height=1, data=b"\x89PNG\r\n\x1a\n")
    dbs.add(photo)
    dbs.commit()
    return photo


@pytest.fixture
def programme(dbs, event):
    """A keynote with a chair, a panel later that day, and a moderated sub-forum."""
    zhang = factories.make_speaker(
        dbs, "Zhang San", name_zh="张三", name_native="張三", honorific_zh="博士",
        honorific_en="Dr.", position_zh="教授", position_en="Professor",
        organization_zh="清华大学", organization_en="Tsinghua University", country="CN",
        bio_zh="**水文**学家", bio_en="A *hydrologist* at [LMEC](https://lmec.example.org).",
        photo_url="https://photos.example.org/zhang.jpg", email=PRIVATE_EMAIL,
    )
    somchai = factories.make_speaker(dbs, "Somchai Chair", country="TH",
                                     organization_en="Mekong River Commission",
                                     email="somchai@private.example.org")
    bea = factories.make_speaker(dbs, "Bea Panelist", country="LA",
                                 organization_zh="老挝国立大学",
                                 organization_en="National University of Laos")
    mo = factories.make_speaker(dbs, "Mo Moderator", country="LA",
                                organization_en="Lao Ministry of Natural Resources")
    forum = factories.make_subforum(dbs, event, "A", title_zh="低碳园区",
                                    title_en="Low-carbon parks", moderator_ids=[mo.id])
    room = factories.make_room(dbs, event)
    keynote = factories.make_session(
        dbs, event, at(9), at(9, 40), kind=SessionKind.KEYNOTE, title_zh="主旨发言",
        title_en="Keynote speeches", room_id=room.id,
        speakers=[SpeakerEntry(zhang.id, SpeakerRole.KEYNOTE, "绿色发展", "Green growth"),
                  SpeakerEntry(somchai.id, SpeakerRole.CHAIR)],
    )
    panel = factories.make_session(
        dbs, event, at(10), at(11), kind=SessionKind.SUBFORUM, title_en="Parks panel",
        room_id=room.id, subforum_id=forum.id,
        speakers=[SpeakerEntry(bea.id, SpeakerRole.PANELIST),
                  SpeakerEntry(zhang.id, SpeakerRole.PANELIST)],
    )
    return {"zhang": zhang, "somchai": somchai, "bea": bea, "mo": mo, "forum": forum,
            "room": room, "keynote": keynote, "panel": panel}
