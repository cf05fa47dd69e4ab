"""Strings from a manifest made safe for a terminal or a CI log (DESIGN.md §6).

A manifest is hostile: a waiver reason with ESC sequences could rewrite the terminal, and one
with a line feed followed by ``::`` would start a GitHub workflow command on stderr (GitHub reads
both streams). :func:`terminal` shows every C0/C1 control and DEL as a visible ``\\xNN`` escape,
so a diagnostic stays one line and no line of it can begin with text from the manifest.
"""

from __future__ import annotations

import re

_CONTROLS = re.compile("[\x00-\x1f\x7f-\x9f]")


def terminal(text: str) -> str:
    """``text`` with every control character (C0, DEL, C1; also CR, LF, TAB) as ``\\xNN``."""
    return _CONTROLS.sub(lambda match: f"\\x{ord(match.group()):02x}", text)


def log_line(line: str) -> str:
    """One line of a report printed to a CI log: controls escaped, and a line that would begin
    with ``::`` once the runner strips its indentation (a GitHub workflow command, e.g. text
    from an attestation wrapped onto a line of its own) shows its first colon as ``\\x3a``."""
    line = terminal(line)
    stripped = line.lstrip()
    if stripped.startswith("::"):
        indent = line[: len(line) - len(stripped)]
        line = indent + "\\x3a" + stripped[1:]
    return line
