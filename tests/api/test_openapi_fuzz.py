"""schemathesis drives the whole API from its own OpenAPI schema: no input may cause a server error."""

import pytest
import schemathesis
from hypothesis import HealthCheck, settings

from kenal.api.urls import api
from kenal.wsgi import application

schema = schemathesis.openapi.from_dict(api.get_openapi_schema())


@pytest.fixture
def token(alice, person):
    from kenal.accounts.services import token_create

    return token_create(user=alice, name="fuzz")[1]


@pytest.mark.django_db(transaction=True)
@schema.parametrize()
@settings(max_examples=40, deadline=None, suppress_health_check=list(HealthCheck))
def test_the_api_never_answers_with_a_server_error(case, token):
    response = case.call(app=application, headers={"Authorization": f"Bearer {token}"})
    assert response.status_code < 500, (case.method, case.formatted_path, response.text[:500])
