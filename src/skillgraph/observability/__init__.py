"""What operators see: Prometheus metrics, optional OpenTelemetry traces, structured logs.

Per request the cost is a few counter and histogram updates and one ``ContextVar``; per
Cypher round trip two clock reads. Tracing code is a no-op unless ``SKILLGRAPH_TRACING`` is
set (and the ``tracing`` extra installed).
"""
