package io.hotfire.pipeline.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.hotfire.domain.profile.DomainCatalog;
import io.hotfire.domain.profile.EngineProfile;
import io.hotfire.pipeline.CsvWriter;
import io.hotfire.pipeline.SyntheticRun;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ShadowCommandTest {

    @Test
    void aCandidateWithAChangedRuleShowsTheFindingsItAddsOrDrops(@TempDir Path dir) throws Exception {
        Path live = DomainCatalog.defaultRoot();
        EngineProfile gg1 = DomainCatalog.load(live).require("gg1").profile();
        // Candidate: the same domain with the whirl rule removed.
        Path candidate = dir.resolve("candidate");
        Files.createDirectories(candidate.resolve("gg1/rules"));
        Files.copy(live.resolve("gg1/profile.yaml"), candidate.resolve("gg1/profile.yaml"));
        try (var files = Files.list(live.resolve("gg1/rules"))) {
            for (Path f : files.toList()) {
                String drl = Files.readString(f);
                if (f.getFileName().toString().startsWith("30-")) {
                    int start = drl.indexOf("// Why: the sub-synchronous line");
                    int end = drl.indexOf("end\n", start) + 4;
                    drl = drl.substring(0, start) + drl.substring(end);
                }
                Files.writeString(candidate.resolve("gg1/rules").resolve(f.getFileName()), drl);
            }
        }
        Path csv = CsvWriter.write(gg1, new SyntheticRun(gg1).duration(12)
                .override("VIB_SUB", (t, x) -> t > 8 ? x * 8 : x).frames(), dir.resolve("whirl.csv"));
        ByteArrayOutputStream out = new ByteArrayOutputStream();

        int code = Cli.run(List.of("shadow", "--candidate", candidate.toString(), csv.toString()),
                new PrintStream(out, true, StandardCharsets.UTF_8), System.err);

        assertThat(code).isZero();
        String text = out.toString(StandardCharsets.UTF_8);
        assertThat(text).contains("- FINDING:TP_ROTOR_WHIRL@VIB_SUB").contains("live only")
                .contains("1 run(s), 1 changed");
    }

    @Test
    void identicalRuleSetsShowNoDifference(@TempDir Path dir) throws Exception {
        Path live = DomainCatalog.defaultRoot();
        EngineProfile gg1 = DomainCatalog.load(live).require("gg1").profile();
        Path csv = CsvWriter.write(gg1, new SyntheticRun(gg1).duration(8).frames(), dir.resolve("n.csv"));
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        assertThat(Cli.run(List.of("shadow", "--candidate", live.toString(), csv.toString()),
                new PrintStream(out, true, StandardCharsets.UTF_8), System.err)).isZero();
        assertThat(out.toString(StandardCharsets.UTF_8)).contains("0 changed, 0 difference(s)");
    }
}
