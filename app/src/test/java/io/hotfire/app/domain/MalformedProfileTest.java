package io.hotfire.app.domain;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import io.hotfire.domain.profile.DomainCatalog;
import io.hotfire.domain.profile.ProfileException;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import io.quarkus.test.junit.main.LaunchResult;
import io.quarkus.test.junit.main.QuarkusMainLauncher;
import io.quarkus.test.junit.main.QuarkusMainTest;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

@QuarkusMainTest
@TestProfile(MalformedProfileTest.BrokenDomains.class)
class MalformedProfileTest {

    static final Path BROKEN = Path.of("src/test/resources/broken-domains").toAbsolutePath();

    public static class BrokenDomains implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            return Map.of("hotfire.domains.dir", BROKEN.toString());
        }
    }

    @Test
    // a start-up that wrongly succeeds would serve forever: a hang guard, generous enough for a loaded
    // machine (a failing start took over 120 s at load average 25)
    @Timeout(value = 15, unit = java.util.concurrent.TimeUnit.MINUTES, threadMode = Timeout.ThreadMode.SEPARATE_THREAD)
    void aMalformedProfileStopsStartUpWithTheLoadersMessage(QuarkusMainLauncher launcher) {
        String loaderMessage = catchThrowableOfType(ProfileException.class, () -> DomainCatalog.load(BROKEN)).getMessage();

        LaunchResult result = launcher.launch();

        assertThat(result.exitCode()).isNotZero();
        assertThat(result.getErrorOutput() + result.getOutput()).contains(loaderMessage);
    }
}
