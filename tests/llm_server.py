"""A local HTTP server on 127.0.0.1 that speaks OpenAI's chat-completions protocol.

It stands in for Ollama, vLLM or a hosted API, which cannot run here. What it writes is
decided by a ``reply(request) -> text`` function per test; it answers both plain and
streaming (server-sent events) requests, and keeps every request it was sent.
"""

from __future__ import annotations

import contextlib
import json
import re
import threading
import time
from collections.abc import Callable, Iterator
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

Reply = Callable[[dict], str]


def grounded_answer(request: dict) -> str:
    """The answer composed from the reports, as the prompt quotes it."""
    user = request["messages"][-1]["content"]
    return re.search(r"<source-answer>\n(.*?)\n</source-answer>", user, re.S).group(1)


def faithful(request: dict) -> str:
    return f"According to the report, {grounded_answer(request)} [1]"


class LLMServer:
    def __init__(
        self, reply: Reply, delay: float = 0.0, chunk_pause: float = 0.01, endless: bool = False
    ):
        self.reply = reply
        self.delay = delay  # before the first byte: a slow model
        self.chunk_pause = chunk_pause
        # Never finishes: a plain answer trickles a byte every chunk_pause, a stream sends
        # its text's pieces over and over.
        self.endless = endless
        self.requests: list[dict] = []
        server = self

        class Handler(BaseHTTPRequestHandler):
            def log_message(self, *args) -> None:  # keep test output clean
                pass

            def do_POST(self) -> None:
                if not self.path.endswith("/chat/completions"):
                    self.send_error(404)
                    return
                body = json.loads(self.rfile.read(int(self.headers["Content-Length"])))
                body["authorization"] = self.headers.get("Authorization")
                server.requests.append(body)
                time.sleep(server.delay)
                text = server.reply(body)
                try:
                    if body.get("stream"):
                        self._stream(body["model"], text)
                    else:
                        self._whole(body["model"], text)
                except (BrokenPipeError, ConnectionResetError):
                    pass  # the client gave up waiting, as it should

            def _whole(self, model: str, text: str) -> None:
                if server.endless:
                    self.send_response(200)
                    self.send_header("Content-Type", "application/json")
                    self.end_headers()
                    self.wfile.write(b'{"id": ')
                    while True:  # JSON's whitespace, a byte at a time, for ever
                        self.wfile.write(b" ")
                        self.wfile.flush()
                        time.sleep(server.chunk_pause)
                payload = json.dumps(
                    {
                        "id": "chatcmpl-test",
                        "object": "chat.completion",
                        "created": int(time.time()),
                        "model": model,
                        "choices": [
                            {
                                "index": 0,
                                "message": {"role": "assistant", "content": text},
                                "finish_reason": "stop",
                            }
                        ],
                        "usage": {"prompt_tokens": 1, "completion_tokens": 1, "total_tokens": 2},
                    }
                ).encode()
                self.send_response(200)
                self.send_header("Content-Type", "application/json")
                self.send_header("Content-Length", str(len(payload)))
                self.end_headers()
                self.wfile.write(payload)

            def _stream(self, model: str, text: str) -> None:
                self.send_response(200)
                self.send_header("Content-Type", "text/event-stream")
                self.end_headers()
                pieces = re.findall(r"\S+\s*", text)
                for number, piece in enumerate(pieces):
                    delta = {"content": piece} | ({"role": "assistant"} if number == 0 else {})
                    self._event(model, delta, None)
                    time.sleep(server.chunk_pause)
                while server.endless:
                    for piece in pieces:
                        self._event(model, {"content": piece}, None)
                self._event(model, {}, "stop")
                self.wfile.write(b"data: [DONE]\n\n")
                self.wfile.flush()

            def _event(self, model: str, delta: dict, finish: str | None) -> None:
                chunk = {
                    "id": "chatcmpl-test",
                    "object": "chat.completion.chunk",
                    "created": int(time.time()),
                    "model": model,
                    "choices": [{"index": 0, "delta": delta, "finish_reason": finish}],
                }
                self.wfile.write(f"data: {json.dumps(chunk)}\n\n".encode())
                self.wfile.flush()

        self.httpd = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        self.httpd.daemon_threads = True
        self.url = f"http://127.0.0.1:{self.httpd.server_address[1]}/v1"


@contextlib.contextmanager
def llm_server(reply: Reply = faithful, **options) -> Iterator[LLMServer]:
    server = LLMServer(reply, **options)
    thread = threading.Thread(target=server.httpd.serve_forever, daemon=True)
    thread.start()
    try:
        yield server
    finally:
        server.httpd.shutdown()
        server.httpd.server_close()
