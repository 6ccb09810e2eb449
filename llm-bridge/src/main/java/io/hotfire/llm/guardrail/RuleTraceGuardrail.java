package io.hotfire.llm.guardrail;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Out of distribution the explanation must stay on the rule trace: it says that it rests on
 * the rules, and it offers no speculation (likely causes, hypotheses) beyond them. Words the
 * diagnosis itself uses (a rule message saying "suspect") are not held against the text.
 */
public final class RuleTraceGuardrail {

    public static final String NAME = "rule-trace-only";

    /** Hedges and hypothesis words that go beyond what a rule concluded. */
    public static final List<String> SPECULATION = List.of("likely", "unlikely", "probably", "probable", "possibly",
            "possible", "perhaps", "might", "may be", "may have", "may indicate", "could be", "could have",
            "could indicate", "suggests", "suggesting", "suggestive", "hypothesis", "hypotheses", "suspect",
            "suspected", "root cause", "we believe", "i believe", "presumably", "appears to be caused", "consistent with");

    private final String diagnosisText;

    public RuleTraceGuardrail(GroundedFacts facts) {
        this.diagnosisText = facts.text().toLowerCase(Locale.ROOT);
    }

    public GuardrailResult check(String text) {
        List<Violation> out = new ArrayList<>();
        String lower = text.toLowerCase(Locale.ROOT);
        for (String s : SPECULATION) {
            Matcher m = Pattern.compile("\\b" + Pattern.quote(s) + "\\b").matcher(lower);
            if (m.find() && !Pattern.compile("\\b" + Pattern.quote(s) + "\\b").matcher(diagnosisText).find()) {
                out.add(new Violation(Violation.Kind.SPECULATION, text.substring(m.start(), m.end()),
                        "out of distribution the explanation must keep to the rule trace, without speculation"));
            }
        }
        if (!lower.contains("rule")) {
            out.add(new Violation(Violation.Kind.MISSING_RULE_TRACE, "",
                    "out of distribution the explanation must say that it rests on the rules that fired"));
        }
        return new GuardrailResult(NAME, out);
    }
}
