"""JSON API of the registration area: a participant's own registration and seats, and the
organizers' view of registrations and of the registration questions.

Participants act only through `…/me` and through the sub-forum or session they want a seat
in: no call of theirs takes another person's registration or seat id.
"""

from __future__ import annotations

from dataclasses import replace

from flask.views import MethodView
from flask_babel import lazy_gettext as _l

from lmevents.agenda.services import get_session
from lmevents.api import ApiBlueprint
from lmevents.api.auth import api_user, bearer_user, organizers_only, signed_in
from lmevents.auth.models import User
from lmevents.errors import NotFound
from lmevents.events.models import Event
from lmevents.events.services import get_event
from lmevents.events.team import visible_event
from lmevents.extensions import db
from lmevents.live.reminders import set_reminders
from lmevents.registration.models import Registration, RegistrationStatus
from lmevents.registration.questions import (
    QuestionInput,
    create_question,
    delete_question,
    event_questions,
    get_question,
    update_question,
)
from lmevents.registration.registrations import (
    RegistrationInput,
    approve_registration,
    cancel_registration,
    count_registrations,
    event_registrations,
    find_registration,
    get_registration,
    my_registration,
    register,
    reject_registration,
    user_registrations,
)
from lmevents.registration.schemas import (
    MyRegistrationPatchSchema,
    OrganizerRegistrationSchema,
    RegistrationInputSchema,
    RegistrationQuery,
    RegistrationQuestionInputSchema,
    RegistrationQuestionPatchSchema,
    RegistrationQuestionSchema,
    RegistrationSchema,
    RejectionSchema,
    SeatRequestSchema,
    SeatSchema,
    ShownRegistration,
    ShownSeat,
)
from lmevents.registration.seats import (
    SeatTarget,
    release_seat,
    seat_in,
    take_seat,
    waiting_positions,
)
from lmevents.subforums.models import SubForum
from lmevents.subforums.services import get_subforum

blp = ApiBlueprint("registration_api", __name__, description="registration")


def _shown(registrations: list[Registration]) -> list[ShownRegistration]:
    """Registrations with the waiting positions of all their seats (one query)."""
    positions = waiting_positions(db.session, [s for r in registrations for s in r.seats])
    return [ShownRegistration(r, positions) for r in registrations]


def _registration_input(data: dict, user: User, event: Event) -> RegistrationInput:
    """The form as sent, personal fields left out taken from the account."""
    return RegistrationInput(
        name=data.get("name", user.name),
        organization=data.get("organization", user.organization) or "",
        position=data.get("position") or "",
        country=data.get("country", user.country),
        language=data.get("language", user.language),
        timezone=data.get("timezone") or user.timezone or event.timezone,
        listening_language=data.get("listening_language"),
        consent=data["consent"],
        answers=data.get("answers") or {},
        subforum_id=data.get("subforum_id"),
    )


def _seat_holder(event: Event, user: User) -> Registration:
    registration = find_registration(db.session, event, user)
    if registration is None or registration.status == RegistrationStatus.CANCELLED:
        raise NotFound(_l("Register first: you have no registration for this event."),
                       field="registration")
    return registration


def _take_seat(event: Event, target: SeatTarget, switch: bool):
    outcome = take_seat(db.session, _seat_holder(event, api_user()), target, switch=switch)
    db.session.commit()
    seat = outcome.seat
    return ShownSeat(seat, waiting_positions(db.session, [seat])), 201 if outcome.created else 200


def _release_my_seat(event: Event, target: SeatTarget) -> None:
    registration = _seat_holder(event, api_user())
    seat = seat_in(registration, target)
    if seat is None:
        raise NotFound(
            _l("You have no seat in this sub-forum, nor a place in its waiting line.")
            if isinstance(target, SubForum) else
            _l("You have no seat in this session, nor a place in its waiting line."))
    release_seat(db.session, seat)
    db.session.commit()


@blp.route("/events/<slug:slug>/registrations")
class Registrations(MethodView):
    @signed_in(blp)
    @blp.arguments(RegistrationInputSchema)
    @blp.response(201, RegistrationSchema)
    @blp.alt_response(200, schema=RegistrationSchema, success=True,
                      description="already registered: the same registration, unchanged")
    @blp.alt_response(404, response="NOT_FOUND")
    @blp.alt_response(409, response="CONFLICT")
    def post(self, data, slug):
        """Register the caller: confirmed at once, or pending when organizers approve each
        registration. Personal fields left out come from the caller's account."""
        event = get_event(db.session, slug)
        user = api_user()
        outcome = register(db.session, event, user, _registration_input(data, user, event))
        db.session.commit()
        (shown,) = _shown([my_registration(db.session, event, user)])
        return shown, 201 if outcome.created else 200

    @organizers_only(blp)
    @blp.arguments(RegistrationQuery, location="query")
    @blp.response(200, OrganizerRegistrationSchema(many=True))
    @blp.paginate(page_size=100, max_page_size=1000)
    @blp.alt_response(404, response="NOT_FOUND")
    def get(self, query, slug, pagination_parameters):
        """The event's registrations, oldest first, with the participants' e-mail addresses;
        a page at a time (`page`, `page_size`; the `X-Pagination` header has the totals)."""
        event = get_event(db.session, slug, published_only=False)
        status = query.get("status")
        filters = {"status": status.value if status else None,
                   "subforum_id": query.get("subforum_id")}
        pagination_parameters.item_count = count_registrations(db.session, event, **filters)
        if pagination_parameters.first_item >= pagination_parameters.item_count:
            return []  # past the last page (and never an offset the database cannot hold)
        return _shown(event_registrations(
            db.session, event, limit=pagination_parameters.page_size,
            offset=pagination_parameters.first_item, **filters,
        ))


@blp.route("/events/<slug:slug>/registrations/me")
class MyRegistration(MethodView):
    @signed_in(blp)
    @blp.response(200, RegistrationSchema)
    @blp.alt_response(404, response="NOT_FOUND")
    def get(self, slug):
        """The caller's registration for the event, with seats and waiting positions."""
        event = get_event(db.session, slug)
        (shown,) = _shown([my_registration(db.session, event, api_user())])
        return shown

    @signed_in(blp)
    @blp.arguments(MyRegistrationPatchSchema)
    @blp.response(200, RegistrationSchema)
    @blp.alt_response(404, response="NOT_FOUND")
    def patch(self, data, slug):
        """Switch the caller's reminders for this event on or off."""
        event = get_event(db.session, slug)
        registration = find_registration(db.session, event, api_user())
        if registration is None or not registration.is_active:
            raise NotFound(_l("You have no registration for this event."))
        set_reminders(db.session, registration, data["reminders"])
        db.session.commit()
        (shown,) = _shown([my_registration(db.session, event, api_user())])
        return shown

    @signed_in(blp)
    @blp.response(204)
    @blp.alt_response(404, response="NOT_FOUND")
    def delete(self, slug):
        """Cancel the caller's registration: its seats go to the first in line at once."""
        event = get_event(db.session, slug)
        registration = find_registration(db.session, event, api_user())
        if registration is None:
            raise NotFound(_l("You have not registered for this event."))
        cancel_registration(db.session, registration)
        db.session.commit()


@blp.route("/me/registrations")
class AllMyRegistrations(MethodView):
    @signed_in(blp)
    @blp.response(200, RegistrationSchema(many=True))
    def get(self):
        """The caller's registrations in every event, latest event first."""
        return _shown(user_registrations(db.session, api_user()))


@blp.route("/events/<slug:slug>/registrations/<id:registration_id>")
class RegistrationResource(MethodView):
    @organizers_only(blp)
    @blp.response(200, OrganizerRegistrationSchema)
    @blp.alt_response(404, response="NOT_FOUND")
    def get(self, slug, registration_id):
        """One registration, with the participant's e-mail address and the decision."""
        event = get_event(db.session, slug, published_only=False)
        (shown,) = _shown([get_registration(db.session, event, registration_id)])
        return shown


@blp.route("/events/<slug:slug>/registrations/<id:registration_id>/approve")
class Approval(MethodView):
    @organizers_only(blp)
    @blp.response(200, OrganizerRegistrationSchema)
    @blp.alt_response(404, response="NOT_FOUND")
    @blp.alt_response(409, response="CONFLICT")
    def post(self, slug, registration_id):
        """Confirm a pending registration; it gets the sub-forum seat it asked for, or a
        place in that waiting line, and the participant is told by e-mail."""
        event = get_event(db.session, slug, published_only=False)
        registration = get_registration(db.session, event, registration_id)
        approve_registration(db.session, registration, api_user())
        db.session.commit()
        (shown,) = _shown([get_registration(db.session, event, registration_id)])
        return shown


@blp.route("/events/<slug:slug>/registrations/<id:registration_id>/reject")
class Rejection(MethodView):
    @organizers_only(blp)
    @blp.arguments(RejectionSchema)
    @blp.response(200, OrganizerRegistrationSchema)
    @blp.alt_response(404, response="NOT_FOUND")
    @blp.alt_response(409, response="CONFLICT")
    def post(self, data, slug, registration_id):
        """Decline a registration (the `note` is mailed to the participant); its seats go to
        the first in line."""
        event = get_event(db.session, slug, published_only=False)
        registration = get_registration(db.session, event, registration_id)
        reject_registration(db.session, registration, api_user(), note=data.get("note"))
        db.session.commit()
        (shown,) = _shown([get_registration(db.session, event, registration_id)])
        return shown


@blp.route("/events/<slug:slug>/subforums/<id:subforum_id>/seats")
class SubForumSeats(MethodView):
    @signed_in(blp)
    @blp.arguments(SeatRequestSchema, required=False)
    @blp.response(201, SeatSchema)
    @blp.alt_response(200, schema=SeatSchema, success=True,
                      description="the caller already had this seat (or place in line)")
    @blp.alt_response(404, response="NOT_FOUND")
    @blp.alt_response(409, response="CONFLICT")
    def post(self, data, slug, subforum_id):
        """Take a seat in a sub-forum, or a place in its waiting line when it is full. A
        clash with another seat is a 409 naming the `session_id`, unless `switch`."""
        event = get_event(db.session, slug)
        return _take_seat(event, get_subforum(db.session, event, subforum_id, seats_only=True),
                          data["switch"])


@blp.route("/events/<slug:slug>/subforums/<id:subforum_id>/seats/me")
class MySubForumSeat(MethodView):
    @signed_in(blp)
    @blp.response(204)
    @blp.alt_response(404, response="NOT_FOUND")
    def delete(self, slug, subforum_id):
        """Give up the caller's seat (or place in line); the first in line gets it."""
        event = get_event(db.session, slug)
        _release_my_seat(event, get_subforum(db.session, event, subforum_id, seats_only=True))


@blp.route("/events/<slug:slug>/sessions/<id:session_id>/seats")
class SessionSeats(MethodView):
    @signed_in(blp)
    @blp.arguments(SeatRequestSchema, required=False)
    @blp.response(201, SeatSchema)
    @blp.alt_response(200, schema=SeatSchema, success=True,
                      description="the caller already had this seat (or place in line)")
    @blp.alt_response(404, response="NOT_FOUND")
    @blp.alt_response(409, response="CONFLICT")
    def post(self, data, slug, session_id):
        """Take a seat in a session with limited room outside the sub-forums (the technical
        exchange), or a place in its waiting line; clashes as for sub-forums.

        Only sessions outside the sub-forums with a capacity of their own have seats. Any
        other plenary session takes no seat: everyone registered attends it. For a sub-forum's
        session, take a seat in the sub-forum (`…/subforums/{subforum_id}/seats`). Both are
        refused with 422; a cancelled session with 409."""
        event = get_event(db.session, slug)
        return _take_seat(event, get_session(db.session, event, session_id), data["switch"])


@blp.route("/events/<slug:slug>/sessions/<id:session_id>/seats/me")
class MySessionSeat(MethodView):
    @signed_in(blp)
    @blp.response(204)
    @blp.alt_response(404, response="NOT_FOUND")
    def delete(self, slug, session_id):
        """Give up the caller's seat in a session (or place in line)."""
        event = get_event(db.session, slug)
        _release_my_seat(event, get_session(db.session, event, session_id))


@blp.route("/events/<slug:slug>/registration-questions")
class Questions(MethodView):
    @blp.response(200, RegistrationQuestionSchema(many=True))
    @blp.alt_response(404, response="NOT_FOUND")
    def get(self, slug):
        """The questions of the event's registration form, in order (public once the event
        is published; organizers sending their token also see those of drafts)."""
        caller = bearer_user()
        event = visible_event(db.session, slug, caller)
        return event_questions(db.session, event)

    @organizers_only(blp)
    @blp.arguments(RegistrationQuestionInputSchema)
    @blp.response(201, RegistrationQuestionSchema)
    @blp.alt_response(404, response="NOT_FOUND")
    def post(self, data, slug):
        """Add a question to the registration form."""
        event = get_event(db.session, slug, published_only=False)
        question = create_question(db.session, event, QuestionInput(**data))
        db.session.commit()
        return question


@blp.route("/events/<slug:slug>/registration-questions/<id:question_id>")
class QuestionResource(MethodView):
    @organizers_only(blp)
    @blp.arguments(RegistrationQuestionPatchSchema.for_patch())
    @blp.response(200, RegistrationQuestionSchema)
    @blp.alt_response(404, response="NOT_FOUND")
    def patch(self, changes, slug, question_id):
        """Change a question: only the fields given. Options may be added or renamed, never
        removed (answers store option numbers)."""
        event = get_event(db.session, slug, published_only=False)
        question = get_question(db.session, event, question_id)
        current = QuestionInput(kind=question.kind, label_zh=question.label_zh,
                                label_en=question.label_en, options=question.options,
                                required=question.required, position=question.position)
        update_question(db.session, question, replace(current, **changes))
        db.session.commit()
        return question

    @organizers_only(blp)
    @blp.response(204)
    @blp.alt_response(404, response="NOT_FOUND")
    def delete(self, slug, question_id):
        """Delete a question from the registration form."""
        event = get_event(db.session, slug, published_only=False)
        delete_question(db.session, get_question(db.session, event, question_id))
        db.session.commit()
