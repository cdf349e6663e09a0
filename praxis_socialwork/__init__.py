"""Praxis: every package of the app under one import root, so nothing it installs clashes with
another project's top-level names (django-rules has a `rules`). The folders live at the top of the
repository; these links make them this package's subpackages, and the wheel holds real copies."""
