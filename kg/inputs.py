"""Which files a build or an extraction reads, and the document id of each."""

from __future__ import annotations

import fnmatch
import hashlib
from collections import Counter
from collections.abc import Iterable
from importlib import resources
from pathlib import Path

from .errors import UsageError
from .settings import DEFAULT_INCLUDE, SAMPLE


def sample_path() -> Path:
    """The first bundled sample report (Lindewaard 2023, a fictional municipality written
    for this project)."""
    return Path(str(resources.files("kg").joinpath("sample").joinpath(SAMPLE)))


def sample_paths() -> list[Path]:
    """Every bundled sample report: two fictional municipalities and two years (Lindewaard
    2023, Beekdal 2022), so that comparisons have something to compare."""
    folder = resources.files("kg").joinpath("sample")
    return sorted(Path(str(f)) for f in folder.iterdir() if f.name.endswith(".txt"))


def input_files(paths: Iterable[Path], include: Iterable[str] = DEFAULT_INCLUDE) -> list[Path]:
    """The report files named by ``paths``: files as given, and the files below folders
    (recursively) whose names match one of the ``include`` patterns."""
    return scan_inputs(paths, include)[0]


def scan_inputs(
    paths: Iterable[Path], include: Iterable[str] = DEFAULT_INCLUDE
) -> tuple[list[Path], Counter[str]]:
    """:func:`input_files`, and how many files of each extension the folders held that
    ``include`` left out (so that a build can say what it did not read)."""
    patterns = tuple(include) or DEFAULT_INCLUDE
    files: list[Path] = []
    ignored: Counter[str] = Counter()
    for p in map(Path, paths):
        if p.is_dir():
            found = []
            for x in sorted(p.rglob("*")):
                if not x.is_file() or x.name.startswith("."):
                    continue
                if any(fnmatch.fnmatch(x.name.lower(), pat.lower()) for pat in patterns):
                    found.append(x)
                else:
                    ignored[x.suffix.lower() or "(no extension)"] += 1
            if not found:
                raise UsageError(f"{p}: no report files ({', '.join(patterns)}) in this folder")
            files += found
        elif p.is_file():
            files.append(p)
        else:
            raise UsageError(f"{p}: no such file or folder")
    return files, ignored


def document_ids(files: list[Path]) -> dict[Path, str]:
    """File stems as document ids; the same stem in two folders gets a path hash."""
    stems: dict[str, int] = {}
    for f in files:
        stems[f.stem] = stems.get(f.stem, 0) + 1
    ids = {}
    for f in files:
        if stems[f.stem] == 1:
            ids[f] = f.stem
        else:
            digest = hashlib.sha1(str(f.resolve()).encode()).hexdigest()[:8]
            ids[f] = f"{f.stem}-{digest}"
    return ids
