"""The agent's app for bench/off_duty.py: the real app (``agentdesk app``),
signed in at start-up as the demo does, nothing else.

    python bench/_duty_app.py --server URL --login L --password P [app options]
"""

from __future__ import annotations

import argparse
import sys

from agentdesk import desktop
from agentdesk.ui.app import AutoSignIn


def main() -> int:
    parser = argparse.ArgumentParser()
    parser.add_argument("--server", required=True)
    parser.add_argument("--login", required=True)
    parser.add_argument("--password", required=True)
    ours, rest = parser.parse_known_args()
    # Presence is the duty keeper's: available at the slot's start, not before.
    sign_in = AutoSignIn(ours.server, ours.login, ours.password, go_available=False)
    return desktop.main(rest, auto_sign_in=sign_in)


if __name__ == "__main__":
    sys.exit(main())
