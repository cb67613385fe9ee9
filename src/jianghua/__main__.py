"""``python -m jianghua``: the same as the ``jianghua`` command."""

from jianghua.cli import run

if __name__ == "__main__":
    run()
