"""Raw WordprocessingML snippets for features python-docx cannot write (test helpers)."""

from __future__ import annotations

import re

from docx.oxml import parse_xml

NS = (
    'xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main" '
    'xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships" '
    'xmlns:mc="http://schemas.openxmlformats.org/markup-compatibility/2006" '
    'xmlns:wps="http://schemas.microsoft.com/office/word/2010/wordprocessingShape" '
    'xmlns:v="urn:schemas-microsoft-com:vml"'
)


def element(xml: str):
    """Parse one element written without namespace declarations."""
    return parse_xml(re.sub(r"^<([\w:]+)", rf"<\1 {NS}", xml, count=1))


def run(text: str, bold: bool = False) -> str:
    props = "<w:rPr><w:b/></w:rPr>" if bold else ""
    return f'<w:r>{props}<w:t xml:space="preserve">{text}</w:t></w:r>'


def tracked_paragraph(kept: str, inserted: str, deleted: str) -> str:
    return (
        f"<w:p>{run(kept)}"
        f'<w:ins w:id="1" w:author="A" w:date="2025-01-01T00:00:00Z">{run(inserted)}</w:ins>'
        f'<w:del w:id="2" w:author="A" w:date="2025-01-01T00:00:00Z"><w:r>'
        f'<w:delText xml:space="preserve">{deleted}</w:delText></w:r></w:del></w:p>'
    )


def content_control_block(*paragraphs: str) -> str:
    body = "".join(f"<w:p>{run(p)}</w:p>" for p in paragraphs)
    return (
        '<w:sdt><w:sdtPr><w:alias w:val="Answer"/></w:sdtPr>'
        f"<w:sdtContent>{body}</w:sdtContent></w:sdt>"
    )


def inline_control_paragraph(before: str, inside: str) -> str:
    return (
        f"<w:p>{run(before)}<w:sdt><w:sdtPr/><w:sdtContent>{run(inside)}"
        "</w:sdtContent></w:sdt></w:p>"
    )


def hyperlink_paragraph(before: str, link: str, rid: str) -> str:
    return f'<w:p>{run(before)}<w:hyperlink r:id="{rid}">{run(link)}</w:hyperlink></w:p>'


def text_box_paragraph(anchor_text: str, box_text: str) -> str:
    """A text box as Word writes it: a DrawingML copy and a VML fallback copy."""
    inner = f"<w:txbxContent><w:p>{run(box_text)}</w:p></w:txbxContent>"
    return (
        f"<w:p>{run(anchor_text)}<w:r><mc:AlternateContent>"
        f'<mc:Choice Requires="wps"><wps:txbx>{inner}</wps:txbx></mc:Choice>'
        f"<mc:Fallback><v:textbox>{inner}</v:textbox></mc:Fallback>"
        "</mc:AlternateContent></w:r></w:p>"
    )


def placeholder_control_paragraph(before: str, prompt: str) -> str:
    """A content control still showing Word's prompt text."""
    return (
        f"<w:p>{run(before)}<w:sdt><w:sdtPr><w:showingPlcHdr/></w:sdtPr>"
        f"<w:sdtContent>{run(prompt)}</w:sdtContent></w:sdt></w:p>"
    )
