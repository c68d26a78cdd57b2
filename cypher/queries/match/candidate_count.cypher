// include: match/_scores
RETURN count(p) AS total
