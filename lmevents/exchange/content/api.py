"""JSON API of the exchange's content: the exchange as a caller may see it; topics and
presentations for organizers; needs for participants (organizers hide them)."""

from __future__ import annotations

from dataclasses import replace

from flask import request, url_for
from flask.views import MethodView
from flask_babel import lazy_gettext as _l

from lmevents.api import ApiBlueprint
from lmevents.api.auth import Unauthorized, api_user, bearer_user, organizers_only, signed_in
from lmevents.api.checked import checked_with
from lmevents.api.schemas import ViewpointQuery
from lmevents.api.viewpoint import Viewpoint
from lmevents.events.models import Event
from lmevents.events.services import get_event
from lmevents.events.team import visible_event
from lmevents.exchange.content.needs import (
    NeedInput,
    get_need,
    hide_need,
    post_need,
    seen_need,
    visible_needs,
    withdraw_need,
)
from lmevents.exchange.content.schemas import (
    ExchangeNeedInputSchema,
    ExchangeNeedSchema,
    ExchangePresentationInputSchema,
    ExchangePresentationPatchSchema,
    ExchangeSchema,
    ExchangeTopicInputSchema,
    ExchangeTopicPatchSchema,
    ManagedExchangePresentationSchema,
    ManagedExchangeTopicSchema,
    SeenNeedOut,
    SeenPresentation,
    seen_exchange,
)
from lmevents.exchange.content.services import (
    PresentationInput,
    TopicInput,
    check_presentation,
    check_topic,
    create_presentation,
    create_topic,
    delete_presentation,
    delete_topic,
    exchange_overview,
    get_presentation,
    get_topic,
    update_presentation,
    update_topic,
)
from lmevents.exchange.models import NeedVisibility
from lmevents.extensions import db

blp = ApiBlueprint("exchange_api", __name__, description="exchange")

EXCHANGE = "/events/<slug:slug>/exchange"


def _caller():
    """The token's owner; a token that is sent but not valid is refused rather than read as
    anonymous, so a caller never mistakes an expired token for an empty list."""
    user = bearer_user()
    if user is None and request.headers.get("Authorization"):
        raise Unauthorized(_l("The bearer token is not valid: get a new one from "
                              "POST /api/v1/auth/tokens."))
    return user


def _page_url(event: Event):
    """The absolute address of a presentation's page (its questions)."""
    return lambda presentation: url_for("exchange.presentation_page", slug=event.slug,
                                        presentation_id=presentation.id, _external=True)


def _managed(presentation, event: Event) -> SeenPresentation:
    viewpoint = Viewpoint.asked(event)
    return SeenPresentation(presentation, viewpoint, _page_url(event)(presentation),
                            frozenset())


@blp.route(EXCHANGE)
class Exchange(MethodView):
    @blp.arguments(ViewpointQuery, location="query")
    @blp.response(200, ExchangeSchema)
    @blp.alt_response(401, response="UNAUTHORIZED")
    @blp.alt_response(404, response="NOT_FOUND")
    def get(self, query, slug):
        """The event's exchange sessions with their topics, each topic's presentations and
        the needs the caller may see: public ones for anyone; with a bearer token of one of
        the event's confirmed participants or an organizer, participants-only ones too (and
        the posters' names where they allowed it). Times in `tz`."""
        event = get_event(db.session, slug)
        viewer = _caller()
        viewpoint = Viewpoint.asked(event, query)
        return seen_exchange(exchange_overview(db.session, event),
                             visible_needs(db.session, event, viewer), viewpoint,
                             _page_url(event))


def _managed_event(slug: str):
    return get_event(db.session, slug, published_only=False)


# A refused body is still checked against the rules (lmevents.api.checked), so the answer
# names every fault at once.
@blp.route(EXCHANGE + "/topics")
class Topics(MethodView):
    @organizers_only(blp)
    @checked_with(lambda values, slug: check_topic(
        db.session, _managed_event(slug), TopicInput(**({"session_id": None} | values))))
    @blp.arguments(ExchangeTopicInputSchema)
    @blp.response(201, ManagedExchangeTopicSchema)
    @blp.alt_response(404, response="NOT_FOUND")
    def post(self, data, slug):
        """Add a topic to one of the event's exchange sessions."""
        event = get_event(db.session, slug, published_only=False)
        topic = create_topic(db.session, event, TopicInput(**data))
        db.session.commit()
        return topic


@blp.route(EXCHANGE + "/topics/<id:topic_id>")
class TopicResource(MethodView):
    @organizers_only(blp)
    @checked_with(lambda values, slug, topic_id: check_topic(
        db.session, _managed_event(slug),
        replace(TopicInput.of(get_topic(db.session, _managed_event(slug), topic_id)), **values)))
    @blp.arguments(ExchangeTopicPatchSchema.for_patch())
    @blp.response(200, ManagedExchangeTopicSchema)
    @blp.alt_response(404, response="NOT_FOUND")
    def patch(self, changes, slug, topic_id):
        """Change a topic: only the fields given (`position` reorders it)."""
        event = get_event(db.session, slug, published_only=False)
        topic = get_topic(db.session, event, topic_id)
        update_topic(db.session, topic, replace(TopicInput.of(topic), **changes))
        db.session.commit()
        return topic

    @organizers_only(blp)
    @blp.response(204)
    @blp.alt_response(404, response="NOT_FOUND")
    def delete(self, slug, topic_id):
        """Delete a topic with its presentations and the needs posted under it."""
        event = get_event(db.session, slug, published_only=False)
        delete_topic(db.session, get_topic(db.session, event, topic_id))
        db.session.commit()


@blp.route(EXCHANGE + "/presentations")
class Presentations(MethodView):
    @organizers_only(blp)
    @checked_with(lambda values, slug: check_presentation(
        db.session, _managed_event(slug), PresentationInput(**({"topic_id": None} | values))))
    @blp.arguments(ExchangePresentationInputSchema)
    @blp.response(201, ManagedExchangePresentationSchema)
    @blp.alt_response(404, response="NOT_FOUND")
    def post(self, data, slug):
        """Add an enterprise's presentation under a topic; `contact_user_id` must be a
        confirmed participant of the event."""
        event = get_event(db.session, slug, published_only=False)
        presentation = create_presentation(db.session, event, PresentationInput(**data))
        db.session.commit()
        return _managed(presentation, event)


@blp.route(EXCHANGE + "/presentations/<id:presentation_id>")
class PresentationResource(MethodView):
    @organizers_only(blp)
    @checked_with(lambda values, slug, presentation_id: check_presentation(
        db.session, _managed_event(slug), replace(PresentationInput.of(get_presentation(
            db.session, _managed_event(slug), presentation_id)), **values)))
    @blp.arguments(ExchangePresentationPatchSchema.for_patch())
    @blp.response(200, ManagedExchangePresentationSchema)
    @blp.alt_response(404, response="NOT_FOUND")
    def patch(self, changes, slug, presentation_id):
        """Change a presentation: only the fields given (`topic_id` moves it, `position`
        reorders it)."""
        event = get_event(db.session, slug, published_only=False)
        presentation = get_presentation(db.session, event, presentation_id)
        update_presentation(db.session, event, presentation,
                            replace(PresentationInput.of(presentation), **changes))
        db.session.commit()
        return _managed(presentation, event)

    @organizers_only(blp)
    @blp.response(204)
    @blp.alt_response(404, response="NOT_FOUND")
    def delete(self, slug, presentation_id):
        """Delete a presentation with the questions asked on it."""
        event = get_event(db.session, slug, published_only=False)
        delete_presentation(db.session, get_presentation(db.session, event, presentation_id))
        db.session.commit()


@blp.route(EXCHANGE + "/topics/<id:topic_id>/needs")
class Needs(MethodView):
    @signed_in(blp)
    @blp.arguments(ExchangeNeedInputSchema)
    @blp.response(201, ExchangeNeedSchema)
    @blp.alt_response(403, response="FORBIDDEN")
    @blp.alt_response(404, response="NOT_FOUND")
    def post(self, data, slug, topic_id):
        """Post a need under a topic: for the event's confirmed participants (403 for anyone
        else, naming `registration`)."""
        event = get_event(db.session, slug)
        topic = get_topic(db.session, event, topic_id)
        visibility = data.pop("visibility") or NeedVisibility.PARTICIPANTS
        need = post_need(db.session, event, topic, api_user(),
                         NeedInput(**data, visibility=visibility.value))
        db.session.commit()
        return SeenNeedOut(seen_need(db.session, event, need, api_user()),
                           Viewpoint.asked(event))


@blp.route(EXCHANGE + "/needs/<id:need_id>")
class NeedResource(MethodView):
    @signed_in(blp)
    @blp.response(204)
    @blp.alt_response(403, response="FORBIDDEN")
    @blp.alt_response(404, response="NOT_FOUND")
    def delete(self, slug, need_id):
        """Withdraw a need: its author, or an organizer."""
        event = visible_event(db.session, slug, api_user())
        withdraw_need(db.session, get_need(db.session, event, need_id), api_user())
        db.session.commit()


@blp.route(EXCHANGE + "/needs/<id:need_id>/hide")
class HideNeed(MethodView):
    @organizers_only(blp)
    @blp.response(200, ExchangeNeedSchema)
    @blp.alt_response(404, response="NOT_FOUND")
    def post(self, slug, need_id):
        """Hide a need (abuse, off topic): from then on only organizers see it."""
        event = get_event(db.session, slug, published_only=False)
        need = hide_need(db.session, get_need(db.session, event, need_id), api_user())
        db.session.commit()
        return SeenNeedOut(seen_need(db.session, event, need, api_user()),
                           Viewpoint.asked(event))
