"""``statute-site serve``: live preview for editors."""

from __future__ import annotations

from generator.commands.common import project_root
from generator.site.serve import serve


def register(sub) -> None:
    p = sub.add_parser("serve", help="live preview: edits in source/ or annotations/ show in the browser")
    p.add_argument("-a", "--dev-addr", default="127.0.0.1:8000", help="address to serve on (default 127.0.0.1:8000)")
    p.add_argument("--open", action="store_true", help="open the preview in a browser")
    p.set_defaults(func=run)


def run(args) -> int:
    return serve(project_root(args), dev_addr=args.dev_addr, open_browser=args.open)
