// include: credential/_filter
RETURN count(n) AS total
