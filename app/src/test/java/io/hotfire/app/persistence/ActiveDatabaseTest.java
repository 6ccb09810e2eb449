package io.hotfire.app.persistence;

import static org.assertj.core.api.Assertions.assertThat;

import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import jakarta.transaction.Transactional;
import org.hibernate.Session;
import org.junit.jupiter.api.Test;

/** The session the application uses talks to the database hotfire.db.kind selected, with the Flyway schema. */
@QuarkusTest
class ActiveDatabaseTest {

    @Inject
    Session session;

    protected String expectedProduct() {
        return "H2";
    }

    @Test
    @Transactional
    void theApplicationSessionIsOnTheSelectedDatabase() {
        String product = session.doReturningWork(c -> c.getMetaData().getDatabaseProductName());

        assertThat(product).isEqualTo(expectedProduct());
    }

    /** A 2xx means committed data is on disk: H2 writes each commit at once, PostgreSQL commits synchronously. */
    @Test
    @Transactional
    void commitsAreWrittenBeforeTheyAreAcknowledged() {
        assertThat(durabilitySetting()).isEqualTo(expectedDurabilitySetting());
    }

    protected String durabilitySetting() {
        return session.createNativeQuery(
                        "select setting_value from information_schema.settings where setting_name = 'WRITE_DELAY'", String.class)
                .getSingleResult();
    }

    protected String expectedDurabilitySetting() {
        return "0";
    }

    @Test
    @Transactional
    void flywayAppliedTheMigrationsThatTheEntitiesWereValidatedAgainst() {
        Long applied = session.createNativeQuery(
                        "select count(*) from \"flyway_schema_history\" where \"success\" = true and \"version\" is not null", Long.class)
                .getSingleResult();

        assertThat(applied).isGreaterThanOrEqualTo(3);
    }
}
