package io.hotfire.pipeline.kit;

import io.hotfire.domain.profile.DomainCatalog;
import io.hotfire.domain.profile.ProfileLoader;
import io.hotfire.learned.feature.FeatureSpec;
import io.hotfire.pipeline.DiagnosisEngine;
import io.hotfire.rules.engine.RuleInfo;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * Validates a domain folder ({@code hotfire domain check}) and explains every problem: the profile,
 * the learned settings, the rules (compilation and house metadata), the rule tests, and a warning
 * for a domain rule that concludes a finding from one channel's direction alone — such a rule
 * explains any novel pattern that moves that channel, so the unknown-anomaly rule (RT-001, "no
 * finding explains it") never fires on it.
 */
public final class DomainCheck {

    /** {@code errors} make the folder unusable; {@code warnings} are worth a look. */
    public record Report(List<String> errors, List<String> warnings, List<String> ok) {
    }

    private static final Pattern RULE = Pattern.compile("rule\\s+\"([^\"]+)\"(.*?)\\bwhen\\b(.*?)\\bthen\\b(.*?)\\bend\\b",
            Pattern.DOTALL);
    private static final Pattern DEVIATION_CHANNEL = Pattern.compile("Deviation\\s*\\(([^)]*?channel\\s*==\\s*\"([^\"]+)\")?");

    private DomainCheck() {
    }

    public static Report check(Path folder) {
        List<String> errors = new ArrayList<>();
        List<String> warnings = new ArrayList<>();
        List<String> ok = new ArrayList<>();
        Path profileFile = folder.resolve("profile.yaml");
        if (!Files.isRegularFile(profileFile)) {
            errors.add(profileFile + ": missing; a domain folder needs a profile.yaml");
            return new Report(errors, warnings, ok);
        }
        DomainCatalog.Domain domain;
        try {
            domain = new DomainCatalog.Domain(folder, ProfileLoader.load(profileFile));
            ok.add("profile.yaml: " + domain.profile().sensors().size() + " sensors, " + domain.profile().sampleRateHz()
                    + " Hz, windows of " + domain.profile().windows().size() + " samples");
        } catch (RuntimeException e) {
            errors.add(e.getMessage());
            return new Report(errors, warnings, ok);
        }
        if (!folder.getFileName().toString().equals(domain.profile().id())) {
            warnings.add("profile.yaml: id '" + domain.profile().id() + "' differs from the folder name '"
                    + folder.getFileName() + "'; runs name the id");
        }
        try {
            FeatureSpec spec = FeatureSpec.forDomain(domain);
            ok.add((Files.exists(folder.resolve(FeatureSpec.FILE_NAME)) ? "learned.yaml" : "learned.yaml absent, defaults")
                    + ": gate " + spec.gate().features().size() + " features, classifier " + spec.classifier().features().size());
        } catch (RuntimeException e) {
            errors.add(e.getMessage());
        }
        DiagnosisEngine engine = null;
        try {
            engine = DiagnosisEngine.load(domain, true);
            long own = engine.rules().size() - DiagnosisEngine.load(domain, false).rules().size();
            ok.add("rules: " + engine.rules().size() + " compiled (" + own + " of the domain)");
        } catch (RuntimeException e) {
            errors.add("rules/: " + e.getMessage());
        }
        if (engine != null) {
            for (RuleInfo r : engine.rules()) {
                String where = "rule " + (r.id() == null ? r.name() : r.id()) + " (" + r.file() + ")";
                if (r.id() == null || r.id().isBlank()) {
                    errors.add(where + ": no @id");
                }
                if (r.source() == null || r.source().isBlank()) {
                    errors.add(where + ": no @source (where the knowledge comes from)");
                }
                if (r.name() == null || !r.name().contains(" ")) {
                    errors.add(where + ": the name must be '<ID> <a sentence>'");
                }
            }
        }
        preemption(folder.resolve("rules"), warnings);
        try {
            List<DomainTests.Result> tests = DomainTests.run(domain);
            long failed = tests.stream().filter(t -> !t.passed()).count();
            for (DomainTests.Result t : tests) {
                for (String p : t.problems()) {
                    errors.add(t.file() + " (" + t.name() + "): " + p);
                }
            }
            if (tests.isEmpty()) {
                warnings.add("tests/: no rule test; add snippets with the events they must and must not produce");
            } else {
                ok.add("tests: " + (tests.size() - failed) + " of " + tests.size() + " pass");
            }
        } catch (RuntimeException e) {
            errors.add("tests/: " + e.getMessage());
        }
        return new Report(errors, warnings, ok);
    }

    /** Warns for every domain rule that concludes a finding from at most one channel's deviation and ignores the gate. */
    static void preemption(Path rules, List<String> warnings) {
        if (!Files.isDirectory(rules)) {
            return;
        }
        List<Path> files;
        try (Stream<Path> s = Files.list(rules)) {
            files = s.filter(p -> p.toString().endsWith(".drl")).sorted().toList();
        } catch (IOException e) {
            warnings.add(rules + ": cannot be listed");
            return;
        }
        for (Path f : files) {
            String text;
            try {
                text = Files.readString(f).replaceAll("(?m)//.*$", "");
            } catch (IOException e) {
                continue;
            }
            Matcher m = RULE.matcher(text);
            while (m.find()) {
                String when = m.group(3);
                String then = m.group(4);
                if (!then.contains("Finding.of") && !then.contains("Finding.group")) {
                    continue;
                }
                if (when.contains("GateFact") || when.contains("LimitBreach") || when.contains("TrackingCheck")
                        || when.contains("PairCheck") || when.contains("ObservationFact")) {
                    continue;
                }
                Matcher d = DEVIATION_CHANNEL.matcher(when);
                int deviations = 0;
                while (d.find()) {
                    deviations++;
                }
                if (deviations <= 1) {
                    warnings.add(f.getFileName() + ": rule \"" + m.group(1) + "\" concludes a finding from "
                            + (deviations == 0 ? "no channel deviation" : "one channel's deviation")
                            + " alone: a novel pattern that moves that channel is 'explained' by it and UNKNOWN_ANOMALY"
                            + " (RT-001) never fires. Require a second channel's direction, or add"
                            + " `not GateFact( ood )` if the rule should yield to the gate.");
                }
            }
        }
    }
}
