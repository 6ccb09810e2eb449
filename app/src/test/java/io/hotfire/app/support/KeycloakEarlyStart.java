package io.hotfire.app.support;

import java.util.Optional;
import org.junit.platform.engine.support.descriptor.ClassSource;
import org.junit.platform.launcher.TestExecutionListener;
import org.junit.platform.launcher.TestIdentifier;
import org.junit.platform.launcher.TestPlan;

/**
 * Boots the test Keycloak in the background as soon as a test run that contains a
 * {@code *KeycloakTest} class starts, so its boot overlaps the tests that run first (registered in
 * META-INF/services; a run without such a class starts nothing).
 */
public class KeycloakEarlyStart implements TestExecutionListener {

    @Override
    public void testPlanExecutionStarted(TestPlan plan) {
        if (System.getProperty("test.keycloak.home") == null) {
            return;
        }
        boolean needed = plan.getRoots().stream()
                .flatMap(root -> plan.getDescendants(root).stream())
                .map(TestIdentifier::getSource)
                .flatMap(Optional::stream)
                .anyMatch(s -> s instanceof ClassSource c && c.getClassName().endsWith("KeycloakTest"));
        if (needed) {
            KeycloakServer.startInBackground();
        }
    }
}
