package io.hotfire.llm.guardrail;

import java.util.ArrayList;
import java.util.Collection;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * Advisory hypotheses name catalogue codes only, at most {@value #MAX} of them, each with a
 * reason that is grounded in the diagnosis (codes, sensors and numbers as for explanations; the
 * offered codes themselves may be named) and a confidence in 0..1. They carry no severity and
 * no recommendation: the record type has no room for either.
 */
public final class HypothesisGuardrail {

    public static final String NAME = "hypotheses";
    public static final int MAX = 3;

    /** One proposed hypothesis, as the model gave it. */
    public record Candidate(String code, String reason, Double confidence) {
    }

    private final Set<String> catalogue;
    private final GroundedFacts facts;
    private final KnownIdentifiers known;

    /** Further checks of a reason (the claim checker's advice mode): violations for a reason, given the offered codes. */
    public interface ReasonCheck {
        List<Violation> check(String reason, Set<String> offered);
    }

    private final ReasonCheck reasonCheck;

    public HypothesisGuardrail(Collection<String> catalogue, GroundedFacts facts, KnownIdentifiers known) {
        this(catalogue, facts, known, null);
    }

    public HypothesisGuardrail(Collection<String> catalogue, GroundedFacts facts, KnownIdentifiers known, ReasonCheck reasonCheck) {
        this.reasonCheck = reasonCheck;
        this.catalogue = Set.copyOf(catalogue);
        this.facts = facts;
        Set<String> codes = new HashSet<>(known.faultCodes());
        codes.addAll(catalogue);
        this.known = new KnownIdentifiers(codes, known.sensorIds());
    }

    public GuardrailResult check(List<Candidate> candidates) {
        List<Violation> out = new ArrayList<>();
        if (candidates.size() > MAX) {
            out.add(new Violation(Violation.Kind.SHAPE, String.valueOf(candidates.size()),
                    "at most " + MAX + " hypotheses may be offered"));
        }
        Set<String> offered = new HashSet<>();
        for (Candidate c : candidates) {
            if (c.code() != null && catalogue.contains(c.code())) {
                offered.add(c.code());
            }
        }
        DiagnosisGroundingGuardrail grounding = new DiagnosisGroundingGuardrail(facts, known, offered);
        for (Candidate c : candidates) {
            if (c.code() == null || c.code().isBlank()) {
                out.add(new Violation(Violation.Kind.SHAPE, "", "a hypothesis has no code"));
            } else if (!catalogue.contains(c.code())) {
                out.add(new Violation(Violation.Kind.NOT_IN_CATALOGUE, c.code(), "not a code of the fault catalogue"));
            }
            if (c.reason() == null || c.reason().isBlank()) {
                out.add(new Violation(Violation.Kind.SHAPE, String.valueOf(c.code()), "a hypothesis needs a reason"));
            } else {
                out.addAll(grounding.check(c.reason()).violations());
                if (reasonCheck != null) {
                    out.addAll(reasonCheck.check(c.reason(), offered));
                }
            }
            if (c.confidence() == null || !(c.confidence() >= 0 && c.confidence() <= 1)) {
                out.add(new Violation(Violation.Kind.CONFIDENCE, String.valueOf(c.confidence()),
                        "confidence must be a number from 0 to 1"));
            }
        }
        return new GuardrailResult(NAME, out.stream().distinct().toList());
    }
}
