package io.hotfire.llm.claim;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * A domain's claim language ({@code domains/<id>/claims.yaml}): the words for faults,
 * components, actions, severities, advice, defiance and units that {@link ClaimChecker} holds
 * against the cited events. Domain data, no Java per domain.
 *
 * @param domain             the domain id
 * @param faults             fault code to the phrases that name it (prefix-matched words)
 * @param components         component phrases with the faults and sensors they are about
 * @param actions            recommendation code to its phrases (whole words)
 * @param severities         severity name to its phrases (whole words)
 * @param adviceMarkers      phrases that present a statement as advice
 * @param ruleMarkers        phrases that present a statement as a rule conclusion
 * @param defiance           phrases telling anyone to set the rules aside
 * @param units              unit spelling to its quantity and conversion
 * @param relativeTolerance  how far a written number may be from a cited value
 */
public record ClaimLanguage(
        String domain,
        Map<String, List<Phrase>> faults,
        List<Component> components,
        Map<String, List<Phrase>> actions,
        Map<String, List<Phrase>> severities,
        List<Phrase> adviceMarkers,
        List<Phrase> ruleMarkers,
        List<Phrase> defiance,
        Map<String, Unit> units,
        double relativeTolerance) {

    /** The file name inside a domain folder. */
    public static final String FILE_NAME = "claims.yaml";

    public ClaimLanguage {
        faults = Map.copyOf(faults);
        components = List.copyOf(components);
        actions = Map.copyOf(actions);
        severities = Map.copyOf(severities);
        adviceMarkers = List.copyOf(adviceMarkers);
        ruleMarkers = List.copyOf(ruleMarkers);
        defiance = List.copyOf(defiance);
        units = Map.copyOf(units);
    }

    /** A component: its names and what it is about. */
    public record Component(List<Phrase> names, Set<String> faults, Set<String> sensors) {
        public Component {
            names = List.copyOf(names);
            faults = Set.copyOf(faults);
            sensors = Set.copyOf(sensors);
        }
    }

    /** A unit: base value = written × factor + offset. */
    public record Unit(String unit, String quantity, double factor, double offset) {
        public double toBase(double v) {
            return v * factor + offset;
        }

        public double fromBase(double v) {
            return (v - offset) / factor;
        }
    }

    /**
     * A phrase as lower-case words. With {@code prefix}, each word matches a text word that starts
     * with it ("cavitat" matches "cavitating"); otherwise words must be equal.
     */
    public record Phrase(String text, List<String> words, boolean prefix) {
        public Phrase {
            words = List.copyOf(words);
        }

        public static Phrase of(String text, boolean prefix) {
            return new Phrase(text, ClaimLanguage.words(text), prefix);
        }

        /** The first position in {@code tokens} where the phrase occurs, or -1. */
        public int find(List<String> tokens) {
            if (words.isEmpty()) {
                return -1;
            }
            outer:
            for (int i = 0; i + words.size() <= tokens.size(); i++) {
                for (int j = 0; j < words.size(); j++) {
                    String t = tokens.get(i + j);
                    String w = words.get(j);
                    if (prefix ? !t.startsWith(w) : !t.equals(w)) {
                        continue outer;
                    }
                }
                return i;
            }
            return -1;
        }
    }

    /** Lower-case words of a text: letters and digits, "_", "-" and punctuation read as spaces. */
    public static List<String> words(String text) {
        List<String> out = new ArrayList<>();
        if (text == null) {
            return out;
        }
        StringBuilder w = new StringBuilder();
        for (char c : text.toLowerCase(Locale.ROOT).toCharArray()) {
            if (Character.isLetterOrDigit(c)) {
                w.append(c);
            } else if (w.length() > 0) {
                out.add(w.toString());
                w.setLength(0);
            }
        }
        if (w.length() > 0) {
            out.add(w.toString());
        }
        return out;
    }

    /** A language with no words: the checker then checks citations, identifiers and numbers only. */
    public static ClaimLanguage empty(String domain) {
        return new ClaimLanguage(domain, Map.of(), List.of(), Map.of(), Map.of(), List.of(), List.of(), List.of(), Map.of(),
                0.005);
    }
}
