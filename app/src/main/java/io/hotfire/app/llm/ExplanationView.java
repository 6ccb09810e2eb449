package io.hotfire.app.llm;

import io.hotfire.domain.event.Event;
import io.hotfire.domain.event.EventType;
import io.hotfire.llm.diagnosis.Diagnosis;
import io.hotfire.llm.explain.Explanation;
import io.hotfire.llm.explain.ExplanationSource;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;

/**
 * An explanation as the API shows it. Everything that carries the diagnosis ({@code whatHappened},
 * {@code evidenceText}, {@code rulesText}, {@code recommendation}, {@code routeText}, {@code evidence},
 * {@code rules}, {@code route}) is written from the rule trace, never by a model. The LLM's words
 * are only {@code llmText} (its accepted claims, each checked against the events it cites) and
 * {@code claims}; {@code droppedClaims} names refused claims by number and kind of failure only.
 *
 * @param route IN_DISTRIBUTION, OUT_OF_DISTRIBUTION, or NONE when the run has no ROUTE event (rules authoritative)
 */
public record ExplanationView(Long finding, String whatHappened, List<Map<String, Object>> evidence, List<String> rules,
                              String recommendation, String route, String source, String model, String guardrail,
                              String fallbackReason, String evidenceText, String rulesText, String routeText,
                              String llmText, List<ClaimView> claims, List<String> droppedClaims) {

    /** One accepted claim and the event ids (of the explanation's prompt, {@code E1}...) it cites. */
    public record ClaimView(String text, List<String> cites) {
    }

    public static ExplanationView of(Diagnosis d, Long finding, Explanation x) {
        List<Map<String, Object>> evidence = new ArrayList<>();
        LinkedHashSet<String> rules = new LinkedHashSet<>();
        for (Event e : d.events()) {
            rules.addAll(e.rules());
            if (e.type() == EventType.FINDING || e.type() == EventType.ABORT) {
                Object items = e.evidence().get("evidence");
                if (items instanceof List<?> list) {
                    for (Object item : list) {
                        if (item instanceof Map<?, ?> m) {
                            Map<String, Object> row = new LinkedHashMap<>();
                            row.put("finding", e.code());
                            m.forEach((k, v) -> row.put(String.valueOf(k), v));
                            evidence.add(row);
                        }
                    }
                } else if (e.type() == EventType.ABORT) {
                    Map<String, Object> row = new LinkedHashMap<>(e.evidence());
                    row.put("finding", e.code());
                    evidence.add(row);
                }
                Object observations = e.evidence().get("observations");
                if (observations instanceof List<?> list) {
                    for (Object item : list) {
                        if (item instanceof Map<?, ?> m) {
                            Map<String, Object> row = new LinkedHashMap<>();
                            row.put("finding", e.code());
                            row.put("feature", "observation");
                            m.forEach((k, v) -> row.put(String.valueOf(k), v));
                            evidence.add(row);
                        }
                    }
                }
            }
        }
        String route = d.route().isEmpty() ? "NONE" : d.inDistribution() ? "IN_DISTRIBUTION" : "OUT_OF_DISTRIBUTION";
        String guardrail = x.source() != ExplanationSource.LLM ? "no LLM text shown (template over the rule trace)"
                : x.droppedClaims().isEmpty() ? "every claim passed the claim checker against the events it cites"
                : x.claims().size() + " claims passed the claim checker; " + String.join("; ", x.droppedClaims());
        return new ExplanationView(finding, x.whatHappened(), evidence, List.copyOf(rules), x.recommendation(), route,
                x.source() == ExplanationSource.LLM ? "llm" : "template", LlmBridge.label(x.model()), guardrail,
                LlmBridge.publicReason(x.fallbackReason()), x.evidence(), x.rules(), x.route(), x.prose(),
                x.claims().stream().map(c -> new ClaimView(c.text(), c.cites())).toList(), x.droppedClaims());
    }
}
