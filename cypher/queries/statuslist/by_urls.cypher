// Imported status lists by URL.
UNWIND $urls AS url
MATCH (s:StatusList {url: url})
RETURN s {.*} AS list
