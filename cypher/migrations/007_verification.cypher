// Badge verification: imported status lists by URL, and the awards that name a list.
CREATE CONSTRAINT status_list_url IF NOT EXISTS FOR (s:StatusList) REQUIRE s.url IS UNIQUE;
CREATE INDEX earned_status_list IF NOT EXISTS FOR ()-[e:EARNED]-() ON (e.statusListUrl);
