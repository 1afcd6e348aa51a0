#!/usr/bin/env python3
"""Writes N distinct, validly signed Slack `/ops <text>` requests for wrk (benchmarks/slack/signed-help.lua reads them).

wrk's Lua has no HMAC, so the requests are signed here, with the current time: run wrk within 5 minutes.
Every request comes from one user (so one role binding covers `status`); the trigger id keeps the bodies distinct,
across files too (a random part per file): the bot answers a signature it has seen "already handled" and runs nothing.
Usage: sign-requests.py <signing-secret> <team-id> <count> <user-id> <text...> > requests.txt
"""
import hashlib, hmac, secrets, sys, time, urllib.parse

secret, team, count, user = sys.argv[1], sys.argv[2], int(sys.argv[3]), sys.argv[4]
text = " ".join(sys.argv[5:])
ts = str(int(time.time()))
nonce = secrets.token_hex(6)
for i in range(count):
    body = urllib.parse.urlencode({
        "team_id": team, "channel_id": "C-BENCH", "user_id": user, "user_name": "bench",
        "command": "/ops", "text": text, "response_url": "http://127.0.0.1:9/unused", "trigger_id": f"{i}.{nonce}",
    })
    sig = "v0=" + hmac.new(secret.encode(), f"v0:{ts}:{body}".encode(), hashlib.sha256).hexdigest()
    print(f"{ts}\t{sig}\t{body}")
