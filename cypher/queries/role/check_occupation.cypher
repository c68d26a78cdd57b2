MATCH (o:Role {id: $occupationId})
RETURN o.kind AS kind
