// The currency most ACTIVE priced credentials use (ties: alphabetical); none when unpriced.
MATCH (c:Credential {status: 'ACTIVE'})
WHERE c.costCurrency IS NOT NULL
RETURN c.costCurrency AS currency, count(*) AS n
ORDER BY n DESC, currency
LIMIT 1
