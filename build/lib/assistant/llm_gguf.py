"""A local GGUF model run in-process with xllamacpp, as a llama-index CustomLLM.

xllamacpp is optional (`pip install xllamacpp`); nothing is downloaded: the GGUF file
must already be on disk.
"""
from __future__ import annotations

import json
import queue
import threading
from typing import Any

from llama_index.core.llms import CompletionResponse, CompletionResponseGen, CustomLLM, LLMMetadata
from llama_index.core.llms.callbacks import llm_completion_callback
from pydantic import PrivateAttr


class XLlamaCppLLM(CustomLLM):
    model_path: str
    n_ctx: int = 4096
    max_tokens: int = 400
    threads: int = 2
    _server: Any = PrivateAttr(default=None)

    def _load(self):
        if self._server is None:
            try:
                import xllamacpp as xlc
            except ImportError as e:
                raise ImportError("--llm-gguf needs the optional package xllamacpp: pip install xllamacpp") from e
            params = xlc.CommonParams()
            params.model = self.model_path
            params.n_ctx = self.n_ctx
            params.cpuparams.n_threads = self.threads
            self._server = xlc.Server(params)
        return self._server

    @property
    def metadata(self) -> LLMMetadata:
        return LLMMetadata(context_window=self.n_ctx, num_output=self.max_tokens, model_name=self.model_path)

    def _request(self, prompt: str, stream: bool) -> str:
        return json.dumps({"messages": [{"role": "user", "content": prompt}], "max_tokens": self.max_tokens,
                           "temperature": 0.0, "stream": stream})

    @llm_completion_callback()
    def complete(self, prompt: str, formatted: bool = False, **kwargs: Any) -> CompletionResponse:
        text = "".join(r.delta or "" for r in self.stream_complete(prompt))
        return CompletionResponse(text=text)

    @llm_completion_callback()
    def stream_complete(self, prompt: str, formatted: bool = False, **kwargs: Any) -> CompletionResponseGen:
        server, pieces, done = self._load(), queue.Queue(), object()

        def on_data(s: str) -> None:
            data = json.loads(s) if isinstance(s, str) else s
            for choice in (data if isinstance(data, list) else [data]):
                for c in choice.get("choices", []):
                    piece = (c.get("delta") or c.get("message") or {}).get("content")
                    if piece:
                        pieces.put(piece)

        def on_error(s: str) -> None:
            pieces.put(RuntimeError(f"xllamacpp error: {s}"))

        def run() -> None:
            try:
                server.handle_chat_completions(self._request(prompt, True), on_data, on_error)
            finally:
                pieces.put(done)

        threading.Thread(target=run, daemon=True).start()
        text = ""
        while (item := pieces.get()) is not done:
            if isinstance(item, Exception):
                raise item
            text += item
            yield CompletionResponse(text=text, delta=item)
