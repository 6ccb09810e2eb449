package io.hotfire.llm.claim;

import io.hotfire.domain.event.Event;
import io.hotfire.llm.diagnosis.Diagnosis;
import io.hotfire.llm.guardrail.DiagnosisGroundingGuardrail;
import io.hotfire.llm.guardrail.KnownIdentifiers;
import io.hotfire.llm.guardrail.RuleTraceGuardrail;
import io.hotfire.llm.guardrail.Violation;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Checks one claim against the events it cites, and only those. A claim is refused when
 * <ul>
 *   <li>it cites nothing, or an id the diagnosis does not have;</li>
 *   <li>it tells anyone to set the rules aside ({@code defiance});</li>
 *   <li>it names a code, sensor id or rule id the cited events do not contain;</li>
 *   <li>it names a fault in any wording (catalogue code in any case, the language's fault names)
 *       that no cited finding's code or ambiguity group is, or a component no cited finding or
 *       cited sensor is about;</li>
 *   <li>an action word is not the rules' recommendation in force at the latest cited time (or a
 *       cited recommendation);</li>
 *   <li>a severity word is not the severity of a cited event (unless the cited events use it);</li>
 *   <li>a number with a unit matches no cited value of that quantity, converted to the unit
 *       written, rounded to the decimals written or within the language's tolerance; a time
 *       (T+…) matches no cited time; a bare number matches no cited value;</li>
 *   <li>it restates learned advice without calling it advice, or as a rule conclusion, or out
 *       of distribution;</li>
 *   <li>it speculates about an event made while the gate said out of distribution.</li>
 * </ul>
 * Advice texts (hypothesis reasons) are checked against the whole diagnosis and may carry no
 * action and no severity word at all.
 */
public final class ClaimChecker {

    private static final Pattern SNAKE = Pattern.compile("(?<![\\w-])[A-Za-z][A-Za-z0-9]*(?:_[A-Za-z0-9]+)+(?![\\w-])");
    private static final Pattern RULE_ID = Pattern.compile("(?<![\\w-])[A-Z]{1,4}-\\d{3}(?![\\w-])");
    private static final Pattern EVENT_ID = Pattern.compile("(?<![\\w-])E\\d+(?![\\w-])");
    private static final Pattern HYPHEN_NAME = Pattern.compile("(?<![\\w-])[A-Za-z]+-\\d+[A-Za-z]*(?![\\w-])");
    private static final Pattern LETTERS_THEN_DIGITS = Pattern.compile("(?<![\\w])[A-Za-z_]+\\d+\\w*");

    private final ClaimLanguage language;
    private final KnownIdentifiers known;
    private final Map<String, String> sensorUnits;
    private final ClaimUnits units;
    private final List<Observed> observed = new ArrayList<>();

    /** An observation vocabulary entry's synonyms. */
    private record Observed(String code, List<ClaimLanguage.Phrase> phrases) {
    }

    /**
     * @param sensorUnits each sensor id's unit as the profile writes it (evidence values are in it)
     */
    public ClaimChecker(ClaimLanguage language, KnownIdentifiers known, Map<String, String> sensorUnits) {
        this(language, known, sensorUnits, null);
    }

    /**
     * @param vocabulary the domain's observation vocabulary, or null: its synonyms ("smoke", "frost",
     *                   "whine") may then only describe what a cited event observed (a cited observation of
     *                   that code) or says in its own words
     */
    public ClaimChecker(ClaimLanguage language, KnownIdentifiers known, Map<String, String> sensorUnits,
                        io.hotfire.llm.vocabulary.Vocabulary vocabulary) {
        if (vocabulary != null) {
            for (io.hotfire.llm.vocabulary.VocabularyEntry e : vocabulary.entries()) {
                List<ClaimLanguage.Phrase> ps = e.synonyms().stream().map(x -> ClaimLanguage.Phrase.of(x, false))
                        .filter(p -> !p.words().isEmpty()).toList();
                observed.add(new Observed(e.code(), ps));
            }
        }
        this.language = language;
        this.known = known;
        this.sensorUnits = Map.copyOf(sensorUnits);
        this.units = new ClaimUnits(language);
    }

    public ClaimLanguage language() {
        return language;
    }

    /** Checks claim number {@code index} (from 1) of an explanation of {@code d}. */
    public ClaimVerdict check(Diagnosis d, int index, Claim claim) {
        List<Violation> out = new ArrayList<>();
        Map<String, Event> ids = d.byId();
        List<Event> cited = new ArrayList<>();
        boolean routeCited = false;
        if (claim.text().isBlank()) {
            out.add(new Violation(Violation.Kind.SHAPE, "", "a claim needs a text"));
        }
        if (claim.cites().isEmpty()) {
            out.add(new Violation(Violation.Kind.CITATION, "", "a claim must cite the ids of the events it rests on"));
        }
        for (String id : claim.cites()) {
            String key = id == null ? "" : id.strip();
            if (key.equalsIgnoreCase("ROUTE")) {
                routeCited = true;
            } else if (ids.containsKey(key.toUpperCase(java.util.Locale.ROOT))) {
                cited.add(ids.get(key.toUpperCase(java.util.Locale.ROOT)));
            } else {
                out.add(new Violation(Violation.Kind.CITATION, key, "no event with this id in the diagnosis"));
            }
        }
        if (!out.isEmpty()) {
            return new ClaimVerdict(index, claim, out);
        }
        out.addAll(check(d, new CitedScope(d, cited, routeCited, language, this.sensorUnits, units), claim.text(), Set.of(), false));
        return new ClaimVerdict(index, claim, out.stream().distinct().toList());
    }

    /**
     * Checks an advisory text (a hypothesis reason) against the whole diagnosis: {@code offered}
     * codes may be named; no action and no severity may be.
     */
    public List<Violation> checkAdvice(Diagnosis d, String text, Set<String> offered) {
        return check(d, new CitedScope(d, d.events(), true, language, this.sensorUnits, units), text, offered, true).stream().distinct().toList();
    }

    private List<Violation> check(Diagnosis d, CitedScope s, String text, Set<String> extraCodes, boolean advice) {
        List<Violation> out = new ArrayList<>();
        List<String> allWords = ClaimLanguage.words(text);
        for (ClaimLanguage.Phrase p : language.defiance()) {
            if (p.find(allWords) >= 0) {
                out.add(new Violation(Violation.Kind.DEFIANCE, p.text(), "the rules have the last word; nothing may tell anyone to set them aside"));
            }
        }
        // identifiers: codes, sensor ids and rule ids of the cited events only
        for (Violation v : new DiagnosisGroundingGuardrail(s.facts, known, extraCodes).check(text).violations()) {
            if (v.kind() != Violation.Kind.NUMBER && v.kind() != Violation.Kind.RECOMMENDATION) {
                out.add(new Violation(v.kind(), v.found(), "not in the cited events"));
            }
        }
        List<String> words = ClaimLanguage.words(stripIds(text));
        Set<String> allowedCodes = new HashSet<>(s.codes);
        allowedCodes.addAll(extraCodes);
        boolean aboutAdvice = s.citesAdvice;
        // a phrase may name several codes ("cavitat": either pump); it passes when one of them is cited
        Map<String, Set<String>> named = new java.util.LinkedHashMap<>();
        for (Map.Entry<String, List<ClaimLanguage.Phrase>> f : language.faults().entrySet()) {
            for (ClaimLanguage.Phrase p : f.getValue()) {
                if (p.find(words) >= 0) {
                    named.computeIfAbsent(p.text(), k -> new java.util.TreeSet<>()).add(f.getKey());
                }
            }
        }
        for (Map.Entry<String, Set<String>> n : named.entrySet()) {
            if (n.getValue().stream().anyMatch(allowedCodes::contains)) {
                continue;
            }
            if (n.getValue().stream().anyMatch(s.adviceCodes::contains)) {
                aboutAdvice = true;
                continue;
            }
            out.add(new Violation(Violation.Kind.FAULT_NAME, n.getKey(),
                    "names " + String.join(" / ", n.getValue()) + ", which no cited finding concluded"));
        }
        for (ClaimLanguage.Component c : language.components()) {
            for (ClaimLanguage.Phrase p : c.names()) {
                if (p.find(words) < 0) {
                    continue;
                }
                boolean ok = c.faults().stream().anyMatch(allowedCodes::contains)
                        || c.sensors().stream().anyMatch(s.sensors::contains);
                if (!ok && c.faults().stream().anyMatch(s.adviceCodes::contains)) {
                    aboutAdvice = true;
                    ok = true;
                }
                if (!ok) {
                    out.add(new Violation(Violation.Kind.COMPONENT, p.text(),
                            "no cited finding or cited sensor is about this component"));
                }
            }
        }
        for (Observed o : observed) {
            for (ClaimLanguage.Phrase p : o.phrases()) {
                if (p.find(words) < 0) {
                    continue;
                }
                // something nobody observed is not described as seen, heard or smelled: only a cited
                // observation of that code, or the cited events' own words ("leak" in REGEN_JACKET_LEAK), allow it
                boolean ok = s.observationCodes.contains(o.code()) || p.find(s.ownWords) >= 0;
                if (!ok) {
                    out.add(new Violation(Violation.Kind.OBSERVATION, p.text(),
                            "describes " + o.code() + ", which no cited event observed or is about"));
                }
            }
        }
        Set<String> allowedActions = advice ? Set.of() : s.actions;
        for (Map.Entry<String, List<ClaimLanguage.Phrase>> a : language.actions().entrySet()) {
            for (ClaimLanguage.Phrase p : a.getValue()) {
                if (p.find(allWords) >= 0 && !allowedActions.contains(a.getKey())) {
                    out.add(new Violation(Violation.Kind.ACTION, p.text(), advice
                            ? "advice gives no recommendation; the rules recommend"
                            : "means " + a.getKey() + ", but the rules' recommendation at the cited time is "
                                    + (s.actions.isEmpty() ? "none" : String.join(" / ", s.actions))));
                }
            }
        }
        for (Map.Entry<String, List<ClaimLanguage.Phrase>> sev : language.severities().entrySet()) {
            for (ClaimLanguage.Phrase p : sev.getValue()) {
                if (p.find(allWords) < 0 || p.find(s.ownWords) >= 0) {
                    continue;
                }
                if (advice || !s.severities.contains(sev.getKey())) {
                    out.add(new Violation(Violation.Kind.SEVERITY, p.text(), advice
                            ? "advice carries no severity; the rules decide it"
                            : "means " + sev.getKey() + ", but the cited events are " + String.join(" / ", s.severities)));
                }
            }
        }
        out.addAll(numbers(s, text));
        if (aboutAdvice) {
            boolean marked = language.adviceMarkers().stream().anyMatch(p -> p.find(allWords) >= 0);
            boolean asRule = language.ruleMarkers().stream().anyMatch(p -> p.find(allWords) >= 0);
            if (!s.allIn) {
                out.add(new Violation(Violation.Kind.ADVICE_AS_RULE, "advice",
                        "learned advice is not restated for windows the gate found out of distribution"));
            } else if (!marked || asRule) {
                out.add(new Violation(Violation.Kind.ADVICE_AS_RULE, "advice",
                        "learned advice may only be described as advice, never as a rule conclusion"));
            }
        }
        if (!s.allIn) {
            for (Violation v : new RuleTraceGuardrail(s.facts).check(text).violations()) {
                if (v.kind() == Violation.Kind.SPECULATION) {
                    out.add(new Violation(v.kind(), v.found(), "the cited events were concluded out of distribution: rule trace only"));
                }
            }
        }
        return out;
    }

    private String stripIds(String text) {
        String t = RULE_ID.matcher(text).replaceAll(" ");
        t = EVENT_ID.matcher(t).replaceAll(" ");
        Matcher m = Pattern.compile("(?<![\\w-])[A-Za-z][A-Za-z0-9_]*(?![\\w-])").matcher(t);
        StringBuilder b = new StringBuilder();
        while (m.find()) {
            m.appendReplacement(b, known.sensorIds().contains(m.group()) ? " " : Matcher.quoteReplacement(m.group()));
        }
        m.appendTail(b);
        return b.toString();
    }

    private List<Violation> numbers(CitedScope s, String text) {
        List<Violation> out = new ArrayList<>();
        char[] masked = text.toCharArray();
        for (Pattern p : List.of(SNAKE, RULE_ID, HYPHEN_NAME, LETTERS_THEN_DIGITS, EVENT_ID)) {
            Matcher m = p.matcher(text);
            while (m.find()) {
                for (int i = m.start(); i < m.end(); i++) {
                    masked[i] = ' ';
                }
            }
        }
        String mt = new String(masked);
        Matcher m = ClaimUnits.NUMBER.matcher(mt);
        Set<String> seen = new LinkedHashSet<>();
        while (m.find()) {
            boolean time = m.group(1) != null;
            String raw = m.group(2);
            boolean sci = raw.contains("e") || raw.contains("E");
            String plain = raw.replace(",", "");
            double v;
            try {
                v = Math.abs(Double.parseDouble(plain));
            } catch (NumberFormatException e) {
                continue;
            }
            int dot = plain.indexOf('.');
            int decimals = sci || dot < 0 ? 0 : plain.length() - dot - 1;
            ClaimLanguage.Unit unit = time ? null : units.after(mt, m.end());
            String shown = (time ? m.group(1).replace(" ", "") : "") + raw + (unit == null ? "" : " " + unit.unit());
            if (!seen.add(shown)) {
                continue;
            }
            if (time) {
                if (!s.matches(v, decimals, "time", null, language.relativeTolerance())) {
                    out.add(new Violation(Violation.Kind.TIME, shown, "no cited event is at this run time"));
                }
            } else if (unit != null) {
                if (!s.matches(v, decimals, unit.quantity(), unit, language.relativeTolerance())) {
                    out.add(new Violation(unit.quantity().equals("time") ? Violation.Kind.TIME : Violation.Kind.QUANTITY, shown,
                            "matches no cited " + unit.quantity() + " value"));
                }
            } else if (!s.facts.allowsNumber(v, decimals, sci) && !s.matchesAny(v, decimals, language.relativeTolerance())) {
                out.add(new Violation(Violation.Kind.NUMBER, shown, "matches no value of the cited events"));
            }
        }
        return out;
    }
}
