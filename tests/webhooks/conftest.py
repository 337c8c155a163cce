import pytest

from tests.smtp import free_port
from tests.webhooks.receiver import Receiver


@pytest.fixture
def loopback_targets(app, monkeypatch):
    """Webhooks may name this machine (tests receive on loopback)."""
    monkeypatch.setitem(app.config, "WEBHOOK_PRIVATE_TARGETS", True)


@pytest.fixture
def receiver(loopback_targets):
    """A receiver that is down until `.start()`ed (its port is reserved for it)."""
    hook_receiver = Receiver(free_port())
    yield hook_receiver
    hook_receiver.stop()
