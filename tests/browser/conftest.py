"""Pages in a real browser: Debian's Chromium (`apt-get install chromium`), driven by
Playwright with `executable_path` (no browser is ever downloaded). Without Chromium the tests
skip saying so; CI installs it and sets LMEVENTS_REQUIRE_BROWSER=1, so there they must run.

The journeys (test_*_journey.py, test_phone_width.py) leave, in the git-ignored
tests/browser/artifacts/: screens/<journey>-<step>-<lang>.png, and axe-results.json with the
axe-core violations of every page checked, counted by impact."""

from __future__ import annotations

import os
import threading
from pathlib import Path

import pytest
from werkzeug.serving import make_server

from tests.browser.helpers import SCREENS, Mailbox, Soft, write_axe_report
from tests.conftest import make_app
from tests.smtp import free_port

CHROMIUM = os.environ.get("LMEVENTS_CHROMIUM", "/usr/bin/chromium")
REQUIRE_BROWSER = os.environ.get("LMEVENTS_REQUIRE_BROWSER") == "1"


@pytest.fixture(scope="session")
def browser_type_launch_args(browser_type_launch_args):
    if not Path(CHROMIUM).exists():
        reason = f"no Chromium at {CHROMIUM} (apt-get install chromium, or set LMEVENTS_CHROMIUM)"
        if REQUIRE_BROWSER:
            pytest.fail(reason + " (LMEVENTS_REQUIRE_BROWSER=1)")
        pytest.skip(reason)
    return {**browser_type_launch_args, "executable_path": CHROMIUM}


@pytest.fixture
def site(app, database_url, request):
    """The app served over HTTP on a free loopback port, on the test's database (pages are
    reached by address, so without the suite's SERVER_NAME). Its public address, which
    links in mail start with, is that port's. `@pytest.mark.site_config(KEY=value)` sets
    more of its configuration."""
    server = make_server("127.0.0.1", 0, None, threaded=True)
    address = f"http://127.0.0.1:{server.server_port}"
    marker = request.node.get_closest_marker("site_config")
    served = make_app(database_url, SERVER_NAME=None, PUBLIC_URL=address,
                      **(marker.kwargs if marker else {}))
    server.app = served
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    yield address
    server.shutdown()
    thread.join(10)
    with served.app_context():
        from lmevents.extensions import db

        db.engine.dispose()


@pytest.fixture
def mailbox(app, runner, monkeypatch):
    """A real SMTP server on loopback; `mailbox.deliver()` runs `flask lmevents send-mail`
    to it and `mailbox.to(address)` reads what arrived."""
    port = free_port()
    monkeypatch.setitem(app.config, "MAIL_SERVER", "127.0.0.1")
    monkeypatch.setitem(app.config, "MAIL_PORT", port)
    monkeypatch.setitem(app.config, "MAIL_SENDER", "lmevents <noreply@lmevents.test>")
    box = Mailbox(runner, port)
    box.controller.start()
    yield box
    box.controller.stop()


@pytest.fixture
def soft():
    """Checks a journey records and goes on past; call `soft.assert_all()` at its end."""
    return Soft()


@pytest.fixture(scope="session", autouse=True)
def _screens_folder():
    SCREENS.mkdir(parents=True, exist_ok=True)


def pytest_sessionfinish(session, exitstatus):
    """The axe-core results of every page checked, for the report (artifacts/)."""
    write_axe_report()
