"""``jianghua serve``: the checking page in the browser, served on this machine.

For drafters who work in Word or WPS rather than a terminal: one page to paste or
upload a draft, see its outline and problems, fix and download it. The server and
its API live in ``jianghua.web``; this module reads the options, warns when the
server would be reachable from other machines, prints the address and runs uvicorn.
"""

from __future__ import annotations

import argparse
import sys
import threading
import webbrowser

from jianghua.cli.common import EXIT_OK, EXIT_USAGE, subparser
from jianghua.read.inputs import stderr_line

DEFAULT_HOST = "127.0.0.1"
DEFAULT_PORT = 8765


def add_parser(subparsers) -> None:
    p = subparser(subparsers, "serve", "在浏览器中检查讲话稿（本机网页）",
                  "check drafts in a page in the browser, served on this machine",
                  "  jianghua serve                 # 打开 http://127.0.0.1:8765/\n"
                  "  jianghua serve --open          # 并打开浏览器 (and open the browser)\n"
                  "  jianghua serve --port 9000", run)
    p.add_argument("--host", default=DEFAULT_HOST,
                   help=f"监听地址，默认 {DEFAULT_HOST}，只有本机可以访问 (address to listen "
                        f"on; default {DEFAULT_HOST}: this machine only)")
    p.add_argument("--port", type=int, default=DEFAULT_PORT,
                   help=f"端口，默认 {DEFAULT_PORT} (port; default {DEFAULT_PORT})")
    p.add_argument("--open", action="store_true",
                   help="启动后打开浏览器 (open the page in the browser)")
    p.add_argument("--workers", type=int, default=None, metavar="N",
                   help="检查用的进程数，默认 2 (worker processes; default 2)")
    p.add_argument("--time-limit", type=float, default=None, metavar="SECONDS",
                   help="每份稿件的处理时限，默认 60 秒 (time limit per draft; default 60)")


def url_for(host: str, port: int) -> str:
    shown = "127.0.0.1" if host in ("0.0.0.0", "") else host
    if ":" in shown and not shown.startswith("["):
        shown = f"[{shown}]"
    return f"http://{shown}:{port}/"


def run(args: argparse.Namespace) -> int:
    try:
        import uvicorn

        from jianghua.web.app import DEFAULT_TIME_LIMIT, create_app
        from jianghua.web.guard import is_loopback
    except ImportError as exc:  # pragma: no cover - a broken install
        stderr_line(f"jianghua serve: 错误：缺少依赖 {exc.name}，请重新安装 jianghua (error: "
                    f"missing dependency {exc.name}; reinstall jianghua)")
        return EXIT_USAGE
    if not is_loopback(args.host):
        stderr_line(f"jianghua serve: 警告：监听 {args.host}，局域网中的其他电脑也能访问"
                    f"本页面并提交稿件；讲稿往往是保密的，只在确有需要时这样做 (warning: "
                    f"listening on "
                    f"{args.host}: other machines on the network can reach this page and "
                    f"send drafts to it; drafts are often confidential)")
    if not 0 < args.port < 65536:
        stderr_line(f"jianghua serve: 错误：端口 {args.port} 无效 (error: invalid port)")
        return EXIT_USAGE
    app = create_app(host=args.host, processes=args.workers,
                     time_limit=args.time_limit or DEFAULT_TIME_LIMIT)
    url = url_for(args.host, args.port)
    # Access logs are off: request lines carry no draft, but nothing about a draft
    # (not even that one was checked at 10:02) needs to be kept.
    config = uvicorn.Config(app, host=args.host, port=args.port, access_log=False,
                            log_level="warning", lifespan="on")
    server = uvicorn.Server(config)
    print(f"jianghua serve: 在浏览器中打开 (open in the browser): {url}\n"
          f"按 Ctrl+C 停止 (press Ctrl+C to stop)", flush=True)
    if args.open:
        def open_when_ready() -> None:
            while not server.started and not server.should_exit:
                threading.Event().wait(0.1)
            if server.started:
                webbrowser.open(url)

        threading.Thread(target=open_when_ready, daemon=True).start()
    try:
        server.run()
    except KeyboardInterrupt:  # pragma: no cover - uvicorn handles the signal itself
        pass
    if not server.started:
        stderr_line(f"jianghua serve: 错误：无法在 {args.host}:{args.port} 上启动，端口可能已被"
                    f"占用 (error: cannot listen on {args.host}:{args.port}; is the port in "
                    f"use?)")
        return EXIT_USAGE
    sys.stdout.flush()
    return EXIT_OK
