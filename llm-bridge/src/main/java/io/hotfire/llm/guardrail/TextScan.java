package io.hotfire.llm.guardrail;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Finds code-like identifiers and numbers in text, the same way for answers and for diagnoses. */
final class TextScan {

    /** UPPER_SNAKE with at least one underscore: fault codes, sensor ids, limit codes. */
    static final Pattern SNAKE = Pattern.compile("(?<![\\w-])[A-Z][A-Z0-9]*(?:_[A-Z0-9]+)+(?![\\w-])");
    /** Rule ids such as RL-001, GG-001. */
    static final Pattern RULE_ID = Pattern.compile("(?<![\\w-])[A-Z]{1,4}-\\d{3}(?![\\w-])");
    /** Upper-case words (THRUST, ABORT). */
    static final Pattern WORD = Pattern.compile("(?<![\\w-])[A-Z][A-Z0-9]+(?![\\w-])");
    /** Names with a hyphenated number that are not numbers: GG-1, RP-1, HF-014. */
    private static final Pattern HYPHEN_NAME = Pattern.compile("(?<![\\w-])[A-Za-z]+-\\d+[A-Za-z]*(?![\\w-])");
    /** Tokens mixing letters and digits (VIB_1N, 1N, x3). */
    private static final Pattern MIXED = Pattern.compile("[A-Za-z_]+\\d+\\w*|\\d+[A-Za-z_]\\w*");
    private static final Pattern NUMBER = Pattern.compile(
            "(?<![\\w.])(\\d{1,3}(?:,\\d{3})+(?![\\d.])|\\d+(?:\\.\\d+)?(?:[eE][-+]?\\d+)?)(?![\\w])");

    /** A number as written: its value and how many decimals it shows. */
    record NumberToken(String text, double value, int decimals, boolean scientific) {
    }

    private TextScan() {
    }

    static Set<String> all(Pattern p, String text) {
        Set<String> out = new LinkedHashSet<>();
        if (text == null) {
            return out;
        }
        Matcher m = p.matcher(text);
        while (m.find()) {
            out.add(m.group());
        }
        return out;
    }

    static List<NumberToken> numbers(String text) {
        List<NumberToken> out = new ArrayList<>();
        if (text == null) {
            return out;
        }
        char[] masked = text.toCharArray();
        for (Pattern p : List.of(SNAKE, RULE_ID, HYPHEN_NAME, MIXED)) {
            Matcher m = p.matcher(text);
            while (m.find()) {
                for (int i = m.start(); i < m.end(); i++) {
                    masked[i] = ' ';
                }
            }
        }
        Matcher m = NUMBER.matcher(new String(masked));
        while (m.find()) {
            String t = m.group(1);
            boolean sci = t.contains("e") || t.contains("E");
            String plain = t.replace(",", "");
            int dot = plain.indexOf('.');
            int decimals = sci || dot < 0 ? 0 : plain.length() - dot - 1;
            try {
                out.add(new NumberToken(t, Double.parseDouble(plain), decimals, sci));
            } catch (NumberFormatException e) {
                // not a number after all (e.g. "1e" at the end of a word): nothing to check
            }
        }
        return out;
    }
}
