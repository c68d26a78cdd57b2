// include: provider/_filter
RETURN count(n) AS total
