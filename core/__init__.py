"""Small generic building blocks that every app may import: the text and number rules, absolute links, Markdown,
retried background tasks, the admin report base. `core` imports no other package of the project
(an import-linter contract in `make lint` keeps it so, docs/architecture.md)."""
