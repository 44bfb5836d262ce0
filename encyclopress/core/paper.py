"""Paper sizes a publication can be printed on, and the sheets handouts are imposed on.

The page setup itself (size, margins, type scale) is presentation and lives in
`styles/paper-<name>.css`; Python needs only the names and, for imposition, the sizes.
"""

from __future__ import annotations

POINTS_PER_MM = 72 / 25.4

# name → (width, height) in PDF points, portrait
SIZES: dict[str, tuple[float, float]] = {
    "a4": (210 * POINTS_PER_MM, 297 * POINTS_PER_MM),
    "letter": (8.5 * 72, 11 * 72),
    "a5": (148 * POINTS_PER_MM, 210 * POINTS_PER_MM),
}
PAPERS = tuple(SIZES)
DEFAULT = "a4"

HANDOUT_PAGE = "a5"  # booklets and 2-up handouts are A5 pages, two to a sheet


def handout_sheet(paper: str) -> tuple[float, float]:
    """The landscape sheet two handout pages share: Letter for Letter users, else A4."""
    width, height = SIZES["letter" if paper == "letter" else "a4"]
    return height, width
