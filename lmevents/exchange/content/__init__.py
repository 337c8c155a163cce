"""The exchange's content: topics, the enterprises' presentations and the needs posted."""
