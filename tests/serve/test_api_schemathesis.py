"""Schemathesis generates requests from the app's own /openapi.json and sends them with an
admin token: no request, however odd, may make the API answer with a server error (5xx).

Bounded and repeatable: a few examples per operation, derandomized; the report submission
route is left out (it can fetch a URL and runs the NLP pipeline). It works on its own copy of
the store, so the merges and revocations it sends change nothing other tests read.
"""

from __future__ import annotations

from collections.abc import Iterator

import pytest
import schemathesis
from fastapi import FastAPI
from hypothesis import HealthCheck, Phase, given, settings
from schemathesis.checks import not_a_server_error
from tests.serve.conftest import ApiStore, copy_store, token_for
from tests.serve.test_api_access import ROUTES

from warnline.serve import create_app
from warnline.settings import Settings
from warnline.store import Store


@pytest.fixture(scope="module")
def fuzzed_store(api_store: ApiStore, tmp_path_factory: pytest.TempPathFactory) -> Iterator[Store]:
    store = copy_store(api_store, tmp_path_factory.mktemp("schemathesis"))
    yield store
    store.close()


@pytest.fixture(scope="module")
def fuzzed_app(fuzzed_store: Store) -> FastAPI:
    return create_app(fuzzed_store, Settings(secret_key="tests-only-session-key"))


@pytest.fixture(scope="module")
def api_schema(fuzzed_app: FastAPI) -> schemathesis.BaseSchema:
    return schemathesis.openapi.from_asgi("/openapi.json", fuzzed_app)


# Every operation but the report submission (see above); the access tests keep the list whole.
OPERATIONS = [
    (method, path) for method, path, _, _ in ROUTES if (method, path) != ("POST", "/api/v1/reports")
]


# Not schemathesis's pytest plugin: its lazy fixture loader reads a private attribute that
# pytest 9 no longer has. Each operation's strategy is driven by Hypothesis directly instead.
@pytest.mark.parametrize(("method", "path"), OPERATIONS, ids=[f"{m} {p}" for m, p in OPERATIONS])
def test_no_request_makes_a_server_error(
    api_schema: schemathesis.BaseSchema, fuzzed_store: Store, method: str, path: str
) -> None:
    operation = api_schema[path][method]

    @given(case=operation.as_strategy())
    @settings(
        max_examples=12,
        derandomize=True,
        deadline=None,
        database=None,
        phases=[Phase.explicit, Phase.generate],
        suppress_health_check=list(HealthCheck),
    )
    def call(case: schemathesis.Case) -> None:
        # A fresh token each time: a generated DELETE /tokens/{id} may revoke an earlier one.
        headers = {"Authorization": f"Bearer {token_for(fuzzed_store, 'admin')}"}
        # A generous read timeout: a whole-store export on a busy machine is slow, not broken.
        response = case.call_and_validate(headers=headers, checks=[not_a_server_error], timeout=120)
        assert response.status_code < 500

    call()
