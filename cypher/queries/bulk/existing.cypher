// Which of these uris exist with the label (for validating references before a write).
UNWIND $uris AS uri
MATCH (n:__LABEL__ {uri: uri})
RETURN collect(n.uri) AS found
