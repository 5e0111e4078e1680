-- 003: "events of actor X" combined with type, country or dates is answered from one index range
-- (event type and country copied onto event_actors), so only the returned events are read.
ALTER TABLE event_actors ADD COLUMN type TEXT;
ALTER TABLE event_actors ADD COLUMN country TEXT;
UPDATE event_actors SET
  type = (SELECT type FROM events WHERE events.id = event_actors.event_id),
  country = (SELECT country FROM events WHERE events.id = event_actors.event_id);
DROP INDEX IF EXISTS event_actors_sort;
CREATE INDEX event_actors_sort ON event_actors(entity, sort_date DESC, event_id, type, country);
