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
 * An explanation as the API shows it. The prose ({@code whatHappened}, {@code evidenceText},
 * {@code rulesText}, {@code recommendation}, {@code routeText}) is the template's or the LLM's
 * after the guardrails; {@code evidence} and {@code rules} are taken from the diagnosis itself
 * (the findings' evidence with its values, the ids of the rules that fired), never from a model.
 *
 * @param route IN_DISTRIBUTION, OUT_OF_DISTRIBUTION, or NONE when the run has no ROUTE event (rules authoritative)
 */
public record ExplanationView(Long finding, String whatHappened, List<Map<String, Object>> evidence, List<String> rules,
                              String recommendation, String route, String source, String model, String guardrail,
                              String fallbackReason, String evidenceText, String rulesText, String routeText) {

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
        String guardrail = x.guardrail() == null ? "not checked (template over the rule trace)"
                : x.guardrail().passed() ? "passed " + x.guardrail().guardrail()
                : "failed " + x.guardrail().guardrail() + ": " + x.guardrail().describe();
        return new ExplanationView(finding, x.whatHappened(), evidence, List.copyOf(rules), x.recommendation(), route,
                x.source() == ExplanationSource.LLM ? "llm" : "template", LlmBridge.label(x.model()), guardrail,
                LlmBridge.publicReason(x.fallbackReason()), x.evidence(), x.rules(), x.route());
    }
}
