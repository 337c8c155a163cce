"""Forms of the exchange's content: the organizers' topics and presentations, and the
participants' needs."""

from __future__ import annotations

from flask_babel import gettext as _
from flask_babel import lazy_gettext as _l
from wtforms import (
    BooleanField,
    IntegerField,
    RadioField,
    SelectField,
    StringField,
    TextAreaField,
)
from wtforms.fields.choices import SelectChoice
from wtforms.validators import DataRequired, Length, NumberRange, Optional

from lmevents.exchange.content.needs import DESCRIPTION_LENGTH, SECTOR_LENGTH, NeedInput
from lmevents.exchange.content.services import (
    ENTERPRISE_LENGTH,
    MAX_POSITION,
    TITLE_LENGTH,
    PresentationInput,
    TopicInput,
)
from lmevents.exchange.models import ExchangeTopic, NeedVisibility, Presentation
from lmevents.speakers.forms import speaker_choice
from lmevents.web.forms import ManageForm, optional_int
from lmevents.web.places import country_choices

POSITION_HELP = _l("Listed by position; leave empty to put it last.")
VISIBILITY_LABELS = {
    NeedVisibility.PUBLIC: _l("Everyone reading this page"),
    NeedVisibility.PARTICIPANTS: _l("Only the event's registered participants and organizers"),
}


class TopicForm(ManageForm):
    session_id = SelectField(_l("Exchange session"), coerce=optional_int)
    title_zh = StringField(_l("Title (Chinese)"), validators=[Length(max=TITLE_LENGTH)])
    title_en = StringField(_l("Title (English)"), validators=[Length(max=TITLE_LENGTH)])
    description_zh = TextAreaField(_l("Description (Chinese)"))
    description_en = TextAreaField(_l("Description (English)"))
    position = IntegerField(_l("Position"), description=POSITION_HELP,
                            validators=[Optional(), NumberRange(min=0, max=MAX_POSITION)])

    def __init__(self, *args, sessions, lang: str, **kwargs):
        super().__init__(*args, **kwargs)
        self.session_id.choices = [SelectChoice(s.id, s.text("title", lang)) for s in sessions]

    def to_input(self) -> TopicInput:
        return TopicInput(
            session_id=self.session_id.data, position=self.position.data,
            **{name: self[name].data or None
               for name in ("title_zh", "title_en", "description_zh", "description_en")})

    @staticmethod
    def data_of(topic: ExchangeTopic) -> dict:
        return vars(TopicInput.of(topic))


class PresentationForm(ManageForm):
    topic_id = SelectField(_l("Topic"), coerce=optional_int)
    enterprise_zh = StringField(_l("Enterprise (Chinese)"),
                                validators=[Length(max=ENTERPRISE_LENGTH)])
    enterprise_en = StringField(_l("Enterprise (English)"),
                                validators=[Length(max=ENTERPRISE_LENGTH)])
    title_zh = StringField(_l("Title (Chinese)"), validators=[Length(max=TITLE_LENGTH)])
    title_en = StringField(_l("Title (English)"), validators=[Length(max=TITLE_LENGTH)])
    summary_zh = TextAreaField(_l("Summary (Chinese)"))
    summary_en = TextAreaField(_l("Summary (English)"))
    presenter_id = SelectField(_l("Presenter"), coerce=optional_int,
                               description=_l("From the speaker registry."))
    country = SelectField(_l("Country"))
    contact_email = StringField(
        _l("Contact account (e-mail)"), validators=[Length(max=254)],
        description=_l("The enterprise's account that answers meeting requests: it must be a "
                       "confirmed participant of the event. Never shown publicly."))
    position = IntegerField(_l("Position"), description=POSITION_HELP,
                            validators=[Optional(), NumberRange(min=0, max=MAX_POSITION)])

    def __init__(self, *args, topics, speakers, lang: str, **kwargs):
        super().__init__(*args, **kwargs)
        self.topic_id.choices = [SelectChoice(t.id, t.text("title", lang)) for t in topics]
        self.presenter_id.choices = [SelectChoice("", _("— none —"))] + [
            speaker_choice(s, lang) for s in speakers]
        self.country.choices = country_choices()

    def to_input(self, contact_user_id: int | None) -> PresentationInput:
        return PresentationInput(
            topic_id=self.topic_id.data, presenter_id=self.presenter_id.data,
            country=self.country.data or None, contact_user_id=contact_user_id,
            position=self.position.data,
            **{name: self[name].data or None
               for name in ("enterprise_zh", "enterprise_en", "title_zh", "title_en",
                            "summary_zh", "summary_en")})

    @staticmethod
    def data_of(presentation: Presentation) -> dict:
        data = vars(PresentationInput.of(presentation))
        data["contact_email"] = (presentation.contact_user.email
                                 if presentation.contact_user else "")
        return data


class MoveForm(ManageForm):
    """Moves a topic or a presentation one place up or down."""

    direction = SelectField(choices=[SelectChoice("up", _l("Up")),
                                     SelectChoice("down", _l("Down"))])


class NeedForm(ManageForm):
    """A participant's need, posted under one topic."""

    topic_id = SelectField(_l("Topic"), coerce=optional_int, validators=[DataRequired()])
    country = SelectField(_l("Country"), validators=[DataRequired()],
                          description=_l("Where the need is."))
    sector = StringField(_l("Sector"), validators=[DataRequired(), Length(max=SECTOR_LENGTH)],
                         description=_l("e.g. industrial wastewater, municipal solid waste"))
    description = TextAreaField(
        _l("Description"), validators=[DataRequired(), Length(max=DESCRIPTION_LENGTH)],
        description=_l("What is needed, in a few sentences (at most 2,000 characters)."))
    visibility = RadioField(_l("Who may read it"), default=NeedVisibility.PARTICIPANTS.value,
                            choices=[SelectChoice(v.value, label)
                                     for v, label in VISIBILITY_LABELS.items()])
    show_contact = BooleanField(
        _l("Show my name and organization to the event's participants and organizers"),
        description=_l("Your e-mail address is never shown."))

    def __init__(self, *args, topics, lang: str, **kwargs):
        super().__init__(*args, **kwargs)
        self.topic_id.choices = [SelectChoice(t.id, t.text("title", lang)) for t in topics]
        self.country.choices = country_choices()

    def to_input(self) -> NeedInput:
        return NeedInput(country=self.country.data, sector=self.sector.data,
                         description=self.description.data, visibility=self.visibility.data,
                         show_contact=bool(self.show_contact.data))
