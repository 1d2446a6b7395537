"""Settings from the environment (and a `.env` file), as DESIGN.md "Settings" lists them."""

from __future__ import annotations

from typing import Literal

from pydantic import AliasChoices, Field
from pydantic_settings import BaseSettings, SettingsConfigDict


class Settings(BaseSettings):
    model_config = SettingsConfigDict(env_file=".env", extra="ignore")

    db: str = Field(default="./baton.db", validation_alias="BATON_DB")
    llm_base_url: str | None = Field(default=None, validation_alias="BATON_LLM_BASE_URL")
    llm_model: str | None = Field(default=None, validation_alias="BATON_LLM_MODEL")
    llm_api_key: str | None = Field(default=None, validation_alias=AliasChoices("BATON_LLM_API_KEY", "OPENAI_API_KEY"))
    agent_keys: str = Field(default="", validation_alias="BATON_AGENT_KEYS")
    llm_timeout: float = Field(default=10.0, gt=0, validation_alias="BATON_LLM_TIMEOUT")
    llm_max_retries: int = Field(default=1, ge=0, le=5, validation_alias="BATON_LLM_MAX_RETRIES")
    llm_embedding_model: str | None = Field(default=None, validation_alias="BATON_LLM_EMBEDDING_MODEL")
    # "e5" alone: about 12 ms less CPU a turn on 2 cores, at some accuracy (README, "The embedded engine")
    embedding: Literal["e5+minilm", "e5"] = Field(default="e5+minilm", validation_alias="BATON_EMBEDDING")
