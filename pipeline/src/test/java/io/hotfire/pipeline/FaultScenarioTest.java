package io.hotfire.pipeline;

import static org.assertj.core.api.Assertions.assertThat;

import io.hotfire.domain.profile.DomainCatalog;
import io.hotfire.pipeline.cli.Cli;
import io.hotfire.pipeline.eval.Arm;
import io.hotfire.pipeline.eval.Evaluator;
import io.hotfire.pipeline.eval.RunLabel;
import io.hotfire.pipeline.eval.RunOutcome;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * One scenario per FAULTS.md code through the whole pipeline: the digital twin writes a labelled
 * run with the fault (through {@code hotfire simulate}), the pipeline replays it with every rule,
 * and the finding must name the code — or an ambiguity group holding it — after the onset and
 * before any redline the fault reaches, with no other answer and no abort on a failed sensor, and hold it while the
 * engine runs (but a slow valve's, which shows only while its command moves).
 */
class FaultScenarioTest {

    static final DomainCatalog.Domain GG1 = DomainCatalog.load(DomainCatalog.defaultRoot()).require("gg1");

    @ParameterizedTest(name = "{0}")
    @CsvSource({
        "LOX_PUMP_CAVITATION,     --fault, LOX_PUMP_CAVITATION@15",
        "FUEL_PUMP_CAVITATION,    --fault, FUEL_PUMP_CAVITATION@15",
        "TP_BEARING_WEAR,         --fault, TP_BEARING_WEAR@12",
        "TP_ROTOR_IMBALANCE,      --fault, TP_ROTOR_IMBALANCE@15",
        "TP_ROTOR_WHIRL,          --fault, TP_ROTOR_WHIRL@15",
        "TURBINE_EFFICIENCY_LOSS, --fault, TURBINE_EFFICIENCY_LOSS@15",
        "REGEN_JACKET_LEAK,       --fault, REGEN_JACKET_LEAK@15",
        "FUEL_INJECTOR_BLOCKAGE,  --fault, FUEL_INJECTOR_BLOCKAGE@15",
        "OX_INJECTOR_BLOCKAGE,    --fault, OX_INJECTOR_BLOCKAGE@15",
        "GG_FUEL_STARVATION,      --fault, GG_FUEL_STARVATION@15",
        "COMBUSTION_INSTABILITY,  --fault, COMBUSTION_INSTABILITY@15",
        "LOX_LINE_LEAK,           --fault, LOX_LINE_LEAK@15",
        "VALVE_SLOW,              --fault, VALVE_SLOW:MFV@12",
        "SENSOR_DRIFT,            --sensor-fault, DRIFT:T_WALL@12",
        "SENSOR_BIAS,             --sensor-fault, BIAS:P_F_DIS@12",
        "SENSOR_FROZEN,           --sensor-fault, FROZEN:P_GG@12",
        "SENSOR_DEAD,             --sensor-fault, DEAD:MDOT_OX@12",
        "SENSOR_SPIKE,            --sensor-fault, SPIKE:T_TURB_EX@12",
    })
    void eachCatalogueFaultFromTheTwinIsIsolatedByTheRules(String code, String option, String spec, @TempDir Path dir) {
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        int rc = Cli.run(List.of("simulate", "--out", dir.toString(), "--seed", "11", "--duration", "35",
                        "--throttle", "85", option, spec),
                new PrintStream(new ByteArrayOutputStream()), new PrintStream(err, true, StandardCharsets.UTF_8));
        assertThat(rc).as(err.toString(StandardCharsets.UTF_8)).isZero();

        List<RunLabel> labels = RunLabel.read(dir);
        assertThat(labels).hasSize(1);
        RunLabel label = labels.get(0);
        RunOutcome outcome = new Evaluator(GG1, List.of(Arm.RULES)).evaluate(dir, labels).get(Arm.RULES).get(0);
        RunLabel.Fault fault = label.faults().get(0);
        assertThat(fault.code()).isEqualTo(code);

        double named = isolation(outcome, fault.target());
        assertThat(named).as("%s named; answers %s", fault.target(), outcome.answers()).isGreaterThanOrEqualTo(fault.onset());
        if (label.redlineReached()) {
            assertThat(named).as("named before the redline at %s", label.redlineT()).isLessThan(label.redlineT());
        }
        assertThat(new ArrayList<>(outcome.answers().keySet())).as("no other answer")
                .allMatch(a -> a.equals(fault.target()) || outcome.groups().getOrDefault(a, List.of()).contains(fault.target()));
        if (code.startsWith("SENSOR_")) {
            assertThat(outcome.abortT()).as("no abort on a failed sensor").isNaN();
        }
        if (!code.equals("VALVE_SLOW")) {
            // a slow valve shows only while its command moves; every other fault goes on, and so must its finding
            assertThat(outcome.findingLostT()).as("%s's finding cleared while the engine ran", code).isNaN();
        }
    }

    private static double isolation(RunOutcome o, String target) {
        Double t = o.answers().get(target);
        if (t != null) {
            return t;
        }
        return o.groups().entrySet().stream().filter(g -> g.getValue().contains(target))
                .mapToDouble(g -> o.answers().get(g.getKey())).min().orElse(Double.NaN);
    }
}
