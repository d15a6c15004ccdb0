from django.apps import AppConfig


class ChallengesConfig(AppConfig):
    name = "challenges"

    def ready(self) -> None:
        from challenges.listings import case_study_listing, challenge_listing
        from core.listing import register_finder
        from search.registry import register

        register("challenges.ChallengePage")
        register("challenges.CaseStudyPage")
        register_finder("challenges.ChallengeIndexPage", challenge_listing)
        register_finder("challenges.CaseStudyIndexPage", case_study_listing)
