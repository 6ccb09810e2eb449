package io.hotfire.app.ingest;

import io.hotfire.app.support.PostgresProfile;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;

/** The same tests against a real PostgreSQL (real row locks, real commits). */
@QuarkusTest
@TestProfile(PostgresProfile.class)
class GroupCommitPostgresTest extends GroupCommitTest {
}
