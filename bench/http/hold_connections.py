#!/usr/bin/env python3
"""Opens N keep-alive connections to HOST:PORT, sends one GET on each, reads the answers,
then keeps every connection open until stdin closes (so the caller can measure the server)."""
import socket
import sys

host, port, count, path = sys.argv[1], int(sys.argv[2]), int(sys.argv[3]), sys.argv[4]
conns = []
for _ in range(count):
    s = socket.create_connection((host, port))
    s.sendall(f"GET {path} HTTP/1.1\r\nHost: {host}\r\n\r\n".encode())
    conns.append(s)
answered = 0
for s in conns:
    data = s.recv(65536)
    answered += data.startswith(b"HTTP/1.1 200")
print(f"{answered} of {count} connections answered and held open", flush=True)
sys.stdin.read()
