package io.hotfire.rules.engine;

import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import org.kie.api.event.rule.DefaultRuleRuntimeEventListener;
import org.kie.api.event.rule.ObjectDeletedEvent;
import org.kie.api.event.rule.ObjectInsertedEvent;

/**
 * Which rule concluded each fact of one Drools session, by the rule's {@code @id} metadata: every
 * event names the rules behind it from here, never from ids written into the Java. Facts the session
 * was given (window evidence, latches carried into a rebuilt session) have no concluding rule.
 */
final class FactOrigins extends DefaultRuleRuntimeEventListener {

    private final Map<Object, String> byFact = new IdentityHashMap<>();

    @Override
    public void objectInserted(ObjectInsertedEvent event) {
        if (event.getRule() != null) {
            byFact.put(event.getObject(), RuleEngine.idOf(event.getRule()));
        }
    }

    @Override
    public void objectDeleted(ObjectDeletedEvent event) {
        byFact.remove(event.getOldObject());
    }

    /** The id of the rule that concluded the fact; null for a fact the session was given. */
    String ruleOf(Object fact) {
        return byFact.get(fact);
    }

    /** The rules behind a fact: {@code before} (those behind its evidence) first, then its own if not among them. */
    List<String> rulesBehind(Object fact, List<String> before) {
        List<String> out = new java.util.ArrayList<>(before);
        String r = byFact.get(fact);
        if (r != null && !out.contains(r)) {
            out.add(r);
        }
        return out;
    }
}
