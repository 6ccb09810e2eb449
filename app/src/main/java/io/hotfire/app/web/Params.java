package io.hotfire.app.web;

import io.hotfire.app.problem.ProblemException;
import java.util.UUID;

/** Path and query parameters parsed by hand, so a bad one is a 400 naming it (JAX-RS would answer 404). */
public final class Params {

    private Params() {
    }

    /** A run id; a malformed one cannot name a run, hence 404. */
    public static UUID runId(String raw) {
        try {
            return UUID.fromString(raw);
        } catch (IllegalArgumentException e) {
            throw ProblemException.notFound("run", raw);
        }
    }

    public static int limit(String raw, int dflt, int max) {
        if (raw == null || raw.isBlank()) {
            return dflt;
        }
        try {
            int v = Integer.parseInt(raw.trim());
            if (v >= 1 && v <= max) {
                return v;
            }
        } catch (NumberFormatException e) {
            // reported below
        }
        throw ProblemException.badRequest("invalid-parameter", "Invalid parameter",
                "limit must be an integer from 1 to " + max + ", found '" + raw + "'").with("field", "limit");
    }

    public static Double finite(String raw, String name) {
        if (raw == null || raw.isBlank()) {
            return null;
        }
        try {
            double v = Double.parseDouble(raw.trim());
            if (Double.isFinite(v)) {
                return v;
            }
        } catch (NumberFormatException e) {
            // reported below
        }
        throw ProblemException.badRequest("invalid-parameter", "Invalid parameter",
                name + " must be a finite number, found '" + raw + "'").with("field", name);
    }

    public static long nonNegative(String raw, String name) {
        if (raw == null || raw.isBlank()) {
            return 0;
        }
        try {
            long v = Long.parseLong(raw.trim());
            if (v >= 0) {
                return v;
            }
        } catch (NumberFormatException e) {
            // reported below
        }
        throw ProblemException.badRequest("invalid-parameter", "Invalid parameter",
                name + " must be a non-negative integer, found '" + raw + "'").with("field", name);
    }
}
