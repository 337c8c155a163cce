"""Domain errors: services raise these, one handler per interface renders them."""

from __future__ import annotations

from typing import TYPE_CHECKING

if TYPE_CHECKING:
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

    @property
    def message(self) -> str:
        """The refusal in the language being written now."""
        return str(self._message)

    @property
    def errors(self) -> dict[str, str]:
        return {self.field: self.message} if self.field else {}

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
