-- 004 (PostgreSQL): each report keeps its clustering decision (crossdoc/similarity.ts PairDecision:
-- the event compared with, score, threshold, features and contributions, or the veto), so the event
-- page can say why two reports are one event. NULL for older reports.
ALTER TABLE event_reports ADD COLUMN match_json jsonb;
