import pytest
from wagtail.models import Page

pytestmark = pytest.mark.django_db(transaction=True, serialized_rollback=True)


def test_one():
    print("one", Page.objects.count())


def test_two():
    print("two", Page.objects.count())
