package io.hotfire.app.persistence;

import io.hotfire.app.support.PostgresProfile;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;

@QuarkusTest
@TestProfile(PostgresProfile.class)
class ActiveDatabasePostgresTest extends ActiveDatabaseTest {

    @Override
    protected String expectedProduct() {
        return "PostgreSQL";
    }

    /** The embedded server's default is off (zonky's setting); the application's connections must not take it. */
    @Override
    protected String durabilitySetting() {
        return session.createNativeQuery("show synchronous_commit", String.class).getSingleResult();
    }

    @Override
    protected String expectedDurabilitySetting() {
        return "on";
    }
}
