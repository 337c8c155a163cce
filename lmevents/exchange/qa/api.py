"""JSON API of the exchange's questions: participants ask and upvote; organizers and the
session's chairs and moderators mark questions answered and hide abuse."""

from __future__ import annotations

from collections.abc import Callable

from flask.views import MethodView

from lmevents.api import ApiBlueprint
from lmevents.api.auth import api_user, bearer_user, signed_in
from lmevents.api.schemas import ViewpointQuery
from lmevents.api.viewpoint import Viewpoint
from lmevents.events.models import Event
from lmevents.events.services import get_event
from lmevents.events.team import visible_event
from lmevents.exchange.content.services import get_presentation
from lmevents.exchange.models import Question
from lmevents.exchange.qa.schemas import (
    ExchangeQuestionInputSchema,
    ExchangeQuestionSchema,
    SeenQuestion,
)
from lmevents.exchange.qa.services import (
    ask_question,
    get_question,
    hide_question,
    mark_answered,
    question_line,
    questions_for,
    unhide_question,
    unvote,
    vote,
)
from lmevents.extensions import db

blp = ApiBlueprint("exchange_qa_api", __name__,
                   description="exchange: questions to the presenting enterprises, and votes")

QUESTION = "/events/<slug:slug>/exchange/questions/<id:question_id>"


def _shown(event: Event, question: Question, query: dict | None = None) -> SeenQuestion:
    user = api_user()
    return SeenQuestion(question_line(db.session, question, user), Viewpoint.asked(event, query))


def _moderate(slug: str, question_id: int, act: Callable) -> SeenQuestion:
    user = api_user()
    # Organizers reach their events before they are published; nobody else learns they exist.
    event = visible_event(db.session, slug, user)
    question = get_question(db.session, event, question_id, user)
    act(db.session, question, user)
    db.session.commit()
    return _shown(event, question)


@blp.route("/events/<slug:slug>/exchange/presentations/<id:presentation_id>/questions")
class PresentationQuestions(MethodView):
    @blp.arguments(ViewpointQuery, location="query")
    @blp.response(200, ExchangeQuestionSchema(many=True))
    @blp.alt_response(404, response="NOT_FOUND")
    def get(self, query, slug, presentation_id):
        """The questions to a presentation, most votes first, then oldest first.

        Public. With a bearer token, `voted` and `mine` speak for the caller; organizers and
        the session's chairs and moderators also get hidden questions (`hidden: true`) and
        who asked."""
        event = get_event(db.session, slug)
        presentation = get_presentation(db.session, event, presentation_id)
        viewpoint = Viewpoint.asked(event, query)
        return [SeenQuestion(line, viewpoint)
                for line in questions_for(db.session, presentation, bearer_user())]

    @signed_in(blp)
    @blp.arguments(ExchangeQuestionInputSchema)
    @blp.response(201, ExchangeQuestionSchema)
    @blp.alt_response(403, response="FORBIDDEN")
    @blp.alt_response(404, response="NOT_FOUND")
    @blp.alt_response(409, response="CONFLICT")
    def post(self, data, slug, presentation_id):
        """Ask a question: for the event's confirmed participants, before the end of the
        exchange session (409 after it, or when it is cancelled)."""
        event = get_event(db.session, slug)
        presentation = get_presentation(db.session, event, presentation_id)
        question = ask_question(db.session, presentation, api_user(), data["text"])
        db.session.commit()
        return _shown(event, question)


@blp.route(QUESTION + "/vote")
class QuestionVoteResource(MethodView):
    @signed_in(blp)
    @blp.response(201, ExchangeQuestionSchema)
    @blp.alt_response(200, schema=ExchangeQuestionSchema, success=True,
                      description="already voted: nothing changed")
    @blp.alt_response(403, response="FORBIDDEN")
    @blp.alt_response(404, response="NOT_FOUND")
    @blp.alt_response(409, response="CONFLICT")
    def post(self, slug, question_id):
        """Upvote a question: one vote per participant and question (sending it again
        changes nothing); not one's own question, nor after the session."""
        event = get_event(db.session, slug)
        user = api_user()
        question = get_question(db.session, event, question_id, user)
        outcome = vote(db.session, question, user)
        db.session.commit()
        return _shown(event, question), 201 if outcome.created else 200

    @signed_in(blp)
    @blp.response(204)
    @blp.alt_response(403, response="FORBIDDEN")
    @blp.alt_response(404, response="NOT_FOUND")
    @blp.alt_response(409, response="CONFLICT")
    def delete(self, slug, question_id):
        """Take back one's vote (nothing to take back is no error)."""
        event = get_event(db.session, slug)
        user = api_user()
        unvote(db.session, get_question(db.session, event, question_id, user), user)
        db.session.commit()


@blp.route(QUESTION + "/answered")
class QuestionAnswered(MethodView):
    @signed_in(blp)
    @blp.response(200, ExchangeQuestionSchema)
    @blp.alt_response(403, response="FORBIDDEN")
    @blp.alt_response(404, response="NOT_FOUND")
    def post(self, slug, question_id):
        """Mark a question answered: organizers and the session's chairs and moderators."""
        return _moderate(slug, question_id, mark_answered)


@blp.route(QUESTION + "/hide")
class QuestionHide(MethodView):
    @signed_in(blp)
    @blp.response(200, ExchangeQuestionSchema)
    @blp.alt_response(403, response="FORBIDDEN")
    @blp.alt_response(404, response="NOT_FOUND")
    def post(self, slug, question_id):
        """Hide a question from everyone but its moderators: organizers and the session's
        chairs and moderators."""
        return _moderate(slug, question_id, hide_question)


@blp.route(QUESTION + "/unhide")
class QuestionUnhide(MethodView):
    @signed_in(blp)
    @blp.response(200, ExchangeQuestionSchema)
    @blp.alt_response(403, response="FORBIDDEN")
    @blp.alt_response(404, response="NOT_FOUND")
    def post(self, slug, question_id):
        """Show a hidden question again: organizers and the session's chairs and
        moderators."""
        return _moderate(slug, question_id, unhide_question)
