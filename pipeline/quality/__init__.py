"""Check tables: schema validation, verifying a published dataset, scoring against gold."""
