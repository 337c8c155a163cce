"""A refused form's faults, gathered for the summary shown above it (macros.form_errors)."""

from __future__ import annotations

from dataclasses import dataclass

from wtforms import FieldList, Form, FormField


@dataclass
class Fault:
    """One line of a form's error summary: the field's id to link to (None for a fault of
    the whole form), its label and the message."""

    message: str
    field_id: str | None = None
    label: str = ""


def form_faults(form: Form) -> list[Fault]:
    """Every fault of a submitted form, the form's own first, then field by field in the
    order they are shown (fields of nested forms and lists included)."""
    faults = [Fault(str(message)) for message in getattr(form, "form_errors", [])]

    def visit(fields) -> None:
        for field in fields:
            if isinstance(field, FormField):
                visit(field.form)
            elif isinstance(field, FieldList):
                visit(field.entries)
            elif field.errors:
                message = str(field.errors[0])
                if field.type in ("CSRFTokenField", "HiddenField"):
                    faults.append(Fault(message))
                else:
                    # A list of radio buttons is reached at its first button.
                    target = f"{field.id}-0" if field.type == "RadioField" else field.id
                    faults.append(Fault(message, target, str(field.label.text)))

    visit(form)
    return faults
