"""Pages in a real browser: Debian's Chromium (`apt-get install chromium`), driven by
Playwright with `executable_path` (no browser is ever downloaded). Without Chromium the tests
skip saying so; CI installs it and sets LMEVENTS_REQUIRE_BROWSER=1, so there they must run."""

from __future__ import annotations

import os
import threading
from pathlib import Path

import pytest
from werkzeug.serving import make_server

from tests.conftest import make_app

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
def site(app, database_url):
    """The app served over HTTP on a free loopback port, on the test's database (pages are
    reached by address, so without the suite's SERVER_NAME)."""
    served = make_app(database_url, SERVER_NAME=None, PUBLIC_URL="http://127.0.0.1")
    server = make_server("127.0.0.1", 0, served, threaded=True)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    yield f"http://127.0.0.1:{server.server_port}"
    server.shutdown()
    thread.join(10)
    with served.app_context():
        from lmevents.extensions import db

        db.engine.dispose()
