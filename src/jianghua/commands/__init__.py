"""The subcommands of ``jianghua``, one module each; ``jianghua.cli`` assembles them.

Each module has ``add_parser(subparsers)`` (its arguments, help and examples) and the
function that runs it, ``(args) -> exit code``. ``common`` holds what they share: exit
codes, the argument helpers and writing outputs; ``report`` the progress bar and the
summary of a batch.
"""
