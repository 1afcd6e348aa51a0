#!/usr/bin/env python3
"""Answer latency of POST /alertmanager, seen from a loopback client (docs/performance.md, "Alertmanager webhook").

Start the bot first, e.g.:
  ChatOps__Alertmanager__BearerToken=perf-token ChatOps__Alertmanager__Channel=log \
  ChatOps__Store__ConnectionString="Data Source=/tmp/perf/chatops.db" Serilog__MinimumLevel__Default=Warning \
  dotnet src/ChatOps.Bot/bin/Release/net10.0/ChatOps.Bot.dll --urls http://127.0.0.1:55943
then: python3 scripts/alertmanager-webhook-latency.py [url] [count]
"""
import json
import sys
import time
import urllib.request

URL = sys.argv[1] if len(sys.argv) > 1 else "http://127.0.0.1:55943/alertmanager"
COUNT = int(sys.argv[2]) if len(sys.argv) > 2 else 300


def body(i):
    labels = {"alertname": f"A{i}", "severity": "warning"}
    return json.dumps({
        "version": "4", "groupKey": f'{{}}:{{alertname="A{i}"}}', "status": "firing", "receiver": "chatops",
        "groupLabels": {"alertname": f"A{i}"}, "commonLabels": labels, "commonAnnotations": {"summary": "x"},
        "alerts": [{"status": "firing", "labels": labels, "annotations": {"summary": "x"},
                    "startsAt": "2026-11-23T12:00:00Z", "fingerprint": f"f{i}"}],
    }).encode()


def post(data):
    request = urllib.request.Request(URL, data=data, headers={"Authorization": "Bearer perf-token", "Content-Type": "application/json"})
    started = time.perf_counter()
    with urllib.request.urlopen(request) as response:
        status = response.status
    return status, (time.perf_counter() - started) * 1000


run = int(time.time())
for i in range(20):
    post(body(f"warm-{run}-{i}"))
results = {"new": [post(body(f"{run}-{i}")) for i in range(COUNT)]}
results["duplicate"] = [post(body(f"{run}-{i}")) for i in range(COUNT)]
for name, rows in results.items():
    ms = sorted(r[1] for r in rows)
    codes = sorted({r[0] for r in rows})
    print(f"{name}: answers {codes}, p50 {ms[len(ms) // 2]:.2f} ms, p95 {ms[int(len(ms) * 0.95)]:.2f} ms, max {ms[-1]:.2f} ms")
