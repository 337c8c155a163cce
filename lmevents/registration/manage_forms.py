"""Back-office forms of the registration area: decisions on registrations and the questions
of the registration form."""

from __future__ import annotations

import re

from flask_babel import gettext as _
from flask_babel import lazy_gettext as _l
from wtforms import BooleanField, IntegerField, SelectField, StringField, TextAreaField
from wtforms.fields.choices import SelectChoice
from wtforms.validators import Length, NumberRange, Optional, ValidationError

from lmevents.core.forms import ManageForm
from lmevents.registration.models import QuestionKind, RegistrationQuestion, RegistrationStatus
from lmevents.registration.questions import QuestionInput

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
