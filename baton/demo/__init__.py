"""The shipped demo data: Lumo Home, a smart-home store with a subscription service."""

from pathlib import Path

DEMO_DIR = Path(__file__).parent
KB = DEMO_DIR / "kb"
CUSTOMERS = DEMO_DIR / "customers.csv"
POLICY = DEMO_DIR / "policy.toml"
