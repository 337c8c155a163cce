"""Forms of the registration area.

The participant's registration form: their details, consent, the organizer's questions and
a sub-forum. Each field is checked with the rule `register` applies, so every mistake shows at
once; `register` still has the last word. Then the back office's: decisions on registrations
and the questions of the registration form."""

from __future__ import annotations

import re
from typing import Any

from flask_babel import gettext as _
from flask_babel import lazy_gettext as _l
from flask_babel import ngettext
from wtforms import (
    BooleanField,
    IntegerField,
    RadioField,
    SelectField,
    StringField,
    TextAreaField,
)
from wtforms.fields.choices import SelectChoice
from wtforms.validators import DataRequired, Length, NumberRange, Optional, ValidationError

from lmevents.agenda.forms import spoken_language_choices
from lmevents.auth.models import User
from lmevents.core.models import LANGUAGES
from lmevents.core.timezones import get_zone
from lmevents.core.validation import check_country
from lmevents.errors import Invalid
from lmevents.events.models import Event
from lmevents.registration.models import QuestionKind, RegistrationQuestion, RegistrationStatus
from lmevents.registration.questions import MAX_ANSWER_LENGTH, QuestionInput, check_answers
from lmevents.registration.registrations import TEXT_LIMITS, RegistrationInput
from lmevents.registration.seats import seats_left
from lmevents.subforums.models import SubForum
from lmevents.web.forms import ManageForm, optional_int
from lmevents.web.places import country_choices, preset_zone, zone_choices
from lmevents.web.viewer import ZonedClock, language_choices

YES_NO = {"yes": True, "no": False}


def subforum_choices(
    subforums: list[SubForum], counts: dict, clock: ZonedClock, lang: str
) -> list[SelectChoice]:
    """Each sub-forum with its time and what is left of its seats (`counts` from
    `seat_counts`)."""
    choices = []
    for subforum in subforums:
        parts = [f"{subforum.code} — {subforum.text('title', lang)}"]
        sessions = [s for s in subforum.sessions if not s.is_cancelled]
        if sessions:
            start = min(s.starts_at for s in sessions)
            end = max(s.ends_at for s in sessions)
            parts.append(f"{clock.date(start)}, {clock.span(start, end)}")
        left = seats_left(subforum, counts)
        if left is None:
            parts.append(_("no seat limit"))
        elif left:
            parts.append(ngettext("%(num)d seat left", "%(num)d seats left", left))
        else:
            parts.append(_("full: you would join the waiting list"))
        choices.append(SelectChoice(str(subforum.id), " · ".join(parts)))
    return choices


def yes_no(value: Any) -> Any:
    """'yes'/'no' as booleans; anything else is passed on for `check_answers` to refuse."""
    if value in ("", None):
        return None
    if isinstance(value, bool):
        return value
    return YES_NO.get(value, value)


def refused(check, *args) -> None:
    """Run a service check and turn its refusal into the field's error."""
    try:
        check(*args)
    except Invalid as refusal:
        raise ValidationError(refusal.message) from None


class AnswerCheck:
    """An answer to one of the organizer's questions, checked by the question's own rule."""

    def __init__(self, question: RegistrationQuestion):
        self.question = question
        # Marks the field (and its input) as required, as `InputRequired` does.
        self.field_flags = {"required": True} if question.required else {}

    def __call__(self, form, field) -> None:
        refused(check_answers, [self.question], {str(self.question.id): field.data})


def question_field(question: RegistrationQuestion, lang: str):
    """The form field asking `question`, labelled in `lang`."""
    label = question.text("label", lang)
    validators = [AnswerCheck(question)]
    if question.kind == QuestionKind.TEXT:
        return TextAreaField(label, validators=validators,
                             description=_l("At most %(count)d characters.",
                                            count=MAX_ANSWER_LENGTH))
    if question.kind == QuestionKind.CHOICE:
        return RadioField(
            label, validators=validators, coerce=optional_int,
            validate_choice=False, invalid_value_message=_l("Choose one of the options."),
            choices=[SelectChoice(str(i), question.option_text(i, lang))
                     for i in range(len(question.options))],
        )
    return RadioField(label, validators=validators, coerce=yes_no,
                      validate_choice=False,
                      choices=[SelectChoice("yes", _l("Yes")), SelectChoice("no", _l("No"))])


def answer_field_name(question_id: int | str) -> str:
    return f"answer_{question_id}"


class RegistrationForm(ManageForm):
    name = StringField(_l("Name"), validators=[
        DataRequired(message=_l("Your name is required.")), Length(max=TEXT_LIMITS["name"])])
    organization = StringField(_l("Organization"),
                               validators=[Length(max=TEXT_LIMITS["organization"])])
    position = StringField(_l("Position"), validators=[Length(max=TEXT_LIMITS["position"])])
    country = SelectField(_l("Country"), validate_choice=False)
    language = SelectField(_l("Preferred language"), choices=language_choices,
                           description=_l("For the e-mails about your registration."))
    listening_language = SelectField(
        _l("I listen in"), validate_choice=False,
        description=_l("Sessions in another language give you the interpretation channel "
                      "into this one, where the organizers offer it."),
    )
    timezone = SelectField(
        _l("Time zone"), validate_choice=False,
        description=_l("Your agenda and e-mails show times in this zone."),
    )
    subforum_id = RadioField(_l("Parallel sub-forum"), coerce=optional_int,
                             validate_choice=False)
    consent = BooleanField(_l(
        "I agree that the details on this form are used to organize this event and are "
        "shared with its organizers."
    ))

    questions: list[RegistrationQuestion] = []

    def validate_country(self, field) -> None:
        refused(check_country, (field.data or "").upper() or None)

    def validate_timezone(self, field) -> None:
        refused(get_zone, field.data or "")

    def validate_consent(self, field) -> None:
        if not field.data:
            raise ValidationError(_("Tick this box to register: we cannot organize your "
                                    "participation without using these details."))

    def question_fields(self) -> list:
        return [self[answer_field_name(q.id)] for q in self.questions]

    def refusal_fields(self) -> dict[str, str]:
        """Where `register`'s refusals go: answers.<id> on the question's field."""
        return {f"answers.{q.id}": answer_field_name(q.id) for q in self.questions}

    def to_input(self) -> RegistrationInput:
        return RegistrationInput(
            name=self.name.data or "", timezone=self.timezone.data or "",
            consent=bool(self.consent.data), organization=self.organization.data or "",
            position=self.position.data or "", country=(self.country.data or "").upper() or None,
            language=self.language.data, subforum_id=self.subforum_id.data,
            listening_language=self.listening_language.data or None,
            answers={q.id: self[answer_field_name(q.id)].data for q in self.questions},
        )


def account_defaults(user: User, event: Event, lang: str, browser_zone: str | None) -> dict:
    """The form's first values, from the account; the zone from the account, else the
    browser, else the account's country, else the event's."""
    return {
        "name": user.name, "organization": user.organization, "country": user.country or "",
        "timezone": preset_zone(user.timezone, browser_zone, country=user.country,
                                fallback=event.timezone),
        "language": user.language if user.language in LANGUAGES else lang,
        "listening_language": user.language if user.language in LANGUAGES else lang,
    }


def registration_form(
    questions: list[RegistrationQuestion], subforums: list[SelectChoice], *, lang: str,
    defaults: dict,
) -> RegistrationForm:
    """The form of one event: its questions in `lang`, its sub-forums (`subforums` are the
    choices, labelled with times and seats left), prefilled with `defaults`."""

    class EventRegistrationForm(RegistrationForm):
        pass

    EventRegistrationForm.questions = questions
    for question in questions:
        setattr(EventRegistrationForm, answer_field_name(question.id),
                question_field(question, lang))
    form = EventRegistrationForm(data=defaults)
    form.country.choices = country_choices()
    form.timezone.choices = zone_choices()
    form.listening_language.choices = spoken_language_choices("—")
    form.subforum_id.choices = [SelectChoice("", _("None: the plenary sessions only"))] + subforums
    return form


# The back office.

STATUS_LABELS = {
    RegistrationStatus.PENDING: _l("Awaiting approval"),
    RegistrationStatus.CONFIRMED: _l("Confirmed"),
    RegistrationStatus.REJECTED: _l("Rejected"),
    RegistrationStatus.CANCELLED: _l("Cancelled"),
}
KIND_LABELS = {
    QuestionKind.TEXT: _l("Text"),
    QuestionKind.CHOICE: _l("Choice of options"),
    QuestionKind.YES_NO: _l("Yes or no"),
}
NOTE_LENGTH = 2000
LABEL_LENGTH = 300
# Chinese characters (CJK ideographs and their punctuation): a line of them is Chinese.
_CHINESE = re.compile(r"[\u3000-\u303f\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff\uff00-\uffef]")


class DecisionForm(ManageForm):
    """Approve or reject one registration (the button chosen says which)."""

    note = TextAreaField(
        _l("Note to the participant"), validators=[Length(max=NOTE_LENGTH)],
        description=_l("Optional; sent with the rejection."),
    )


def _is_chinese(text: str) -> bool:
    return bool(_CHINESE.search(text))


class OptionLinesField(TextAreaField):
    """Options of a choice question, one per line as '中文 | English'. A line without '|' is
    in one language: Chinese when it has Chinese characters, else English. '中文 |' and
    '| English' say it explicitly."""

    def process_formdata(self, valuelist):
        if not valuelist:
            return
        self.data = []
        for line in valuelist[0].replace("\x00", "").splitlines():
            if not line.strip():
                continue
            zh, bar, en = line.partition("|")
            if not bar:
                zh, en = (line, "") if _is_chinese(line) else ("", line)
            self.data.append({"zh": zh.strip() or None, "en": en.strip() or None})

    def pre_validate(self, form):
        for option in self.data or []:
            for text in option.values():
                if text and len(text) > LABEL_LENGTH:
                    raise ValidationError(_("An option can be at most %(n)d characters long.",
                                            n=LABEL_LENGTH))

    def _value(self) -> str:
        if self.raw_data:
            return self.raw_data[0]
        return "\n".join(option_line(option) for option in self.data or [])


def option_line(option: dict) -> str:
    """An option as the organizer types it, read back the same way by OptionLinesField."""
    zh, en = option.get("zh") or "", option.get("en") or ""
    if zh and en:
        return f"{zh} | {en}"
    if zh:
        return zh if _is_chinese(zh) else f"{zh} |"
    return f"| {en}" if _is_chinese(en) else en


class QuestionForm(ManageForm):
    kind = SelectField(_l("Kind of answer"), choices=[
        SelectChoice(kind.value, label) for kind, label in KIND_LABELS.items()
    ])
    label_zh = StringField(_l("Question (Chinese)"), validators=[Length(max=LABEL_LENGTH)])
    label_en = StringField(_l("Question (English)"), validators=[Length(max=LABEL_LENGTH)])
    options = OptionLinesField(
        _l("Options"),
        description=_l("Choice questions only: at least two, one per line as 中文 | English, "
                       "or in one language. Options can be added or renamed later, not "
                       "removed."),
    )
    required = BooleanField(_l("An answer is required"))
    position = IntegerField(_l("Position"), default=0,
                            validators=[Optional(), NumberRange(min=0, max=10_000)],
                            description=_l("Questions are asked by position."))

    def to_input(self) -> QuestionInput:
        return QuestionInput(
            kind=self.kind.data, label_zh=self.label_zh.data or None,
            label_en=self.label_en.data or None, options=self.options.data or [],
            required=bool(self.required.data), position=self.position.data or 0,
        )

    @staticmethod
    def data_of(question: RegistrationQuestion) -> dict:
        return {
            "kind": question.kind.value, "label_zh": question.label_zh,
            "label_en": question.label_en, "options": list(question.options),
            "required": question.required, "position": question.position,
        }


class MoveForm(ManageForm):
    """Moves a question one place up or down the form."""

    direction = SelectField(choices=[SelectChoice("up", _l("Up")),
                                     SelectChoice("down", _l("Down"))])
