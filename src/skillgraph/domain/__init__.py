"""Pure domain logic: plain data in, plain data out; no I/O, no database, no GraphQL."""
