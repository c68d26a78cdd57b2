// include: role/_filter
WITH n, CASE $order
  WHEN 'TITLE' THEN toLower(n.title)
  WHEN 'CREATED_AT' THEN n.createdAt.epochMillis
  WHEN 'UPDATED_AT' THEN n.updatedAt.epochMillis
END AS key
// include: _page
