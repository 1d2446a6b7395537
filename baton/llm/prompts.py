"""Prompt files: YAML front matter (step, variables, output) and a Jinja body.

Every variable enters the prompt as JSON (a quoted string, list or object), so customer text is
always data with visible boundaries, never bare instructions. Loading refuses a prompt whose body
uses a variable it does not declare, or declares one it never uses; rendering refuses missing or
unknown values.
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path
from typing import Any

import yaml
from jinja2 import Environment, StrictUndefined, meta

from baton.errors import BatonError

PROMPTS_DIR = Path(__file__).resolve().parents[1] / "prompts"
_ENV = Environment(undefined=StrictUndefined, autoescape=False, keep_trailing_newline=True)


class PromptError(BatonError):
    """A prompt file is malformed or rendered with the wrong variables."""


@dataclass(frozen=True)
class Prompt:
    step: str
    variables: tuple[str, ...]
    output: str
    body: str
    path: str

    def render(self, **values: Any) -> str:
        missing = set(self.variables) - set(values)
        unknown = set(values) - set(self.variables)
        if missing or unknown:
            raise PromptError(f"{self.path}: render needs {sorted(self.variables)}; "
                              f"missing {sorted(missing)}, unknown {sorted(unknown)}")
        # JSON, with < and > escaped too, so no value can close or open an element of the prompt
        quoted = {k: json.dumps(v, ensure_ascii=False, default=str).replace("<", "\\u003c").replace(">", "\\u003e")
                  for k, v in values.items()}
        return _ENV.from_string(self.body).render(**quoted)


def parse_prompt(text: str, path: str | Path) -> Prompt:
    if not text.startswith("---"):
        raise PromptError(f"{path}: expected YAML front matter")
    _, front, body = text.split("---", 2)
    data = yaml.safe_load(front) or {}
    for key in ("step", "variables", "output"):
        if key not in data:
            raise PromptError(f"{path}: front matter lacks '{key}'")
    declared = set(data["variables"])
    used = meta.find_undeclared_variables(_ENV.parse(body))
    if used - declared:
        raise PromptError(f"{path}: body uses undeclared variable(s) {sorted(used - declared)}")
    if declared - used:
        raise PromptError(f"{path}: declares variable(s) the body never uses {sorted(declared - used)}")
    return Prompt(step=data["step"], variables=tuple(data["variables"]), output=data["output"], body=body.strip(),
                  path=str(path))


@lru_cache(maxsize=None)
def load_prompts(folder: str = str(PROMPTS_DIR)) -> dict[str, Prompt]:
    prompts = {}
    for f in sorted(Path(folder).glob("*.md")):
        p = parse_prompt(f.read_text(encoding="utf-8-sig"), f)
        prompts[p.step] = p
    return prompts
