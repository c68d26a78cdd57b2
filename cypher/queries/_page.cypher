// Keyset page over rows (n, key): strictly after ($afterKey, $afterId) in the chosen direction.
// $desc flips the order; sorting by (key, id) keeps pages stable while rows are inserted.
WITH n, key
WHERE $afterId IS NULL
   OR (NOT $desc AND (key > $afterKey OR (key = $afterKey AND n.id > $afterId)))
   OR ($desc AND (key < $afterKey OR (key = $afterKey AND n.id < $afterId)))
RETURN n {.*} AS node, key, n.id AS id
ORDER BY CASE WHEN $desc THEN null ELSE key END ASC, CASE WHEN $desc THEN key END DESC,
         CASE WHEN $desc THEN null ELSE id END ASC, CASE WHEN $desc THEN id END DESC
LIMIT $limit
