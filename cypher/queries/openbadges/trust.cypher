// What verifying badges needs from the graph: for each credential uri, the uri of the
// provider offering it (providerUri null when the provider has none; no row when the
// credential is not in the graph); for each issuer uri, the keys pinned on that provider.
CALL () {
  UNWIND $credentialUris AS uri
  MATCH (c:Credential {uri: uri})
  OPTIONAL MATCH (p:Provider)-[:OFFERS]->(c)
  RETURN collect({credentialUri: uri, providerUri: p.uri, provider: p IS NOT NULL}) AS offered
}
CALL () {
  UNWIND $issuerUris AS uri
  MATCH (p:Provider {uri: uri})
  RETURN collect({issuerUri: uri, keys: coalesce(p.verificationKeys, [])}) AS pinned
}
RETURN offered, pinned
