package io.hotfire.app.audit;

import io.hotfire.app.support.PostgresProfile;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;

/** The same on a real PostgreSQL (row lock on the chain head under READ COMMITTED). */
@QuarkusTest
@TestProfile(PostgresProfile.class)
class AuditChainConcurrencyPostgresTest extends AuditChainConcurrencyTest {
}
