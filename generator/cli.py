"""``statute-site`` command line (also ``python -m generator``): argparse and main only.

Exit status: 0 success; 1 the inputs have errors (nothing written); 2 usage error, an
unreadable file, or not in a project; 3 ``translate``: the machine-translation extra or
model is missing (nothing written) or failed (the drafts made before the failure are kept).
"""

from __future__ import annotations

import argparse
import os
import sys

from generator import __version__
from generator.commands import add, annotate, build, bundle, check, compare, link, parse, serve, translate
from generator.commands.common import EXIT_USAGE, NotAProject

# In the order `statute-site --help` lists them.
COMMANDS = (build, serve, bundle, check, add, parse, compare, link, annotate, translate)


def make_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(prog="statute-site", description=__doc__.splitlines()[0])
    parser.add_argument("--version", action="version", version=f"statute-site {__version__}")
    parser.add_argument("--root", help="project directory (default: the nearest one holding source/manifest.yaml)")
    sub = parser.add_subparsers(dest="command", required=True, metavar="COMMAND")
    for command in COMMANDS:
        command.register(sub)
    return parser


def main(argv: list[str] | None = None) -> int:
    args = make_parser().parse_args(argv)
    try:
        return args.func(args)
    except NotAProject as exc:
        print(f"statute-site: error: {exc}", file=sys.stderr)
        return EXIT_USAGE
    except KeyboardInterrupt:
        return 130
    except BrokenPipeError:
        # `statute-site parse FILE | head`: the reader went away, which is not an error.
        # Point stdout at /dev/null so Python's own flush at exit does not fail again.
        os.dup2(os.open(os.devnull, os.O_WRONLY), sys.stdout.fileno())
        return 0


if __name__ == "__main__":  # pragma: no cover
    sys.exit(main())
