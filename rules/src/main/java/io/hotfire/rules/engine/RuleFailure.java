package io.hotfire.rules.engine;

import io.hotfire.domain.event.Event;
import io.hotfire.domain.event.EventType;
import io.hotfire.domain.event.Severity;
import io.hotfire.domain.feature.WindowSnapshot;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.kie.api.definition.rule.Rule;
import org.kie.api.runtime.rule.ConsequenceException;

/**
 * What the rule engine threw on a window, as a {@link EventType#DIAGNOSIS_FAULT} event: the
 * exception, the rule whose consequence threw (when one did) and the window; and the signature by
 * which a run of failures with the same cause is reported once.
 */
final class RuleFailure {

    private RuleFailure() {
    }

    static Event event(WindowSnapshot w, Throwable e, boolean recovered, int faults) {
        Throwable cause = cause(e);
        Rule rule = failingRule(e);
        String name = rule == null ? null : rule.getName();
        Map<String, Object> ev = new LinkedHashMap<>();
        ev.put("exception", cause.getClass().getName());
        ev.put("detail", String.valueOf(cause.getMessage()));
        ev.put("at", Arrays.stream(cause.getStackTrace()).limit(6).map(String::valueOf).toList());
        ev.put("rule", name);
        ev.put("window", w.index());
        ev.put("windowT", w.tEnd());
        ev.put("recovered", recovered);
        ev.put("faults", faults);
        String msg = "rule evaluation failed on window " + w.index() + " (t " + String.format(Locale.ROOT, "%.2f", w.tEnd())
                + " s) with " + cause.getClass().getSimpleName() + (name == null ? "" : " in rule " + name)
                + "; session rebuilt from the run's state, "
                + (recovered ? "window evaluated again" : "window skipped") + ", diagnosis goes on";
        return new Event(w.tEnd(), EventType.DIAGNOSIS_FAULT, "DIAGNOSIS_FAULT", Severity.WARNING, null,
                rule == null ? List.of() : List.of(RuleEngine.idOf(rule)), msg, ev);
    }

    /** The exception's class and the failing rule: equal for failures of the same cause. */
    static String signature(Throwable e) {
        Rule rule = failingRule(e);
        return cause(e).getClass().getName() + "|" + (rule == null ? null : rule.getName());
    }

    private static Throwable cause(Throwable e) {
        return e instanceof ConsequenceException && e.getCause() != null ? e.getCause() : e;
    }

    private static Rule failingRule(Throwable e) {
        if (e instanceof ConsequenceException c && c.getMatch() != null && c.getMatch().getRule() != null) {
            return c.getMatch().getRule();
        }
        return null;
    }
}
