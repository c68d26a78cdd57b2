UNWIND $uris AS uri
MATCH (n:__LABEL__ {uri: uri})
RETURN uri, n {.*, createdAt: toString(n.createdAt), updatedAt: toString(n.updatedAt)} AS node
