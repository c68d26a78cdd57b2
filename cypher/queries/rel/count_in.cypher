// How many children each parent has over (parent)<-[:__TYPE__]-(:__CHILD__).
UNWIND $ids AS id
MATCH (parent:__PARENT__ {id: id})
RETURN id AS parentId, COUNT { (parent)<-[:__TYPE__]-(:__CHILD__) } AS total
