// include: skill/_filter
RETURN count(n) AS total
