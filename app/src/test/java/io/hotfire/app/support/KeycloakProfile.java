package io.hotfire.app.support;

import io.quarkus.test.junit.QuarkusTestProfile;
import java.util.List;

/** Runs a test class in oidc mode against a real Keycloak with the repository's realm. */
public class KeycloakProfile implements QuarkusTestProfile {

    @Override
    public List<TestResourceEntry> testResources() {
        return List.of(new TestResourceEntry(KeycloakResource.class));
    }
}
