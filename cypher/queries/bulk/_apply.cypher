// Shared tail of the bulk upserts: x is the node or relationship just merged, created whether
// MERGE made it, props the properties the row wants. Properties and updatedAt are written only
// when something differs, so re-importing the same rows leaves them (and their timestamps) as
// they were. Returns how many rows created, updated and in all were written.
WITH x, created, props,
     created OR any(k IN keys(props)
                    WHERE NOT coalesce(x[k] = props[k], x[k] IS NULL AND props[k] IS NULL)) AS changed
FOREACH (_ IN CASE WHEN changed THEN [1] ELSE [] END | SET x += props, x.updatedAt = datetime())
RETURN sum(CASE WHEN created THEN 1 ELSE 0 END) AS created,
       sum(CASE WHEN changed AND NOT created THEN 1 ELSE 0 END) AS updated, count(*) AS total
