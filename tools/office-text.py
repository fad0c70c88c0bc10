#!/usr/bin/env python3
"""Prints, as JSON, what a reader finds in a Word (.docx) or PowerPoint (.pptx) file, read with python-docx and
python-pptx: the tests of Annex's Word annex and slide deck compare it with the report (every caption, table cell
and slide title). Usage: tools/office-text.py FILE.docx|FILE.pptx

docx: {"paragraphs": [{"text", "style"}], "tables": [[[cell text]]], "header_rows": [n], "sections": [{"orientation",
       "page_width_mm", "page_height_mm", "top_mm", "bottom_mm", "left_mm", "right_mm", "different_first_page",
       "header"}], "pictures": n, "core": {"title", "created"}}
pptx: {"width", "height", "slides": [{"title", "texts", "pictures", "notes"}]}
Exit 2 when python-docx or python-pptx is missing (the message says how to install them)."""
import json, sys


def docx_text(path):
    try:
        import docx
        from docx.shared import Mm
    except ImportError:
        print("office-text: python-docx is missing (make test-deps installs it into .venv-office)", file=sys.stderr)
        sys.exit(2)
    d = docx.Document(path)
    mm = lambda v: round(v / 36000, 1) if v is not None else None
    ns = '{http://schemas.openxmlformats.org/wordprocessingml/2006/main}'
    out = {
        "paragraphs": [{"text": p.text, "style": p.style.name if p.style is not None else None} for p in d.paragraphs],
        "tables": [[[c.text for c in row.cells] for row in t.rows] for t in d.tables],
        "header_rows": [sum(1 for tr in t._tbl.tr_lst if tr.find(f'{ns}trPr/{ns}tblHeader') is not None) for t in d.tables],
        "sections": [{
            "orientation": "landscape" if s.orientation == 1 else "portrait",
            "page_width_mm": mm(s.page_width), "page_height_mm": mm(s.page_height),
            "top_mm": mm(s.top_margin), "bottom_mm": mm(s.bottom_margin), "left_mm": mm(s.left_margin), "right_mm": mm(s.right_margin),
            "different_first_page": bool(s.different_first_page_header_footer),
            "header": "".join(p._p.xml for p in s.header.paragraphs),
        } for s in d.sections],
        "pictures": len(d.inline_shapes),
        "core": {"title": d.core_properties.title, "created": str(d.core_properties.created)},
    }
    return out


def pptx_text(path):
    try:
        import pptx
    except ImportError:
        print("office-text: python-pptx is missing (make test-deps installs it into .venv-office)", file=sys.stderr)
        sys.exit(2)
    p = pptx.Presentation(path)
    slides = []
    for s in p.slides:
        title = s.shapes.title.text if s.shapes.title is not None else None
        texts = [sh.text_frame.text for sh in s.shapes if sh.has_text_frame and sh != s.shapes.title]
        pictures = sum(1 for sh in s.shapes if sh.shape_type == 13)
        notes = s.notes_slide.notes_text_frame.text if s.has_notes_slide else ""
        slides.append({"title": title, "texts": texts, "pictures": pictures, "notes": notes})
    return {"width": p.slide_width, "height": p.slide_height, "slides": slides}


if __name__ == "__main__":
    if len(sys.argv) != 2 or not sys.argv[1].endswith((".docx", ".pptx")):
        print(__doc__.split("\n\n")[0], file=sys.stderr)
        sys.exit(64)
    f = sys.argv[1]
    print(json.dumps(docx_text(f) if f.endswith(".docx") else pptx_text(f), ensure_ascii=False, indent=1))
