package io.hotfire.app.support;

import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;
import java.util.Map;

/** Points the application at the shared test Keycloak ({@link KeycloakServer}) in oidc mode. */
public class KeycloakResource implements QuarkusTestResourceLifecycleManager {

    @Override
    public Map<String, String> start() {
        return Map.of("hotfire.auth.mode", "oidc", "hotfire.auth.oidc.url", KeycloakServer.realmUrl());
    }

    @Override
    public void stop() {
        // The server is shared by every test class that needs it and stops with the JVM.
    }
}
