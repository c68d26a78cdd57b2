// include: role/_filter
RETURN count(n) AS total
