"""The ``jianghua`` command: one module per subcommand, one set of exit codes
(``common``), assembled in ``main``. Every subcommand is testable as ``main(argv)``."""

from jianghua.cli.main import build_parser, main, run

__all__ = ["build_parser", "main", "run"]
