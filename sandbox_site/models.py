from django.db import models
from wagtail.admin.panels import FieldPanel
from wagtail.models import Page


class HomePage(Page):
    intro = models.TextField(blank=True, help_text="Markdown.")

    parent_page_types = ["wagtailcore.Page"]
    max_count = 1
    content_panels = Page.content_panels + [FieldPanel("intro")]
