// Deletes every domain node in batches; migration records and schema are kept.
MATCH (n) WHERE NOT n:SchemaMigration
CALL (n) { DETACH DELETE n } IN TRANSACTIONS OF 10000 ROWS
