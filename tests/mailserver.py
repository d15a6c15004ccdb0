"""A small SMTP server on 127.0.0.1 for tests that need a real mail server to be down, hang, or come back.

Django's own SMTP backend talks to it, so an outage is a real refused connection, not a mocked exception.
"""

from __future__ import annotations

import socket
import socketserver
import threading
import time
from dataclasses import dataclass, field
from email import message_from_bytes
from email.message import Message


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return int(probe.getsockname()[1])


class _Server(socketserver.ThreadingTCPServer):
    allow_reuse_address = True  # restartable on the same port at once, as a real server coming back would be
    daemon_threads = True


@dataclass
class MailServer:
    """Down (nothing listening: connections are refused) until `start()`; `hang=True` accepts and never answers."""

    port: int = field(default_factory=free_port)
    hang: bool = False
    messages: list[Message] = field(default_factory=list)
    connections: int = 0
    _server: socketserver.ThreadingTCPServer | None = None

    def start(self) -> None:
        owner = self

        class Session(socketserver.StreamRequestHandler):
            def reply(self, line: str) -> None:
                self.wfile.write(f"{line}\r\n".encode())

            def handle(self) -> None:
                owner.connections += 1
                if owner.hang:
                    time.sleep(30)
                    return
                self.reply("220 test mail server")
                while line := self.rfile.readline():
                    verb = line.decode("ascii", "replace").strip().split(" ")[0].upper()
                    if verb == "DATA":
                        self.reply("354 end with a full stop")
                        data = b""
                        while (chunk := self.rfile.readline()) not in (b".\r\n", b""):
                            data += chunk[1:] if chunk.startswith(b"..") else chunk
                        owner.messages.append(message_from_bytes(data))
                        self.reply("250 queued")
                    elif verb == "QUIT":
                        self.reply("221 bye")
                        return
                    else:  # EHLO, HELO, MAIL, RCPT, RSET, NOOP
                        self.reply("250 ok")

        self._server = _Server(("127.0.0.1", self.port), Session)
        threading.Thread(target=self._server.serve_forever, daemon=True).start()

    def stop(self) -> None:
        if self._server is not None:
            self._server.shutdown()
            self._server.server_close()
            self._server = None
