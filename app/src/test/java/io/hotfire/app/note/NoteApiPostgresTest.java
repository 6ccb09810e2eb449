package io.hotfire.app.note;

import io.hotfire.app.support.PostgresProfile;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;

/** The same tests against a real PostgreSQL (V6 on PostgreSQL, the application role's privileges). */
@QuarkusTest
@TestProfile(PostgresProfile.class)
class NoteApiPostgresTest extends NoteApiTest {
}
