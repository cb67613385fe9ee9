"""A non-editable install works from another directory: the grammar ships inside the
wheel and is loaded from there, not from the checkout."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path

from repo_paths import REPO, SAMPLES


def test_wheel_install_runs_from_elsewhere(tmp_path: Path) -> None:
    target = tmp_path / "site"
    # Build and install without isolation (hatchling is a test dependency) so the
    # test needs no network; --no-deps: lark/pydantic/rich are already importable.
    subprocess.run(
        [sys.executable, "-m", "pip", "install", "--quiet", "--no-deps",
         "--no-build-isolation", "--target", str(target), str(REPO)],
        check=True, capture_output=True)
    assert (target / "jianghua" / "grammar" / "speech.lark").is_file()
    elsewhere = tmp_path / "elsewhere"
    elsewhere.mkdir()
    sample = elsewhere / "speech.txt"
    shutil.copy(SAMPLES / "01_work_meeting.txt", sample)
    env = {**os.environ, "PYTHONPATH": str(target)}
    probe = subprocess.run(
        [sys.executable, "-c", "import jianghua, sys; print(jianghua.__file__)"],
        cwd=elsewhere, env=env, capture_output=True, text=True, check=True)
    assert probe.stdout.strip().startswith(str(target))
    outline = subprocess.run(
        [sys.executable, "-m", "jianghua", "outline", str(sample)],
        cwd=elsewhere, env=env, capture_output=True, text=True, check=True)
    expected = (SAMPLES / "01_work_meeting.outline").read_text(encoding="utf-8")
    assert outline.stdout == expected
