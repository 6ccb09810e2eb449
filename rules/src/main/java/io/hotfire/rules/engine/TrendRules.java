package io.hotfire.rules.engine;

import io.hotfire.domain.unit.IndicatorChange;
import io.hotfire.rules.fact.TrendFinding;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.kie.api.KieBase;
import org.kie.api.KieServices;
import org.kie.api.builder.KieBuilder;
import org.kie.api.builder.KieFileSystem;
import org.kie.api.builder.Message;
import org.kie.api.definition.KiePackage;
import org.kie.api.definition.rule.Rule;
import org.kie.api.event.rule.DefaultRuleRuntimeEventListener;
import org.kie.api.event.rule.ObjectInsertedEvent;
import org.kie.api.runtime.KieSession;

/**
 * The trend rules of a domain ({@code domains/<id>/trends/*.drl}): judge a unit's history, given as
 * {@link IndicatorChange} facts, and conclude {@link TrendFinding}s. A separate rule base from the
 * per-window diagnosis: its facts are runs, not windows. Thread-safe; one stateless evaluation per call.
 */
public final class TrendRules {

    /** A finding and the ids of the rules that concluded it. */
    public record Result(TrendFinding finding, List<String> rules) {
    }

    private final KieBase kieBase;
    private final List<RuleInfo> rules;
    private final String version;

    private TrendRules(KieBase kieBase, List<RuleInfo> rules, String version) {
        this.kieBase = kieBase;
        this.rules = rules;
        this.version = version;
    }

    /** Compiles the sources; fails with every compiler message if any has an error. */
    public static TrendRules compile(String domainId, List<RuleSource> sources) {
        KieServices ks = KieServices.Factory.get();
        KieFileSystem kfs = ks.newKieFileSystem();
        Map<String, String> names = new HashMap<>();
        for (RuleSource s : sources) {
            String path = RuleEngine.packageFolder(s.drl()) + s.name().replace('\\', '/').replace('/', '_');
            names.put(path, s.name());
            kfs.write("src/main/resources/" + path, s.drl());
        }
        KieBuilder builder = ks.newKieBuilder(kfs).buildAll();
        List<Message> errors = builder.getResults().getMessages(Message.Level.ERROR);
        if (!errors.isEmpty()) {
            StringBuilder sb = new StringBuilder("trend rules of " + domainId + " do not compile:");
            for (Message m : errors) {
                sb.append("\n  ").append(names.getOrDefault(m.getPath(), m.getPath())).append(':').append(m.getLine()).append(": ").append(m.getText());
            }
            throw new RuleCompilationException(sb.toString());
        }
        KieBase base = ks.newKieContainer(builder.getKieModule().getReleaseId()).getKieBase();
        List<RuleInfo> infos = new ArrayList<>();
        for (KiePackage pkg : base.getKiePackages()) {
            for (Rule r : pkg.getRules()) {
                infos.add(RuleEngine.info(r, sources));
            }
        }
        infos.sort(Comparator.comparing(RuleInfo::id));
        return new TrendRules(base, List.copyOf(infos), RuleEngine.hash(domainId, sources));
    }

    /** The findings the rules conclude from these changes, each with the rule that concluded it. */
    public List<Result> evaluate(List<IndicatorChange> changes) {
        KieSession session = kieBase.newKieSession();
        try {
            List<Result> out = new ArrayList<>();
            session.addEventListener(new DefaultRuleRuntimeEventListener() {
                @Override
                public void objectInserted(ObjectInsertedEvent event) {
                    if (event.getObject() instanceof TrendFinding f && event.getRule() != null) {
                        Object id = event.getRule().getMetaData().get("id");
                        out.add(new Result(f, List.of(id == null ? event.getRule().getName() : id.toString())));
                    }
                }
            });
            changes.forEach(session::insert);
            session.fireAllRules();
            out.sort(Comparator.comparing((Result r) -> r.finding().code()).thenComparing(r -> r.finding().change().indicator()));
            return out;
        } finally {
            session.dispose();
        }
    }

    public List<RuleInfo> rules() {
        return rules;
    }

    /** Content hash over the trend rule files. */
    public String version() {
        return version;
    }
}
