"""Small named exceptions. Every input error names the file and the line or key at fault."""

from __future__ import annotations

from pathlib import Path


class BatonError(Exception):
    """Base class for every error Baton raises on purpose."""


class InputError(BatonError):
    """A data file (knowledge base, customers, policy, conversations) is invalid.

    The message always starts with the file, then the line or key, then what is wrong.
    """

    def __init__(self, path: str | Path, where: str | None, problem: str) -> None:
        self.path = str(path)
        self.where = where
        self.problem = problem
        location = f"{self.path}: {where}" if where else self.path
        super().__init__(f"{location}: {problem}")


class PolicyError(InputError):
    """The policy file is invalid (unknown key, wrong type, unknown tag...)."""


class KnowledgeBaseError(InputError):
    """An article of the knowledge base is invalid."""


class CustomersError(InputError):
    """The customers file is invalid."""


class ConversationsError(InputError):
    """A recorded test conversation file is invalid."""


class UnknownCustomer(BatonError):
    """A customer id that the customers file does not hold."""
