"""``python -m jianghua.web.bench``: what the server adds to a check.

Starts ``jianghua serve``'s application on a free loopback port (in this process, with
its worker processes), then for a seeded synthetic 20 KB draft times:

* in-process: ``jianghua.check(parse(text))``, the floor;
* sequential: one ``POST /api/check`` at a time (HTTP, JSON, the worker round trip);
* concurrent: 50 checks sent at once, as the issue's load case.

It prints p50/p95 of each and their ratio to the in-process median: a report to read,
never a timed test (the machine it runs on decides the numbers).
"""

from __future__ import annotations

import argparse
import asyncio
import random
import statistics
import time

__all__ = ["main"]


def _percentile(values: list[float], q: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, round(q * (len(ordered) - 1)))]


def _draft(size: int, seed: int) -> str:
    from jianghua.bench.synth import generate_speech

    return generate_speech(random.Random(seed), size // 3)  # a hanzi is 3 bytes in UTF-8


def _in_process(text: str, rounds: int) -> list[float]:
    from jianghua import check, parse

    check(parse(text))  # grammar and rules loaded before timing
    times = []
    for _ in range(rounds):
        start = time.perf_counter()
        check(parse(text))
        times.append(time.perf_counter() - start)
    return times


async def _over_http(url: str, text: str, rounds: int, concurrent: int) -> tuple[list, list]:
    import httpx

    async with httpx.AsyncClient(timeout=300) as client:
        async def one() -> float:
            start = time.perf_counter()
            response = await client.post(url, json={"text": text})
            response.raise_for_status()
            return time.perf_counter() - start

        await one()  # warm
        sequential = [await one() for _ in range(rounds)]
        together = await asyncio.gather(*(one() for _ in range(concurrent)))
    return sequential, list(together)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m jianghua.web.bench",
                                     description="jianghua serve: latency against "
                                                 "check(parse(text)) in-process")
    parser.add_argument("--size", type=int, default=20_000, help="draft size in bytes")
    parser.add_argument("--rounds", type=int, default=30)
    parser.add_argument("--concurrent", type=int, default=50)
    parser.add_argument("--workers", type=int, default=None)
    parser.add_argument("--seed", type=int, default=12)
    args = parser.parse_args(argv)

    import socket
    import threading

    import uvicorn

    from jianghua.web.app import create_app

    # The floor first, alone: the server's thread must not share its core.
    text = _draft(args.size, args.seed)
    floor = _in_process(text, args.rounds)
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        port = sock.getsockname()[1]
    server = uvicorn.Server(uvicorn.Config(create_app(processes=args.workers), host="127.0.0.1",
                                           port=port, log_level="warning", access_log=False))
    thread = threading.Thread(target=server.run, daemon=True)
    thread.start()
    while not server.started:
        time.sleep(0.05)
    try:
        sequential, together = asyncio.run(_over_http(
            f"http://127.0.0.1:{port}/api/check", text, args.rounds, args.concurrent))
    finally:
        server.should_exit = True
        thread.join(30)
    base = statistics.median(floor)
    print(f"draft: {len(text.encode('utf-8')):,} bytes (seed {args.seed}); "
          f"in-process check(parse(text)) p50 {base * 1000:.1f} ms")
    for name, times in (("sequential", sequential),
                        (f"{args.concurrent} concurrent", together)):
        p50, p95 = _percentile(times, 0.5), _percentile(times, 0.95)
        print(f"{name:>14}: p50 {p50 * 1000:8.1f} ms ({p50 / base:5.1f}x)   "
              f"p95 {p95 * 1000:8.1f} ms ({p95 / base:5.1f}x)")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
