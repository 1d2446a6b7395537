"""One LLM call per step against any OpenAI-compatible chat endpoint, validated, metered, bounded.

Every way a call can go wrong - timeout, connection error, 429/5xx after the client's bounded
retries, other HTTP errors, a refusal, output that is not JSON or does not fit the step's schema -
raises LLMFailure, which the graph turns into a handoff with reason `failure`.
"""

from __future__ import annotations

import json
from typing import Any

import openai
from pydantic import BaseModel, ValidationError

from baton.errors import BatonError
from baton.llm.prompts import load_prompts
from baton.llm.schemas import SCHEMAS
from baton.tokens import count_tokens
from baton.usage import UsageMeter


class LLMFailure(BatonError):
    """An LLM step failed; `what` says how, for the brief."""

    def __init__(self, step: str, what: str) -> None:
        self.step = step
        self.what = what
        super().__init__(f"LLM step {step} failed: {what}")


class LLMClient:
    def __init__(self, base_url: str, model: str, api_key: str | None, timeout: float = 10.0,
                 max_retries: int = 1) -> None:
        self.model = model
        self.client = openai.OpenAI(base_url=base_url, api_key=api_key or "not-needed", timeout=timeout,
                                    max_retries=max_retries)
        self.prompts = load_prompts()

    def call(self, step: str, meter: UsageMeter | None = None, **values: Any) -> BaseModel:
        prompt = self.prompts[step]
        text = prompt.render(**values)
        messages = [{"role": "system", "content": f"Baton step: {step}. Reply with one JSON object."},
                    {"role": "user", "content": text}]
        try:
            response = self.client.chat.completions.create(
                model=self.model, messages=messages, response_format={"type": "json_object"}, temperature=0)
        except openai.APITimeoutError:
            raise LLMFailure(step, "timed out") from None
        except openai.APIConnectionError as exc:
            raise LLMFailure(step, f"connection error ({exc.__class__.__name__})") from None
        except openai.APIStatusError as exc:
            raise LLMFailure(step, f"HTTP {exc.status_code} after retries") from None
        if not response.choices:
            raise LLMFailure(step, "no choices in the response")
        choice = response.choices[0]
        content = choice.message.content or ""
        if getattr(choice.message, "refusal", None) or choice.finish_reason == "content_filter":
            raise LLMFailure(step, "the model refused")
        if meter is not None:
            meter.add(step, count_tokens(messages[0]["content"]) + count_tokens(text), count_tokens(content))
        try:
            data = json.loads(content)
        except json.JSONDecodeError:
            raise LLMFailure(step, "output is not JSON") from None
        try:
            return SCHEMAS[prompt.output].model_validate(data)
        except ValidationError as exc:
            err = exc.errors()[0]
            raise LLMFailure(step, f"output does not fit {prompt.output}: {'.'.join(map(str, err['loc']))} "
                                   f"{err['msg']}") from None
