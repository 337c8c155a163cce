"""Back-office forms of the agenda area: virtual rooms, sessions and their speakers."""

from __future__ import annotations

from datetime import datetime
from zoneinfo import ZoneInfo

from flask_babel import gettext as _
from flask_babel import lazy_gettext as _l
from wtforms import (
    DateField,
    FieldList,
    FormField,
    IntegerField,
    SelectField,
    StringField,
    TextAreaField,
    TimeField,
    URLField,
)
from wtforms.fields.choices import SelectChoice
from wtforms.validators import InputRequired, Length, NumberRange, Optional, ValidationError

from lmevents.agenda.interpretation import MOST_CHANNELS, ChannelInput, language_name
from lmevents.agenda.labels import KIND_LABELS, PLATFORM_LABELS, ROLE_LABELS
from lmevents.agenda.models import Platform, Session, SessionKind, SpeakerRole, VirtualRoom
from lmevents.agenda.rooms import RoomInput
from lmevents.agenda.services import SessionInput, SpeakerEntry, TopicEntry
from lmevents.core.models import SPOKEN_LANGUAGES
from lmevents.core.text import current_language
from lmevents.web.forms import (
    DateWithin,
    ManageForm,
    SubForm,
    input_fields,
    optional_int,
    zoned_datetime,
)

TITLE_LENGTH = 300
# Far above any online room, well inside a 32-bit integer column.
MAX_CAPACITY = 1_000_000
TIME_FORMATS = ["%H:%M", "%H:%M:%S"]


class TopicLinesField(TextAreaField):
    """Topics, one per line as '中文 | English'; a line without '|' is English only."""

    def process_formdata(self, valuelist):
        if not valuelist:
            return
        self.data = []
        for line in valuelist[0].replace("\x00", "").splitlines():
            if not line.strip():
                continue
            zh, bar, en = line.partition("|")
            if not bar:
                zh, en = "", zh
            self.data.append(TopicEntry(title_zh=zh.strip() or None, title_en=en.strip() or None))

    def pre_validate(self, form):
        for topic in self.data or []:
            for text in (topic.title_zh, topic.title_en):
                if text and len(text) > TITLE_LENGTH:
                    raise ValidationError(_("A topic can be at most %(n)d characters long.",
                                            n=TITLE_LENGTH))

    def _value(self) -> str:
        if self.raw_data:
            return self.raw_data[0]
        return "\n".join(
            f"{topic.title_zh or ''} | {topic.title_en or ''}".strip() for topic in self.data or []
        )


def topic_entries(topics) -> list[TopicEntry]:
    """Entries for a topics field from stored topics (anything with title_zh and title_en)."""
    return [TopicEntry(title_zh=t.title_zh, title_en=t.title_en) for t in topics]


def spoken_language_choices(blank) -> list[SelectChoice]:
    """The spoken languages, named in the reader's language, after `blank`."""
    lang = current_language()
    return [SelectChoice("", blank)] + [SelectChoice(code, language_name(code, lang))
                                        for code in SPOKEN_LANGUAGES]


class ChannelForm(SubForm):
    # The service checks the languages (and names the row at fault).
    language = SelectField(_l("Interpretation into"), validate_choice=False)
    channel = StringField(_l("Channel name"), validators=[Length(max=100)],
                          description=_l("As the meeting app names it, e.g. English."))
    join_url = URLField(_l("Or a separate link"), validators=[Length(max=500)])

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.language.choices = spoken_language_choices("—")

    def is_blank(self) -> bool:
        return not any((self.language.data, self.channel.data, self.join_url.data))


class RoomForm(ManageForm):
    name_zh = StringField(_l("Name (Chinese)"), validators=[Length(max=200)])
    name_en = StringField(_l("Name (English)"), validators=[Length(max=200)])
    platform = SelectField(_l("Platform"), coerce=Platform,
                           choices=[SelectChoice(p.value, label)
                                    for p, label in PLATFORM_LABELS.items()])
    join_url = URLField(_l("Join URL"), validators=[Length(max=500)])
    meeting_id = StringField(_l("Meeting ID"), validators=[Length(max=100)])
    passcode = StringField(_l("Passcode"), validators=[Length(max=100)])
    floor_language = SelectField(_l("Floor language"), validate_choice=False,
                                 description=_l("The language its sessions are held in."))
    channels = FieldList(FormField(ChannelForm), min_entries=3, max_entries=MOST_CHANNELS,
                         label=_l("Interpretation"))

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.floor_language.choices = spoken_language_choices(_("Not said"))
        # Spare rows to fill: the channels given, then blank ones up to three.
        while len(self.channels) < 3:
            self.channels.append_entry()

    def to_input(self) -> RoomInput:
        names = [n for n in input_fields(RoomInput) if n != "channels"]
        given = {name: self[name].data or None if name == "floor_language" else self[name].data
                 for name in names}
        channels = [ChannelInput(row.language.data or "", row.channel.data or None,
                                 row.join_url.data or None)
                    for row in self.channels if not row.form.is_blank()]
        return RoomInput(**given, channels=channels)

    @staticmethod
    def data_of(room: VirtualRoom) -> dict:
        data = {name: getattr(room, name) for name in input_fields(RoomInput)
                if name != "channels"}
        data["channels"] = [{"language": c.language, "channel": c.channel,
                             "join_url": c.join_url} for c in room.channels]
        return data


class SessionForm(ManageForm):
    """A session; its times are wall-clock times in the event's zone."""

    # Service field names → this form's fields, for showing refusals where they belong.
    REFUSAL_FIELDS = {"starts_at": "start_time", "ends_at": "end_time"}

    kind = SelectField(_l("Kind"), coerce=SessionKind,
                       choices=[SelectChoice(k.value, label) for k, label in KIND_LABELS.items()])
    title_zh = StringField(_l("Title (Chinese)"), validators=[Length(max=TITLE_LENGTH)])
    title_en = StringField(_l("Title (English)"), validators=[Length(max=TITLE_LENGTH)])
    description_zh = TextAreaField(_l("Description (Chinese)"))
    description_en = TextAreaField(_l("Description (English)"))
    start_date = DateField(_l("Start date"), validators=[InputRequired(), DateWithin()])
    start_time = TimeField(_l("Start time"), format=TIME_FORMATS, validators=[InputRequired()])
    end_date = DateField(_l("End date"), validators=[InputRequired(), DateWithin()])
    end_time = TimeField(_l("End time"), format=TIME_FORMATS, validators=[InputRequired()])
    room_id = SelectField(_l("Virtual room"), coerce=optional_int)
    subforum_id = SelectField(_l("Sub-forum"), coerce=optional_int)
    capacity = IntegerField(_l("Capacity"), validators=[Optional(), NumberRange(max=MAX_CAPACITY)],
                            description=_l("Leave empty for no limit."))
    floor_language = SelectField(_l("Floor language"), validate_choice=False,
                                 description=_l("Leave as the room's unless this session is "
                                                "held in another language."))
    topics = TopicLinesField(
        _l("Topics"),
        description=_l("One per line, as 中文 | English. A line without | is English only; "
                       "write 中文 | for Chinese only."),
    )

    def __init__(self, *args, zone_name: str, rooms, subforums, lang: str, **kwargs):
        super().__init__(*args, **kwargs)
        self.zone_name = zone_name
        for field in (self.start_time, self.end_time):
            field.description = _("Local time in %(zone)s, the event's time zone.",
                                  zone=zone_name)
        none = [SelectChoice("", _("— none —"))]
        self.room_id.choices = none + [SelectChoice(r.id, r.text("name", lang)) for r in rooms]
        self.subforum_id.choices = none + [
            SelectChoice(s.id, f"{s.code}: {s.text('title', lang)}") for s in subforums
        ]
        self.floor_language.choices = spoken_language_choices(_("The room's"))

    def times(self) -> tuple[datetime, datetime]:
        """Start and end as instants, read in the event's zone."""
        return (
            zoned_datetime(self.start_date.data, self.start_time.data, self.zone_name,
                           "start_time"),
            zoned_datetime(self.end_date.data, self.end_time.data, self.zone_name, "end_time"),
        )

    def changes(self) -> dict:
        """The editable fields as `update_session` takes them."""
        starts_at, ends_at = self.times()
        return {
            "kind": self.kind.data, "starts_at": starts_at, "ends_at": ends_at,
            "room_id": self.room_id.data, "subforum_id": self.subforum_id.data,
            "capacity": self.capacity.data, "floor_language": self.floor_language.data or None,
            **{name: self[name].data or None
               for name in ("title_zh", "title_en", "description_zh", "description_en")},
        }

    def to_input(self) -> SessionInput:
        return SessionInput(**self.changes(), topics=self.topics.data or [])

    @staticmethod
    def data_of(session: Session) -> dict:
        zone = ZoneInfo(session.event.timezone)
        start, end = session.starts_at.astimezone(zone), session.ends_at.astimezone(zone)
        return {
            "kind": session.kind, "title_zh": session.title_zh, "title_en": session.title_en,
            "description_zh": session.description_zh, "description_en": session.description_en,
            "start_date": start.date(), "start_time": start.time(),
            "end_date": end.date(), "end_time": end.time(),
            "room_id": session.room_id, "subforum_id": session.subforum_id,
            "capacity": session.capacity, "floor_language": session.floor_language or "",
            "topics": topic_entries(session.topics),
        }


class SessionSpeakerForm(ManageForm):
    """Adds one speaker from the registry to a session."""

    speaker_id = SelectField(_l("Speaker"), coerce=int)
    role = SelectField(_l("Role"), coerce=SpeakerRole,
                       choices=[SelectChoice(r.value, label) for r, label in ROLE_LABELS.items()])
    talk_title_zh = StringField(_l("Talk title (Chinese)"),
                                validators=[Length(max=TITLE_LENGTH)])
    talk_title_en = StringField(_l("Talk title (English)"),
                                validators=[Length(max=TITLE_LENGTH)])

    REFUSAL_FIELDS = {"speakers": "speaker_id"}

    def __init__(self, *args, speakers, lang: str, **kwargs):
        super().__init__(*args, **kwargs)
        self.speaker_id.choices = [
            SelectChoice(s.id, " — ".join(filter(None, (s.display_name(lang),
                                                        s.text("organization", lang)))))
            for s in speakers
        ]

    def to_entry(self) -> SpeakerEntry:
        return SpeakerEntry(
            speaker_id=self.speaker_id.data, role=self.role.data,
            talk_title_zh=self.talk_title_zh.data or None,
            talk_title_en=self.talk_title_en.data or None,
        )
