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
}
