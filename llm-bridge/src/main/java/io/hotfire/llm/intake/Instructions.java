package io.hotfire.llm.intake;

import java.util.List;
import java.util.Locale;
import java.util.Set;

/** Text in a note addressed to the system rather than describing the test (prompt injection). */
public final class Instructions {

    /** Cues of text addressed to the system. */
    private static final List<String> CUES = List.of("ignore previous", "ignore all", "ignore the", "ignore your",
            "disregard", "system prompt", "you are now", "you must", "assistant", "as an ai", "new instructions",
            "instruction", "respond with", "reply with", "answer with", "output", "mark as", "mark it", "set present",
            "code it as", "code as", "classify as", "record as", "tag as", "add observation",
            "print", "json", "override", "developer mode", "jailbreak", "maintenance mode", "the ai", "an ai", "the llm",
            "the model", "the rules are wrong", "tell the operator", "tell the user", "pass on to", "coder", "coding program",
            "do not code", "don't code", "the computer", "mark this", "mark every", "mark all", "classifier");

    /** A code or presence written as a field of structured data. */
    private static final java.util.regex.Pattern STRUCTURED = java.util.regex.Pattern.compile(
            "(?i)(?:\\{\\s*\"?code\"?\\s*[:=])|(?:\\bpresent\"?\\s*[:=]\\s*\"?(?:true|false)\\b)");

    private Instructions() {
    }

    /**
     * Whether {@code text} reads as an instruction to the system: a cue such as "ignore previous",
     * "mark as", "respond with", or a vocabulary code written as a code ({@code EXTERNAL_FIRE}),
     * which people describing a test do not write, or a code or presence written as a field of data
     * ({@code {code: SMOKE, present: true}}). A heading such as "Observation:" is how
     * people write, not a cue.
     */
    public static boolean instructionLike(String text, Set<String> codes) {
        String lower = NoteText.padded(text);
        for (String cue : CUES) {
            if (lower.contains(" " + String.join(" ", NoteText.words(cue.toLowerCase(Locale.ROOT))) + " ")) {
                return true;
            }
        }
        for (String c : codes) {
            if (c.contains("_") && text.contains(c)) {
                return true;
            }
        }
        // an observation written as data ("{code: SMOKE, present: true}"), pasted or injected, is no one's observation
        return STRUCTURED.matcher(text).find();
    }
}
