package io.hotfire.app.config;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import java.nio.file.Path;
import java.util.Optional;

/** Hotfire's own settings (environment variables: upper case, dots and dashes as underscores). */
@ConfigMapping(prefix = "hotfire")
public interface HotfireConfig {

    Domains domains();

    Db db();

    Ingest ingest();

    Monitors monitors();

    interface Domains {
        /** Folder holding one sub-folder per engine domain; relative paths start at the working directory. */
        @WithDefault("domains")
        Path dir();
    }

    /** Which database the single jar talks to; read by {@link DatabaseSelection} before start-up. */
    interface Db {
        /** {@code h2} (embedded file database, the default) or {@code postgresql}. */
        @WithDefault("h2")
        String kind();

        /** JDBC URL of the selected database; each kind has a default (see application.properties). */
        Optional<String> url();

        Optional<String> username();

        Optional<String> password();
    }

    interface Ingest {
        /** Largest accepted request body in bytes; larger bodies get 413. */
        @WithDefault("16777216")
        long maxBodyBytes();
    }

    interface Monitors {
        /** Runs whose diagnosis state is kept in memory; the least recently fed is dropped first. */
        @WithDefault("64")
        int maxActive();
    }
}
