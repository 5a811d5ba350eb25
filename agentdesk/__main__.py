"""``agentdesk`` command: the desktop app by default, or one of the project's other parts.

Each part is imported only when asked for, so ``agentdesk switchboard`` on a
server never loads Qt, and the app never loads the switchboard.
"""

from __future__ import annotations

import importlib
import sys

# subcommand -> (module, what it is); each module has ``main(argv: list[str]) -> int``.
SUBCOMMANDS: dict[str, tuple[str, str]] = {
    "demo": ("agentdesk.demo", "switchboard, kiosks and the agent app with demo data"),
    "switchboard": ("agentdesk.switchboard.cli", "run or administer the switchboard"),
    "kiosk": ("agentdesk.kiosk.cli", "a headless kiosk (borne) that places calls"),
    "self-test": ("agentdesk.selftest.cli", "check the camera, sound, calls and display"),
    "app": ("agentdesk.desktop", "the agent's desktop app (the default)"),
}


def usage() -> str:
    lines = ["usage: agentdesk [SUBCOMMAND] [options]", "", "subcommands:"]
    lines += [f"  {name:<12} {text}" for name, (_, text) in SUBCOMMANDS.items()]
    lines += ["", "With no subcommand, the agent's desktop app opens."]
    return "\n".join(lines)


def main(argv: list[str] | None = None) -> int:
    args = list(sys.argv[1:] if argv is None else argv)
    if args and args[0] in ("-h", "--help"):
        print(usage())
        return 0
    if args and args[0] == "--version":
        from agentdesk import __version__

        print(__version__)
        return 0
    name = args.pop(0) if args and not args[0].startswith("-") else "app"
    if name not in SUBCOMMANDS:
        print(f"agentdesk: unknown subcommand {name!r}\n\n{usage()}", file=sys.stderr)
        return 2
    module = importlib.import_module(SUBCOMMANDS[name][0])
    result: int = module.main(args)
    return result


if __name__ == "__main__":
    sys.exit(main())
