-- PostgreSQL only: the application role may add and read audit records, never change or remove
-- them. ${app_role} is the role the application connects as (hotfire.db.username). When Flyway runs
-- as another role (hotfire.db.migration-username, the tables' owner), the grants below give the
-- application role what it needs; when both are one role, the REVOKE takes UPDATE, DELETE and
-- TRUNCATE on audit_record from the owner itself. A superuser is not bound by privileges, so the
-- trigger refuses UPDATE, DELETE and TRUNCATE to every role, superusers included (a superuser can
-- still switch triggers off; verification then names the row it changed).

GRANT SELECT, INSERT, UPDATE, DELETE ON run, run_frame, run_event, alarm, alarm_comment, alarm_notification TO "${app_role}";
GRANT SELECT, UPDATE ON audit_chain_head TO "${app_role}";
GRANT SELECT ON "${flyway:table}" TO "${app_role}";
GRANT USAGE, SELECT ON ALL SEQUENCES IN SCHEMA "${flyway:defaultSchema}" TO "${app_role}";
-- Tables and sequences later migrations create (as the same owner) get the application's privileges.
ALTER DEFAULT PRIVILEGES IN SCHEMA "${flyway:defaultSchema}" GRANT SELECT, INSERT, UPDATE, DELETE ON TABLES TO "${app_role}";
ALTER DEFAULT PRIVILEGES IN SCHEMA "${flyway:defaultSchema}" GRANT USAGE, SELECT ON SEQUENCES TO "${app_role}";

REVOKE ALL ON audit_record FROM PUBLIC;
REVOKE UPDATE, DELETE, TRUNCATE, REFERENCES, TRIGGER ON audit_record FROM "${app_role}";
GRANT SELECT, INSERT ON audit_record TO "${app_role}";

CREATE FUNCTION audit_record_append_only() RETURNS trigger
    LANGUAGE plpgsql AS
$$
BEGIN
    RAISE EXCEPTION 'audit_record is append-only: % refused', TG_OP
        USING ERRCODE = 'insufficient_privilege';
END
$$;

CREATE TRIGGER audit_record_no_update_or_delete
    BEFORE UPDATE OR DELETE ON audit_record
    FOR EACH ROW EXECUTE FUNCTION audit_record_append_only();

CREATE TRIGGER audit_record_no_truncate
    BEFORE TRUNCATE ON audit_record
    FOR EACH STATEMENT EXECUTE FUNCTION audit_record_append_only();
