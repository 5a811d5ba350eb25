"""Which certificate authorities the app trusts for the switchboard's TLS.

certifi's bundle (Mozilla's public authorities) first: a frozen app on Windows
or macOS has no OpenSSL certificate folder of its own.  Then the system's
store (Windows' and macOS' keychains hold an agency's own authority pushed by
GPO or MDM), then the authority named by the machine configuration.
"""

from __future__ import annotations

import ssl
from pathlib import Path

import certifi


def trust_context(ca_file: Path | None = None) -> ssl.SSLContext:
    """Raises OSError or ssl.SSLError when ``ca_file`` cannot be read as PEM."""
    context = ssl.create_default_context(cafile=certifi.where())
    context.load_default_certs()
    if ca_file is not None:
        context.load_verify_locations(cafile=str(ca_file))
    return context
