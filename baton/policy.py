"""The policy file (TOML): thresholds, bypass rules, skill queues and user-request phrases.

Unknown keys and invalid values are errors that name the key (see DESIGN.md, "Policy").
"""

from __future__ import annotations

import tomllib
from pathlib import Path
from typing import Literal

from pydantic import BaseModel, ConfigDict, Field, ValidationError, model_validator

from baton.errors import PolicyError, read_input

_STRICT = ConfigDict(extra="forbid", frozen=True)


class Bypass(BaseModel):
    """High-value bypass: any matching rule sends the customer straight to a human."""

    model_config = _STRICT
    tiers: tuple[str, ...] = ()
    min_arr: float | None = Field(default=None, ge=0)
    renewal_within_days: int | None = Field(default=None, ge=0)
    warn_if_share_above: float = Field(default=0.2, ge=0, le=1)


class Skill(BaseModel):
    """One skill tag: the queue its handoffs go to and whether the AI may close it."""

    model_config = _STRICT
    queue: str = Field(min_length=1)
    ai_closable: bool = True


class UserRequest(BaseModel):
    """Phrases that mean "let me talk to a human"."""

    model_config = _STRICT
    phrases: tuple[str, ...] = ("human", "real person", "agent", "talk to someone")


class Policy(BaseModel):
    """A deployment's handoff policy."""

    model_config = _STRICT
    confidence_threshold: float = Field(default=0.7, ge=0, le=1)
    max_ai_turns_without_resolution: int = Field(default=4, ge=1)
    routing: Literal["skills", "single_queue"] = "skills"
    default_queue: str = Field(default="general", min_length=1)
    bypass: Bypass = Bypass()
    skills: dict[str, Skill] = Field(min_length=1)
    user_request: UserRequest = UserRequest()
    brief_token_budget: int = Field(default=400, ge=50)
    llm_transcript_token_budget: int = Field(default=1000, ge=0)

    @model_validator(mode="after")
    def _tags_are_simple(self) -> "Policy":
        for tag in self.skills:
            if not tag.replace("_", "").replace("-", "").isalnum():
                raise ValueError(f"skill tag {tag!r} must be letters, digits, '-' or '_'")
        return self

    @property
    def tags(self) -> list[str]:
        return list(self.skills)

    @property
    def unclosable_tags(self) -> list[str]:
        """The tags the AI may not close (`ai_closable = false`): always a person's."""
        return [tag for tag, skill in self.skills.items() if not skill.ai_closable]

    @property
    def queues(self) -> set[str]:
        """Every queue a handoff can reach under this policy's routing."""
        if self.routing == "single_queue":
            return {self.default_queue}
        return {self.default_queue, *(skill.queue for skill in self.skills.values())}

    def queue_for(self, tag: str | None) -> str:
        """The queue a handoff for `tag` goes to under this policy's routing."""
        if self.routing == "single_queue" or tag is None or tag not in self.skills:
            return self.default_queue
        return self.skills[tag].queue

    def closable(self, tag: str | None) -> bool:
        return tag is not None and tag in self.skills and self.skills[tag].ai_closable

    def against_threshold(self, confidence: float, label: str = "") -> str:
        """"0.73 >= 0.70" or "0.699 < 0.70": enough decimals that the comparison reads true (a
        0.699 printed as "0.70 < 0.70" looks like a bug to the agent reading the brief).
        `label` goes before the threshold ("0.699 < threshold 0.70")."""
        return against(confidence, self.confidence_threshold, label)

    def with_threshold(self, threshold: float) -> "Policy":
        return self.model_copy(update={"confidence_threshold": threshold})


def against(confidence: float, threshold: float, label: str = "") -> str:
    """See `Policy.against_threshold`."""
    verdict = ">=" if confidence >= threshold else "<"
    for decimals in (2, 3, 4):
        shown = round(confidence, decimals)
        if (shown >= round(threshold, 2)) == (verdict == ">="):
            return f"{confidence:.{decimals}f} {verdict} {label}{threshold:.2f}"
    return f"{confidence} {verdict} {label}{threshold:.2f}"


def _key_of(loc: tuple[int | str, ...]) -> str:
    return ".".join(str(part) for part in loc) or "(top level)"


def parse_policy(data: dict, path: str | Path = "<policy>") -> Policy:
    """Validate an already-parsed policy mapping; errors name the key."""
    try:
        return Policy.model_validate(data)
    except ValidationError as exc:
        err = exc.errors()[0]
        key = _key_of(err["loc"])
        problem = "unknown key" if err["type"] == "extra_forbidden" else err["msg"]
        raise PolicyError(path, f"key '{key}'", problem) from None


def load_policy(path: str | Path) -> Policy:
    """Read and validate a policy TOML file."""
    path = Path(path)
    try:
        data = tomllib.loads(read_input(path, PolicyError))
    except tomllib.TOMLDecodeError as exc:
        raise PolicyError(path, None, f"not valid TOML: {exc}") from None
    return parse_policy(data, path)
