package io.hotfire.pipeline;

import static org.assertj.core.api.Assertions.assertThat;

import io.hotfire.domain.diagnosis.RunMonitor;
import io.hotfire.domain.event.Event;
import io.hotfire.domain.event.EventType;
import io.hotfire.domain.profile.DomainCatalog;
import io.hotfire.domain.telemetry.CsvFrameReader;
import io.hotfire.domain.telemetry.Frame;
import io.hotfire.pipeline.cli.Cli;
import io.hotfire.rules.engine.RuleInfo;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.function.Function;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Every rule declares in its metadata the severity of what it concludes ({@code @severity}); the
 * console, the audit log and the alarm list show the severity of the event. The two must agree: on
 * twin runs with catalogue faults, sensor faults and nominal runs, each finding, alarm, abort,
 * sensor disqualification and recommendation carries the severity its concluding rule declares. A
 * rule whose severity drifted from its declaration (a DRL edit that changed one but not the other)
 * fails here, with the rule and the event named.
 */
class RuleSeverityTest {

    @Test
    void everyConclusionCarriesTheSeverityItsRuleDeclares(@TempDir Path dir) throws Exception {
        Path runs = dir.resolve("runs");
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        PrintStream quiet = new PrintStream(new ByteArrayOutputStream(), true, StandardCharsets.UTF_8);
        assertThat(Cli.run(List.of("simulate", "--out", runs.toString(), "--layout", "standard", "--runs", "16", "--seed", "11"),
                quiet, new PrintStream(err, true, StandardCharsets.UTF_8))).as(err.toString(StandardCharsets.UTF_8)).isZero();
        DomainCatalog.Domain gg1 = DomainCatalog.load(DomainCatalog.defaultRoot()).require("gg1");
        DiagnosisEngine engine = DiagnosisEngine.load(gg1);
        Map<String, RuleInfo> rules = engine.rules().stream().collect(Collectors.toMap(RuleInfo::id, Function.identity()));
        assertThat(rules.values()).as("every rule declares a severity")
                .allSatisfy(r -> assertThat(r.severity()).as(r.id()).isNotBlank());

        List<Path> csvs;
        try (Stream<Path> s = Files.walk(runs)) {
            csvs = s.filter(p -> p.toString().endsWith(".csv")).sorted().toList();
        }
        List<String> mismatches = new ArrayList<>();
        Map<EventType, Integer> checked = new TreeMap<>();
        Set<String> rulesSeen = new TreeSet<>();
        for (Path csv : csvs) {
            List<Frame> frames;
            try (Reader r = Files.newBufferedReader(csv)) {
                frames = new CsvFrameReader(gg1.profile()).read(r, 0);
            }
            try (RunMonitor m = engine.open("run")) {
                for (Frame f : frames) {
                    for (Event e : m.accept(f)) {
                        String concluding = concludingRule(e);
                        if (concluding == null) {
                            continue;
                        }
                        RuleInfo rule = rules.get(concluding);
                        assertThat(rule).as("the rule %s behind %s is known", concluding, e.code()).isNotNull();
                        checked.merge(e.type(), 1, Integer::sum);
                        rulesSeen.add(concluding);
                        if (!declared(rule, e.type()).equals(e.severity().name())) {
                            mismatches.add(csv.getFileName() + " t=" + e.t() + " " + e.type() + " " + e.code() + " "
                                    + e.severity() + " by " + concluding + " declared " + rule.severity());
                        }
                    }
                }
            }
        }
        System.out.println("severity check: " + checked + " events, concluding rules " + rulesSeen);
        assertThat(mismatches).as("events whose severity differs from their rule's declaration").isEmpty();
        assertThat(checked.keySet()).as("kinds of conclusion checked")
                .contains(EventType.FINDING, EventType.ALARM, EventType.SENSOR, EventType.RECOMMENDATION);
        assertThat(rulesSeen.size()).as("distinct concluding rules exercised").isGreaterThanOrEqualTo(12);
    }

    /**
     * The severity an event of this kind from this rule must carry: the declared one, except that a rule
     * whose conclusion is an abort (SEVERE: RL-001, TR-002) raises its limit alarm one level below, as
     * CRITICAL — the alarm is the condition, the abort the action it latches, and a redundant partner's
     * confirmed redline that did not itself latch the abort stays CRITICAL (AlarmApiTest).
     */
    private static String declared(RuleInfo rule, EventType type) {
        return type == EventType.ALARM && rule.severity().equals("SEVERE") ? "CRITICAL" : rule.severity();
    }

    /** The rule that drew the event's conclusion, or null for events no single rule concludes. */
    private static String concludingRule(Event e) {
        List<String> r = e.rules();
        if (r.isEmpty()) {
            return null;
        }
        return switch (e.type()) {
            // the rules behind a finding's evidence first, its own last
            case FINDING, ALARM, RECOMMENDATION -> r.get(r.size() - 1);
            // the limit rule that decided, then RC-001 which latches the abort
            case ABORT -> r.size() > 1 ? r.get(r.size() - 2) : r.get(0);
            // the sensor-fault rules, then SV-100 which disqualifies
            case SENSOR -> r.get(r.size() - 1);
            default -> null;
        };
    }
}
