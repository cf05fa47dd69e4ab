"""The review's block model: headings, paragraphs, lists, tables, quotes and inline parts.

The document is built once from these blocks and each renderer walks them, so Markdown and HTML
say the same thing and the HTML needs nothing beyond the standard library.
"""

from __future__ import annotations

from dataclasses import dataclass, field


@dataclass(frozen=True)
class Code:
    """Inline code: a manifest field, a clause id, a digest."""

    text: str


@dataclass(frozen=True)
class Strong:
    """Bold text."""

    text: str


@dataclass(frozen=True)
class Link:
    """A link; the label is plain text."""

    label: str
    url: str


Inline = str | Code | Strong | Link
Line = tuple[Inline, ...]


@dataclass(frozen=True)
class Heading:
    """A section heading, level 1 to 4."""

    level: int
    text: str


@dataclass(frozen=True)
class Para:
    """A paragraph."""

    parts: Line


@dataclass(frozen=True)
class Bullets:
    """A bulleted list, one line per item."""

    items: tuple[Line, ...]


@dataclass(frozen=True)
class Table:
    """A table with a header row."""

    header: tuple[str, ...]
    rows: tuple[tuple[Line, ...], ...]


@dataclass(frozen=True)
class Quote:
    """A quotation of license text."""

    text: str


Block = Heading | Para | Bullets | Table | Quote


@dataclass
class Document:
    """A titled sequence of blocks."""

    title: str
    blocks: list[Block] = field(default_factory=list)

    def add(self, *blocks: Block) -> None:
        """Append blocks in order."""
        self.blocks.extend(blocks)
