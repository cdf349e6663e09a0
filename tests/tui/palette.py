"""Running a command from the palette as a person does: Ctrl+P, type the command's name, Enter."""

from __future__ import annotations

from typing import Any


async def from_palette(pilot: Any, command: str) -> None:
    """Open the command palette, type ``command`` and run the best match."""
    await pilot.press("ctrl+p")
    await pilot.pause()
    await pilot.press(*command)
    await pilot.pause(0.3)  # the palette searches in the background
    await pilot.press("enter")
    await pilot.pause()
