"""The praxis command: one module per command group (main.py builds the parser). The app opens
only when a command asks for it, so reading commands never load Textual."""
