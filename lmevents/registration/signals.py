"""What the registration area announces, for the areas built on it to act on in the same
transaction (blinker signals, as Flask uses).

- `left_event(registration, dbs=...)`: a registration was cancelled or rejected; its seats
  are already freed. The exchange withdraws the person's 1:1 meetings in that event
  (lmevents.exchange.meetings.services).
"""

from blinker import Namespace

_signals = Namespace()

left_event = _signals.signal("left-event")
