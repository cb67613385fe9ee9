"""``jianghua serve`` as a drafter starts it: the address printed, the page and the
API answering, a warning when bound beyond this machine; and the page's files in
the wheel."""

from __future__ import annotations

import os
import subprocess
import sys
import time
import zipfile
from pathlib import Path

import httpx

from conftest import REPO, free_port
from jianghua.cli.main import main
from jianghua.cli.serve import url_for


def test_serve_prints_its_address_and_answers(tmp_path: Path) -> None:
    port = free_port()
    process = subprocess.Popen(
        [sys.executable, "-m", "jianghua", "serve", "--port", str(port), "--workers", "1"],
        stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True, cwd=tmp_path,
        env={**os.environ, "PYTHONIOENCODING": "utf-8"})
    try:
        first = process.stdout.readline()  # type: ignore[union-attr]
        assert f"http://127.0.0.1:{port}/" in first and "在浏览器中打开" in first
        deadline = time.monotonic() + 60
        while True:
            try:
                page = httpx.get(f"http://127.0.0.1:{port}/")
                break
            except httpx.ConnectError:
                assert time.monotonic() < deadline and process.poll() is None
                time.sleep(0.2)
        assert page.status_code == 200 and 'for="draft">讲稿<' in page.text
        answer = httpx.post(f"http://127.0.0.1:{port}/api/check",
                            json={"text": "同志们:\n"}, timeout=60).json()
        assert "JH601" in [d["code"] for d in answer["diagnostics"]]
    finally:
        process.terminate()  # our own child, by its handle
        process.wait(30)


def test_non_loopback_host_is_warned_about(capsys) -> None:
    # The warning is printed before anything else is tried (here an invalid port,
    # so that no server starts).
    code = main(["serve", "--host", "0.0.0.0", "--port", "0"])
    assert code == 2
    err = capsys.readouterr().err
    assert "警告" in err and "other machines on the network" in err
    assert "invalid port" in err


def test_help_and_urls(capsys) -> None:
    assert main(["serve", "--help"]) == 0
    assert "--host" in capsys.readouterr().out
    assert url_for("127.0.0.1", 8765) == "http://127.0.0.1:8765/"
    assert url_for("0.0.0.0", 80) == "http://127.0.0.1:80/"
    assert url_for("::1", 8765) == "http://[::1]:8765/"


def test_the_page_ships_in_the_wheel(tmp_path: Path) -> None:
    subprocess.run([sys.executable, "-m", "pip", "wheel", "--quiet", "--no-deps",
                    "--no-build-isolation", "-w", str(tmp_path), str(REPO)],
                   check=True, capture_output=True)
    wheel = next(tmp_path.glob("jianghua-*.whl"))
    names = set(zipfile.ZipFile(wheel).namelist())
    for name in ("index.html", "app.js", "app.css"):
        assert f"jianghua/web/static/{name}" in names
