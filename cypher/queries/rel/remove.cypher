MATCH (:__FROM__ {id: $fromId})-[r:__TYPE__]->(:__TO__ {id: $toId})
DELETE r
RETURN count(*) AS removed
