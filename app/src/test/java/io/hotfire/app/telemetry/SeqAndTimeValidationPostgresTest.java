package io.hotfire.app.telemetry;

import io.hotfire.app.support.PostgresProfile;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;

@QuarkusTest
@TestProfile(PostgresProfile.class)
class SeqAndTimeValidationPostgresTest extends SeqAndTimeValidationTest {
}
