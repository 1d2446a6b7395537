from pathlib import Path

import pytest

from baton.errors import PolicyError
from baton.policy import load_policy, parse_policy

MINIMAL = {"skills": {"orders": {"queue": "fulfilment", "ai_closable": True},
                      "refunds": {"queue": "billing", "ai_closable": False}}}


def test_demo_policy_loads(policy):
    assert policy.confidence_threshold == 0.7
    assert policy.skills["refunds"].ai_closable is False
    assert set(policy.tags) >= {"orders", "returns", "refunds", "billing", "technical", "account", "sales"}


def test_unknown_key_is_named(tmp_path: Path):
    f = tmp_path / "p.toml"
    f.write_text('confidence_treshold = 0.5\n[skills.orders]\nqueue = "q"\n')
    with pytest.raises(PolicyError) as exc:
        load_policy(f)
    assert str(f) in str(exc.value) and "confidence_treshold" in str(exc.value) and "unknown key" in str(exc.value)


def test_nested_invalid_value_is_named(tmp_path: Path):
    f = tmp_path / "p.toml"
    f.write_text('[bypass]\nmin_arr = -5\n[skills.orders]\nqueue = "q"\n')
    with pytest.raises(PolicyError, match=r"key 'bypass.min_arr'"):
        load_policy(f)


def test_threshold_out_of_range():
    with pytest.raises(PolicyError, match="confidence_threshold"):
        parse_policy({**MINIMAL, "confidence_threshold": 1.5})


def test_routing_must_be_known():
    with pytest.raises(PolicyError, match="routing"):
        parse_policy({**MINIMAL, "routing": "round_robin"})


def test_bad_toml_names_file(tmp_path: Path):
    f = tmp_path / "p.toml"
    f.write_text("confidence_threshold = = 1")
    with pytest.raises(PolicyError, match="not valid TOML"):
        load_policy(f)


def test_skill_routing_and_single_queue():
    p = parse_policy(MINIMAL)
    assert p.queue_for("refunds") == "billing"
    assert p.queue_for("unknown-tag") == p.default_queue
    single = parse_policy({**MINIMAL, "routing": "single_queue", "default_queue": "everyone"})
    assert single.queue_for("refunds") == "everyone"
    assert single.closable("refunds") is False  # routing off does not make a tag closable


def test_a_policy_saved_with_a_byte_order_mark_loads(tmp_path: Path):
    f = tmp_path / "p.toml"
    f.write_bytes(b"\xef\xbb\xbf" + b'confidence_threshold = 0.6\r\n[skills.orders]\r\nqueue = "q"\r\n')
    assert load_policy(f).confidence_threshold == 0.6


def test_a_policy_not_saved_as_utf8_is_an_error_naming_file_and_line(tmp_path: Path):
    f = tmp_path / "policy.toml"
    f.write_bytes('confidence_threshold = 0.7\ndefault_queue = "g\xe9n\xe9ral"\n'.encode("latin-1"))
    with pytest.raises(PolicyError, match=r"policy\.toml: line 2: not UTF-8 text"):
        load_policy(f)
