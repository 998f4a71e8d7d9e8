#!/usr/bin/env python3
"""Client of the ctrl_tcp control protocol, spoken by baresip's ctrl_tcp module and by
linphone_ue: netstring-framed JSON over TCP.

  command   {"command": "dial", "params": "sip:x@127.0.0.1:5062", "token": "t1"}
  response  {"response": true, "ok": true, "data": "...", "token": "t1"}
  event     {"event": true, "class": "call", "type": "CALL_ESTABLISHED", ...}

A netstring is LENGTH ":" BYTES "," (LENGTH in decimal, of BYTES). The server pushes
events at any time, also between a command and its response; one connection at a time
(a new connection replaces the old one). Every wait here has a deadline.

As a program: `ctrl_tcp.py --port N COMMAND [PARAMS...]` sends one command and prints the
response (exit 0 when ok); `--events SECONDS` then prints the events seen for that long.
"""
import argparse
import json
import select
import socket
import sys
import time


class CtrlError(RuntimeError):
    pass


def encode(message):
    """One netstring holding MESSAGE as JSON."""
    payload = json.dumps(message, separators=(",", ":")).encode()
    return str(len(payload)).encode() + b":" + payload + b","


def decode(buffer):
    """(messages, rest): the complete netstrings at the start of BUFFER, decoded."""
    messages = []
    while True:
        colon = buffer.find(b":")
        if colon < 0:
            if len(buffer) > 10:
                raise CtrlError(f"no netstring length in {buffer[:40]!r}")
            return messages, buffer
        head = buffer[:colon]
        if not head.isdigit() or len(head) > 9:
            raise CtrlError(f"bad netstring length {head[:20]!r}")
        size = int(head)
        end = colon + 1 + size
        if len(buffer) < end + 1:
            return messages, buffer
        if buffer[end:end + 1] != b",":
            raise CtrlError(f"netstring of {size} bytes not ended by ','")
        messages.append(json.loads(buffer[colon + 1:end]))
        buffer = buffer[end + 1:]


class Ctrl:
    """A connection to a ctrl_tcp server. Events are kept in `events` (all of them, in
    order of arrival); `log` (a callable) sees every message sent and received."""

    def __init__(self, port, host="127.0.0.1", connect_timeout=10.0, log=None):
        self.log = log or (lambda direction, message: None)
        self.events = []
        self.responses = []
        self.buffer = b""
        self.counter = 0
        deadline = time.monotonic() + connect_timeout
        while True:
            try:
                self.sock = socket.create_connection((host, port), timeout=1.0)
                break
            except OSError as e:
                if time.monotonic() >= deadline:
                    raise CtrlError(f"cannot connect to ctrl_tcp at {host}:{port}: {e}") from e
                time.sleep(0.1)
        self.sock.setblocking(False)

    def close(self):
        try:
            self.sock.close()
        except OSError:
            pass

    def _pump(self, deadline):
        """Reads what is there (waiting at most until DEADLINE); False at EOF."""
        left = max(0.0, deadline - time.monotonic())
        ready, _, _ = select.select([self.sock], [], [], left)
        if not ready:
            return True
        try:
            chunk = self.sock.recv(65536)
        except (BlockingIOError, InterruptedError):
            return True
        except OSError:
            chunk = b""
        if not chunk:
            return False
        self.buffer += chunk
        messages, self.buffer = decode(self.buffer)
        for message in messages:
            self.log("<-", message)
            if message.get("event"):
                self.events.append(message)
            elif message.get("response"):
                self.responses.append(message)
        return True

    def send(self, command, params=None, token=None):
        """Sends a command without waiting; returns its token."""
        self.counter += 1
        token = token or f"t{self.counter}"
        message = {"command": command, "token": token}
        if params is not None and params != "":
            message["params"] = params
        self.log("->", message)
        self.sock.setblocking(True)
        try:
            self.sock.sendall(encode(message))
        except OSError as e:
            raise CtrlError(f"cannot send {command!r}: {e}") from e
        finally:
            self.sock.setblocking(False)
        return token

    def command(self, command, params=None, timeout=5.0, check=True):
        """Sends a command and returns its response; CtrlError when none comes within
        TIMEOUT seconds, or (with CHECK) when the response says ok: false."""
        token = self.send(command, params)
        deadline = time.monotonic() + timeout
        while True:
            for i, response in enumerate(self.responses):
                if response.get("token") == token:
                    del self.responses[i]
                    if check and not response.get("ok"):
                        raise CtrlError(f"{command} {params or ''}: {response.get('data')!r}")
                    return response
            if time.monotonic() >= deadline:
                raise CtrlError(f"no response to {command!r} within {timeout:g} s")
            if not self._pump(deadline):
                raise CtrlError(f"connection closed while waiting for {command!r}")

    def wait_event(self, match, timeout, start=0, what=None):
        """The first event (from index START of `events` on) for which MATCH holds: a
        callable, or a dict of fields that must all be equal. CtrlError after TIMEOUT."""
        predicate = match if callable(match) else (
            lambda e: all(e.get(k) == v for k, v in match.items()))
        deadline = time.monotonic() + timeout
        index = start
        while True:
            while index < len(self.events):
                if predicate(self.events[index]):
                    return self.events[index]
                index += 1
            if time.monotonic() >= deadline:
                seen = ", ".join(f"{e.get('class')}/{e.get('type')}" for e in self.events[start:])
                raise CtrlError(f"no event {what or match} within {timeout:g} s "
                                f"(seen: {seen or 'none'})")
            if not self._pump(deadline):
                raise CtrlError(f"connection closed while waiting for {what or match}")

    def collect(self, seconds):
        """Reads events for SECONDS (or until the server closes)."""
        deadline = time.monotonic() + seconds
        while time.monotonic() < deadline and self._pump(deadline):
            pass


def main(argv=None):
    p = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    p.add_argument("--host", default="127.0.0.1")
    p.add_argument("--port", type=int, required=True)
    p.add_argument("--timeout", type=float, default=5.0, help="seconds to wait for the response")
    p.add_argument("--events", type=float, default=0.0, help="then print events for SECONDS")
    p.add_argument("command")
    p.add_argument("params", nargs="*")
    args = p.parse_args(argv)
    try:
        ctrl = Ctrl(args.port, args.host, connect_timeout=args.timeout)
        try:
            response = ctrl.command(args.command, " ".join(args.params) or None,
                                    timeout=args.timeout, check=False)
            print(json.dumps(response))
            ctrl.collect(args.events)
            for event in ctrl.events:
                print(json.dumps(event))
        finally:
            ctrl.close()
    except CtrlError as e:
        print(f"ctrl_tcp: {e}", file=sys.stderr)
        return 2
    return 0 if response.get("ok") else 1


if __name__ == "__main__":
    sys.exit(main())
