"""The `chugiai` command line: main.py builds the parser, *_commands.py hold the subcommands."""

from desktop_app.cli.main import main

__all__ = ["main"]
