import pytest, re
from tests.security.conftest import client_for
from bs4 import BeautifulSoup
@pytest.mark.django_db
def test_dbg(tenancy, superuser):
    c = client_for(superuser)
    page = tenancy['bristol_study']
    html = c.get(f"/admin/pages/{page.pk}/edit/").content.decode()
    soup = BeautifulSoup(html, "html.parser")
    t = soup.find("input", attrs={"name": "title"})
    print("TITLE", t, [ (p.name, p.get("id")) for p in t.parents][:8] if t else None)
    i = html.find('id="page-edit-form"'); print("SNIP", html[i-200:i+600])
    print("FORMATTR", len(re.findall(r'\sform="page-edit-form"', html)))
