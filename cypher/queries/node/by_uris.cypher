UNWIND $uris AS uri
MATCH (n:__LABEL__ {uri: uri})
RETURN uri, n {.*} AS node
