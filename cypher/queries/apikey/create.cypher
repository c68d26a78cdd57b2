CREATE (k:ApiKey {id: $id, hash: $hash, role: $role, personId: $personId, name: $name,
                  createdAt: datetime(), revokedAt: null})
RETURN k {.id, .role, .personId, .name, .createdAt} AS key
