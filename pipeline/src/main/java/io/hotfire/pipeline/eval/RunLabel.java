package io.hotfire.pipeline.eval;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * One labelled run of a {@code labels.jsonl} file (the format written by {@code hotfire simulate}
 * and documented in docs/adding-a-domain.md, "Labels"): which faults it holds, from when, and whether it lies inside
 * the validated distribution.
 *
 * @param run            run name, unique in the folder
 * @param file           CSV path relative to the folder
 * @param split          train / calibration / test (free text)
 * @param distribution   {@code in} or {@code ood}
 * @param faults         injected faults; empty for a nominal run
 * @param shift          distribution-shift knobs in force (free map)
 * @param redlineReached whether the true signal reaches a redline
 * @param redlineT       when it does, the run time of that first redline violation
 */
public record RunLabel(String run, String file, String split, String distribution, List<Fault> faults,
                       Map<String, Object> shift, boolean redlineReached, Double redlineT) {

    /** The answer expected for a fault outside the catalogue. */
    public static final String UNKNOWN_ANOMALY = "UNKNOWN_ANOMALY";

    /**
     * One injected fault: a catalogue code (or SENSOR_* with a sensor), onset, ramp and severity;
     * {@code novel} for a fault outside the catalogue, whose right answer is UNKNOWN_ANOMALY.
     */
    public record Fault(String code, String sensor, double onset, double ramp, double severity, boolean novel) {
        /** The answer the diagnosis must give: the code, with the sensor for sensor faults; UNKNOWN_ANOMALY if novel. */
        public String target() {
            if (novel) {
                return UNKNOWN_ANOMALY;
            }
            return sensor != null && code.startsWith("SENSOR_") ? code + "@" + sensor : code;
        }

        /** The code scored: the catalogue code, or UNKNOWN_ANOMALY for a novel fault. */
        public String scoredCode() {
            return novel ? UNKNOWN_ANOMALY : code;
        }
    }

    /**
     * When the run left the validated distribution: for a power-level knob (deep throttle, uprate)
     * the moment the commanded power level left the qualified range ({@code envelopeExitT}, the
     * mainstage start if it never did); for the other regime knobs (propellant temperatures, engine
     * unit) the mainstage start; for a compound fault the onset of its last fault (each fault alone
     * is in the training data, the combination is not); otherwise the first fault onset.
     */
    public double shiftT(double mainstageStart, double envelopeExitT) {
        Object knobs = shift.get("knobs");
        String k = knobs == null ? "" : knobs.toString();
        if (k.contains("throttle") || k.contains("uprate")) {
            return Double.isNaN(envelopeExitT) ? mainstageStart : envelopeExitT;
        }
        if (k.contains("lox") || k.contains("rp1") || k.contains("fuel") || k.contains("unit") || k.contains("shift")
                || faults.isEmpty()) {
            return mainstageStart;
        }
        if (k.contains("compound")) {
            return faults.stream().mapToDouble(Fault::onset).max().orElse(mainstageStart);
        }
        return firstOnset();
    }

    /** A short description for reports: the shift knobs in force and the fault codes. */
    public String describe() {
        Object knobs = shift.get("knobs");
        String k = knobs == null || knobs.toString().equals("[]") ? "" : knobs.toString().replaceAll("[\\[\\]\"]", "");
        String f = faults.stream().map(Fault::scoredCode).distinct().reduce((a, b) -> a + "+" + b).orElse("nominal");
        return k.isEmpty() ? f : k + " · " + f;
    }

    public boolean nominal() {
        return faults.isEmpty();
    }

    public boolean onlySensorFaults() {
        return !faults.isEmpty() && faults.stream().allMatch(f -> f.code().startsWith("SENSOR_"));
    }

    public double firstOnset() {
        return faults.stream().mapToDouble(Fault::onset).min().orElse(Double.NaN);
    }

    /** Reads every line of {@code dir/labels.jsonl}; a bad line fails naming its number and field. */
    public static List<RunLabel> read(Path dir) {
        return readFile(dir.resolve("labels.jsonl"));
    }

    /** Reads every line of a labels.jsonl file; a bad line fails naming its number and field. */
    public static List<RunLabel> readFile(Path file) {
        List<String> lines;
        try {
            lines = Files.readAllLines(file);
        } catch (IOException e) {
            throw new IllegalArgumentException(file + ": cannot be read (" + e.getMessage() + ")", e);
        }
        ObjectMapper json = new ObjectMapper();
        List<RunLabel> out = new ArrayList<>();
        for (int i = 0; i < lines.size(); i++) {
            String l = lines.get(i).trim();
            if (l.isEmpty()) {
                continue;
            }
            String where = file + ": line " + (i + 1);
            try {
                out.add(parse(json.readTree(l), where));
            } catch (IOException e) {
                throw new IllegalArgumentException(where + ": not JSON (" + e.getMessage() + ")", e);
            }
        }
        return out;
    }

    static RunLabel parse(JsonNode n, String where) {
        String run = text(n, "run", where);
        String file = text(n, "file", where);
        List<Fault> faults = new ArrayList<>();
        JsonNode fs = n.get("faults");
        if (fs != null && fs.isArray()) {
            for (JsonNode f : fs) {
                JsonNode sensor = f.get("sensor");
                faults.add(new Fault(text(f, "code", where + ": faults[]"),
                        sensor == null || sensor.isNull() ? null : sensor.asText(),
                        f.path("onset").asDouble(Double.NaN), f.path("ramp").asDouble(0), f.path("severity").asDouble(1),
                        f.path("novel").asBoolean(false)));
            }
        } else if (fs != null && !fs.isNull()) {
            throw new IllegalArgumentException(where + ": faults must be a list");
        }
        Map<String, Object> shift = new LinkedHashMap<>();
        JsonNode sh = n.get("shift");
        if (sh != null && sh.isObject()) {
            for (Iterator<Map.Entry<String, JsonNode>> it = sh.fields(); it.hasNext(); ) {
                Map.Entry<String, JsonNode> e = it.next();
                JsonNode v = e.getValue();
                shift.put(e.getKey(), v.isNumber() ? v.asDouble() : v.isValueNode() ? v.asText() : v.toString());
            }
        }
        JsonNode rt = n.get("redlineT");
        return new RunLabel(run, file, n.path("split").asText(""), n.path("distribution").asText("in"), faults, shift,
                n.path("redlineReached").asBoolean(false), rt == null || rt.isNull() ? null : rt.asDouble());
    }

    private static String text(JsonNode n, String field, String where) {
        JsonNode v = n.get(field);
        if (v == null || !v.isTextual() || v.asText().isBlank()) {
            throw new IllegalArgumentException(where + ": field '" + field + "' is required (a string)");
        }
        return v.asText();
    }
}
