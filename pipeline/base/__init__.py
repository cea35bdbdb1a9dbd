"""Shared helpers every stage may use: errors, one-line messages, durable writes."""
