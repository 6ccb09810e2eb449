package io.hotfire.pipeline;

import io.hotfire.domain.feature.Deviation;
import io.hotfire.domain.feature.WindowBuilder;
import io.hotfire.domain.feature.WindowSnapshot;
import io.hotfire.domain.profile.EngineProfile;
import io.hotfire.domain.telemetry.Frame;
import io.hotfire.rules.engine.RuleConditions;
import io.hotfire.rules.engine.RuleEngine;
import io.hotfire.rules.engine.RuleInfo;
import io.hotfire.rules.engine.RuleSession;
import io.hotfire.rules.engine.RuleSource;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * "Why not?" for a fault code at a run time: replays the run to that time with probe rules beside
 * the real ones (each probe holds while the first k conditions of a rule hold together), then
 * names, for each rule that can conclude the code, the first condition that failed and the values
 * of the channels it reads. The probes are compiled from the same DRL, so the answer is the rule
 * engine's, not a second implementation of the rules.
 */
public final class WhyNot {

    private static final Pattern QUOTED = Pattern.compile("\"([A-Za-z][A-Za-z0-9_]*)\"");

    private final EngineProfile profile;
    private final RuleEngine probed;
    private final List<RuleInfo> rules;
    private final Map<String, RuleConditions.Conditions> conditions = new LinkedHashMap<>();

    /** One rule's answer. */
    public record RuleAnswer(String rule, String name, boolean fired, List<String> held, String failed,
                             Map<String, Map<String, Object>> values) {
    }

    /** The whole answer for one code at one time. */
    public record Answer(String code, double t, double windowT, List<RuleAnswer> rules) {
    }

    WhyNot(EngineProfile profile, List<RuleSource> sources, List<RuleInfo> rules) {
        this.profile = profile;
        this.rules = rules;
        List<RuleSource> all = new ArrayList<>(sources);
        for (RuleSource s : sources) {
            all.add(RuleConditions.probes(s));
            for (RuleConditions.Conditions c : RuleConditions.of(s)) {
                conditions.put(c.ruleId(), c);
            }
        }
        this.probed = RuleEngine.compile(profile, all);
    }

    /** Replays {@code frames} up to run time {@code t} and explains {@code code} there. */
    public Answer explain(List<Frame> frames, String code, double t) {
        List<RuleInfo> concluding = rules.stream().filter(r -> r.faultCodes().contains(code)).toList();
        if (concluding.isEmpty()) {
            throw new IllegalArgumentException("no rule concludes '" + code + "'");
        }
        WindowBuilder windows = new WindowBuilder(profile);
        WindowSnapshot last = null;
        Map<String, Integer> hits = Map.of();
        try (RuleSession session = probed.newSession()) {
            for (Frame f : frames) {
                if (f.t() > t + 1e-9) {
                    break;
                }
                WindowSnapshot w = windows.add(f);
                if (w != null) {
                    session.evaluate(w);
                    last = w;
                    hits = session.probeHits();
                }
            }
        }
        List<RuleAnswer> answers = new ArrayList<>();
        for (RuleInfo r : concluding) {
            RuleConditions.Conditions c = conditions.get(r.id());
            int n = c.conditions().size();
            int k = hits.getOrDefault(r.id(), 0);
            List<String> held = c.conditions().subList(0, Math.min(k, n));
            String failed = k >= n ? null : c.conditions().get(k);
            Map<String, Map<String, Object>> values = new LinkedHashMap<>();
            if (last != null) {
                for (String cond : c.conditions().subList(0, Math.min(k + 1, n))) {
                    Matcher m = QUOTED.matcher(cond);
                    while (m.find()) {
                        String ch = m.group(1);
                        for (Deviation d : last.deviations()) {
                            if (d.channel().equals(ch)) {
                                Map<String, Object> v = new LinkedHashMap<>();
                                v.put("value", EventJson.round(d.value()));
                                v.put("expected", EventJson.round(d.expected()));
                                v.put("band", EventJson.round(d.band()));
                                v.put("direction", d.direction().name());
                                v.put("windows", d.windows());
                                v.put("slope", EventJson.round(d.slope()));
                                values.put(ch, v);
                            }
                        }
                    }
                }
            }
            answers.add(new RuleAnswer(r.id(), r.name(), k >= n, List.copyOf(held), failed, values));
        }
        return new Answer(code, t, last == null ? Double.NaN : last.tEnd(), answers);
    }
}
