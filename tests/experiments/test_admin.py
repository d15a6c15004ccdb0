"""Admin: curators are prompted for the case studies of their concluded experiments."""

from __future__ import annotations

from django.urls import reverse

from experiments.models import ExperimentStatus
from tests.factories import content as make


def test_curators_are_prompted_for_case_studies_of_their_concluded_experiments(
    client, yorkshire_centre, yorkshire_curator, leeds
):
    done = make.experiment(yorkshire_centre, "Finished without write-up", status=ExperimentStatus.CONCLUDED)
    make.experiment(yorkshire_centre, "Still running", status=ExperimentStatus.RUNNING)
    written = make.experiment(yorkshire_centre, "Finished with write-up", status=ExperimentStatus.CONCLUDED)
    written.case_study = make.case_study(leeds, "The write-up")
    written.save_revision().publish()
    other_centre = make.centre("Wales centre", ["Wales"])
    make.experiment(other_centre, "Another centre's experiment", status=ExperimentStatus.CONCLUDED)

    client.force_login(yorkshire_curator)
    dashboard = client.get(reverse("wagtailadmin_home")).content.decode()
    assert "Concluded experiments without a case study" in dashboard
    assert "Finished without write-up" in dashboard
    for absent in ("Still running", "Finished with write-up", "Another centre&#x27;s experiment"):
        assert absent not in dashboard
    edit = client.get(reverse("wagtailadmin_pages:edit", args=[done.pk])).content.decode()
    assert "This experiment has concluded. Link the case study" in edit
