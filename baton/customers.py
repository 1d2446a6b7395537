"""Customer records (CSV or JSON lines) and the high-value bypass rules applied to them."""

from __future__ import annotations

import csv
import json
from dataclasses import dataclass
from datetime import date
from pathlib import Path
from typing import Any, Iterable

from pydantic import BaseModel, ConfigDict, Field, ValidationError, field_validator

from baton.errors import CustomersError, UnknownCustomer, read_input
from baton.policy import Bypass

FIELDS = ("id", "name", "email", "tier", "arr", "renewal_date", "plan")


class Customer(BaseModel):
    """One customer record. Only the record decides the tier, never the customer's words."""

    model_config = ConfigDict(extra="ignore", frozen=True)
    id: str = Field(min_length=1)
    name: str = ""
    email: str = ""
    tier: str = "free"
    arr: float = Field(default=0.0, ge=0)
    renewal_date: date | None = None
    plan: str = ""

    @field_validator("renewal_date", mode="before")
    @classmethod
    def _empty_is_none(cls, value: Any) -> Any:
        return None if value in ("", None) else value

    @field_validator("arr", mode="before")
    @classmethod
    def _empty_arr(cls, value: Any) -> Any:
        return 0 if value in ("", None) else value

    @field_validator("tier", mode="before")
    @classmethod
    def _tier_lower(cls, value: Any) -> Any:
        return (value or "free").strip().lower() if isinstance(value, str) else value


def bypass_reasons(customer: Customer, rules: Bypass, today: date) -> list[str]:
    """Which bypass rules the customer matches, as human-readable strings (empty: none)."""
    reasons: list[str] = []
    if customer.tier in {t.lower() for t in rules.tiers}:
        reasons.append(f"tier {customer.tier}")
    if rules.min_arr is not None and customer.arr >= rules.min_arr:
        reasons.append(f"ARR {customer.arr:,.0f} >= {rules.min_arr:,.0f}")
    if rules.renewal_within_days is not None and customer.renewal_date is not None:
        days = (customer.renewal_date - today).days
        if 0 <= days <= rules.renewal_within_days:
            reasons.append(f"renewal in {days} days")
    return reasons


@dataclass(frozen=True)
class BypassShare:
    """How many customers the bypass rules send straight to a human."""

    bypassed: int
    total: int
    limit: float

    @property
    def share(self) -> float:
        return self.bypassed / self.total if self.total else 0.0

    @property
    def too_high(self) -> bool:
        return self.share > self.limit

    def message(self) -> str:
        text = f"{self.bypassed} of {self.total} customers ({self.share:.0%}) bypass the AI"
        if self.too_high:
            text += (f" - WARNING: above warn_if_share_above={self.limit:.0%}; when everyone is VIP,"
                     " nobody is: tighten the [bypass] rules")
        return text


class Customers:
    """The loaded customers file, by id."""

    def __init__(self, records: Iterable[Customer], source: str = "<memory>") -> None:
        self.source = source
        self._by_id = {c.id: c for c in records}

    def __len__(self) -> int:
        return len(self._by_id)

    def __iter__(self):
        return iter(self._by_id.values())

    def __contains__(self, customer_id: object) -> bool:
        return customer_id in self._by_id

    def get(self, customer_id: str) -> Customer:
        try:
            return self._by_id[customer_id]
        except KeyError:
            raise UnknownCustomer(f"unknown customer id {customer_id!r} (not in {self.source})") from None

    def bypass_share(self, rules: Bypass, today: date) -> BypassShare:
        hit = sum(1 for c in self if bypass_reasons(c, rules, today))
        return BypassShare(hit, len(self), rules.warn_if_share_above)


def _validate(row: dict[str, Any], path: Path, line: int) -> Customer:
    try:  # " vip", " 2027-01-15": a header typed with spaces after the commas has its values spaced too
        return Customer.model_validate({k: v.strip() if isinstance(v, str) else v for k, v in row.items()})
    except ValidationError as exc:
        err = exc.errors()[0]
        field = ".".join(str(p) for p in err["loc"])
        raise CustomersError(path, f"line {line}, field '{field}'", err["msg"]) from None


def _column_names(path: Path, where: str, names: list[str]) -> list[str]:
    """Field names as the record spells them: "ID" and " tier" (a header typed with spaces after
    the commas) are `id` and `tier`, instead of columns silently ignored, which would load a VIP
    as a free customer."""
    out = [str(n).strip().lower() for n in names]
    twice = sorted({n for n in out if out.count(n) > 1})
    if twice:
        raise CustomersError(path, where, f"column(s) {', '.join(twice)} given twice")
    return out


def _rows_csv(path: Path, text: str) -> Iterable[tuple[int, dict[str, Any]]]:
    reader = csv.DictReader(text.splitlines())
    reader.fieldnames = _column_names(path, "line 1", reader.fieldnames or [])
    missing = [f for f in ("id",) if f not in reader.fieldnames]
    if missing:
        raise CustomersError(path, "line 1", f"header lacks column(s) {', '.join(missing)}; "
                             f"expected {','.join(FIELDS)}")
    for row in reader:
        if None in row:
            raise CustomersError(path, f"line {reader.line_num}", "more values than header columns")
        yield reader.line_num, row


def _rows_jsonl(path: Path, text: str) -> Iterable[tuple[int, dict[str, Any]]]:
    for number, raw in enumerate(text.splitlines(), start=1):
        if not raw.strip():
            continue
        try:
            row = json.loads(raw)
        except json.JSONDecodeError as exc:
            raise CustomersError(path, f"line {number}", f"not valid JSON: {exc.msg}") from None
        if not isinstance(row, dict):
            raise CustomersError(path, f"line {number}", "expected a JSON object")
        yield number, dict(zip(_column_names(path, f"line {number}", list(row)), row.values()))


def load_customers(path: str | Path) -> Customers:
    """Load a customers CSV or JSON-lines file; all or nothing."""
    path = Path(path)
    text = read_input(path, CustomersError)
    rows = _rows_jsonl(path, text) if path.suffix in {".jsonl", ".ndjson", ".json"} else _rows_csv(path, text)
    records: list[Customer] = []
    seen: dict[str, int] = {}
    for line, row in rows:
        customer = _validate(row, path, line)
        if customer.id in seen:
            raise CustomersError(path, f"line {line}", f"duplicate id {customer.id!r} (first on line {seen[customer.id]})")
        seen[customer.id] = line
        records.append(customer)
    return Customers(records, source=str(path))
