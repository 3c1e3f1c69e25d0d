"""Schemathesis: generated requests against every endpoint of /api/openapi.json.

No 500s, and every response matches the schema the document declares. Runs in process through
the WSGI interface, so nothing is fetched from the network (URLs it generates are refused by the
address check or fail to resolve quickly; private networks stay forbidden here).
"""

import socket

import pytest
import schemathesis
from hypothesis import HealthCheck, settings
from schemathesis.specs.openapi.checks import positive_data_acceptance

from backend import create_app


@pytest.fixture
def api_schema(app_config, model_holder, monkeypatch):
    def no_dns(host, *args, **kwargs):
        raise socket.gaierror(socket.EAI_NONAME, "name resolution is off in this test")

    # Generated URLs name random hosts: resolve none of them, so nothing leaves the machine.
    monkeypatch.setattr(socket, "getaddrinfo", no_dns)
    app = create_app(
        dict(
            app_config, ALLOW_PRIVATE_NETWORKS=False, FETCH_DEADLINE=2.0, FETCH_CONNECT_TIMEOUT=1.0
        ),
        model_holder=model_holder,
    )
    return schemathesis.openapi.from_wsgi("/api/openapi.json", app)


schema = schemathesis.pytest.from_fixture("api_schema")


@schema.parametrize()
@settings(max_examples=40, deadline=None, suppress_health_check=list(HealthCheck))
def test_api_never_fails_and_matches_its_schema(case):
    # A well-formed body can still be refused for reasons a schema cannot express (a URL that
    # resolves to a private address, 'html' and 'text' together), so acceptance of every
    # schema-valid body is not checked; server errors and response conformance are.
    case.call_and_validate(excluded_checks=[positive_data_acceptance])
