-- 005: each report keeps its clustering decision (crossdoc/similarity.ts PairDecision as JSON: the
-- event it was compared with, the score, the threshold, the features and their contributions, or
-- the veto), so the event page can say why two reports are one event. NULL for older reports.
ALTER TABLE event_reports ADD COLUMN match_json TEXT;
