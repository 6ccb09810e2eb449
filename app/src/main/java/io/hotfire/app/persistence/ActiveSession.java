package io.hotfire.app.persistence;

import io.hotfire.app.config.HotfireConfig;
import io.quarkus.hibernate.orm.PersistenceUnit;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Instance;
import jakarta.enterprise.inject.Produces;
import jakarta.inject.Inject;
import java.util.Locale;
import org.hibernate.Session;

/**
 * The Hibernate session of the database chosen by {@code hotfire.db.kind}: the application has one
 * persistence unit per datasource (same entities) and only the chosen one is active.
 */
@ApplicationScoped
public class ActiveSession {

    @Inject
    @PersistenceUnit("h2")
    Instance<Session> h2;

    @Inject
    @PersistenceUnit("postgresql")
    Instance<Session> postgresql;

    @Inject
    HotfireConfig config;

    @Produces
    @ApplicationScoped
    Session session() {
        return "postgresql".equals(config.db().kind().trim().toLowerCase(Locale.ROOT)) ? postgresql.get() : h2.get();
    }
}
