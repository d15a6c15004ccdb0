"""Demo content for `manage.py load_demo`: a list of steps, each a module with `run(demo: DemoContext)`.

Steps run in order and each must be idempotent. To add demo data for your own app, write a step module
and append its dotted path to STEPS.
"""

STEPS: list[str] = [
    "sandbox_site.demo.public_projects",
    "sandbox_site.demo.challenges",
    "sandbox_site.demo.case_studies",
    "sandbox_site.demo.patterns",
    "sandbox_site.demo.centres",
    "sandbox_site.demo.collections",
    "sandbox_site.demo.restricted",
    "sandbox_site.demo.marketplace",
    "sandbox_site.demo.accounts",
    "sandbox_site.demo.following",
    "sandbox_site.demo.collaboration",
]
