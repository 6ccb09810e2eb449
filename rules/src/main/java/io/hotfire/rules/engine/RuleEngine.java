package io.hotfire.rules.engine;

import io.hotfire.domain.Hashing;
import io.hotfire.domain.profile.EngineProfile;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import org.kie.api.KieBase;
import org.kie.api.KieServices;
import org.kie.internal.builder.conf.PropertySpecificOption;
import org.kie.api.builder.KieBuilder;
import org.kie.api.builder.KieFileSystem;
import org.kie.api.builder.Message;
import org.kie.api.definition.KiePackage;
import org.kie.api.definition.rule.Rule;
import org.kie.api.runtime.KieContainer;

/**
 * A compiled rule set for one engine profile: the core rules plus the domain's own. Thread-safe;
 * compile once per domain, then open one {@link RuleSession} per run.
 */
public final class RuleEngine {

    private final EngineProfile profile;
    private final KieBase kieBase;
    private final String version;
    private final List<RuleInfo> rules;

    private final boolean cached;

    private RuleEngine(EngineProfile profile, KieBase kieBase, String version, List<RuleInfo> rules, boolean cached) {
        this.profile = profile;
        this.kieBase = kieBase;
        this.version = version;
        this.rules = rules;
        this.cached = cached;
    }

    /**
     * Compiles the given DRL sources (or loads them compiled from the {@link RuleBaseCache}); fails
     * with every compiler message if any has an error.
     */
    public static RuleEngine compile(EngineProfile profile, List<RuleSource> sources) {
        RuleBaseCache.Loaded loaded = RuleBaseCache.get(sources, () -> build(profile, sources));
        KieBase base = loaded.base();
        List<RuleInfo> infos = new ArrayList<>();
        for (KiePackage pkg : base.getKiePackages()) {
            for (Rule r : pkg.getRules()) {
                if (!r.getName().startsWith("PROBE ")) {
                    infos.add(info(r, sources));
                }
            }
        }
        infos.sort(Comparator.comparing(RuleInfo::id));
        return new RuleEngine(profile, base, version(profile, sources), List.copyOf(infos), loaded.cached());
    }

    private static KieBase build(EngineProfile profile, List<RuleSource> sources) {
        KieServices ks = KieServices.Factory.get();
        KieFileSystem kfs = ks.newKieFileSystem();
        // Facts are inserted and retracted per window, never modified, so property reactivity buys nothing; with
        // it on, Drools warns at every start about constraints such as stepLike($r) that take another pattern's
        // variable. ALLOWED: class reactivity unless a type opts in (none does).
        kfs.writeKModuleXML(ks.newKieModuleModel()
                .setConfigurationProperty(PropertySpecificOption.PROPERTY_NAME, PropertySpecificOption.ALLOWED.name())
                .toXML());
        java.util.Map<String, String> names = new java.util.HashMap<>();
        for (RuleSource s : sources) {
            // Under its package's folder (Drools warns otherwise), named uniquely after the source.
            String path = packageFolder(s.drl()) + s.name().replace('\\', '/').replace('/', '_');
            names.put(path, s.name());
            kfs.write("src/main/resources/" + path, s.drl());
        }
        KieBuilder builder = ks.newKieBuilder(kfs).buildAll();
        List<Message> errors = builder.getResults().getMessages(Message.Level.ERROR);
        if (!errors.isEmpty()) {
            StringBuilder sb = new StringBuilder("rule set for profile " + profile.id() + " does not compile:");
            for (Message m : errors) {
                sb.append("\n  ").append(names.getOrDefault(m.getPath(), m.getPath())).append(':').append(m.getLine()).append(": ").append(m.getText());
            }
            throw new RuleCompilationException(sb.toString());
        }
        KieContainer container = ks.newKieContainer(builder.getKieModule().getReleaseId());
        return container.getKieBase();
    }

    private static final java.util.regex.Pattern PACKAGE =
            java.util.regex.Pattern.compile("^\\s*package\\s+([\\w.]+)\\s*;?", java.util.regex.Pattern.MULTILINE);

    /** {@code io/hotfire/rules/core/} for a DRL declaring that package; empty for none. */
    static String packageFolder(String drl) {
        java.util.regex.Matcher m = PACKAGE.matcher(drl);
        return m.find() ? m.group(1).replace('.', '/') + "/" : "";
    }

    /** Content hash over rule files alone (trend rules have no profile): {@code <domain>-<16 hex>}. */
    static String hash(String domainId, List<RuleSource> sources) {
        MessageDigest md = Hashing.sha256();
        for (RuleSource s : sources) {
            md.update(s.name().getBytes(StandardCharsets.UTF_8));
            md.update((byte) 0);
            md.update(s.drl().getBytes(StandardCharsets.UTF_8));
            md.update((byte) 0);
        }
        return domainId + "-trends-" + Hashing.hex(md).substring(0, 16);
    }

    /** Content hash over the profile and every rule file: the rule-set version stored with every finding. */
    static String version(EngineProfile profile, List<RuleSource> sources) {
        MessageDigest md = Hashing.sha256();
        md.update(profile.sourceHash().getBytes(StandardCharsets.UTF_8));
        for (RuleSource s : sources) {
            md.update((byte) 0);
            md.update(s.name().getBytes(StandardCharsets.UTF_8));
            md.update((byte) 0);
            md.update(s.drl().getBytes(StandardCharsets.UTF_8));
        }
        return profile.id() + "-" + Hashing.hex(md).substring(0, 16);
    }

    static RuleInfo info(Rule r, List<RuleSource> sources) {
        Map<String, Object> meta = r.getMetaData();
        String id = idOf(r);
        String name = r.getName().startsWith(id) ? r.getName().substring(id.length()).trim() : r.getName();
        List<String> codes = meta.containsKey("faultCodes")
                ? Arrays.stream(String.valueOf(meta.get("faultCodes")).split(",")).map(String::trim).filter(c -> !c.isEmpty()).toList()
                : List.of();
        String file = sources.stream().filter(s -> s.drl().contains("\"" + r.getName() + "\"")).map(RuleSource::name)
                .findFirst().orElse("");
        return new RuleInfo(id, name, codes, str(meta.get("stage")), str(meta.get("source")), str(meta.get("severity")), file);
    }

    private static String str(Object o) {
        return o == null ? "" : String.valueOf(o);
    }

    /** A rule's id: its {@code @id} metadata, else its name's first word. */
    static String idOf(Rule r) {
        Object id = r.getMetaData().get("id");
        return id != null ? String.valueOf(id) : idOf(r.getName());
    }

    /** The id is the rule name's first word ({@code "RL-001 A qualified ..."} → {@code RL-001}). */
    static String idOf(String ruleName) {
        int sp = ruleName.indexOf(' ');
        return sp < 0 ? ruleName : ruleName.substring(0, sp);
    }

    public RuleSession newSession() {
        return new RuleSession(profile, kieBase::newKieSession);
    }

    public EngineProfile profile() {
        return profile;
    }

    /** The compiled network, for tests that inspect its shape. */
    KieBase kieBase() {
        return kieBase;
    }

    public String version() {
        return version;
    }

    /** Whether the compiled rule base came from the {@link RuleBaseCache} rather than from the compiler. */
    public boolean fromCache() {
        return cached;
    }

    public List<RuleInfo> rules() {
        return rules;
    }
}
