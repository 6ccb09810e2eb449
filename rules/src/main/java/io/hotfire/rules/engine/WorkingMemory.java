package io.hotfire.rules.engine;

import java.util.ArrayList;
import java.util.List;
import org.kie.api.runtime.KieSession;

/**
 * What the {@link EventCollector}s see of one Drools session once a window's rules have settled:
 * its facts by type, the rule that concluded each, and the run's latches (the stated facts a
 * rebuilt session starts from).
 */
final class WorkingMemory {

    private final KieSession session;
    private final FactOrigins origins;
    private final List<Object> latched;

    WorkingMemory(KieSession session, FactOrigins origins, List<Object> latched) {
        this.session = session;
        this.origins = origins;
        this.latched = latched;
    }

    KieSession session() {
        return session;
    }

    /** Every fact of the type in the session, in the engine's order (collectors sort what they announce). */
    <T> List<T> facts(Class<T> type) {
        List<T> out = new ArrayList<>();
        for (Object o : session.getObjects(type::isInstance)) {
            out.add(type.cast(o));
        }
        return out;
    }

    /** The id of the rule that concluded the fact (its {@code @id}); null for a fact the session was given. */
    String ruleOf(Object fact) {
        return origins.ruleOf(fact);
    }

    /** As {@link #ruleOf(Object)}, with {@code otherwise} for a fact no rule concluded. */
    String ruleOf(Object fact, String otherwise) {
        String r = origins.ruleOf(fact);
        return r == null ? otherwise : r;
    }

    /** The rules behind a fact: {@code before} (those behind its evidence) first, then its own. */
    List<String> rulesBehind(Object fact, List<String> before) {
        return origins.rulesBehind(fact, before);
    }

    /** Keeps a fact a rule stated for the rest of the run: a rebuilt session starts from it. */
    void latch(Object fact) {
        latched.add(fact);
    }

    /**
     * States a fact, lets the rules settle on it and keeps it for the rest of the run. If the engine
     * throws, nothing of the run's state has changed (the fact is latched only after the firing).
     */
    void state(Object fact) {
        session.insert(fact);
        session.fireAllRules();
        latched.add(fact);
    }
}
