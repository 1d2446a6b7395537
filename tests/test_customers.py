from datetime import date
from pathlib import Path

import pytest

from baton.customers import Customer, bypass_reasons, load_customers
from baton.errors import CustomersError, UnknownCustomer
from baton.policy import Bypass

RULES = Bypass(tiers=("vip", "enterprise"), min_arr=50000, renewal_within_days=30, warn_if_share_above=0.2)


def test_demo_customers_cover_the_tiers(customers):
    assert len(customers) >= 12
    assert {c.tier for c in customers} >= {"free", "plus", "vip", "enterprise"}


@pytest.mark.parametrize("record, expected", [
    ({"id": "a", "tier": "VIP"}, ["tier vip"]),
    ({"id": "b", "tier": "plus", "arr": 75000}, ["ARR 75,000 >= 50,000"]),
    ({"id": "c", "tier": "plus", "arr": 10, "renewal_date": "2026-12-10"}, ["renewal in 12 days"]),
    ({"id": "d", "tier": "plus", "arr": 10, "renewal_date": "2027-03-01"}, []),
    ({"id": "e", "tier": "plus", "renewal_date": "2026-11-01"}, []),  # already past
    ({"id": "f", "tier": "free", "arr": 0}, []),
])
def test_bypass_rules(record, expected, today):
    assert bypass_reasons(Customer.model_validate(record), RULES, today) == expected


def test_renewal_window_follows_the_clock():
    c = Customer.model_validate({"id": "x", "renewal_date": "2026-12-10"})
    assert bypass_reasons(c, RULES, date(2026, 11, 28))
    assert not bypass_reasons(c, RULES, date(2026, 6, 1))


def test_bypass_share_warns_when_everyone_is_vip(tmp_path: Path, today):
    f = tmp_path / "c.csv"
    f.write_text("id,name,email,tier,arr,renewal_date,plan\n1,a,,vip,0,,\n2,b,,vip,0,,\n3,c,,free,0,,\n")
    share = load_customers(f).bypass_share(RULES, today)
    assert (share.bypassed, share.total) == (2, 3)
    assert share.too_high and "WARNING" in share.message()
    calm = load_customers(f).bypass_share(Bypass(tiers=("nobody",), warn_if_share_above=0.5), today)
    assert not calm.too_high and "WARNING" not in calm.message()


def test_jsonl(tmp_path: Path):
    f = tmp_path / "c.jsonl"
    f.write_text('{"id": "j1", "tier": "plus", "arr": 12.5}\n\n{"id": "j2"}\n')
    people = load_customers(f)
    assert people.get("j1").arr == 12.5 and people.get("j2").tier == "free"


def test_bad_number_names_line_and_field(tmp_path: Path):
    f = tmp_path / "c.csv"
    f.write_text("id,name,email,tier,arr,renewal_date,plan\n1,a,,free,0,,\n2,b,,free,lots,,\n")
    with pytest.raises(CustomersError, match=r"c.csv: line 3, field 'arr'"):
        load_customers(f)


def test_bad_date_and_bad_json(tmp_path: Path):
    f = tmp_path / "c.csv"
    f.write_text("id,tier,renewal_date\n1,free,31/12/2026\n")
    with pytest.raises(CustomersError, match="line 2, field 'renewal_date'"):
        load_customers(f)
    j = tmp_path / "c.jsonl"
    j.write_text('{"id": "1"}\n{oops\n')
    with pytest.raises(CustomersError, match="line 2"):
        load_customers(j)


def test_duplicate_ids_and_unknown_ids(tmp_path: Path, customers):
    f = tmp_path / "c.csv"
    f.write_text("id,tier\n1,free\n1,plus\n")
    with pytest.raises(CustomersError, match="duplicate id '1'"):
        load_customers(f)
    with pytest.raises(UnknownCustomer):
        customers.get("nobody")


def test_a_file_not_saved_as_utf8_is_an_error_naming_file_and_line(tmp_path: Path):
    f = tmp_path / "customers.csv"
    text = "id,name,email,tier,arr,renewal_date,plan\nc-1,Ren\xe9e,r@example.com,free,0,,basic\n"
    f.write_bytes(text.encode("latin-1"))
    with pytest.raises(CustomersError, match=r"customers\.csv: line 2: not UTF-8 text \(byte 0xe9\)"):
        load_customers(f)
    with pytest.raises(CustomersError, match="is a folder"):
        load_customers(tmp_path)


def test_a_header_typed_with_spaces_or_capitals_still_fills_the_record(tmp_path: Path, today):
    """Columns ' tier' or 'ARR' were ignored as unknown, loading a VIP as a free customer who
    bypassed nothing."""
    from baton.policy import Bypass

    f = tmp_path / "c.csv"
    f.write_text("ID, Name, Email, Tier, ARR, Renewal_Date, Plan, Company\n"
                 "c-5, Ed, e@x.com, VIP, 60000, 2027-01-15, pro, Acme\n")
    c = load_customers(f).get("c-5")
    assert (c.name, c.tier, c.arr, c.renewal_date, c.plan) == ("Ed", "vip", 60000.0, date(2027, 1, 15), "pro")
    assert bypass_reasons(c, Bypass(tiers=["vip"]), today) == ["tier vip"]
    j = tmp_path / "c.jsonl"
    j.write_text('{"ID": "j-1", "Tier": "Enterprise", "ARR": 5}\n')
    assert (load_customers(j).get("j-1").tier, load_customers(j).get("j-1").arr) == ("enterprise", 5.0)
    f.write_text("id,tier,Tier\nc-6,vip,free\n")
    with pytest.raises(CustomersError, match="line 1: column.s. tier given twice"):
        load_customers(f)
