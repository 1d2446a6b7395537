"""The chat backend: FastAPI app over the graph and the application tables."""
