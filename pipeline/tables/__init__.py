"""The shape of the tables: the registry from the spec, Arrow types, ids, links and frames."""
