package io.hotfire.sim.twin;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import io.hotfire.domain.profile.EngineProfile;
import io.hotfire.domain.profile.Range;
import io.hotfire.domain.profile.SensorSpec;
import io.hotfire.sim.CsvTable;
import io.hotfire.sim.Gg1;
import io.hotfire.sim.cli.SimulateCommand;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class NominalRunTest {

    @TempDir
    Path dir;

    private CsvTable simulate(String throttle, double duration, long seed) throws Exception {
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        int rc = SimulateCommand.run(List.of("--out", dir.toString(), "--throttle", throttle, "--duration", String.valueOf(duration),
                "--seed", String.valueOf(seed), "--domains", Gg1.domainsDir().toString(), "--force"),
                new PrintStream(new ByteArrayOutputStream()), new PrintStream(err));
        assertThat(rc).as(err.toString()).isZero();
        try (var files = Files.list(dir.resolve("single"))) {
            return CsvTable.read(files.findFirst().orElseThrow());
        }
    }

    @ParameterizedTest(name = "at {0} %")
    @ValueSource(doubles = {70, 85, 100})
    void nominalMainstageMatchesTheIcdExpectedValueAndNoiseOfEverySensor(double throttle) throws Exception {
        CsvTable csv = simulate(String.valueOf(throttle), 60, 11);
        EngineProfile p = Gg1.profile();
        double theta = throttle / p.throttleScale();
        double shutdown = Gg1.twin().shutdownTime(60);
        List<String> report = new ArrayList<>();
        double worstMean = 0;
        double worstSd = 0;
        for (SensorSpec s : p.sensors()) {
            double expected = s.expected(theta);
            Range span = s.span();
            if (s.noise() > 0 && (expected > span.high() - 3 * s.noise() || expected < span.low() + 3 * s.noise())) {
                continue; // noise clipped at a span end: valvePositionsAtTheirStopReadInsideTheSpan
            }
            double[] v = csv.column(s.id(), 5.0, shutdown);
            double mean = CsvTable.mean(v);
            double sd = CsvTable.sd(v);
            if (s.noise() == 0) {
                assertThat(mean).as(s.id()).isCloseTo(expected, within(0.006));
                assertThat(sd).as(s.id()).isLessThan(1e-9);
                continue;
            }
            double meanErr = (mean - expected) / s.noise();
            double sdRatio = sd / s.noise();
            worstMean = Math.max(worstMean, Math.abs(meanErr));
            worstSd = Math.max(worstSd, Math.abs(sdRatio - 1));
            report.add(String.format(Locale.ROOT, "%s %+.3fσ sd×%.3f", s.id(), meanErr, sdRatio));
            assertThat(Math.abs(meanErr)).as("%s mean %.5f vs expected %.5f (%.3f σ)", s.id(), mean, expected, meanErr)
                    .isLessThan(0.12);
            assertThat(sdRatio).as("%s sd %.5f vs σ %.5f", s.id(), sd, s.noise()).isBetween(0.92, 1.08);
        }
        System.out.printf(Locale.ROOT, "nominal %.0f %%: worst |mean error| %.3f σ, worst |sd/σ - 1| %.3f over %d samples%n",
                throttle, worstMean, worstSd, csv.column("t", 5.0, shutdown).length);
    }

    @Test
    void valvePositionsAtTheirStopReadInsideTheSpan() throws Exception {
        CsvTable csv = simulate("100", 20, 3);
        double shutdown = Gg1.twin().shutdownTime(20);
        for (String id : List.of("MOV_POS", "MFV_POS", "GGV_POS")) {
            double[] v = csv.column(id, 5.0, shutdown);
            assertThat(Arrays.stream(v).min().orElseThrow()).as(id).isGreaterThan(99.0);
            assertThat(Arrays.stream(v).max().orElseThrow()).as(id).isLessThanOrEqualTo(100.0);
            assertThat(CsvTable.mean(v)).as(id).isGreaterThan(99.8);
        }
    }

    @Test
    void startTransientReachesTheCommandedLevelInThreeSecondsAndShutdownZeroesTheCommand() throws Exception {
        CsvTable csv = simulate("80", 20, 5);
        double expectedPc = Gg1.spec("PC_A").expected(0.8);
        double[] atStart = csv.column("PC_A", 0.0, 0.1);
        assertThat(CsvTable.mean(atStart)).isLessThan(0.05 * expectedPc);
        assertThat(CsvTable.mean(csv.column("PC_A", 1.4, 1.6))).isBetween(0.3 * expectedPc, 0.7 * expectedPc);
        assertThat(CsvTable.mean(csv.column("PC_A", 3.0, 3.5))).isCloseTo(expectedPc, within(0.02));
        double shutdown = Gg1.twin().shutdownTime(20);
        assertThat(csv.column("THROTTLE_CMD", 0, shutdown)).containsOnly(80.0);
        assertThat(csv.column("THROTTLE_CMD", shutdown, 20)).containsOnly(0.0);
        assertThat(CsvTable.mean(csv.column("PC_A", shutdown + 1.0, 20))).isLessThan(0.1);
        assertThat(csv.rows()).hasSize(1000);
        assertThat(csv.rows().get(1)[0] - csv.rows().get(0)[0]).isCloseTo(0.02, within(1e-9));
    }

    @Test
    void throttleTransitionsMoveAtMostTenPercentPerSecondAndStayNearExpected() throws Exception {
        CsvTable csv = simulate("70,100@8,75@16,90@22", 30, 9);
        double[] cmd = csv.column("THROTTLE_CMD", 3.0, Gg1.twin().shutdownTime(30));
        for (int i = 1; i < cmd.length; i++) {
            assertThat(Math.abs(cmd[i] - cmd[i - 1]) * 50).isLessThanOrEqualTo(10.0 + 1e-6);
        }
        int th = csv.column("THROTTLE_CMD");
        int pc = csv.column("PC_A");
        SensorSpec pcSpec = Gg1.spec("PC_A");
        double worst = 0;
        for (double[] r : csv.rows()) {
            if (r[0] >= 3.5 && r[0] < Gg1.twin().shutdownTime(30)) {
                worst = Math.max(worst, Math.abs(r[pc] / pcSpec.expected(r[th] / 100) - 1));
            }
        }
        // Pc follows the command within the ICD's 3 % redundancy tolerance, far inside the 0.90 warning.
        assertThat(worst).isLessThan(0.03);
    }
}
