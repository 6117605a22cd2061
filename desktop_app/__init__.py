"""Chú Giải: read, highlight, tag and export Vietnamese news articles."""

__version__ = "0.1.0"
APP_NAME = "ChuGiai"
APP_DISPLAY_NAME = "Chú Giải"
