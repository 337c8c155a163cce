"""Lists that organizers put in order with up/down buttons."""

from __future__ import annotations

from typing import Any

from flask_babel import lazy_gettext as _l

from lmevents.errors import Invalid


def move_one_place(order: list[Any], item: Any, direction: str) -> None:
    """Swap `item` with its neighbour ("up" or "down") and number the list 0, 1, 2… in its
    `position` attribute, so ties and gaps left by edits disappear."""
    if direction not in ("up", "down"):
        raise Invalid(_l("Move 'up' or 'down'."), field="direction")
    here = order.index(item)
    there = here - 1 if direction == "up" else here + 1
    if 0 <= there < len(order):
        order[here], order[there] = order[there], order[here]
    for position, moved in enumerate(order):
        moved.position = position
