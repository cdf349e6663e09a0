"""The Textual app and the command line. May import store, rules and exports; nothing imports it."""
