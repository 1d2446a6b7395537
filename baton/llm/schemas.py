"""Validated structured outputs of each LLM step. Anything that does not validate is a failure."""

from __future__ import annotations

from pydantic import BaseModel, ConfigDict, Field


class _Strict(BaseModel):
    model_config = ConfigDict(extra="ignore")


class SplitIntent(_Strict):
    text: str = Field(min_length=1)
    tag: str


class SplitOutput(_Strict):
    intents: list[SplitIntent]


class AnswerOutput(_Strict):
    can_answer: bool
    answer: str = ""
    article_ids: list[str] = Field(default_factory=list)


class GradeOutput(_Strict):
    score: float = Field(ge=0.0, le=1.0)
    reason: str = ""


class SummaryOutput(_Strict):
    summary: str = Field(min_length=1)
    stuck_on: str = ""


SCHEMAS: dict[str, type[BaseModel]] = {
    "SplitOutput": SplitOutput, "AnswerOutput": AnswerOutput, "GradeOutput": GradeOutput,
    "SummaryOutput": SummaryOutput,
}
