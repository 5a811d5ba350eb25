"""The switchboard: accounts, queues (ACD), call life and SDP relay, on aiohttp and SQLite."""
