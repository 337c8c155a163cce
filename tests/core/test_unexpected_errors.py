"""A failure nobody foresaw: a clear answer for the user, the traceback in the log."""

from __future__ import annotations

import logging

import pytest

from tests.conftest import make_app


@pytest.fixture
def failing_app(tmp_path):
    app = make_app("sqlite:///" + str(tmp_path / "errors.sqlite3"))

    @app.route("/boom")
    @app.route("/api/v1/boom")
    def boom():
        raise RuntimeError("disk on fire")

    return app


def test_html_500_page_names_the_error_and_the_traceback_is_logged(failing_app, caplog):
    with caplog.at_level(logging.ERROR):
        response = failing_app.test_client().get("/boom")
    page = response.get_data(as_text=True)
    assert response.status_code == 500
    assert "<title>500 Internal Server Error</title>" in page and "property object" not in page
    assert "disk on fire" not in page
    assert any(r.exc_info and "disk on fire" in str(r.exc_info[1]) for r in caplog.records)


def test_api_500_is_problem_json(failing_app):
    response = failing_app.test_client().get("/api/v1/boom")
    assert response.status_code == 500
    assert response.content_type == "application/problem+json"
    assert "disk on fire" not in response.get_data(as_text=True)


def test_database_errors_never_carry_the_values_they_were_given(app, dbs, participant):
    from sqlalchemy import insert
    from sqlalchemy.exc import IntegrityError

    from lmevents.auth.models import User

    secret = "scrypt:32768:8:1$secret-hash"
    with pytest.raises(IntegrityError) as failed:
        dbs.execute(insert(User), [{"email": participant.email, "password_hash": secret,
                                    "name": "Twin", "role": "participant", "language": "en"}])
    dbs.rollback()
    assert secret not in str(failed.value)
