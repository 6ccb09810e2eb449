-- One alarm per condition (ISA-18.2): escalations of the same sensor and limit (warning, redline,
-- unconfirmed redline, the abort on it) update one alarm instead of adding rows. The condition's
-- members are the evidence keys that currently hold it, with their severities (JSON object); the
-- condition clears when its last non-latched member clears.
ALTER TABLE alarm ADD COLUMN members VARCHAR(2000) DEFAULT '{}' NOT NULL;
-- The first alarm raised in its run: where a cascade of alarms started.
ALTER TABLE alarm ADD COLUMN first_out BOOLEAN DEFAULT FALSE NOT NULL;
