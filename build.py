"""Build every article in content/ (or the files given) into out/: print PDF and EPUB 3.

Run `python build.py --help` for the options; the work is done by the encyclopress package.
"""

from pathlib import Path

from encyclopress.cli import main

if __name__ == "__main__":
    raise SystemExit(main(root=Path(__file__).resolve().parent))
