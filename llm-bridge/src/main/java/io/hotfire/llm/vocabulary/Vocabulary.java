package io.hotfire.llm.vocabulary;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** A domain's observation vocabulary: the only codes intake may produce. */
public final class Vocabulary {

    private final String domain;
    private final String version;
    private final Map<String, VocabularyEntry> entries;
    private final Map<String, String> abbreviations;
    private final List<Map.Entry<Pattern, String>> expansions;

    public Vocabulary(String domain, String version, List<VocabularyEntry> entries) {
        this(domain, version, entries, Map.of());
    }

    /**
     * @param abbreviations stand shorthand → words ({@code TP → turbopump}), expanded before matching
     */
    public Vocabulary(String domain, String version, List<VocabularyEntry> entries, Map<String, String> abbreviations) {
        this(domain, version, entries, abbreviations, List.of());
    }

    /**
     * Shorthand whose meaning depends on the words around it ({@code TC} next to "said" or "called"
     * is the test conductor, elsewhere a thermocouple): written out as {@code means} when one of the
     * {@code cues} occurs within {@value #CONTEXT_WORDS} words of it, before the plain abbreviations.
     */
    public record ContextRule(String shorthand, String means, List<String> cues) {
        public ContextRule {
            cues = List.copyOf(cues);
        }
    }

    /** Words either side of a shorthand that a context rule looks at. */
    public static final int CONTEXT_WORDS = 4;

    private List<ContextRule> contextRules = List.of();

    public Vocabulary(String domain, String version, List<VocabularyEntry> entries, Map<String, String> abbreviations,
                      List<ContextRule> contextRules) {
        this.contextRules = List.copyOf(contextRules);
        this.domain = domain;
        this.version = version;
        this.abbreviations = Collections.unmodifiableMap(new LinkedHashMap<>(abbreviations));
        this.expansions = abbreviations.entrySet().stream()
                .map(e -> Map.entry(Pattern.compile("(?<![\\w-])" + Pattern.quote(e.getKey()) + "(?![\\w-])",
                        Pattern.CASE_INSENSITIVE), e.getValue()))
                .toList();
        Map<String, VocabularyEntry> m = new LinkedHashMap<>();
        for (VocabularyEntry e : entries) {
            if (m.putIfAbsent(e.code(), e) != null) {
                throw new IllegalArgumentException("duplicate vocabulary code " + e.code());
            }
        }
        this.entries = Collections.unmodifiableMap(m);
    }

    /** The domain id, e.g. {@code gg1}. */
    public String domain() {
        return domain;
    }

    /** Content hash of the file it was read from (first 16 hex digits of SHA-256). */
    public String version() {
        return version;
    }

    public List<VocabularyEntry> entries() {
        return List.copyOf(entries.values());
    }

    public Optional<VocabularyEntry> entry(String code) {
        return Optional.ofNullable(code == null ? null : entries.get(code));
    }

    public boolean contains(String code) {
        return code != null && entries.containsKey(code);
    }

    public Set<String> codes() {
        return Collections.unmodifiableSet(new LinkedHashSet<>(entries.keySet()));
    }

    public Map<String, String> abbreviations() {
        return abbreviations;
    }

    /** The text with every abbreviation written out (whole words, any case); for matching only. */
    public String expand(String text) {
        return expandPlain(expandInContext(text, "", ""));
    }

    /**
     * The span {@code start..end} of {@code note} with every abbreviation written out, a context
     * rule looking at the note's words around the span too (a clause "TC" after "10:44" is read
     * with the loop call that follows it in the note); for matching only.
     */
    public String expand(String note, int start, int end) {
        return expandPlain(expandInContext(note.substring(start, end), note.substring(0, start), note.substring(end)));
    }

    private String expandPlain(String text) {
        String out = text;
        for (Map.Entry<Pattern, String> e : expansions) {
            out = e.getKey().matcher(out).replaceAll(Matcher.quoteReplacement(e.getValue()));
        }
        return out;
    }

    public List<ContextRule> contextRules() {
        return contextRules;
    }

    private String expandInContext(String text, String left, String right) {
        String out = text;
        for (ContextRule r : contextRules) {
            Matcher m = Pattern.compile("(?<![\\w-])" + Pattern.quote(r.shorthand()) + "(?![\\w-])").matcher(out);
            StringBuilder b = new StringBuilder();
            while (m.find()) {
                String before = (left + out.substring(0, m.start())).toLowerCase(java.util.Locale.ROOT);
                String after = (out.substring(m.end()) + right).toLowerCase(java.util.Locale.ROOT);
                List<String> near = new java.util.ArrayList<>();
                // numbers (times, test ids) say nothing about the meaning: the window counts words only
                List<String> wb = java.util.Arrays.stream(before.split("[^a-z0-9']+")).filter(w -> !w.matches("[0-9']*")).toList();
                near.addAll(wb.subList(Math.max(0, wb.size() - CONTEXT_WORDS), wb.size()));
                List<String> wa = java.util.Arrays.stream(after.split("[^a-z0-9']+")).filter(w -> !w.matches("[0-9']*")).toList();
                near.addAll(wa.subList(0, Math.min(CONTEXT_WORDS, wa.size())));
                boolean cued = r.cues().stream().anyMatch(near::contains);
                m.appendReplacement(b, Matcher.quoteReplacement(cued ? r.means() : m.group()));
            }
            m.appendTail(b);
            out = b.toString();
        }
        return out;
    }

    /** Every sensor id any entry relates to. */
    public Set<String> sensors() {
        Set<String> out = new TreeSet<>();
        entries.values().forEach(e -> out.addAll(e.sensors()));
        return out;
    }
}
