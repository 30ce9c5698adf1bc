"""CPU time of extraction alone, steadier than wall time on a shared machine: the reports
of ``--shared``/corpus read once, one warm-up, then ``--passes`` passes over all of them,
``time.process_time()`` around each; the best of ``--runs`` is reported. Run it in two
checkouts (``PYTHONPATH`` set to each) to compare versions.

    python bench/extract_cpu.py --shared ../shared
"""

from __future__ import annotations

import argparse
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--shared", type=Path, default=HERE.parent.parent / "shared")
    ap.add_argument("--passes", type=int, default=5)
    ap.add_argument("--runs", type=int, default=5)
    args = ap.parse_args()

    import kg
    from kg import pipeline
    from kg.document import read_document

    docs = [read_document(p) for p in sorted((args.shared / "corpus").glob("*.txt"))]
    pipeline.extract_document(docs[0])
    runs = []
    for _ in range(args.runs):
        t = time.process_time()
        for doc in docs * args.passes:
            pipeline.extract_document(doc)
        runs.append(time.process_time() - t)
    print(
        f"{kg.__file__}: {len(docs) * args.passes} documents, CPU s best of {args.runs}: "
        f"{min(runs):.2f} (all: {', '.join(f'{r:.2f}' for r in runs)})"
    )


if __name__ == "__main__":
    main()
