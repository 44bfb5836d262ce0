"""Build every article in content/ (or the files given) into out/: print PDF and EPUB 3.

Run `python build.py --help` for the options; the work is done by the encyclopress package.
"""

from pathlib import Path

from encyclopress.cli import run

if __name__ == "__main__":
    run(root=Path(__file__).resolve().parent)
