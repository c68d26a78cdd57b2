// include: match/_role_scores
RETURN count(r) AS total
