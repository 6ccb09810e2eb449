-- System alarms (#16): an alarm that belongs to no run and no diagnosis event, such as a broken audit
-- chain detected against its checkpoints (io.hotfire.app.audit.AuditCheckpoints). run_id and
-- last_event_id are NULL for them; every alarm raised from a run's events keeps both.
ALTER TABLE alarm ALTER COLUMN run_id DROP NOT NULL;
ALTER TABLE alarm ALTER COLUMN last_event_id DROP NOT NULL;
ALTER TABLE alarm_notification ALTER COLUMN run_id DROP NOT NULL;
