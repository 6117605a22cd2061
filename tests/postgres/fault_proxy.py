"""A TCP relay between the app and the test server that breaks connections for real.

Clients connect to `proxy.port`; each connection is relayed to the server. Faults:
- `cut_at_commit(before=True)`: the next COMMIT a client sends is never delivered and the
  connection is cut (the server rolls the transaction back: nothing was applied);
- `cut_at_commit(before=False)`: the COMMIT is delivered, the server's answer is dropped
  and the connection cut (it WAS applied, but the client is never told);
- `down()`: every open connection is cut and new ones are refused until `up()`.
"""

from __future__ import annotations

import socket
import threading


class FaultProxy:
    def __init__(self, server_port: int) -> None:
        self.server_port = server_port
        self._listener = socket.socket(socket.AF_INET, socket.SOCK_STREAM)
        self._listener.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
        self._listener.bind(("127.0.0.1", 0))
        self._listener.listen(64)
        self.port = int(self._listener.getsockname()[1])
        self._lock = threading.Lock()
        self._pairs: list[tuple[socket.socket, socket.socket]] = []
        self._refusing = False
        self._commit_fault: bool | None = None  # True: before delivery, False: after
        self.faults = 0
        self._closed = False
        threading.Thread(target=self._accept, daemon=True).start()

    def url(self, database_url: str) -> str:
        """`database_url` (on the test server) pointed at this relay."""
        return database_url.replace(f":{self.server_port}/", f":{self.port}/")

    # --- faults ---------------------------------------------------------------------------
    def cut_at_commit(self, before: bool) -> None:
        with self._lock:
            self._commit_fault = before

    def down(self) -> None:
        with self._lock:
            self._refusing = True
            pairs, self._pairs = self._pairs, []
        for pair in pairs:
            self._cut(pair)

    def up(self) -> None:
        with self._lock:
            self._refusing = False

    def close(self) -> None:
        self._closed = True
        self.down()
        self._listener.close()

    # --- relaying -------------------------------------------------------------------------
    @staticmethod
    def _cut(pair: tuple[socket.socket, socket.socket]) -> None:
        for sock in pair:
            try:
                sock.shutdown(socket.SHUT_RDWR)
            except OSError:
                pass
            sock.close()

    def _accept(self) -> None:
        while not self._closed:
            try:
                client, _ = self._listener.accept()
            except OSError:
                return
            with self._lock:
                refusing = self._refusing
            if refusing:
                client.close()
                continue
            try:
                server = socket.create_connection(("127.0.0.1", self.server_port))
            except OSError:
                client.close()
                continue
            pair = (client, server)
            with self._lock:
                self._pairs.append(pair)
            state = {"drop_answer": False}
            threading.Thread(target=self._pump, args=(pair, True, state), daemon=True).start()
            threading.Thread(target=self._pump, args=(pair, False, state), daemon=True).start()

    def _pump(self, pair: tuple[socket.socket, socket.socket], upstream: bool, state: dict) -> None:
        source, target = (pair[0], pair[1]) if upstream else (pair[1], pair[0])
        try:
            while True:
                data = source.recv(65536)
                if not data:
                    break
                if upstream and b"COMMIT" in data:
                    with self._lock:
                        fault, self._commit_fault = self._commit_fault, None
                    if fault is True:
                        self.faults += 1
                        break  # never delivered
                    if fault is False:
                        self.faults += 1
                        state["drop_answer"] = True
                if not upstream and state["drop_answer"]:
                    break  # the server committed; its answer is lost
                target.sendall(data)
        except OSError:
            pass
        self._cut(pair)
        with self._lock:
            if pair in self._pairs:
                self._pairs.remove(pair)
