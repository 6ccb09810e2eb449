package io.hotfire.app.security;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class AuthModeTest {

    @Test
    void localIsTheDefault_andModesParseInAnyCase() {
        assertThat(AuthMode.parse(null)).isEqualTo(AuthMode.LOCAL);
        assertThat(AuthMode.parse(" ")).isEqualTo(AuthMode.LOCAL);
        assertThat(AuthMode.parse("OIDC")).isEqualTo(AuthMode.OIDC);
        assertThat(AuthMode.parse(" local ")).isEqualTo(AuthMode.LOCAL);
    }

    @Test
    void anUnknownModeStopsStartUpNamingTheChoices() {
        assertThatThrownBy(() -> AuthMode.parse("ldap"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("hotfire.auth.mode").hasMessageContaining("[local, oidc]").hasMessageContaining("ldap");
    }
}
