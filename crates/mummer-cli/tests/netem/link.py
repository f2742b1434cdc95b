#!/usr/bin/env python3
"""A network link with `tc netem`'s impairments, in user space, for kernels built without
sch_netem (tests/netem.rs uses it when `tc qdisc add ... netem` says the qdisc kind is unknown).

Two TUN devices are the link's ends: OUTER in this process's network namespace (the client's
side) and INNER in the namespace named by --netns (the server's side). Every IP packet read from
one end is written to the other after what netem would do to it on the server's interface:

- the server's packets (INNER -> OUTER) wait their turn at --rate-mbit (the link's
  serialisation: a queue of up to --queue-ms of transmission time, tail-dropped beyond it), then
  --delay-ms; --loss-percent of them are dropped, and --reorder-percent are delayed
  --reorder-ahead-ms less, so they overtake the packets sent just before them (netem's `reorder`
  sends such packets with no delay at all; over a 100 ms delay that makes every reordered packet
  look like the loss of a whole window to the sender's RACK, a link no real path resembles);
- the client's packets (OUTER -> INNER) get only the rate.

Commands on stdin, one per line: `down` drops every packet both ways (a dead link), `up`
restores the link. EOF ends the process, and the TUN devices go with it. "ready" is printed
once both devices exist; the caller then gives them addresses and sets them up.
"""

import argparse
import ctypes
import fcntl
import heapq
import os
import random
import select
import struct
import sys
import time

TUNSETIFF = 0x400454CA
IFF_TUN = 0x0001
IFF_NO_PI = 0x1000
CLONE_NEWNET = 0x40000000


def open_tun(name):
    fd = os.open("/dev/net/tun", os.O_RDWR | os.O_NONBLOCK)
    fcntl.ioctl(fd, TUNSETIFF, struct.pack("16sH", name.encode(), IFF_TUN | IFF_NO_PI))
    return fd


def enter_netns(path):
    libc = ctypes.CDLL(None, use_errno=True)
    fd = os.open(path, os.O_RDONLY)
    try:
        if libc.setns(fd, CLONE_NEWNET) != 0:
            err = ctypes.get_errno()
            raise OSError(err, f"setns {path}: {os.strerror(err)}")
    finally:
        os.close(fd)


class Direction:
    """One way through the link: a rate-limited queue, then the impairments."""

    def __init__(self, out_fd, rate_mbit, queue_ms, delay_ms=0.0, loss=0.0, reorder=0.0, ahead_ms=0.0):
        self.out_fd = out_fd
        self.seconds_per_byte = 8.0 / (rate_mbit * 1e6)
        self.queue = queue_ms / 1000.0
        self.delay = delay_ms / 1000.0
        self.loss = loss / 100.0
        self.reorder = reorder / 100.0
        self.ahead = min(ahead_ms, delay_ms) / 1000.0
        self.busy_until = 0.0
        self.counts = {"sent": 0, "lost": 0, "queue_full": 0, "reordered": 0, "down": 0}

    def schedule(self, now, packet, rng):
        """When `packet` leaves the link, or None when it is dropped."""
        start = max(now, self.busy_until)
        if start - now > self.queue:
            self.counts["queue_full"] += 1
            return None
        self.busy_until = start + len(packet) * self.seconds_per_byte
        if self.loss and rng.random() < self.loss:
            self.counts["lost"] += 1
            return None
        self.counts["sent"] += 1
        if self.reorder and rng.random() < self.reorder:
            self.counts["reordered"] += 1
            return self.busy_until + self.delay - self.ahead
        return self.busy_until + self.delay


def main():
    p = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    p.add_argument("--netns", required=True, help="the server's namespace (ip netns name)")
    p.add_argument("--outer", required=True, help="TUN device name on the client's side")
    p.add_argument("--inner", required=True, help="TUN device name in --netns")
    p.add_argument("--delay-ms", type=float, default=100.0)
    p.add_argument("--loss-percent", type=float, default=1.0)
    p.add_argument("--reorder-percent", type=float, default=1.0)
    p.add_argument("--reorder-ahead-ms", type=float, default=5.0)
    p.add_argument("--rate-mbit", type=float, default=20.0)
    p.add_argument("--queue-ms", type=float, default=250.0)
    p.add_argument("--seed", type=int, default=8)
    args = p.parse_args()

    home = os.open("/proc/self/ns/net", os.O_RDONLY)
    outer = open_tun(args.outer)
    enter_netns(f"/run/netns/{args.netns}")
    inner = open_tun(args.inner)
    if ctypes.CDLL(None, use_errno=True).setns(home, CLONE_NEWNET) != 0:
        raise OSError(ctypes.get_errno(), "setns back")
    os.close(home)

    rng = random.Random(args.seed)
    ways = {
        inner: Direction(
            outer,
            args.rate_mbit,
            args.queue_ms,
            args.delay_ms,
            args.loss_percent,
            args.reorder_percent,
            args.reorder_ahead_ms,
        ),
        outer: Direction(inner, args.rate_mbit, args.queue_ms),
    }
    print("ready", flush=True)

    stdin = sys.stdin.fileno()
    os.set_blocking(stdin, False)
    pending = b""
    down = False
    due = []  # (time, sequence, fd, packet)
    sequence = 0
    watching = [inner, outer, stdin]
    while True:
        timeout = max(0.0, due[0][0] - time.monotonic()) if due else None
        readable, _, _ = select.select(watching, [], [], timeout)
        now = time.monotonic()
        for fd in readable:
            if fd == stdin:
                chunk = os.read(stdin, 4096)
                if not chunk:
                    report(ways)
                    return
                pending += chunk
                while b"\n" in pending:
                    line, pending = pending.split(b"\n", 1)
                    down = line.strip() == b"down"
                continue
            way = ways[fd]
            while True:
                try:
                    packet = os.read(fd, 65536)
                except BlockingIOError:
                    break
                if down:
                    way.counts["down"] += 1
                    continue
                at = way.schedule(now, packet, rng)
                if at is not None:
                    heapq.heappush(due, (at, sequence, way.out_fd, packet))
                    sequence += 1
        now = time.monotonic()
        while due and due[0][0] <= now:
            _, _, fd, packet = heapq.heappop(due)
            try:
                os.write(fd, packet)
            except OSError:
                # A device not up yet, or a full queue in the kernel: lost, like on a wire.
                pass


def report(ways):
    names = {True: "server->client", False: "client->server"}
    for fd, way in ways.items():
        counts = " ".join(f"{k}={v}" for k, v in way.counts.items())
        print(f"link {names[way.delay > 0]}: {counts}", file=sys.stderr, flush=True)


if __name__ == "__main__":
    main()
