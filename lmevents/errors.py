"""Domain errors: services raise these, one handler per interface renders them."""

from __future__ import annotations


class DomainError(Exception):
    """A refusal by a domain rule; `field` names the input at fault when there is one."""

    status = 400
    title = "Invalid request"

    def __init__(self, message: str, field: str | None = None, **extra):
        super().__init__(message)
        self.message = message
        self.field = field
        self.extra = extra

    @property
    def errors(self) -> dict[str, str]:
        return {self.field: self.message} if self.field else {}


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
