"""The version of Praxis, written into stores it saves."""

__version__ = "0.1.0"
