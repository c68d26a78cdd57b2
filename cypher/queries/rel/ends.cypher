OPTIONAL MATCH (a:__FROM__ {id: $fromId})
OPTIONAL MATCH (b:__TO__ {id: $toId})
RETURN a IS NOT NULL AS fromExists, b IS NOT NULL AS toExists
