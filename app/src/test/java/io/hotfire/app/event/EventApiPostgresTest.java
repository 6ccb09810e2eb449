package io.hotfire.app.event;

import io.hotfire.app.support.PostgresProfile;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;

/** The same tests against a real PostgreSQL. */
@QuarkusTest
@TestProfile(PostgresProfile.class)
class EventApiPostgresTest extends EventApiTest {
}
