"""The review document as one self-contained HTML page (inline CSS, no scripts, no fetches)."""

from __future__ import annotations

import html

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


def _html_inline(parts: Line) -> str:
    out = []
    for part in parts:
        if isinstance(part, Code):
            out.append(f"<code>{html.escape(part.text)}</code>")
        elif isinstance(part, Strong):
            out.append(f"<strong>{html.escape(part.text)}</strong>")
        elif isinstance(part, Link):
            # NOTE: only web links become links: a policy's source could be any string.
            if part.url.startswith(("https://", "http://")):
                url = html.escape(part.url, quote=True)
                out.append(f'<a href="{url}">{html.escape(part.label)}</a>')
            else:
                out.append(html.escape(part.label))
        else:
            out.append(html.escape(part))
    return "".join(out)


_STYLE = (
    "body{font-family:system-ui,sans-serif;max-width:60rem;margin:2rem auto;padding:0 1rem;"
    "line-height:1.5;color:#1b1b1b}"
    "table{border-collapse:collapse;margin:1rem 0}td,th{border:1px solid #ccc;padding:.3rem .5rem;"
    "text-align:left;vertical-align:top}"
    "blockquote{margin:.5rem 0 .5rem 1rem;padding-left:1rem;border-left:4px solid #ccc;"
    "color:#444}code{background:#f3f3f3;padding:0 .2rem;word-break:break-all}"
    "h4{margin-bottom:.2rem}"
)


def render_html(doc: Document) -> str:
    """The document as one self-contained HTML page (inline CSS, no scripts, no fetches)."""
    title = html.escape(doc.title)
    out = [
        "<!DOCTYPE html>",
        '<html lang="en">',
        "<head>",
        '<meta charset="utf-8">',
        f"<title>{title}</title>",
        f"<style>{_STYLE}</style>",
        "</head>",
        "<body>",
        f"<h1>{title}</h1>",
    ]
    for block in doc.blocks:
        if isinstance(block, Heading):
            out.append(f"<h{block.level}>{html.escape(block.text)}</h{block.level}>")
        elif isinstance(block, Para):
            out.append(f"<p>{_html_inline(block.parts)}</p>")
        elif isinstance(block, Bullets):
            out.append("<ul>")
            out += [f"<li>{_html_inline(item)}</li>" for item in block.items]
            out.append("</ul>")
        elif isinstance(block, Quote):
            out.append(f"<blockquote>“{html.escape(block.text)}”</blockquote>")
        else:
            out.append("<table>")
            out.append(
                "<tr>" + "".join(f"<th>{html.escape(h)}</th>" for h in block.header) + "</tr>"
            )
            out += [
                "<tr>" + "".join(f"<td>{_html_inline(cell)}</td>" for cell in row) + "</tr>"
                for row in block.rows
            ]
            out.append("</table>")
    out += ["</body>", "</html>"]
    return "\n".join(out) + "\n"
