import pytest
from tests.security.conftest import client_for
from bs4 import BeautifulSoup
@pytest.mark.django_db
def test_dbg(tenancy):
    c = client_for(tenancy["leeds_editor"])
    html = c.get(f"/admin/pages/{tenancy['leeds_study'].pk}/edit/").content
    for f in BeautifulSoup(html, "html.parser").find_all("form"):
        if not f.get("action"):
            print("FORM", str(f)[:800])
