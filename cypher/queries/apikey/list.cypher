MATCH (k:ApiKey)
RETURN k {.id, .role, .personId, .name, .createdAt, .revokedAt} AS key
ORDER BY k.createdAt, k.id
