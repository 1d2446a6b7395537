"""Engines behind the nodes: the embedded offline default (retrieval + calibrated confidence)."""
