"""The README's explorer screenshots, taken in headless Chromium (network off).

- ``explorer-corpus.png``: the graph of the shared corpus (``../shared/corpus``) with a
  search typed. No panel is opened in this picture: the panel quotes report sentences,
  and report text is not ours to republish.
- ``explorer-panel.png``: the bundled sample report (our own fictional text) with the
  panel of one initiative open: indicators, relations, source sentences.
- ``explorer-side-by-side.png``: the two bundled sample municipalities side by side, as
  ticking both under "Side by side" shows them.
- ``explorer-whole-report.png``: a whole report as a PDF (written from the bundled
  sample by ``tests/report_fixtures.py``), as its page opens: on its programme tree.

Usage: python docs/screenshots.py [--shared ../shared]
"""

from __future__ import annotations

import argparse
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path

HERE = Path(__file__).resolve().parent


def build(paths: list[str], out: Path) -> Path:
    subprocess.run(
        [sys.executable, "-m", "kg.cli", "build", *paths, "--out", str(out)],
        check=True,
        stdout=subprocess.DEVNULL,
    )
    return out / "graph.html"


def shoot(
    page_file: Path, target: Path, search: str, panel: bool, compare: tuple[str, ...] = ()
) -> None:
    from playwright.sync_api import sync_playwright

    with sync_playwright() as p:
        browser = p.chromium.launch(
            executable_path=shutil.which("chromium"), args=["--no-sandbox", "--disable-gpu"]
        )
        page = browser.new_context(
            offline=True, viewport={"width": 1440, "height": 880}, device_scale_factor=1
        ).new_page()
        page.goto(page_file.resolve().as_uri())
        page.wait_for_selector("body[data-kg-ready='1']", state="attached")
        page.wait_for_timeout(1500)
        for town in compare:
            page.locator(f"#kg-compare input[value='{town}']").check()
        page.fill("#kg-search", search)
        if panel:
            page.press("#kg-search", "Enter")
            page.wait_for_timeout(900)
        page.screenshot(path=str(target))
        browser.close()


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--shared", type=Path, default=HERE.parent.parent / "shared")
    args = ap.parse_args()
    work = Path(tempfile.mkdtemp(prefix="kg-shots-"))
    corpus = build([str(args.shared / "corpus")], work / "corpus")
    shoot(corpus, HERE / "explorer-corpus.png", "wijk", panel=False)
    sample = build([], work / "sample")
    shoot(sample, HERE / "explorer-panel.png", "doorbraakteam", panel=True)
    both = ("Beekdal", "Lindewaard")
    shoot(sample, HERE / "explorer-side-by-side.png", "", panel=False, compare=both)
    sys.path.insert(0, str(HERE.parent / "tests"))
    from report_fixtures import write_whole_report

    pdf = write_whole_report(work / "lindewaard-2023.pdf")
    report = build([str(pdf)], work / "report")
    shoot(report, HERE / "explorer-whole-report.png", "", panel=False)
    print(f"wrote the pictures in {HERE}")


if __name__ == "__main__":
    main()
