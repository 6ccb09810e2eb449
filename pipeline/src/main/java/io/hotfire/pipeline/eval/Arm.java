package io.hotfire.pipeline.eval;

/** A reasoning arm evaluated on its own; arms are compared side by side on the same runs. */
public enum Arm {
    /** Sensor validation and redlines only: the baseline every test stand already has. */
    REDLINE,
    /** Redlines plus the domain's fault-isolation rules. */
    RULES,
    /** The learned pattern model alone, everywhere (no gate, no rules): what it would say if trusted. */
    LEARNED,
    /** Rules plus the OOD gate and learned advice: advisory in distribution, rules authoritative outside it. */
    HYBRID;

    public String label() {
        return name().toLowerCase(java.util.Locale.ROOT);
    }

    public static Arm parse(String s) {
        try {
            return valueOf(s.trim().toUpperCase(java.util.Locale.ROOT));
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("unknown arm '" + s + "'; known: redline, rules, learned, hybrid");
        }
    }
}
