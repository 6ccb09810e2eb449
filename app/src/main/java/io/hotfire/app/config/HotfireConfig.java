package io.hotfire.app.config;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** Hotfire's own settings (environment variables: upper case, dots and dashes as underscores). */
@ConfigMapping(prefix = "hotfire")
public interface HotfireConfig {

    Domains domains();

    Db db();

    Ingest ingest();

    Monitors monitors();

    /** Governed knowledge changes (io.hotfire.app.knowledge; docs/knowledge-changes.md). */
    Knowledge knowledge();

    Learned learned();

    Auth auth();

    /** Kafka ingestion (io.hotfire.app.kafka; app/README.md "Kafka ingestion"). */
    Kafka kafka();

    /** Log format (io.hotfire.app.ops). */
    Log log();

    /** The compiled rule base cache (io.hotfire.rules.engine.RuleBaseCache). */
    Rules rules();

    interface Rules {
        /**
         * {@code hotfire.rules.cache}: the folder of cached compiled rule bases, or {@code off}. Read by
         * {@code RuleBaseCache} as a system property, which {@code HotfireMain} sets before the server
         * starts; declared here so that configuration validation knows the key (an undeclared
         * {@code hotfire.*} system property stops start-up with SRCFG00050).
         */
        Optional<String> cache();
    }

    interface Kafka {
        /** Consume the telemetry topic; off by default, so a single instance needs no broker. */
        @WithDefault("false")
        boolean enabled();

        @WithDefault("localhost:9092")
        String bootstrapServers();

        @WithDefault("hotfire.telemetry")
        String topic();

        @WithDefault("hotfire.telemetry.dlt")
        String deadLetterTopic();

        /** Consumer group: instances of one group share the topic's partitions. */
        @WithDefault("hotfire")
        String groupId();

        /** Records per poll, the unit of one batch of transactions. */
        @WithDefault("500")
        int maxPollRecords();

        /** Runs of one poll ingested in parallel when the poll's single transaction was refused. */
        @WithDefault("2")
        int workers();
    }

    interface Log {
        /** Structured JSON console logs instead of text lines. */
        @WithDefault("false")
        boolean json();
    }

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

        /**
         * Role Flyway migrates as (the owner of the tables); unset: the application's own role. In
         * PostgreSQL the migrations grant the application role what it needs and withhold UPDATE,
         * DELETE and TRUNCATE on the audit log.
         */
        Optional<String> migrationUsername();

        Optional<String> migrationPassword();
    }

    interface Ingest {
        /** Largest accepted request body in bytes; larger bodies get 413. */
        @WithDefault("16777216")
        long maxBodyBytes();

        /** Group commit of HTTP batches (io.hotfire.app.ingest; app/README.md "Group commit"). */
        GroupCommit groupCommit();
    }

    interface GroupCommit {
        /** Commit the HTTP batches waiting at one moment in one transaction; false = each request its own. */
        @WithDefault("true")
        boolean enabled();

        /** Most batches in one group transaction. */
        @WithDefault("64")
        int maxBatches();

        /** Most frames in one group transaction (a group's first batch is taken whatever its size). */
        @WithDefault("20000")
        int maxFrames();

        /**
         * Committer threads; runs are spread over them by run id, so a run's batches stay in order.
         * More lanes overlap their work but split the groups: on the 2-core benchmark machine one
         * lane's larger groups did better (docs/benchmarks.md).
         */
        @WithDefault("1")
        int committers();

        /**
         * A batch of more frames than this is ingested in its own transaction on its request's thread,
         * as without group commit: it amortises its own commit, and bulk uploads keep diagnosing in
         * parallel instead of queueing behind one committer thread.
         */
        @WithDefault("100")
        int directAboveFrames();

        /** Batches that may wait per committer; when full a request gets 503 with Retry-After. */
        @WithDefault("256")
        int queueCapacity();
    }

    interface Knowledge {
        /** How often every instance reads the active knowledge version of each domain. */
        @WithDefault("250ms")
        java.time.Duration poll();

        /**
         * An activated version takes effect this long after activation, so every instance has read and
         * compiled it first, also when a poll is slow on a loaded machine (1 s was too short there: KnowledgeSwitchIT).
         */
        @WithDefault("3s")
        java.time.Duration switchDelay();

        /** The shadow replays no more runs than this per proposal. */
        @WithDefault("5000")
        int shadowMaxRuns();

        /** A conclusion moving by at most this many seconds is no difference in a shadow. */
        @WithDefault("0.05")
        double shadowTolerance();
    }

    interface Monitors {
        /** Runs whose diagnosis state is kept in memory; the least recently fed is dropped first. */
        @WithDefault("64")
        int maxActive();
    }

    /** The OOD gate and learned pattern model that route each engine's windows (pipeline Router). */
    interface Learned {
        /**
         * {@code default}: per engine, the model file named in {@link #models()}, else, for a domain
         * with a digital twin and {@code learned.yaml}, the default model trained from the twin
         * (cached; built in the background on first start); other engines run on rules alone.
         * {@code off}: rules alone everywhere.
         */
        @WithDefault("default")
        String mode();

        /** Where default models are cached; unset: {@code $HOTFIRE_CACHE_DIR}, else {@code ~/.cache/hotfire}. */
        Optional<Path> cacheDir();

        /** A trained model file ({@code ./hotfire train}) per engine id. */
        Map<String, Path> models();
    }

    /** Who may sign in, and how; read by {@code io.hotfire.app.security.AuthSelection} before start-up. */
    interface Auth {
        /** {@code local} (built-in users, HTTP Basic; the default) or {@code oidc} (Keycloak). */
        @WithDefault("local")
        String mode();

        Oidc oidc();

        Local local();

        interface Oidc {
            /** The realm's issuer URL. */
            @WithDefault("http://127.0.0.1:8180/realms/hotfire")
            String url();

            /** Audience every API access token must carry. */
            @WithDefault("hotfire-api")
            String audience();

            /** Public client of the console (authorization code flow with PKCE). */
            @WithDefault("hotfire-console")
            String consoleClientId();

            /** Encrypts the console's state and session cookies; unset: random per process. From the environment only. */
            Optional<String> sessionSecret();
        }

        interface Local {
            /** Built-in users by name. */
            Map<String, User> users();

            interface User {
                /** bcrypt hash ({@code $2a$}/{@code $2b$}/{@code $2y$}); unset or empty: the user cannot sign in. */
                Optional<String> passwordHash();

                /** Hotfire roles of the user. */
                List<String> roles();
            }
        }
    }
}
