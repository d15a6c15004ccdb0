"""Demo content for `manage.py load_demo`: a list of steps, each a module with `run(demo: DemoContext)`.

Steps run in order and each must be idempotent. Pages the bulk importer takes are data files in data/, imported by
the `content` step; the rest (the draft and private pages, the marketplace, sign-ins, saved
searches, interest and adoption records) is made by code. To add demo pages, add lines to a data file; for other demo
data of your own app, write a step module and append its dotted path to STEPS.
"""

STEPS: list[str] = [
    "demo.content",
    "demo.restricted",
    "demo.marketplace",
    "demo.accounts",
    "demo.following",
    "demo.collaboration",
]
