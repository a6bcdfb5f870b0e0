#!/usr/bin/env python3
"""CPU seconds a running process has spent, by thread name (digits folded): where a server's CPU went.

    benchmarks/scripts/thread-cpu.py PID      (read it after a run, before the server stops)
"""
import collections
import os
import re
import sys

pid = sys.argv[1]
tick = os.sysconf("SC_CLK_TCK")
by_name = collections.Counter()
for task in os.listdir(f"/proc/{pid}/task"):
    try:
        with open(f"/proc/{pid}/task/{task}/comm") as f:
            name = f.read().strip()
        with open(f"/proc/{pid}/task/{task}/stat") as f:
            fields = f.read().rsplit(")", 1)[1].split()
    except OSError:
        continue  # the thread ended meanwhile
    by_name[re.sub(r"\d+", "N", name)] += (int(fields[11]) + int(fields[12])) / tick  # utime + stime
total = sum(by_name.values())
print(f"total {total:.1f} s")
for name, seconds in by_name.most_common(14):
    print(f"{seconds:7.1f} s {100 * seconds / total:5.1f}% {name}")
