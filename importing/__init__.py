"""Bulk import of content from JSON Lines and CSV files: services.py runs it for the admin screen and the command."""
