package io.hotfire.app.audit;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class ConfigSnapshotTest {

    @Test
    void keysNamingPasswordsSecretsCredentialsOrHashesAreMasked() {
        assertThat(ConfigSnapshot.mask("hotfire.db.password", "s3cret")).isEqualTo("***");
        assertThat(ConfigSnapshot.mask("quarkus.datasource.\"postgresql\".password", "s3cret")).isEqualTo("***");
        assertThat(ConfigSnapshot.mask("quarkus.oidc.credentials.secret", "s3cret")).isEqualTo("***");
        assertThat(ConfigSnapshot.mask("quarkus.oidc.console.authentication.state-secret", "s3cret")).isEqualTo("***");
        assertThat(ConfigSnapshot.mask("hotfire.auth.local.users.lead.password-hash", "$2a$10$abc")).isEqualTo("***");
        assertThat(ConfigSnapshot.mask("hotfire.db.migration-password", "")).isEmpty();
    }

    @Test
    void passwordsInsideJdbcUrlsAreMasked_theRestOfTheUrlKept() {
        assertThat(ConfigSnapshot.mask("hotfire.db.url", "jdbc:postgresql://db:5432/hotfire?user=app&password=s3cret&ssl=true"))
                .isEqualTo("jdbc:postgresql://db:5432/hotfire?user=app&password=***&ssl=true");
        assertThat(ConfigSnapshot.mask("hotfire.db.url", "jdbc:postgresql://app:s3cret@db:5432/hotfire"))
                .isEqualTo("jdbc:postgresql://app:***@db:5432/hotfire");
        assertThat(ConfigSnapshot.mask("quarkus.datasource.\"h2\".jdbc.url", "jdbc:h2:file:./data/hotfire;PASSWORD=s3cret;MODE=PostgreSQL"))
                .isEqualTo("jdbc:h2:file:./data/hotfire;PASSWORD=***;MODE=PostgreSQL");
    }

    @Test
    void ordinarySettingsAreKeptAsTheyAre() {
        assertThat(ConfigSnapshot.mask("hotfire.auth.mode", "oidc")).isEqualTo("oidc");
        assertThat(ConfigSnapshot.mask("hotfire.auth.oidc.url", "http://127.0.0.1:8180/realms/hotfire"))
                .isEqualTo("http://127.0.0.1:8180/realms/hotfire");
        assertThat(ConfigSnapshot.mask("hotfire.db.username", "hotfire_app")).isEqualTo("hotfire_app");
    }
}
