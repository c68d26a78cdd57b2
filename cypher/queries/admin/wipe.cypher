// Deletes every domain node in batches; schema, migration records and API keys are kept.
MATCH (n) WHERE NOT n:SchemaMigration AND NOT n:ApiKey
CALL (n) { DETACH DELETE n } IN TRANSACTIONS OF 10000 ROWS
