"""One step of the handoff graph per module; each node maps state to a partial update."""
