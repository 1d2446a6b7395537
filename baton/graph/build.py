"""The handoff graph, wired as the diagram in DESIGN.md reads.

START -> owner_check --(human owns)--> forward_to_agent -> END
owner_check -> user_request --(asks for a human)--> summarize -> escalate -> END
user_request -> tier_check --(bypass)--> summarize
tier_check -> intent_split -> answer x N (Send) -> self_grade -> decide --(answer)--> reply -> END
decide --(handoff or partial)--> summarize
"""

from __future__ import annotations

from langgraph.checkpoint.base import BaseCheckpointSaver
from langgraph.graph import END, START, StateGraph
from langgraph.graph.state import CompiledStateGraph

from baton.graph.context import Deps
from baton.graph.routing import after_decide, after_owner_check, after_tier_check, after_user_request, fan_out
from baton.graph.state import BatonState
from baton.nodes._safe import safe
from baton.nodes.answer import answer
from baton.nodes.decide import decide
from baton.nodes.escalate import escalate
from baton.nodes.forward_to_agent import forward_to_agent
from baton.nodes.intent_split import intent_split
from baton.nodes.owner_check import owner_check
from baton.nodes.reply import reply
from baton.nodes.self_grade import self_grade
from baton.nodes.summarize import summarize
from baton.nodes.tier_check import tier_check
from baton.nodes.user_request import user_request

NODES = {
    "owner_check": owner_check, "forward_to_agent": forward_to_agent, "user_request": user_request,
    "tier_check": tier_check, "intent_split": intent_split, "answer": answer, "self_grade": self_grade,
    "decide": decide, "reply": reply, "summarize": summarize, "escalate": escalate,
}
# summarize and escalate are the safety net itself: they must run even after a failure.
UNGUARDED = {"summarize", "escalate"}


def build_graph(checkpointer: BaseCheckpointSaver | None = None) -> CompiledStateGraph:
    g = StateGraph(BatonState, context_schema=Deps)
    for name, node in NODES.items():
        g.add_node(name, node if name in UNGUARDED else safe(name, node))

    g.add_edge(START, "owner_check")
    g.add_conditional_edges("owner_check", after_owner_check)
    g.add_edge("forward_to_agent", END)
    g.add_conditional_edges("user_request", after_user_request)
    g.add_conditional_edges("tier_check", after_tier_check)
    g.add_conditional_edges("intent_split", fan_out, ["answer", "decide", "summarize"])
    g.add_edge("answer", "self_grade")
    g.add_edge("self_grade", "decide")
    g.add_conditional_edges("decide", after_decide)
    g.add_edge("reply", END)
    g.add_edge("summarize", "escalate")
    g.add_edge("escalate", END)
    return g.compile(checkpointer=checkpointer)
