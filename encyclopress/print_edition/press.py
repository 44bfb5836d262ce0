"""The print-shop file `<slug>.press.pdf` (--press): PDF/X-4, 3 mm bleed, crop marks.

styles/press.css gives the page a wide CSS bleed so WeasyPrint draws the crop marks
outside the area to be trimmed; the PDF's BleedBox is then set to the 3 mm a print
shop expects (WeasyPrint puts it up to 10 pt out, whatever the CSS says).
"""

from __future__ import annotations

import uuid

import pikepdf

from encyclopress.core.diagnostics import Diagnostic
from encyclopress.core.filekinds import PRESS
from encyclopress.core.paper import POINTS_PER_MM
from encyclopress.print_edition.layout import PrintEdition
from encyclopress.print_edition.variants import PRESS_VARIANT
from encyclopress.rendering.context import RenderContext
from encyclopress.rendering.output import Stage

BLEED = 3 * POINTS_PER_MM


def write_press(ctx: RenderContext, stage: Stage, printed: PrintEdition) -> list[Diagnostic]:
    pages = printed.layout(ctx.publication.paper, press=True)
    path = stage.path(ctx.output_name(PRESS))
    pages.write(path, pdf_variant=PRESS_VARIANT)
    with pikepdf.open(path, allow_overwriting_input=True) as pdf:
        for page in pdf.pages:
            set_bleed_box(page, BLEED)
            for form in _forms(page):
                black_as_cmyk(form)
        with pdf.open_metadata(set_pikepdf_as_editor=False, update_docinfo=False) as xmp:
            # WeasyPrint writes a random one; the same edition must get the same file
            xmp["xmpMM:DocumentID"] = f"uuid:{uuid.uuid5(uuid.NAMESPACE_URL, ctx.build.identifier)}"
        pdf.save(path, deterministic_id=True)
    return printed.reported(pages)


def set_bleed_box(page: pikepdf.Page, bleed: float) -> None:
    """The page's BleedBox: its TrimBox grown by `bleed` points on each side."""
    left, bottom, right, top = (float(v) for v in page.TrimBox)
    page.BleedBox = pikepdf.Array([left - bleed, bottom - bleed, right + bleed, top + bleed])


def black_as_cmyk(stream: pikepdf.Object) -> None:
    """RGB black as CMYK black (K only): WeasyPrint draws crop marks in RGB, which a
    PDF/X file with a CMYK output intent may not contain. Our own colours are already
    CMYK (press.css swaps the print palette)."""
    instructions = [
        pikepdf.ContentStreamInstruction([0, 0, 0, 1], pikepdf.Operator(_CMYK_OF_RGB[str(i.operator)]))
        if str(i.operator) in _CMYK_OF_RGB and all(v == 0 for v in i.operands) else i
        for i in pikepdf.parse_content_stream(stream)
    ]
    stream.write(pikepdf.unparse_content_stream(instructions))


_CMYK_OF_RGB = {"rg": "k", "RG": "K"}  # fill, stroke


def _forms(page: pikepdf.Page) -> list[pikepdf.Object]:
    xobjects = page.Resources.get("/XObject", {})
    return [x for x in xobjects.values() if x.get("/Subtype") == "/Form"]
