"""Exporters: each writes what the user made in a format other tools read."""
