"""Back-office form of the speaker registry."""

from __future__ import annotations

from flask_babel import lazy_gettext as _l
from wtforms import EmailField, StringField, TextAreaField, URLField
from wtforms.validators import Length

from lmevents.core.forms import ManageForm
from lmevents.speakers.models import Speaker
from lmevents.speakers.services import FIELDS, SpeakerInput


class SpeakerForm(ManageForm):
    name_zh = StringField(_l("Name (Chinese)"), validators=[Length(max=200)])
    name_en = StringField(_l("Name (English)"), validators=[Length(max=200)])
    name_native = StringField(
        _l("Name in the speaker's own script"), validators=[Length(max=200)],
        description=_l("Only where it differs from both, e.g. in Lao or Thai."),
    )
    honorific_zh = StringField(_l("Honorific (Chinese)"), validators=[Length(max=50)],
                               description=_l("e.g. 先生, 女士, 博士"))
    honorific_en = StringField(_l("Honorific (English)"), validators=[Length(max=50)],
                               description=_l("e.g. Mr., Ms., Dr."))
    position_zh = TextAreaField(_l("Position (Chinese)"))
    position_en = TextAreaField(_l("Position (English)"))
    organization_zh = TextAreaField(_l("Organization (Chinese)"))
    organization_en = TextAreaField(_l("Organization (English)"))
    country = StringField(_l("Country"),
                          description=_l("Two-letter ISO 3166 code, e.g. LA, TH, CN."))
    bio_zh = TextAreaField(_l("Biography (Chinese)"))
    bio_en = TextAreaField(_l("Biography (English)"))
    photo_url = URLField(_l("Photo URL"), validators=[Length(max=500)])
    email = EmailField(_l("E-mail (private)"), validators=[Length(max=254)],
                       description=_l("For the organizers only; never shown on public pages."))

    def to_input(self) -> SpeakerInput:
        return SpeakerInput(**{name: self[name].data for name in FIELDS})

    @staticmethod
    def data_of(speaker: Speaker) -> dict:
        return {name: getattr(speaker, name) for name in FIELDS}
