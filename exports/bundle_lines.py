"""A bundle's layout: JSON with one record a line, and reading it a line at a time.

::

    {
      "praxis_bundle": 1,
      "exported": "2026-11-22T12:00:00+00:00",
      "activities": [
        {"id": "...", "title": "...", ...},
        {"id": "...", "title": "...", ...}
      ],
      "placements": []
    }

Any JSON reader reads it, and a person can still find a record by eye; ``read_lines`` parses it
without holding the file, or a parser's copy of it, beside the records (issue 16: an import's
memory). A file laid out any other way (indented by an older Praxis, edited by hand, damaged) is
left to a whole-file parse: ``read_lines`` returns None rather than read it differently.
"""

from __future__ import annotations

import io
from typing import Any, BinaryIO

import orjson


def encode_lines(doc: dict[str, Any]) -> bytes:
    """``doc`` as a bundle file holds it: each top-level member on its own line, indented two
    spaces, except a list of records, whose records take a line each, indented four."""
    out = io.BytesIO()
    write = out.write
    write(b"{\n")
    last = len(doc) - 1
    for n, (key, value) in enumerate(doc.items()):
        end = b",\n" if n < last else b"\n"
        name = orjson.dumps(key)
        if isinstance(value, list) and value and all(isinstance(item, dict) for item in value):
            write(b"  " + name + b": [\n")
            final = len(value) - 1
            for k, item in enumerate(value):
                write(b"    " + orjson.dumps(item) + (b",\n" if k < final else b"\n"))
            write(b"  ]" + end)
        else:
            write(b"  " + name + b": " + orjson.dumps(value) + end)
    write(b"}\n")
    return out.getvalue()


def read_lines(f: BinaryIO) -> dict[str, Any] | None:
    """The bundle document in ``f`` if it is laid out as ``encode_lines`` writes it, else None.

    Each line must be what the layout has at that place, commas included: a member (a name and a
    value on one line, or a name opening a list), an item of an open list, the list's closing
    bracket, the final brace, then nothing. What is read is then exactly what a whole-file parse
    would read.
    """
    if f.readline() != b"{\n":
        return None
    doc: dict[str, Any] = {}
    items: list[Any] | None = None  # the list being read, if any
    more: bool | None = None  # whether the line before ended in a comma (None: nothing before)
    loads = orjson.loads
    try:
        for line in f:
            if items is None:
                if line == b"}\n" and not more:
                    return doc if f.read(1) == b"" else None
                if more is False or not line.startswith(b"  "):
                    return None
                body = line[2:]
                if body.endswith(b": [\n"):
                    name = loads(body[:-4])
                    if not isinstance(name, str):
                        return None
                    items = doc[name] = []
                    more = None
                    continue
                more = body.endswith(b",\n")
                member = loads(b"{" + body[: -2 if more else -1] + b"}")
                if len(member) != 1:
                    return None
                doc.update(member)
            elif line == b"  ],\n" or line == b"  ]\n":
                if more:  # an item's comma with no item after it
                    return None
                items = None
                more = line == b"  ],\n"
            else:
                if more is False or not line.startswith(b"    "):
                    return None
                more = line.endswith(b",\n")
                items.append(loads(line[4 : -2 if more else -1]))
    except ValueError:
        return None
    return None  # the file ends before the bundle does
