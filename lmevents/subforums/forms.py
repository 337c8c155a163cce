"""Back-office form of the subforums area."""

from __future__ import annotations

from flask_babel import gettext as _
from flask_babel import lazy_gettext as _l
from wtforms import IntegerField, SelectField, SelectMultipleField, StringField, TextAreaField
from wtforms.fields.choices import SelectChoice
from wtforms.validators import Length, NumberRange, Optional

from lmevents.agenda.forms import MAX_CAPACITY, TITLE_LENGTH, TopicLinesField, topic_entries
from lmevents.subforums.models import SubForum
from lmevents.subforums.services import SubForumInput
from lmevents.web.forms import ManageForm, optional_int


class SubForumForm(ManageForm):
    code = StringField(_l("Code"), description=_l("A short label shown in the agenda, e.g. A."))
    title_zh = StringField(_l("Title (Chinese)"), validators=[Length(max=TITLE_LENGTH)])
    title_en = StringField(_l("Title (English)"), validators=[Length(max=TITLE_LENGTH)])
    description_zh = TextAreaField(_l("Description (Chinese)"))
    description_en = TextAreaField(_l("Description (English)"))
    room_id = SelectField(_l("Virtual room"), coerce=optional_int)
    capacity = IntegerField(_l("Capacity"), validators=[Optional(), NumberRange(max=MAX_CAPACITY)],
                            description=_l("Seats; leave empty for no limit."))
    position = IntegerField(_l("Position"), default=0,
                            validators=[Optional(), NumberRange(min=0, max=10_000)],
                            description=_l("Sub-forums are listed by position, then code."))
    topics = TopicLinesField(
        _l("Topics"),
        description=_l("One per line, as 中文 | English. A line without | is English only; "
                       "write 中文 | for Chinese only."),
    )
    moderator_ids = SelectMultipleField(
        _l("Moderators"), coerce=int,
        description=_l("From the speaker registry; hold Ctrl or ⌘ to choose several."),
    )

    def __init__(self, *args, rooms, speakers, lang: str, **kwargs):
        super().__init__(*args, **kwargs)
        self.room_id.choices = [SelectChoice("", _("— none —"))] + [
            SelectChoice(r.id, r.text("name", lang)) for r in rooms
        ]
        self.moderator_ids.choices = [SelectChoice(s.id, s.display_name(lang)) for s in speakers]

    def to_input(self) -> SubForumInput:
        return SubForumInput(
            code=self.code.data or "", room_id=self.room_id.data, capacity=self.capacity.data,
            position=self.position.data or 0, topics=self.topics.data or [],
            moderator_ids=list(self.moderator_ids.data or []),
            **{name: self[name].data or None
               for name in ("title_zh", "title_en", "description_zh", "description_en")},
        )

    @staticmethod
    def data_of(subforum: SubForum) -> dict:
        return {
            "code": subforum.code, "title_zh": subforum.title_zh, "title_en": subforum.title_en,
            "description_zh": subforum.description_zh,
            "description_en": subforum.description_en, "room_id": subforum.room_id,
            "capacity": subforum.capacity, "position": subforum.position,
            "topics": topic_entries(subforum.topics),
            "moderator_ids": [m.speaker_id for m in subforum.moderators],
        }
