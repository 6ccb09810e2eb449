package io.hotfire.llm.intake;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Run times ("T+12", "at 12 s", "12.5 seconds in", "T-30") and numbers with units stated in a note. */
public final class NoteNumbers {

    /** A run time stated in a note. */
    public record TimeMention(double seconds, int start, int end) {
    }

    private static final String NUM = "(\\d+(?:\\.\\d+)?)";
    private static final String SEC = "(?:s|sec|secs|second|seconds)\\b";
    private static final List<Pattern> TIME_PATTERNS = List.of(
            Pattern.compile("\\bT\\s*([+-])\\s*" + NUM + "(?:\\s*" + SEC + ")?"),
            Pattern.compile("\\bt\\s*=\\s*" + NUM + "(?:\\s*" + SEC + ")?"),
            Pattern.compile("(?i)(?:\\b(?:at|from|since|until|till|by)|@)\\s*(?:about\\s+|around\\s+|approx\\.?\\s*|~\\s*)?" + NUM + "\\s*" + SEC),
            Pattern.compile("(?i)" + NUM + "\\s*" + SEC + "\\s+(?:in|into the run|into mainstage)\\b"));

    private static final Pattern NUMBER = Pattern.compile("(?<![\\w.+\\-/:])(\\d{1,3}(?:,\\d{3})+(?!\\d)|\\d+(?:\\.\\d+)?)(?![\\d_:])");
    private static final Pattern UNIT = Pattern.compile(
            "\\s?(%|°C|°F|MPa|kPa|bar|psia|psig|psi|kN|lbf|rpm|kHz|Hz|kg/s|g|K|cm|mm|m|ms|s|sec|seconds|second|min|kt|drops/s)(?![A-Za-z0-9])");

    private NoteNumbers() {
    }

    /** Every run time the note states, in order of position. */
    public static List<TimeMention> times(String note) {
        List<TimeMention> out = new ArrayList<>();
        for (int p = 0; p < TIME_PATTERNS.size(); p++) {
            Matcher m = TIME_PATTERNS.get(p).matcher(note);
            while (m.find()) {
                double v;
                if (p == 0) {
                    v = Double.parseDouble(m.group(2)) * (m.group(1).equals("-") ? -1 : 1);
                } else {
                    v = Double.parseDouble(m.group(1));
                }
                int s = m.start();
                int e = m.end();
                if (out.stream().noneMatch(t -> t.start() < e && s < t.end())) {
                    out.add(new TimeMention(v, s, e));
                }
            }
        }
        out.sort(Comparator.comparingInt(TimeMention::start));
        return out;
    }

    /**
     * The run time that belongs to a span: one stated inside the span, else the first in its
     * sentence, else none.
     */
    public static Optional<TimeMention> timeFor(String note, int start, int end, int sentenceStart, int sentenceEnd) {
        List<TimeMention> all = times(note);
        for (TimeMention t : all) {
            if (t.start() < end && start < t.end()) {
                return Optional.of(t);
            }
        }
        for (TimeMention t : all) {
            if (t.start() >= sentenceStart && t.end() <= sentenceEnd) {
                return Optional.of(t);
            }
        }
        return Optional.empty();
    }

    /** Numbers (with a unit when one follows) inside [start, end) of the note. */
    public static List<Quantity> quantities(String note, int start, int end) {
        List<Quantity> out = new ArrayList<>();
        Matcher m = NUMBER.matcher(note).region(start, end);
        m.useTransparentBounds(true);
        while (m.find()) {
            if (m.start() > 0 && Character.isLetter(note.charAt(m.start() - 1))) {
                continue;
            }
            double v = Double.parseDouble(m.group(1).replace(",", ""));
            int qEnd = m.end();
            String unit = "";
            Matcher u = UNIT.matcher(note).region(m.end(), end);
            u.useTransparentBounds(true);
            if (u.lookingAt()) {
                unit = u.group(1);
                qEnd = u.end();
            }
            out.add(new Quantity(v, unit, new Quote(m.start(), qEnd, note.substring(m.start(), qEnd))));
        }
        return out;
    }
}
