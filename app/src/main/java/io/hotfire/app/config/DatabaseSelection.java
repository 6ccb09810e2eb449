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
        route(context, props, "hotfire.db.username", "quarkus.datasource.\"" + kind + "\".username");
        route(context, props, "hotfire.db.password", "quarkus.datasource.\"" + kind + "\".password");
        route(context, props, "hotfire.db.migration-username", "quarkus.flyway.\"" + kind + "\".username");
        route(context, props, "hotfire.db.migration-password", "quarkus.flyway.\"" + kind + "\".password");
        return List.of(new PropertiesConfigSource(props, "hotfire database selection (" + KIND + "=" + kind + ")", ORDINAL));
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
