"""Names for the files Praxis writes for a person: where they go and how a name becomes part of one.
No Textual here (the review command names its copies before the app starts)."""

from __future__ import annotations

import re
from pathlib import Path


def documents_folder() -> Path:
    """Where exports go unless the user says otherwise: the Documents folder if there is one, else home."""
    import platformdirs

    documents = Path(platformdirs.user_documents_dir())
    return documents if documents.is_dir() else Path.home()


def name_slug(name: str, empty: str = "portfolio") -> str:
    """A name as a file name part: ``Jo Example`` → ``jo-example`` (``empty`` if nothing is left)."""
    return re.sub(r"[^a-z0-9]+", "-", name.casefold()).strip("-") or empty
