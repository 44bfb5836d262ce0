"""Imposition: pages of one PDF placed two to a landscape sheet, with pikepdf.

A side is (left, right) page indexes; None leaves that half blank. Saddle-stitch order
makes a booklet when the sides are printed double-sided (flip on the short edge) and
the stack is folded once.
"""

from __future__ import annotations

from io import BytesIO
from pathlib import Path

import pikepdf

Side = tuple[int | None, int | None]


def saddle_stitch(count: int) -> list[Side]:
    """Booklet order for `count` pages, padded with blanks to a multiple of 4.

    Sheet k carries, outside, the last unplaced page beside the first; inside, the
    second beside the second-last: for 8 pages (8,1) (2,7) (6,3) (4,5), 1-based.
    """
    total = -(-count // 4) * 4
    sides: list[Side] = []
    for sheet in range(total // 4):
        outside = (total - 1 - 2 * sheet, 2 * sheet)
        inside = (2 * sheet + 1, total - 2 - 2 * sheet)
        sides += [outside, inside]
    return [tuple(p if p < count else None for p in side) for side in sides]  # type: ignore[misc]


def in_order(count: int) -> list[Side]:
    """Plain 2-up: pages 1 and 2 on the first side, 3 and 4 on the next…"""
    return [(p, p + 1 if p + 1 < count else None) for p in range(0, count, 2)]


def impose(source: bytes, order: list[Side], sheet: tuple[float, float], target: Path) -> None:
    """Write `target`: one landscape `sheet` per side, each page scaled to fit its half."""
    width, height = sheet
    with pikepdf.open(BytesIO(source)) as pages, pikepdf.new() as out:
        forms = [out.copy_foreign(page.as_form_xobject()) for page in pages.pages]
        for side in order:
            out.add_blank_page(page_size=(width, height))
            for half, index in enumerate(side):
                if index is not None:
                    box = pikepdf.Rectangle(half * width / 2, 0, (half + 1) * width / 2, height)
                    _place(out, out.pages[-1], forms[index], pikepdf.Name(f"/Page{half}"), box)
        out.docinfo = out.copy_foreign(pages.docinfo)
        out.save(target, deterministic_id=True)


def _place(pdf: pikepdf.Pdf, sheet: pikepdf.Page, form: pikepdf.Object, name: pikepdf.Name,
           box: pikepdf.Rectangle) -> None:
    """Draw `form` centred in `box`, scaled to fit. Named by us: pikepdf's `add_overlay`
    picks random resource names, and builds must be byte-identical."""
    sheet.add_resource(form, pikepdf.Name.XObject, name)
    placement = sheet.calc_form_xobject_placement(form, name, box, allow_expand=True)
    sheet.contents_add(pikepdf.Stream(pdf, b"q " + placement + b" Q"))
