// include: skill/_filter
WITH n, CASE $order
  WHEN 'NAME' THEN toLower(n.name)
  WHEN 'CREATED_AT' THEN n.createdAt.epochMillis
  WHEN 'UPDATED_AT' THEN n.updatedAt.epochMillis
END AS key
// include: _page
