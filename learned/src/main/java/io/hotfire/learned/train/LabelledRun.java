package io.hotfire.learned.train;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.hotfire.domain.data.DataNode;
import io.hotfire.learned.data.LearnedDataException;
import io.hotfire.learned.classify.Prediction;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;

/**
 * One line of a {@code labels.jsonl} file, as far as training needs it (format in
 * learned/README.md, "Labels"; the simulator writes more fields, which training ignores).
 *
 * @param run          run name, unique in the folder
 * @param file         the run's CSV, relative to the folder ('/'-separated)
 * @param split        {@code train}, {@code calibration}, {@code test}, ...
 * @param distribution {@code in} (default) or {@code ood}; training uses {@code in} runs only
 * @param faults       injected faults; empty for a nominal run
 */
public record LabelledRun(String run, String file, String split, String distribution, List<Fault> faults) {

    /** Prefix of sensor-fault codes ({@code SENSOR_DRIFT}, ...). */
    public static final String SENSOR_PREFIX = "SENSOR_";

    /** One fault: its code, the sensor for a sensor fault, and when it starts (run time, s). */
    public record Fault(String code, String sensor, double onset) {
        public boolean sensorFault() {
            return code.startsWith(SENSOR_PREFIX);
        }
    }

    public LabelledRun {
        faults = List.copyOf(faults);
    }

    public boolean inDistribution() {
        return distribution.equals("in");
    }

    public boolean has(String code) {
        return faults.stream().anyMatch(f -> f.code().equals(code));
    }

    /**
     * The classifier's label of a window ending at {@code t}: {@value Prediction#NOMINAL} before any
     * onset, the code while exactly one engine fault is active, and null — left out of training —
     * while a sensor fault or more than one fault is active (sensor faults are sensor validation's
     * job; compound faults have no single code).
     */
    public String windowClass(double t) {
        return windowClass(t, code -> null);
    }

    /**
     * As {@link #windowClass(double)}, with abstention classes: while every active fault's code trains
     * the same abstention class ({@code abstentionClassOf} gives it; null: none), the window is that
     * class — a sensor fault alone, say, becomes an "instrument" window instead of being left out.
     * A mix (an engine fault with a sensor fault) is still left out.
     */
    public String windowClass(double t, Function<String, String> abstentionClassOf) {
        String code = null;
        String abstention = null;
        int active = 0;
        int abstaining = 0;
        for (Fault f : faults) {
            if (f.onset() <= t) {
                active++;
                String a = abstentionClassOf.apply(f.code());
                if (a != null) {
                    if (abstention != null && !abstention.equals(a)) {
                        return null;
                    }
                    abstention = a;
                    abstaining++;
                } else if (f.sensorFault()) {
                    return null;
                } else {
                    code = f.code();
                }
            }
        }
        if (active == 0) {
            return Prediction.NOMINAL;
        }
        if (abstaining == active) {
            return abstention;
        }
        return active == 1 ? code : null;
    }

    /** Reads {@code dir/labels.jsonl}; a bad line fails naming its number and field. */
    public static List<LabelledRun> read(Path dir) {
        Path file = dir.resolve("labels.jsonl");
        List<String> lines;
        try {
            lines = Files.readAllLines(file);
        } catch (IOException e) {
            throw new LearnedDataException(file.toString(), "(file)", "cannot be read: " + e.getMessage(), e);
        }
        ObjectMapper json = new ObjectMapper();
        List<LabelledRun> out = new ArrayList<>();
        List<String> names = new ArrayList<>();
        for (int i = 0; i < lines.size(); i++) {
            String l = lines.get(i).trim();
            if (l.isEmpty()) {
                continue;
            }
            DataNode node = DataNode.parseLine(file.toString(), i + 1, l, LearnedDataException::new);
            if (!node.isObject()) {
                throw node.error("must be a JSON object, got " + node.show());
            }
            LabelledRun r = parse(node);
            if (names.contains(r.run())) {
                throw node.error("run", "duplicate run '" + r.run() + "'");
            }
            names.add(r.run());
            out.add(r);
        }
        if (out.isEmpty()) {
            throw new LearnedDataException(file.toString(), "(file)", "holds no run");
        }
        return out;
    }

    static LabelledRun parse(DataNode n) {
        n.requireObject();
        String run = n.field("run").text();
        String file = n.field("file").text();
        String split = n.field("split").text();
        String distribution = n.field("distribution").textOr("in");
        if (!distribution.equals("in") && !distribution.equals("ood")) {
            throw n.field("distribution").error("must be 'in' or 'ood', got '" + distribution + "'");
        }
        List<Fault> faults = new ArrayList<>();
        DataNode fs = n.field("faults");
        if (!fs.isMissing()) {
            for (DataNode f : fs.elements()) {
                String code = f.field("code").text();
                DataNode sensor = f.field("sensor");
                double onset = f.field("onset").number();
                faults.add(new Fault(code, sensor.isMissing() ? null : sensor.text(), onset));
            }
        }
        return new LabelledRun(run, file, split, distribution, faults);
    }
}
