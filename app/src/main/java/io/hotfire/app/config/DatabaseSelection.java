package io.hotfire.app.config;

import io.smallrye.config.ConfigSourceContext;
import io.smallrye.config.ConfigSourceFactory;
import io.smallrye.config.ConfigValue;
import io.smallrye.config.PropertiesConfigSource;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.eclipse.microprofile.config.spi.ConfigSource;

/**
 * Turns {@code hotfire.db.kind} into Quarkus datasource settings at start-up, so one jar serves
 * both databases.
 *
 * <p>Quarkus fixes a datasource's {@code db-kind} at build time, so the application is built with
 * two named datasources, {@code h2} and {@code postgresql}, each with its own persistence unit
 * over the same entities and its own Flyway. This source deactivates the datasource, persistence
 * unit and Flyway of the kind not chosen, and routes {@code hotfire.db.url/username/password} to
 * the chosen one ({@code hotfire.db.migration-username/password}, when set, to its Flyway). Its ordinal sits above application.properties and below system properties and
 * environment variables, so an explicit {@code quarkus.datasource."postgresql".*} still wins.
 *
 * <p>Durability (a 2xx means the data is on disk): an H2 URL given as {@code hotfire.db.url} without a
 * {@code WRITE_DELAY} gets {@code ;WRITE_DELAY=0} (application.properties' default URL carries it), since H2's default of 500 ms acknowledges commits that a killed process
 * never wrote; every PostgreSQL connection sets {@code synchronous_commit=on} (startup option), so a
 * server or role default of {@code off} cannot acknowledge a commit before its WAL is flushed.
 */
public final class DatabaseSelection implements ConfigSourceFactory {

    public static final String KIND = "hotfire.db.kind";
    static final List<String> KINDS = List.of("h2", "postgresql");
    static final int ORDINAL = 275;

    @Override
    public Iterable<ConfigSource> getConfigSources(ConfigSourceContext context) {
        String kind = value(context, KIND);
        kind = kind == null ? "h2" : kind.trim().toLowerCase(Locale.ROOT);
        if (!KINDS.contains(kind)) {
            throw new IllegalArgumentException(KIND + " must be one of " + KINDS + ", found '" + kind + "'");
        }
        Map<String, String> props = new HashMap<>();
        for (String k : KINDS) {
            String active = Boolean.toString(k.equals(kind));
            props.put("quarkus.datasource.\"" + k + "\".active", active);
            props.put("quarkus.hibernate-orm.\"" + k + "\".active", active);
            props.put("quarkus.flyway.\"" + k + "\".active", active);
        }
        route(context, props, "hotfire.db.url", "quarkus.datasource.\"" + kind + "\".jdbc.url");
        String h2Url = "quarkus.datasource.\"h2\".jdbc.url";
        if (kind.equals("h2") && props.containsKey(h2Url)) {
            props.put(h2Url, durableH2(props.get(h2Url)));
        } else if (kind.equals("postgresql") && value(context, PG_OPTIONS) == null) {
            props.put(PG_OPTIONS, "-c synchronous_commit=on");
        }
        route(context, props, "hotfire.db.username", "quarkus.datasource.\"" + kind + "\".username");
        route(context, props, "hotfire.db.password", "quarkus.datasource.\"" + kind + "\".password");
        route(context, props, "hotfire.db.migration-username", "quarkus.flyway.\"" + kind + "\".username");
        route(context, props, "hotfire.db.migration-password", "quarkus.flyway.\"" + kind + "\".password");
        return List.of(new PropertiesConfigSource(props, "hotfire database selection (" + KIND + "=" + kind + ")", ORDINAL));
    }

    /** The PostgreSQL driver's startup options of the application's connections. */
    static final String PG_OPTIONS = "quarkus.datasource.\"postgresql\".jdbc.additional-jdbc-properties.options";

    /** An H2 URL that commits without delay: {@code ;WRITE_DELAY=0} appended unless the URL sets WRITE_DELAY itself. */
    static String durableH2(String url) {
        return url.toUpperCase(Locale.ROOT).contains(";WRITE_DELAY=") ? url : url + ";WRITE_DELAY=0";
    }

    private static void route(ConfigSourceContext context, Map<String, String> props, String from, String to) {
        String v = value(context, from);
        if (v != null) {
            props.put(to, v);
        }
    }

    private static String value(ConfigSourceContext context, String name) {
        ConfigValue v = context.getValue(name);
        return v == null || v.getValue() == null || v.getValue().isBlank() ? null : v.getValue();
    }
}
