"""Coverage-guided fuzzing of the reader and the parser with atheris (not run by pytest).

    pip install atheris            # not a dependency of jianghua
    python tests/fuzz/fuzz_parse.py -max_total_time=60 [-dict=...] [corpus_dir]

Each input is decoded as ``jianghua`` decodes a file (``decode_bytes``: a clean
``InputError`` is an accepted outcome), then parsed; the text must round-trip, every
span must lie in the text, and the JSON must validate in full. With
``jianghua.checks`` present every 16th input is also checked and fixed, and fixing must
be idempotent. The samples seed the run when no corpus directory is given.
"""

from __future__ import annotations

import os
import sys
import tempfile
from pathlib import Path

import atheris

with atheris.instrument_imports(include=["jianghua"]):
    from jianghua.api import parse, render
    from jianghua.errors import InputError
    from jianghua.model import Speech
    from jianghua.read.decode import decode_bytes

try:
    with atheris.instrument_imports(include=["jianghua"]):
        from jianghua.checks import check
        from jianghua.checks.fixes import fix_text
except ImportError:  # the checks are built separately
    check = fix_text = None

REPO = Path(__file__).resolve().parents[2]
_count = 0


def _spans_inside(speech: Speech, length: int) -> None:
    stack = list(speech.nodes)
    while stack:
        node = stack.pop()
        if not 0 <= node.span.start <= node.span.end <= length:
            raise AssertionError(f"{node.kind} span {node.span} outside [0, {length}]")
        for name in ("body", "children", "items"):
            stack.extend(getattr(node, name, ()))


def test_one_input(data: bytes) -> None:
    global _count
    _count += 1
    try:
        text = decode_bytes(data, path="<fuzz>").text
    except InputError:
        return
    speech = parse(text)
    if render(speech) != text:
        raise AssertionError("render(parse(t)) != t")
    _spans_inside(speech, len(text))
    dumped = speech.model_dump_json()
    if Speech.model_validate_json(dumped).model_dump_json() != dumped:
        raise AssertionError("JSON does not read back to the same speech")
    if check is not None and _count % 16 == 0:
        def checker(s: Speech, t: str):
            return check(s, text=t)

        check(speech, text=text)
        once = fix_text(text, checker).text
        if fix_text(once, checker).text != once:
            raise AssertionError("fixing is not idempotent")


def main() -> None:
    args = list(sys.argv)
    if not any(not a.startswith("-") for a in args[1:]):  # no corpus: seed from samples
        seeds = tempfile.mkdtemp(prefix="jianghua-fuzz-")
        for path in sorted((REPO / "samples").glob("*.txt")):
            (Path(seeds) / path.name).write_bytes(path.read_bytes())
        args.append(seeds)
    if not any(a.startswith("-max_len") for a in args):
        args.append("-max_len=8192")
    atheris.Setup(args, test_one_input)
    atheris.Fuzz()


if __name__ == "__main__":
    os.environ.setdefault("PYTHONHASHSEED", "0")
    main()
