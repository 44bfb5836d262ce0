"""The kinds of PDF the print files are written as (WeasyPrint's `pdf_variant` names)."""

ARCHIVAL_VARIANT = "pdf/a-3a"  # `<slug>.pdf`: tagged, and allows the sources as associated files
PRESS_VARIANT = "pdf/x-4"  # `<slug>.press.pdf`, for a print shop
