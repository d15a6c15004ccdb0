from django.apps import AppConfig


class ChallengesConfig(AppConfig):
    name = "challenges"

    def ready(self) -> None:
        from search.registry import register

        register("challenges.ChallengePage")
        register("challenges.CaseStudyPage")
