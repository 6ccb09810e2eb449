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
        String out = text;
        for (Map.Entry<Pattern, String> e : expansions) {
            out = e.getKey().matcher(out).replaceAll(Matcher.quoteReplacement(e.getValue()));
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
