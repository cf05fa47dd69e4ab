"""The review document as GitHub-flavoured Markdown."""

from __future__ import annotations

from licensegate.formats.markdown import code as md_code
from licensegate.formats.markdown import escape as md_escape
from licensegate.formats.markdown import link as md_link
from licensegate.review.blocks import (
    Bullets,
    Code,
    Document,
    Heading,
    Line,
    Link,
    Para,
    Quote,
    Strong,
)


def _md_inline(parts: Line) -> str:
    out = []
    for part in parts:
        if isinstance(part, Code):
            out.append(md_code(part.text))
        elif isinstance(part, Strong):
            out.append(f"**{md_escape(part.text)}**" if part.text.strip() else "")
        elif isinstance(part, Link):
            out.append(md_link(md_escape(part.label), part.url))
        else:
            out.append(_md_text(part))
    return "".join(out)


def _md_text(text: str) -> str:
    """Escaped plain text that keeps a space at either end (inline parts are joined)."""
    if not text.strip():
        return " " if text else ""
    lead = " " if text[0].isspace() else ""
    trail = " " if text[-1].isspace() else ""
    return lead + md_escape(text) + trail


def render_markdown(doc: Document) -> str:
    """The document as GitHub-flavoured Markdown."""
    lines = [f"# {md_escape(doc.title)}", ""]
    for block in doc.blocks:
        if isinstance(block, Heading):
            lines += [f"{'#' * block.level} {md_escape(block.text)}", ""]
        elif isinstance(block, Para):
            lines += [_md_inline(block.parts), ""]
        elif isinstance(block, Bullets):
            lines += [f"- {_md_inline(item)}" for item in block.items] + [""]
        elif isinstance(block, Quote):
            lines += [f"> “{md_escape(block.text)}”", ""]
        else:
            lines.append("| " + " | ".join(md_escape(h) for h in block.header) + " |")
            lines.append("|" + "---|" * len(block.header))
            lines += [
                "| " + " | ".join(_md_inline(cell) for cell in row) + " |" for row in block.rows
            ]
            lines.append("")
    return "\n".join(lines).rstrip("\n") + "\n"
