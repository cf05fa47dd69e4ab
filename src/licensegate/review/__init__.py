"""The legal review document: one manifest explained for counsel, in Markdown or HTML.

`licensegate review MANIFEST` builds a :class:`Document` from the manifest, its checked result
and the policy library, and renders it. The document is written for a reader who does not read
YAML: the deployment in plain words, per model the license text and its version, every
applicable clause with its status, section, quote and link, the obligations to fulfil (what to
display where, which files to ship), the attestations and waivers (who, when, until when), the
sign-off history, and a record block with the manifest digest, policy digest and tool version.
Output is deterministic for a given evaluation date (``--date``).

One module per job, read in this order:

- ``inputs``: what the document is made from (:class:`ReviewInput`) and :func:`prepare`;
- ``blocks``: the block model both renderers walk;
- ``words``: plain words for manifest values;
- ``facts``: the deployment in plain words;
- ``clauses``: the verdict, the licenses and every applicable clause;
- ``obligations``: what to display, which files to ship, other duties;
- ``records``: attestations, waivers, sign-offs and the record block;
- ``document``: :func:`build`, the sections in order;
- ``markdown`` and ``html``: the renderers.
"""

from licensegate.review.blocks import Document
from licensegate.review.document import build
from licensegate.review.html import render_html
from licensegate.review.inputs import ReviewInput, prepare
from licensegate.review.markdown import render_markdown

__all__ = ["Document", "ReviewInput", "build", "prepare", "render_html", "render_markdown"]
