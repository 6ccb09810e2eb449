package io.hotfire.app.report;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;

import io.hotfire.app.security.Roles;
import io.hotfire.app.support.Api;
import io.hotfire.app.support.Scenarios;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.security.TestSecurity;
import io.restassured.http.ContentType;
import io.restassured.path.json.JsonPath;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.UUID;
import org.apache.pdfbox.Loader;
import org.apache.pdfbox.pdmodel.PDDocument;
import org.apache.pdfbox.rendering.PDFRenderer;
import org.apache.pdfbox.text.PDFTextStripper;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Test;

@QuarkusTest
@TestSecurity(user = "test-engineer", roles = {Roles.ENGINEER, Roles.AUDITOR})
class ReportApiTest {

    /** Where the PDF and a chart are left for people to look at (README screenshots come from here). */
    static final Path SAMPLES = Path.of("target", "report-samples");

    static String endedRunWithAFinding(String unit, String testId) {
        String id = given().contentType(ContentType.JSON)
                .body("{\"engine\":\"gg1\",\"testId\":\"" + testId + "\",\"unit\":\"" + unit + "\",\"stand\":\"A-1\"}")
                .post("/api/v1/runs").then().statusCode(201).extract().path("id");
        Api.postCsv(id, Scenarios.HOT_TURBINE.csv(0, 700)).statusCode(200);
        given().header("X-Requested-By", "hotfire").post("/api/v1/runs/{id}/end", id).then().statusCode(200);
        return id;
    }

    static String pdfText(byte[] pdf) throws IOException {
        try (PDDocument doc = Loader.loadPDF(pdf)) {
            return new PDFTextStripper().getText(doc);
        }
    }

    @Test
    void theReportOfAnEndedRun_namesItsUnitFindingsRulesExplanationVersionsAndLastAuditHash() throws IOException {
        String unit = "SN-R" + UUID.randomUUID().toString().substring(0, 6);
        String id = endedRunWithAFinding(unit, "HF-REPORT");

        JsonPath r = given().get("/api/v1/runs/{id}/report", id).then().statusCode(200).extract().jsonPath();
        assertThat(r.getBoolean("inProgress")).isFalse();
        assertThat(r.getString("unit")).isEqualTo(unit);
        assertThat(r.getList("channels.sensor", String.class)).startsWith("PC_A", "N_TP", "TIT_A", "VIB_RMS");
        assertThat(r.getList("timeline.type", String.class)).contains("FINDING", "ABORT");
        assertThat(r.getList("timeline.rules.flatten()", String.class)).isNotEmpty();
        assertThat(r.getString("explanation.label")).startsWith("Template text generated from the rule trace");
        assertThat(r.getList("end.indicators")).hasSize(3);
        assertThat(r.getString("versions.ruleSetVersionNow")).startsWith("gg1-");
        String hash = r.getString("audit.hash");
        assertThat(hash).matches("[0-9a-f]{64}");
        // The document can be checked against the chain: the record with the report's seq carries its hash.
        long seq = r.getLong("audit.seq");
        JsonPath audit = given().queryParam("run", id).queryParam("limit", 1000).get("/api/v1/audit").then().statusCode(200).extract().jsonPath();
        assertThat(audit.getString("items.find { it.seq == " + seq + " }.hash")).isEqualTo(hash);

        byte[] pdf = given().get("/api/v1/runs/{id}/report.pdf", id).then().statusCode(200).contentType("application/pdf")
                .extract().asByteArray();
        assertThat(new String(pdf, 0, 5)).isEqualTo("%PDF-");
        String text = pdfText(pdf);
        assertThat(text).contains("Quick-look report", "HF-REPORT", unit, "Findings timeline", "ABORT",
                "Template text generated from the rule trace", hash.substring(0, 32), "CAGE_LINE_100");
        Files.createDirectories(SAMPLES);
        Files.write(SAMPLES.resolve("report.pdf"), pdf);
        // Its first pages as images, for people to look at the charts as the PDF shows them.
        try (PDDocument doc = Loader.loadPDF(pdf)) {
            PDFRenderer renderer = new PDFRenderer(doc);
            for (int p = 0; p < Math.min(2, doc.getNumberOfPages()); p++) {
                ImageIO.write(renderer.renderImageWithDPI(p, 80), "png", SAMPLES.resolve("report-pdf-page" + (p + 1) + ".png").toFile());
            }
        }

        byte[] png = given().get("/api/v1/runs/{id}/report/charts/TIT_A.png", id).then().statusCode(200).contentType("image/png")
                .extract().asByteArray();
        assertThat(png).startsWith(0x89, 'P', 'N', 'G');
        Files.write(SAMPLES.resolve("TIT_A.png"), png);
    }

    @Test
    void theReportOfARunInProgress_saysSo_inTheJsonAndThePdf() throws IOException {
        String id = Api.newRun();
        Api.postCsv(id, Scenarios.HOT_TURBINE.csv(0, 100)).statusCode(200);
        JsonPath r = given().get("/api/v1/runs/{id}/report", id).then().statusCode(200).extract().jsonPath();
        assertThat(r.getBoolean("inProgress")).isTrue();
        assertThat(r.getString("status")).startsWith("RUN IN PROGRESS");
        assertThat(r.getString("unit")).isEqualTo("unit unknown");
        assertThat(r.getMap("end")).isNull();
        String text = pdfText(given().get("/api/v1/runs/{id}/report.pdf", id).then().statusCode(200).extract().asByteArray());
        assertThat(text).contains("RUN IN PROGRESS", "unit unknown");
    }

    @Test
    void aChartOfAnUnknownSensorIs404NamingIt() {
        Api.problem(given().get("/api/v1/runs/{id}/report/charts/NOPE.png", Api.newRun()).then(), 404);
    }

    @Test
    void anIndicatorChartOfAUnit_isAPng() throws IOException {
        String unit = "SN-C" + UUID.randomUUID().toString().substring(0, 6);
        endedRunWithAFinding(unit, "HF-C1");
        endedRunWithAFinding(unit, "HF-C2");
        byte[] png = given().get("/api/v1/units/{u}/charts/CAGE_LINE_100.png", unit).then().statusCode(200).extract().asByteArray();
        assertThat(png).startsWith(0x89, 'P', 'N', 'G');
        assertThat(given().get("/api/v1/units/{u}", unit).then().extract().jsonPath().getList("history")).hasSize(2);
        Files.createDirectories(SAMPLES);
        Files.write(SAMPLES.resolve("CAGE_LINE_100.png"), png);
    }
}
