// include: credential/_filter
WITH n, CASE $order
  WHEN 'NAME' THEN toLower(n.name)
  // Unknown cost or duration sorts last in either direction.
  WHEN 'COST' THEN coalesce(n.costValue, CASE WHEN $desc THEN -1.0e18 ELSE 1.0e18 END)
  WHEN 'DURATION' THEN coalesce(n.durationHours, CASE WHEN $desc THEN -1.0e18 ELSE 1.0e18 END)
  WHEN 'CREATED_AT' THEN n.createdAt.epochMillis
  WHEN 'UPDATED_AT' THEN n.updatedAt.epochMillis
END AS key
// include: _page
