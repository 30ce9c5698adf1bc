"""kg.lock: one writer per output folder."""

import subprocess
import sys

import pytest

from kg import pipeline
from kg.errors import StoreError


def test_lock_a_second_writer_is_refused_while_one_holds_the_folder(tmp_path):
    """Two builds (or a build and a removal) on one --out never interleave: the second
    is refused with a message naming the first; the lock goes when its holder ends."""
    from kg.lock import writer_lock

    out = tmp_path / "out"
    pipeline.build(None, out)
    holder = subprocess.Popen(
        [
            sys.executable,
            "-c",
            "import sys, time; from pathlib import Path; "
            "from kg.lock import writer_lock\n"
            f"with writer_lock(Path({str(out)!r}), 'build'):\n"
            "    print('held', flush=True); time.sleep(60)",
        ],
        stdout=subprocess.PIPE,
        text=True,
    )
    try:
        assert holder.stdout.readline().strip() == "held"
        with pytest.raises(StoreError, match=r"being written by kg build \(pid \d+\)"):
            pipeline.build(None, out, force=True)
        with pytest.raises(StoreError, match="being written"):
            pipeline.remove(out, ["lindewaard-2023"])
    finally:
        holder.kill()  # as kill -9: the kernel drops the lock
        holder.wait()
    with writer_lock(out, "test"):
        pass
    assert sorted(pipeline.build(None, out, force=True).built) == [
        "beekdal-2022",
        "lindewaard-2023",
    ]
