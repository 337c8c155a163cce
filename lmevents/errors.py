"""Domain errors: services raise these, one handler per interface renders them."""

from __future__ import annotations

from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from types import TracebackType

    from flask_babel.speaklater import LazyString


class DomainError(Exception):
    """A refusal by a domain rule; `field` names the input at fault when there is one.

    The message is a translatable text (Flask-Babel's `lazy_gettext`) or a plain one: it is
    turned into text when read, so a page or a problem+json body shows it in the language of
    the request that renders it."""

    status = 400
    title = "Invalid request"

    def __init__(self, message: str | LazyString, field: str | None = None, **extra):
        super().__init__(message)
        self._message = message
        self.field = field
        self.extra = extra
        # Refusals of other fields of the same input, found with this one (see Faults).
        self.also: list[DomainError] = []

    @property
    def message(self) -> str:
        """The refusal in the language being written now."""
        return str(self._message)

    @property
    def every(self) -> list[DomainError]:
        """This refusal and those found with it, in the order the input was checked."""
        return [self, *self.also]

    @property
    def errors(self) -> dict[str, str]:
        errors: dict[str, str] = {}
        for error in self.every:
            if error.field and error.field not in errors:
                errors[error.field] = error.message
        return errors

    def __str__(self) -> str:
        return self.message


class Invalid(DomainError):
    status = 422
    title = "Invalid input"


class Conflict(DomainError):
    status = 409
    title = "Conflict"


class NotFound(DomainError):
    status = 404
    title = "Not found"


class Forbidden(DomainError):
    status = 403
    title = "Forbidden"


class Faults:
    """Checks every field of one input and refuses them all at once, so a person fixes a form
    in one go instead of meeting its faults one by one:

        faults = Faults()
        if bad_slug:
            faults.add(Invalid(..., field="slug"))
        with faults.caught():
            require_either(...)          # a rule that raises
        faults.raise_any()               # the first refusal, carrying the others
    """

    def __init__(self) -> None:
        self.errors: list[DomainError] = []

    def add(self, error: DomainError) -> None:
        self.errors.extend(error.every)

    def has(self, field: str) -> bool:
        return any(error.field == field for error in self.errors)

    def caught(self) -> _Catch:
        return _Catch(self)

    def raise_any(self) -> None:
        if self.errors:
            first, *others = self.errors
            first.also = others
            raise first


class _Catch:
    def __init__(self, faults: Faults) -> None:
        self.faults = faults

    def __enter__(self) -> None:
        return None

    def __exit__(self, kind: type[BaseException] | None, error: BaseException | None,
                 trace: TracebackType | None) -> bool:
        if isinstance(error, DomainError):
            self.faults.add(error)
            return True
        return False
