"""Back-office forms of the speaker registry."""

from __future__ import annotations

from flask_babel import lazy_gettext as _l
from flask_wtf.file import FileAllowed, FileField, FileRequired
from wtforms import (
    BooleanField,
    EmailField,
    SelectField,
    StringField,
    SubmitField,
    TextAreaField,
    URLField,
)
from wtforms.fields.choices import SelectChoice
from wtforms.validators import Length

from lmevents.speakers.models import InvitationState, Speaker
from lmevents.speakers.services import FIELDS, SpeakerInput
from lmevents.web.forms import ManageForm

FIELD_LABELS = {
    "name_zh": _l("Name (Chinese)"),
    "name_en": _l("Name (English)"),
    "name_native": _l("Name in the speaker's own script"),
    "honorific_zh": _l("Honorific (Chinese)"),
    "honorific_en": _l("Honorific (English)"),
    "position_zh": _l("Position (Chinese)"),
    "position_en": _l("Position (English)"),
    "organization_zh": _l("Organization (Chinese)"),
    "organization_en": _l("Organization (English)"),
    "country": _l("Country"),
    "bio_zh": _l("Biography (Chinese)"),
    "bio_en": _l("Biography (English)"),
    "photo_url": _l("Photo URL"),
    "email": _l("E-mail (private)"),
}
PHOTO_EXTENSIONS = ["jpg", "jpeg", "png", "webp"]
INVITATION_LABELS = {
    InvitationState.INVITED: _l("Invited"),
    InvitationState.CONFIRMED: _l("Confirmed"),
    InvitationState.DECLINED: _l("Declined"),
}
INVITATION_ACTIONS = {
    InvitationState.INVITED: _l("Mark invited"),
    InvitationState.CONFIRMED: _l("Mark confirmed"),
    InvitationState.DECLINED: _l("Mark declined"),
}


def speaker_choice(speaker: Speaker, lang: str, *, private: bool = False) -> SelectChoice:
    """A speaker as a select option; `private` adds what tells two records of one person
    apart (id and e-mail), for organizers' eyes only."""
    parts = [speaker.display_name(lang), speaker.text("organization", lang)]
    if private:
        parts += [f"#{speaker.id}", speaker.email]
    return SelectChoice(speaker.id, " — ".join(filter(None, parts)))


class SpeakerForm(ManageForm):
    name_zh = StringField(FIELD_LABELS["name_zh"], validators=[Length(max=200)])
    name_en = StringField(FIELD_LABELS["name_en"], validators=[Length(max=200)])
    name_native = StringField(
        FIELD_LABELS["name_native"], validators=[Length(max=200)],
        description=_l("Only where it differs from both, e.g. in Lao or Thai."),
    )
    honorific_zh = StringField(FIELD_LABELS["honorific_zh"], validators=[Length(max=50)],
                               description=_l("e.g. 先生, 女士, 博士"))
    honorific_en = StringField(FIELD_LABELS["honorific_en"], validators=[Length(max=50)],
                               description=_l("e.g. Mr., Ms., Dr."))
    position_zh = TextAreaField(FIELD_LABELS["position_zh"])
    position_en = TextAreaField(FIELD_LABELS["position_en"])
    organization_zh = TextAreaField(FIELD_LABELS["organization_zh"])
    organization_en = TextAreaField(FIELD_LABELS["organization_en"])
    country = StringField(FIELD_LABELS["country"],
                          description=_l("Two-letter ISO 3166 code, e.g. LA, TH, CN."))
    bio_zh = TextAreaField(FIELD_LABELS["bio_zh"],
                           description=_l("Paragraphs, *emphasis*, **bold**, lists and links."))
    bio_en = TextAreaField(FIELD_LABELS["bio_en"],
                           description=_l("Paragraphs, *emphasis*, **bold**, lists and links."))
    photo_url = URLField(FIELD_LABELS["photo_url"], validators=[Length(max=500)])
    photo = FileField(
        _l("Upload a photo"),
        validators=[FileAllowed(PHOTO_EXTENSIONS, _l("Choose a JPEG, PNG or WebP image."))],
        description=_l("JPEG, PNG or WebP, at most 2 MiB. It is scaled to fit 800×800 and "
                       "stripped of camera data; public pages show it instead of the photo URL."),
    )
    email = EmailField(FIELD_LABELS["email"], validators=[Length(max=254)],
                       description=_l("For the organizers only; never shown on public pages."))
    preview = SubmitField(_l("Preview biographies"))

    def to_input(self) -> SpeakerInput:
        return SpeakerInput(**{name: self[name].data for name in FIELDS})

    def photo_bytes(self) -> bytes | None:
        """The uploaded file's content (the request size limit bounds it), if one was sent."""
        return self.photo.data.read() if self.photo.data else None

    @staticmethod
    def data_of(speaker: Speaker) -> dict:
        return {name: getattr(speaker, name) for name in FIELDS}


class InviteForm(ManageForm):
    """Adds a registry speaker to an event's invitation list."""

    speaker_id = SelectField(_l("Speaker"), coerce=int)

    def __init__(self, *args, speakers: list[Speaker], lang: str, **kwargs):
        super().__init__(*args, **kwargs)
        self.offer(speakers, lang)

    def offer(self, speakers: list[Speaker], lang: str) -> None:
        self.speaker_id.choices = [speaker_choice(s, lang) for s in speakers]


class InvitationForm(ManageForm):
    """Sets where one speaker's invitation stands (each state is its own button)."""

    state = SelectField(_l("Invitation"), coerce=InvitationState, choices=[
        SelectChoice(state.value, label) for state, label in INVITATION_LABELS.items()
    ])


class MergeForm(ManageForm):
    """Chooses the duplicate record to merge into the speaker being edited."""

    drop_id = SelectField(_l("Duplicate record to merge into this speaker"), coerce=int)
    # Set by the confirmation step's button; the first submission only shows the plan.
    confirm = BooleanField()

    REFUSAL_FIELDS = {"drop": "drop_id"}

    def __init__(self, *args, speakers: list[Speaker], lang: str, **kwargs):
        super().__init__(*args, **kwargs)
        self.drop_id.choices = [speaker_choice(s, lang, private=True) for s in speakers]


class ImportForm(ManageForm):
    file = FileField(
        _l("CSV file"),
        validators=[FileRequired(_l("Choose a CSV file.")),
                    FileAllowed(["csv", "txt"], _l("Choose a .csv file."))],
        description=_l("UTF-8, comma-separated, with a header row (in Excel: Save As › "
                       "CSV UTF-8)."),
    )
    check = SubmitField(_l("Check (dry run)"))
    run = SubmitField(_l("Import"))

    def text_bytes(self) -> bytes:
        return self.file.data.read()
