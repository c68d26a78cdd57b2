// The nodes with these ids (missing ones are absent from the result).
UNWIND $ids AS id
MATCH (n:__LABEL__ {id: id})
RETURN id, n {.*, createdAt: toString(n.createdAt), updatedAt: toString(n.updatedAt)} AS node
