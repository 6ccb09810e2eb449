package io.hotfire.pipeline;

import static org.assertj.core.api.Assertions.assertThat;

import io.hotfire.domain.profile.DomainCatalog;
import io.hotfire.domain.profile.EngineProfile;
import io.hotfire.pipeline.cli.Cli;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The pump-skid domain in test resources runs end to end with no Java of its own (docs/adding-a-domain.md). */
class SecondDomainTest {

    static Path domains() throws URISyntaxException {
        return Path.of(SecondDomainTest.class.getResource("/domains").toURI());
    }

    @Test
    void aDomainThatIsOnlyAFolderReplaysEndToEndWithItsOwnRules(@TempDir Path dir) throws Exception {
        DomainCatalog catalog = DomainCatalog.load(domains());
        EngineProfile skid = catalog.require("skid").profile();
        Path csv = CsvWriter.write(skid, new SyntheticRun(skid).duration(20)
                .override("P_OUT", (t, x) -> t > 10 ? x * 1.15 : x)
                .override("FLOW", (t, x) -> t > 10 ? x * 0.8 : x).frames(), dir.resolve("skid.csv"));
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();

        int code = Cli.run(List.of("replay", "--domains", domains().toString(), "--engine", "skid", csv.toString()),
                new PrintStream(out, true, StandardCharsets.UTF_8), new PrintStream(err, true, StandardCharsets.UTF_8));

        assertThat(code).as(err.toString(StandardCharsets.UTF_8)).isZero();
        String lines = out.toString(StandardCharsets.UTF_8);
        assertThat(lines).contains("\"type\":\"FINDING\",\"code\":\"BLOCKED_OUTLET\"").contains("\"rules\":[\"PS-001\"]")
                .contains("\"ruleSet\":\"skid-");
        assertThat(lines).doesNotContain("\"type\":\"ABORT\"");
    }

    @Test
    void aNominalSkidRunConcludesNothing(@TempDir Path dir) throws Exception {
        EngineProfile skid = DomainCatalog.load(domains()).require("skid").profile();
        Path csv = CsvWriter.write(skid, new SyntheticRun(skid).duration(20).theta(0.7).frames(), dir.resolve("n.csv"));
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        assertThat(Cli.run(List.of("replay", "--domains", domains().toString(), "--engine", "skid", csv.toString()),
                new PrintStream(out, true, StandardCharsets.UTF_8), System.err)).isZero();
        assertThat(out.toString(StandardCharsets.UTF_8)).doesNotContain("FINDING").doesNotContain("ALARM");
    }
}
