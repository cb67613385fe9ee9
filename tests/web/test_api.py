"""The HTTP API of ``jianghua serve`` against a live server, through httpx: the same
JSON as the command line, errors as one-line Chinese messages with a 4xx status, the
safety rules (Host, Origin, size, time limit) and 50 concurrent checks."""

from __future__ import annotations

import asyncio
import json
import shutil
from pathlib import Path

import httpx
import pytest

from conftest import SAMPLES, LiveServer
from jianghua import check, parse, render_outline
from jianghua.cli.main import main
from jianghua.render.json import speech_to_json
from jianghua.web.outline_tree import outline_tree

HALFWIDTH = (SAMPLES / "04_halfwidth.txt").read_text(encoding="utf-8")


def cli_json(capsys, *argv: str) -> list:
    capsys.readouterr()
    main(["check", "--isolated", "--format", "json", *argv])
    return json.loads(capsys.readouterr().out)


def test_check_matches_the_command_line(live, tmp_path: Path, capsys) -> None:
    answer = httpx.post(f"{live.url}/api/check", json={"text": HALFWIDTH}).json()
    path = tmp_path / "draft.txt"
    path.write_text(HALFWIDTH, encoding="utf-8")
    expected = cli_json(capsys, str(path))
    for row in expected:
        row["path"] = None  # pasted text has no path, like stdin
    assert answer["diagnostics"] == expected
    assert answer["outline"] == render_outline(parse(HALFWIDTH))
    assert answer["fixable"] == sum("fix" in row for row in expected)
    assert answer["summary"].startswith("发现 ")


def test_upload_gbk_keeps_encoding_and_line_ends(live, tmp_path: Path, capsys) -> None:
    data = (SAMPLES / "05_gbk.txt").read_bytes()
    answer = httpx.post(f"{live.url}/api/check",
                        files={"file": ("讲话.txt", data)}).json()
    assert answer["source"]["encoding"] == "gb18030"
    assert answer["source"]["newline"] == "\r\n"
    assert answer["text"] == data.decode("gb18030")
    assert [d["path"] for d in answer["diagnostics"]] == ["讲话.txt"] * len(answer["diagnostics"])
    # Downloading the fixed copy gives what `check --fix` writes over the file.
    fixed = httpx.post(f"{live.url}/api/fix", files={"file": ("讲话.txt", data)},
                       data={"download": "1"})
    assert fixed.status_code == 200
    assert "filename*=UTF-8''%E8%AE%B2%E8%AF%9D.txt" in fixed.headers["content-disposition"]
    copy = tmp_path / "讲话.txt"
    shutil.copy(SAMPLES / "05_gbk.txt", copy)
    main(["check", "--isolated", "--fix", str(copy)])
    assert fixed.content == copy.read_bytes()


def test_fix_one_problem_only(live) -> None:
    answer = httpx.post(f"{live.url}/api/check", json={"text": HALFWIDTH}).json()
    first = next(d for d in answer["diagnostics"] if "fix" in d)
    one = httpx.post(f"{live.url}/api/fix", json={
        "text": HALFWIDTH, "scope": "one", "code": first["code"], "line": first["line"],
        "column": first["column"]}).json()
    assert one["fixed"] == 1
    assert len(one["diagnostics"]) == len(answer["diagnostics"]) - 1
    added = [line for line in one["diff"].splitlines() if line.startswith("+")]
    assert len(added) == 2 and added[0].startswith("+++")  # one line changed


def test_parse_gives_the_speech_json(live) -> None:
    response = httpx.post(f"{live.url}/api/parse", json={"text": HALFWIDTH})
    assert response.text == speech_to_json(parse(HALFWIDTH))


def test_rules_are_the_command_line_list(live, capsys) -> None:
    capsys.readouterr()
    main(["rules", "--format", "json"])
    assert httpx.get(f"{live.url}/api/rules").json() == json.loads(capsys.readouterr().out)


@pytest.mark.parametrize(("name", "data", "words"), [
    ("旧稿.doc", b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + bytes(600), "旧版 Office 文档"),
    ("图.txt", b"\x89PNG\r\n\x1a\n" + bytes(100), "PNG 图片"),
    ("坏.docx", b"not a zip at all", ""),
])
def test_unreadable_files_get_the_cli_message(live, name: str, data: bytes, words: str) -> None:
    response = httpx.post(f"{live.url}/api/check", files={"file": (name, data)})
    assert response.status_code == 422
    message = response.json()["error"]["message"]
    assert message.startswith(f"{name}: 错误：") and words in message
    assert "Traceback" not in message and "\n" not in message


def test_bad_requests_are_400_in_chinese(live) -> None:
    for body in (b"{", b'{"text": 3}', b"[]"):
        response = httpx.post(f"{live.url}/api/check", content=body,
                              headers={"content-type": "application/json"})
        assert response.status_code == 400
        assert response.json()["error"]["message"].startswith("请求有误")
    response = httpx.post(f"{live.url}/api/check", json={"text": "x", "profile": "final"})
    assert response.status_code == 400 and "未知的 profile" in response.json()["error"]["message"]
    assert httpx.get(f"{live.url}/api/check").status_code == 405
    assert httpx.get(f"{live.url}/api/nothing").status_code == 404


def test_cross_site_and_rebinding_are_refused(live) -> None:
    url = f"{live.url}/api/check"
    evil = httpx.post(url, json={"text": "同志们："}, headers={"origin": "https://evil.example"})
    assert evil.status_code == 403 and "跨站" in evil.json()["error"]["message"]
    assert httpx.post(url, json={"text": "x"}, headers={"origin": "null"}).status_code == 403
    assert httpx.post(url, json={"text": "x"},
                      headers={"sec-fetch-site": "cross-site"}).status_code == 403
    rebound = httpx.post(url, json={"text": "x"}, headers={"host": f"evil.example:{live.port}"})
    assert rebound.status_code == 403
    assert httpx.get(f"{live.url}/", headers={"host": "evil.example"}).status_code == 403
    same = httpx.post(url, json={"text": "x"}, headers={"origin": live.url})
    assert same.status_code == 200
    local = httpx.post(url, json={"text": "x"}, headers={"host": f"localhost:{live.port}"})
    assert local.status_code == 200


def test_page_headers_keep_everything_local(live) -> None:
    response = httpx.get(f"{live.url}/")
    csp = response.headers["content-security-policy"]
    assert "default-src 'none'" in csp and "connect-src 'self'" in csp
    html = response.text
    assert "http://" not in html and "https://" not in html  # nothing from elsewhere
    for name in ("app.js", "app.css"):
        text = httpx.get(f"{live.url}/static/{name}").text
        assert "http://" not in text and "https://" not in text


def test_too_large_is_413(live) -> None:
    body = b"x" * (20 * 1024 * 1024 + 1)
    response = httpx.post(f"{live.url}/api/check", content=body,
                          headers={"content-type": "application/json"})
    assert response.status_code == 413
    assert "20 MB" in response.json()["error"]["message"]


def test_time_limit_stops_a_long_job_and_the_server_goes_on() -> None:
    server = LiveServer(processes=1, time_limit=0.3).start()
    try:
        long = (SAMPLES / "01_work_meeting.txt").read_text(encoding="utf-8") * 800
        response = httpx.post(f"{server.url}/api/check", json={"text": long}, timeout=60)
        assert response.status_code == 422
        assert "超时" in response.json()["error"]["message"]
        after = httpx.post(f"{server.url}/api/check", json={"text": "同志们：\n"}, timeout=60)
        assert after.status_code == 200
    finally:
        server.stop()


def test_fifty_concurrent_checks_are_all_answered(live) -> None:
    text = (SAMPLES / "01_work_meeting.txt").read_text(encoding="utf-8")
    draft = text * max(1, 20_000 // len(text.encode("utf-8")))
    expected = [d.code for d in check(parse(draft))]

    async def run() -> list[httpx.Response]:
        async with httpx.AsyncClient(timeout=120) as client:
            return await asyncio.gather(*(client.post(f"{live.url}/api/check",
                                                      json={"text": draft})
                                          for _ in range(50)))

    responses = asyncio.run(run())
    assert [r.status_code for r in responses] == [200] * 50
    assert all([d["code"] for d in r.json()["diagnostics"]] == expected for r in responses)


def test_outline_tree_labels_are_the_outline(tmp_path: Path) -> None:
    for path in sorted(SAMPLES.glob("*.txt")):
        speech = parse(path.read_bytes().decode("utf-8", "replace"))

        def flat(nodes, depth=0):
            for node in nodes:
                yield "  " * depth + node["label"] + "\n"
                yield from flat(node["children"], depth + 1)

        assert "".join(flat(outline_tree(speech))) == render_outline(speech), path.name
