#!/usr/bin/env python3
"""Plays N open dashboard pages against a smistat server, request for request as
src/contracts/smistat/ui/dashboard.js makes them: the page, /gpu, /gpu/history, /api/v1/gpu/devices and
/cluster_status once, then the /gpu/stream event stream (its own connection) and
/api/v1/gpu/devices every 5 s on a keep-alive connection. Runs for SECONDS and prints the
events and polls done, so the caller can read the server's CPU time around it.

usage: open_pages.py HOST PORT PAGES SECONDS
"""
import asyncio
import sys

DEVICES_EVERY = 5.0


async def get(reader, writer, host, path, accept="*/*"):
    """One GET on a keep-alive connection; returns the status code (the body is read whole)."""
    writer.write(f"GET {path} HTTP/1.1\r\nHost: {host}\r\nAccept: {accept}\r\n\r\n".encode())
    await writer.drain()
    head = await reader.readuntil(b"\r\n\r\n")
    status = int(head.split(b" ", 2)[1])
    length = 0
    for line in head.split(b"\r\n"):
        if line.lower().startswith(b"content-length:"):
            length = int(line.split(b":", 1)[1])
    await reader.readexactly(length)
    return status


async def stream(host, port, counts, stop):
    reader, writer = await asyncio.open_connection(host, port)
    writer.write(f"GET /gpu/stream HTTP/1.1\r\nHost: {host}\r\nAccept: text/event-stream\r\n\r\n".encode())
    await writer.drain()
    while not stop.is_set():
        try:
            chunk = await asyncio.wait_for(reader.read(65536), 1.0)
        except asyncio.TimeoutError:
            continue
        if not chunk:
            break
        counts["events"] += chunk.count(b"data: ")
    writer.close()


async def page(host, port, counts, stop):
    reader, writer = await asyncio.open_connection(host, port)
    await get(reader, writer, host, "/ui", "text/html")
    for path in ("/gpu", "/gpu/history", "/api/v1/gpu/devices", "/cluster_status"):
        await get(reader, writer, host, path, "application/json")
    events = asyncio.create_task(stream(host, port, counts, stop))
    while not stop.is_set():
        try:
            await asyncio.wait_for(stop.wait(), DEVICES_EVERY)
        except asyncio.TimeoutError:
            await get(reader, writer, host, "/api/v1/gpu/devices", "application/json")
            counts["polls"] += 1
    await events
    writer.close()


async def main():
    host, port, pages, seconds = sys.argv[1], int(sys.argv[2]), int(sys.argv[3]), float(sys.argv[4])
    counts = {"events": 0, "polls": 0}
    stop = asyncio.Event()
    tasks = [asyncio.create_task(page(host, port, counts, stop)) for _ in range(pages)]
    await asyncio.sleep(seconds)
    stop.set()
    await asyncio.gather(*tasks)
    print(f"{pages} pages, {seconds:.0f} s: {counts['events']} stream events, "
          f"{counts['polls']} device polls", flush=True)


asyncio.run(main())
