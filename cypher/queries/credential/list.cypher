// include: credential/_filter
WITH n, CASE $order
  WHEN 'NAME' THEN toLower(n.name)
  WHEN 'COST' THEN coalesce(n.costValue, 1.0e18)
  WHEN 'DURATION' THEN coalesce(n.durationHours, 1.0e18)
  WHEN 'CREATED_AT' THEN n.createdAt.epochMillis
  WHEN 'UPDATED_AT' THEN n.updatedAt.epochMillis
END AS key
// include: _page
