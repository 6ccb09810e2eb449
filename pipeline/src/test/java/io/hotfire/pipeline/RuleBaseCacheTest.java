package io.hotfire.pipeline;

import static org.assertj.core.api.Assertions.assertThat;

import io.hotfire.domain.diagnosis.RunMonitor;
import io.hotfire.domain.event.Event;
import io.hotfire.domain.event.EventType;
import io.hotfire.domain.profile.DomainCatalog;
import io.hotfire.domain.telemetry.CsvFrameReader;
import io.hotfire.domain.telemetry.Frame;
import io.hotfire.pipeline.cli.Cli;
import io.hotfire.rules.engine.RuleBaseCache;
import io.hotfire.rules.engine.RuleEngine;
import io.hotfire.rules.engine.RuleSource;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A rule base loaded from the {@link RuleBaseCache} decides as the one compiled from the DRL, on
 * twin runs with catalogue faults, sensor faults and nominal runs: the same events, byte for byte and
 * in the same order (a replay is part of the audit promise: the agenda's firing order among equal
 * activations is not stable between two compilations of the same DRL, so {@code RuleSession} orders
 * and chooses by content), and the same why-not answers; a changed rule file is compiled, never
 * served stale.
 */
class RuleBaseCacheTest {

    @AfterEach
    void off() {
        System.clearProperty(RuleBaseCache.PROPERTY);
    }

    @Test
    void aCachedRuleBaseGivesTheSameEventsAsACompiledOne(@TempDir Path dir) throws Exception {
        Path runs = dir.resolve("runs");
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        PrintStream quiet = new PrintStream(new ByteArrayOutputStream(), true, StandardCharsets.UTF_8);
        assertThat(Cli.run(List.of("simulate", "--out", runs.toString(), "--layout", "standard", "--runs", "12", "--seed", "3"),
                quiet, new PrintStream(err, true, StandardCharsets.UTF_8))).as(err.toString(StandardCharsets.UTF_8)).isZero();
        DomainCatalog.Domain gg1 = DomainCatalog.load(DomainCatalog.defaultRoot()).require("gg1");

        DiagnosisEngine compiled = DiagnosisEngine.load(gg1);
        System.setProperty(RuleBaseCache.PROPERTY, dir.resolve("cache").toString());
        DiagnosisEngine.load(gg1);
        DiagnosisEngine cached = DiagnosisEngine.load(gg1);

        assertThat(cached.ruleSetVersion()).isEqualTo(compiled.ruleSetVersion());
        assertThat(cached.rules()).isEqualTo(compiled.rules());
        List<Path> csvs;
        try (Stream<Path> s = Files.walk(runs)) {
            csvs = s.filter(p -> p.toString().endsWith(".csv")).sorted().toList();
        }
        assertThat(csvs).hasSizeGreaterThan(10);
        int events = 0;
        for (Path csv : csvs) {
            List<Frame> frames;
            try (Reader r = Files.newBufferedReader(csv)) {
                frames = new CsvFrameReader(gg1.profile()).read(r, 0);
            }
            List<String> a = events(compiled, frames);
            List<String> b = events(cached, frames);
            assertThat(b).as(csv.toString()).isEqualTo(a);
            events += a.size();
        }
        assertThat(events).isGreaterThan(50);
        List<Frame> frames;
        try (Reader r = Files.newBufferedReader(csvs.get(0))) {
            frames = new CsvFrameReader(gg1.profile()).read(r, 0);
        }
        assertThat(cached.whyNot().explain(frames, "TURBINE_EFFICIENCY_LOSS", 20).rules())
                .isEqualTo(compiled.whyNot().explain(frames, "TURBINE_EFFICIENCY_LOSS", 20).rules());
    }

    @Test
    void theSecondCompileComesFromTheCacheAndAChangedRuleFileIsCompiledAgain(@TempDir Path dir) {
        DomainCatalog.Domain gg1 = DomainCatalog.load(DomainCatalog.defaultRoot()).require("gg1");
        List<RuleSource> sources = new ArrayList<>(RuleSource.core());
        System.setProperty(RuleBaseCache.PROPERTY, dir.toString());
        assertThat(RuleEngine.compile(gg1.profile(), sources).fromCache()).isFalse();
        assertThat(RuleEngine.compile(gg1.profile(), sources).fromCache()).isTrue();

        RuleSource first = sources.get(0);
        sources.set(0, new RuleSource(first.name(), first.drl() + "\n// changed\n"));
        assertThat(RuleEngine.compile(gg1.profile(), sources).fromCache()).isFalse();
        System.setProperty(RuleBaseCache.PROPERTY, "off");
        assertThat(RuleEngine.compile(gg1.profile(), sources).fromCache()).isFalse();
    }

    private static List<String> events(DiagnosisEngine engine, List<Frame> frames) {
        List<String> out = new ArrayList<>();
        try (RunMonitor m = engine.open("run")) {
            for (Frame f : frames) {
                for (Event e : m.accept(f)) {
                    out.add(EventJson.line(e, engine.decisionVersion()));
                }
            }
        }
        return out;
    }
}
