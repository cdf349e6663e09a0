"""python -m praxis_socialwork: the praxis command."""

from praxis_socialwork.cli.main import entry

entry()
