#!/usr/bin/env python3
"""Writes N distinct, validly signed Slack `/ops help` requests for wrk (signed-help.lua reads them).

wrk's Lua has no HMAC, so the requests are signed here, with the current time: run wrk within 5 minutes.
The bot answers a signature it has seen "already handled" and runs nothing, so every body is distinct, across files
too (a random part per file in the trigger id); send each line once (signed-help.lua does, and counts repeats).
Usage: sign-requests.py <signing-secret> <team-id> [count] > requests.txt
"""
import hashlib, hmac, secrets, sys, time, urllib.parse

secret, team = sys.argv[1], sys.argv[2]
count = int(sys.argv[3]) if len(sys.argv) > 3 else 1000
ts = str(int(time.time()))
nonce = secrets.token_hex(6)
for i in range(count):
    body = urllib.parse.urlencode({
        "team_id": team, "channel_id": "C-BENCH", "user_id": f"U-BENCH{i:04d}", "user_name": f"bench{i}",
        "command": "/ops", "text": "help", "response_url": "http://127.0.0.1:9/unused", "trigger_id": f"{i}.{nonce}",
    })
    sig = "v0=" + hmac.new(secret.encode(), f"v0:{ts}:{body}".encode(), hashlib.sha256).hexdigest()
    print(f"{ts}\t{sig}\t{body}")
