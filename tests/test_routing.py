from langgraph.types import Send

from baton.graph import routing


def test_owner_check_routes_human_owned_to_agent():
    assert routing.after_owner_check({"owner": "human"}) == "forward_to_agent"
    assert routing.after_owner_check({"owner": "ai"}) == "user_request"
    assert routing.after_owner_check({}) == "user_request"


def test_user_request_router():
    assert routing.after_user_request({"user_request": True}) == "summarize"
    assert routing.after_user_request({"result": {"outcome": "refused"}}) == "__end__"
    assert routing.after_user_request({}) == "tier_check"
    assert routing.after_user_request({"failures": [{"node": "x", "error": "y"}]}) == "summarize"


def test_tier_router():
    assert routing.after_tier_check({"bypass": ["tier vip"]}) == "summarize"
    assert routing.after_tier_check({"bypass": []}) == "intent_split"


def test_fan_out_sends_one_branch_per_intent():
    intents = [{"index": 0, "text": "a"}, {"index": 1, "text": "b"}]
    sends = routing.fan_out({"intents": intents})
    assert [s.node for s in sends] == ["answer", "answer"] and all(isinstance(s, Send) for s in sends)
    assert [s.arg["intent"]["text"] for s in sends] == ["a", "b"]
    assert routing.fan_out({"intents": []}) == "decide"
    assert routing.fan_out({"intents": intents, "failures": [{"node": "n", "error": "e"}]}) == "summarize"


def test_decide_router():
    assert routing.after_decide({"decision": {"outcome": "answer"}}) == "reply"
    assert routing.after_decide({"decision": {"outcome": "partial"}}) == "summarize"
    assert routing.after_decide({"decision": {"outcome": "handoff"}}) == "summarize"
