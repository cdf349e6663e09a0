"""Requirement frameworks (data) and the gap engine. Arrives with the rules issue."""
