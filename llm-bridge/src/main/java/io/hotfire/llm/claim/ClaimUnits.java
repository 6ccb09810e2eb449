package io.hotfire.llm.claim;

import java.util.Comparator;
import java.util.List;
import java.util.regex.Pattern;

/** Numbers as a claim or an event writes them ({@code T+12.5}, {@code 1,250}, {@code 3e-2}) and the unit written after one. */
final class ClaimUnits {

    /** A number: group 1 a run-time prefix ({@code T+}), group 2 the digits. */
    static final Pattern NUMBER = Pattern.compile(
            "(?<![\\w.])(T\\s*[+-]\\s*)?(\\d{1,3}(?:,\\d{3})+(?![\\d.])|\\d+(?:\\.\\d+)?(?:[eE][-+]?\\d+)?)");

    private final List<ClaimLanguage.Unit> longestFirst;

    ClaimUnits(ClaimLanguage language) {
        this.longestFirst = language.units().values().stream()
                .sorted(Comparator.comparingInt((ClaimLanguage.Unit u) -> u.unit().length()).reversed()).toList();
    }

    /** The unit written right after {@code end} (one space allowed), the longest that fits, or null. */
    ClaimLanguage.Unit after(String text, int end) {
        int i = end;
        if (i < text.length() && text.charAt(i) == ' ') {
            i++;
        }
        for (ClaimLanguage.Unit u : longestFirst) {
            if (text.startsWith(u.unit(), i)) {
                int after = i + u.unit().length();
                if (after >= text.length() || !Character.isLetterOrDigit(text.charAt(after))) {
                    return u;
                }
            }
        }
        return null;
    }
}
