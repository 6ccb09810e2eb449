package io.hotfire.llm.vocabulary;

import java.util.List;

/**
 * One controlled observation an engineer's note can map to.
 *
 * @param code        stable UPPER_SNAKE code, e.g. {@code AUDIBLE_WHINE_TURBOPUMP}
 * @param description one sentence for people and for the matcher
 * @param synonyms    other ways engineers write it
 * @param components  hardware it is about; the first is the default
 * @param sensors     ICD sensor ids whose channels it relates to
 * @param supports    fault codes it can support as evidence (never raising severity alone)
 * @param notWith     words or phrases (several words: in a row) that, in the same clause, say the note is about something else
 *                    ("pump" for rough combustion: "pump howled" is the turbopump, not the chamber)
 */
public record VocabularyEntry(
        String code,
        String description,
        List<String> synonyms,
        List<String> components,
        List<String> sensors,
        List<String> supports,
        List<String> notWith) {

    public VocabularyEntry {
        notWith = List.copyOf(notWith);
        synonyms = List.copyOf(synonyms);
        components = List.copyOf(components);
        sensors = List.copyOf(sensors);
        supports = List.copyOf(supports);
    }

    public VocabularyEntry(String code, String description, List<String> synonyms, List<String> components,
                           List<String> sensors, List<String> supports) {
        this(code, description, synonyms, components, sensors, supports, List.of());
    }

    /** The component an observation is about when the note names none. */
    public String defaultComponent() {
        return components.isEmpty() ? null : components.get(0);
    }
}
