"""The wheel carries what an installed drafter needs: cleaning rules, genres, skeletons, phrase banks."""

from __future__ import annotations

import subprocess
import sys
import zipfile
from pathlib import Path

from conftest import ROOT


def test_wheel_bundles_the_data(tmp_path: Path) -> None:
    subprocess.run(
        [sys.executable, "-m", "pip", "wheel", "--no-deps", "--no-build-isolation", "-w", str(tmp_path), str(ROOT)],
        check=True,
        capture_output=True,
        timeout=300,
    )
    (wheel,) = tmp_path.glob("drafter-*.whl")
    names = set(zipfile.ZipFile(wheel).namelist())
    for needed in (
        "drafter/cli.py",
        "drafter/_bundled/corpus/cleaning.yaml",
        "drafter/_bundled/templates/genres.yaml",
        "drafter/_bundled/templates/skeletons/shenji.yaml",
        "drafter/_bundled/templates/phrases/tongyong.jsonl",
        "drafter/_bundled/templates/manifest.yaml",
        "drafter/_bundled/corpus/2023年度工作总结汇编.txt",
    ):
        assert needed in names, needed
    assert not any(name.startswith("drafter/_bundled/templates/reviews") for name in names)
    assert not any(name.endswith(".lock") for name in names), "lock files stay out of the wheel"
