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


def read_input(path: str | Path, error: type[InputError]) -> str:
    """The text of an input file (a byte-order mark dropped), or `error` naming the file and, for
    text that is not UTF-8, the line of the first bad byte: a file saved as Windows-1252 or
    Latin-1 is a clear error, not a traceback."""
    path = Path(path)
    try:
        raw = path.read_bytes()
    except FileNotFoundError:
        raise error(path, None, "file not found") from None
    except IsADirectoryError:
        raise error(path, None, "is a folder, not a file") from None
    except OSError as exc:
        raise error(path, None, f"cannot be read ({exc.strerror or exc})") from None
    try:
        return raw.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        line = raw[:exc.start].count(b"\n") + 1
        raise error(path, f"line {line}",
                    f"not UTF-8 text (byte 0x{raw[exc.start]:02x}): save the file as UTF-8") from None


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
