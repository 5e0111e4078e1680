-- 002: filtered queries that stay fast on large stores.
-- Actor filter: event_actors carries the event's sort date, so "events of actor X, newest first"
-- reads one index range instead of sorting every event of X.
ALTER TABLE event_actors ADD COLUMN sort_date TEXT NOT NULL DEFAULT '';
UPDATE event_actors SET sort_date = COALESCE((SELECT sort_date FROM events WHERE events.id = event_actors.event_id), '');
CREATE INDEX event_actors_sort ON event_actors(entity, sort_date DESC, event_id);

-- Distance filter: an R*Tree of event points (id = events.rowid); --near reads a bounding box,
-- then the exact great-circle distance is checked on the few rows inside it.
CREATE VIRTUAL TABLE events_geo USING rtree(id, min_lat, max_lat, min_lon, max_lon);
INSERT INTO events_geo SELECT rowid, lat, lat, lon, lon FROM events WHERE deleted = 0 AND lat IS NOT NULL AND lon IS NOT NULL;

-- Indexes no query uses (the R*Tree replaces the latitude index; the change feed reads by seq):
-- every index is one more B-tree written per document.
DROP INDEX IF EXISTS events_lat;
DROP INDEX IF EXISTS changes_event;
