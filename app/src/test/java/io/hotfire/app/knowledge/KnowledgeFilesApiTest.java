package io.hotfire.app.knowledge;

import static io.hotfire.app.support.Api.problem;
import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.equalTo;

import io.hotfire.domain.profile.DomainCatalog;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;
import java.nio.file.Files;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * GET /api/v1/domains/{domain}/files: the editable files of a version with their text (the console's
 * propose form and diff). Version 0 is the shipped folder, file for file; bad versions are refused by name.
 */
@QuarkusTest
class KnowledgeFilesApiTest {

    static final DomainCatalog.Domain GG1 = DomainCatalog.load(DomainCatalog.defaultRoot()).require("gg1");

    @Test
    void versionZeroIsTheShippedFolder_everyEditableFileWithItsText() throws Exception {
        JsonPath j = given().auth().preemptive().basic("engineer", "engineer-dev").queryParam("version", 0)
                .get("/api/v1/domains/gg1/files").then().statusCode(200).extract().jsonPath();
        assertThat(j.getInt("version")).isZero();
        List<String> paths = j.getList("files.path", String.class);
        assertThat(paths).contains("profile.yaml", "vocabulary.yaml", "rules/30-Turbopump.drl")
                .allMatch(p -> p.matches("profile\\.yaml|vocabulary\\.yaml|learned\\.yaml|rules/[^/]+\\.drl"));
        try (var s = Files.list(GG1.folder().resolve("rules"))) {
            assertThat(paths.stream().filter(p -> p.startsWith("rules/"))).hasSize((int) s.filter(p -> p.toString().endsWith(".drl")).count());
        }
        for (Map<String, Object> f : j.<Map<String, Object>>getList("files")) {
            assertThat(f.get("text")).as((String) f.get("path")).isEqualTo(Files.readString(GG1.folder().resolve((String) f.get("path"))));
            assertThat(f.get("changed")).isEqualTo(false);
        }
    }

    @Test
    void withoutAVersionTheActiveOne_readableByAuditors() {
        int active = given().auth().preemptive().basic("auditor", "auditor-dev").get("/api/v1/domains/gg1/versions")
                .then().statusCode(200).extract().path("active");
        given().auth().preemptive().basic("auditor", "auditor-dev").get("/api/v1/domains/gg1/files").then().statusCode(200)
                .body("version", equalTo(active)).body("active", equalTo(active)).body("domain", equalTo("gg1"));
    }

    @Test
    void anUnknownVersionOrDomainABadNumberAndTheIngestRoleAreRefused() {
        problem(given().auth().preemptive().basic("lead", "lead-dev").queryParam("version", 999)
                .get("/api/v1/domains/gg1/files").then(), 404);
        problem(given().auth().preemptive().basic("lead", "lead-dev").queryParam("version", "two")
                .get("/api/v1/domains/gg1/files").then(), 400).body("field", equalTo("version"));
        problem(given().auth().preemptive().basic("lead", "lead-dev").get("/api/v1/domains/rd180/files").then(), 404);
        given().auth().preemptive().basic("ingest", "ingest-dev").get("/api/v1/domains/gg1/files").then().statusCode(403);
    }
}
