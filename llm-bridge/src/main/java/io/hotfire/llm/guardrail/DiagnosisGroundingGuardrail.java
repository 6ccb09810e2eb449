package io.hotfire.llm.guardrail;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * Only fault codes, sensor ids, rule ids, recommendations and numbers present in the diagnosis
 * may appear in a text about it. Every UPPER_SNAKE token and rule id is checked; single
 * upper-case words are checked when they are known identifiers (sensor ids such as
 * {@code THRUST}, recommendation codes such as {@code ABORT}); numbers match a diagnosis value
 * rounded to the decimals written, or within {@value GroundedFacts#RELATIVE_TOLERANCE} of it.
 */
public final class DiagnosisGroundingGuardrail {

    public static final String NAME = "diagnosis-grounding";

    private final GroundedFacts facts;
    private final KnownIdentifiers known;
    private final Set<String> alsoAllowed;

    public DiagnosisGroundingGuardrail(GroundedFacts facts, KnownIdentifiers known) {
        this(facts, known, Set.of());
    }

    /** @param alsoAllowed further identifiers the text may name (e.g. the hypothesis codes being offered) */
    public DiagnosisGroundingGuardrail(GroundedFacts facts, KnownIdentifiers known, Set<String> alsoAllowed) {
        this.facts = facts;
        this.known = known;
        this.alsoAllowed = Set.copyOf(alsoAllowed);
    }

    public GuardrailResult check(String text) {
        List<Violation> out = new ArrayList<>();
        Set<String> ids = new LinkedHashSet<>(TextScan.all(TextScan.SNAKE, text));
        Set<String> words = known.words();
        for (String w : TextScan.all(TextScan.WORD, text)) {
            if (words.contains(w)) {
                ids.add(w);
            }
        }
        for (String id : ids) {
            if (!allowed(id)) {
                out.add(new Violation(kind(id), id, "not in the diagnosis"));
            }
        }
        for (String r : TextScan.all(TextScan.RULE_ID, text)) {
            if (!allowed(r)) {
                out.add(new Violation(Violation.Kind.RULE_ID, r, "no such rule fired in the diagnosis"));
            }
        }
        for (String p : KnownIdentifiers.RECOMMENDATIONS) {
            if (p.contains(" ") && text.contains(p) && !facts.hasPhrase(p)) {
                out.add(new Violation(Violation.Kind.RECOMMENDATION, p, "not recommended in the diagnosis"));
            }
        }
        Set<String> seen = new LinkedHashSet<>();
        for (TextScan.NumberToken n : TextScan.numbers(text)) {
            if (seen.add(n.text()) && !facts.allowsNumber(n.value(), n.decimals(), n.scientific())) {
                out.add(new Violation(Violation.Kind.NUMBER, n.text(), "matches no value in the diagnosis"));
            }
        }
        return new GuardrailResult(NAME, out);
    }

    private boolean allowed(String id) {
        return facts.hasIdentifier(id) || alsoAllowed.contains(id);
    }

    private Violation.Kind kind(String id) {
        if (known.faultCodes().contains(id)) {
            return Violation.Kind.FAULT_CODE;
        }
        if (known.sensorIds().contains(id)) {
            return Violation.Kind.SENSOR;
        }
        if (KnownIdentifiers.RECOMMENDATIONS.contains(id)) {
            return Violation.Kind.RECOMMENDATION;
        }
        return Violation.Kind.IDENTIFIER;
    }
}
