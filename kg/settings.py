"""Defaults shared by the library and the CLI (a light module: importing it loads no
spaCy, so store-only commands start fast)."""

from pathlib import Path

DEFAULT_OUT = Path("output")
DEFAULT_MODEL = "blank"
DEFAULT_INCLUDE = ("*.txt", "*.md", "*.html", "*.htm", "*.pdf")
SAMPLE = "lindewaard-2023.txt"
