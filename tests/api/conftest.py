"""What the API tests share: the OpenAPI document as the app serves it, and its calls."""

import pytest

METHODS = ("get", "put", "post", "patch", "delete")


@pytest.fixture
def spec(client):
    response = client.get("/api/v1/openapi.json")
    assert response.status_code == 200
    return response.get_json()


def operations(spec):
    """(path, method, operation) for every call of the document."""
    for path, item in spec["paths"].items():
        for method, operation in item.items():
            if method in METHODS:
                yield path, method, operation
