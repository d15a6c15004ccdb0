from tests.factories.open_content import world  # noqa: F401 - the shared module-scoped fixture
