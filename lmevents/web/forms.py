"""Form plumbing: checked text input, local times, refusals shown on forms."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from dataclasses import fields as dataclass_fields
from datetime import UTC, date, datetime, time
from typing import Any
from zoneinfo import ZoneInfo

from flask import render_template
from flask_babel import gettext as _
from flask_wtf import FlaskForm
from wtforms import Form, PasswordField, StringField, TextAreaField
from wtforms.fields.core import UnboundField
from wtforms.validators import StopValidation, ValidationError

from lmevents.core.validation import text_fault
from lmevents.errors import DomainError, Invalid
from lmevents.extensions import db


def clean_text(value: Any) -> Any:
    """Trim the spaces around text."""
    if isinstance(value, str):
        return value.strip()
    return value


class TextCheck:
    """Refuses what the text of a field cannot hold (core.validation.text_fault): control
    characters, and line breaks too outside a text area."""

    field_flags: dict = {}

    def __init__(self, multiline: bool):
        self.multiline = multiline

    def __call__(self, form, field):
        if isinstance(field.data, str):
            fault = text_fault(field.data, multiline=self.multiline)
            if fault:
                raise StopValidation(_(fault))


class CleanTextMeta:
    """Every text field of a form is trimmed and checked: one line in a text box, line
    breaks allowed in a text area, any character but NUL in a password."""

    def bind_field(self, form, unbound_field, options):
        kind = unbound_field.field_class
        if issubclass(kind, StringField):
            multiline = issubclass(kind, TextAreaField | PasswordField)
            filters = [*unbound_field.kwargs.get("filters", ())]
            if not issubclass(kind, PasswordField):
                filters.insert(0, clean_text)
            validators = [TextCheck(multiline), *unbound_field.kwargs.get("validators", ())]
            unbound_field = UnboundField(
                kind, *unbound_field.args,
                **{**unbound_field.kwargs, "filters": filters, "validators": validators},
            )
        return super().bind_field(form, unbound_field, options)


class ManageForm(FlaskForm):
    """Base of the back-office forms (CSRF-protected, text cleaned)."""

    Meta = CleanTextMeta


class SubForm(Form):
    """Base of forms nested in a ManageForm (the outer form carries the CSRF token)."""

    Meta = CleanTextMeta


class DateWithin:
    """Keeps dates in years a roundtable can have, far from the calendar's edges."""

    def __init__(self, first_year: int = 1970, last_year: int = 2999):
        self.first = date(first_year, 1, 1)
        self.last = date(last_year, 12, 31)

    def __call__(self, form, field):
        if field.data is not None and not self.first <= field.data <= self.last:
            raise ValidationError(_("Choose a date between %(first)s and %(last)s.",
                                    first=self.first.isoformat(), last=self.last.isoformat()))


def input_fields(input_class) -> list[str]:
    """The field names of a service's input dataclass."""
    return [f.name for f in dataclass_fields(input_class)]


def optional_int(value: Any) -> int | None:
    """Coerces a select's value: the empty choice means none."""
    if value in ("", None):
        return None
    return int(value)


def zoned_datetime(day: date, clock: time, zone_name: str, field: str) -> datetime:
    """The instant that a wall-clock time names in `zone_name`.

    A time skipped when the clocks jump forward names no instant and is refused; in the hour
    that repeats when they fall back, the first occurrence is meant.
    """
    zone = ZoneInfo(zone_name)
    local = datetime.combine(day, clock.replace(tzinfo=None, fold=0), tzinfo=zone)
    if local.astimezone(UTC).astimezone(zone).replace(tzinfo=None) != local.replace(tzinfo=None):
        raise Invalid(
            _("%(moment)s does not exist in %(zone)s: the clocks jump forward then.",
              moment=f"{local:%Y-%m-%d %H:%M}", zone=zone_name),
            field=field,
        )
    return local


def show_refusal(form: Form, error: DomainError, fields: dict[str, str] | None = None) -> None:
    """Put a service's refusals (the one raised and those found with it) on the form fields
    they name (renamed by `fields`), else on top. A field already in error keeps its first
    message: one thing to fix per field."""
    for fault in error.every:
        name = (fields or {}).get(fault.field, fault.field) if fault.field else None
        if name and name in form:
            if not form[name].errors:
                form[name].errors = [fault.message]
        elif fault.message not in form.form_errors:
            form.form_errors = [*form.form_errors, fault.message]


def validate_with(form: FlaskForm, check: Callable[[], Any],
                  fields: dict[str, str] | None = None) -> bool:
    """`validate_on_submit()`; when the form refuses some fields, the service's own checks
    (`check`, raising DomainError with Faults) run on what could be read, so every fault of
    the submission shows at once rather than one round at a time."""
    if form.validate_on_submit():
        return True
    if form.is_submitted():
        check_all(form, check, fields)
    return False


def check_all(form: Form, check: Callable[[], Any], fields: dict[str, str] | None = None) -> None:
    """Run a service's checks and show their refusals on `form`."""
    try:
        check()
    except DomainError as error:
        show_refusal(form, error, fields)
    except (TypeError, ValueError, AttributeError):
        # Fields the form could not read leave the service nothing to check them against.
        pass


@dataclass
class Outcome:
    value: Any = None
    error: DomainError | None = None

    @property
    def ok(self) -> bool:
        return self.error is None


def commit_or_refuse(
    write: Callable[[], Any], form: Form | None = None, fields: dict[str, str] | None = None
) -> Outcome:
    """Run one service write and commit it; on a refusal roll back and show it on `form`."""
    try:
        value = write()
    except DomainError as error:
        db.session.rollback()
        if form is not None:
            show_refusal(form, error, fields)
        return Outcome(error=error)
    db.session.commit()
    return Outcome(value=value)


def render_form(template: str, form: Form, **context):
    """The page holding `form`: 422 when a submitted form was refused, 200 otherwise."""
    return render_template(template, form=form, **context), 422 if form.errors else 200
