"""Suppliers and products are snippets any editor with the model permissions manages.

The council systems register is deliberately not in the admin: council editors change only their own council's
entries through the front-end forms (marketplace/views.py), where marketplace.access decides.
"""

from wagtail.snippets.models import register_snippet
from wagtail.snippets.views.snippets import SnippetViewSet

from marketplace.models import Product, Supplier


class SupplierViewSet(SnippetViewSet):
    model = Supplier
    icon = "group"
    menu_label = "Suppliers"
    list_display = ["name", "companies_house_number", "website"]
    search_fields = ["name"]


class ProductViewSet(SnippetViewSet):
    model = Product
    icon = "cogs"
    menu_label = "Products"
    list_display = ["name", "supplier", "licence", "open_apis"]
    list_filter = ["licence", "open_apis", "service_areas"]
    search_fields = ["name"]


register_snippet(SupplierViewSet)
register_snippet(ProductViewSet)
