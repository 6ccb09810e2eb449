package io.hotfire.app.security;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;

import io.quarkus.elytron.security.common.BcryptUtil;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Local users' passwords, roles and existence come from configuration. */
@QuarkusTest
@TestProfile(LocalPasswordChangeTest.ChangedUsers.class)
class LocalPasswordChangeTest {

    public static class ChangedUsers implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            return Map.of(
                    "hotfire.auth.local.users.engineer.password-hash", BcryptUtil.bcryptHash("stand-A2-engineer", 6),
                    "hotfire.auth.local.users.admin.password-hash", "",
                    // A hash from OpenBSD/Python bcrypt ($2b$) of "night-shift".
                    "hotfire.auth.local.users.nightlead.password-hash", "$2b$06$" + BcryptUtil.bcryptHash("night-shift", 6).substring(7),
                    "hotfire.auth.local.users.nightlead.roles", "lead,engineer");
        }
    }

    @Test
    void aChangedHashReplacesTheDevelopmentPassword() {
        given().auth().preemptive().basic("engineer", "engineer-dev").get("/api/v1/me").then().statusCode(401);
        given().auth().preemptive().basic("engineer", "stand-A2-engineer").get("/api/v1/me").then().statusCode(200)
                .body("roles", equalTo(List.of("engineer")));
    }

    @Test
    void anEmptyHashDisablesAUser() {
        given().auth().preemptive().basic("admin", "admin-dev").get("/api/v1/me").then().statusCode(401);
    }

    @Test
    void aUserAddedByConfigurationSignsInWithItsRoles() {
        given().auth().preemptive().basic("nightlead", "night-shift").get("/api/v1/me").then().statusCode(200)
                .body("subject", equalTo("local:nightlead"))
                .body("roles", equalTo(List.of("engineer", "lead")));
        given().auth().preemptive().basic("nightlead", "night-shift").get("/api/v1/audit").then().statusCode(403);
    }

    @Test
    void theUntouchedUsersKeepTheirPasswords() {
        given().auth().preemptive().basic("auditor", "auditor-dev").get("/api/v1/me").then().statusCode(200);
    }
}
