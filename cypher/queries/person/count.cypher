// include: person/_filter
RETURN count(n) AS total
