package io.hotfire.pipeline.eval;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeSet;
import java.util.function.Predicate;

/**
 * The evaluation figures of one arm on one slice of runs (all, in-distribution, out of
 * distribution): per-code precision / recall / F1 and isolation delay, nominal-run false alarms
 * and false aborts, and lead time over the redline for faults that reach one.
 */
public final class Report {

    /** Steady-state diagnosis (and the gate) start 3.5 s after the start command (GG1-ICD). */

    private Report() {
    }

    /** Per-code scores. */
    public record CodeScore(String code, int tp, int fp, int fn, double precision, double recall, double f1,
                            double medianDelay, double p90Delay, int byGroup) {
    }

    /** Everything for one arm × slice. */
    public record Slice(String arm, String slice, int runs, int faultRuns, int nominalRuns, List<CodeScore> codes,
                        double macroF1, int groupAnswers, int nominalRunsWithAlarm, double falseAlarmsPerMinute,
                        int falseAborts, int sensorOnlyAborts, int redlineRuns, int isolatedBeforeRedline,
                        double medianLeadS, int detectedRuns, double medianDetectionDelayS,
                        double falseOodRate, int gatedShiftRuns, int shiftRunsFlaggedIn2s, List<ShiftedRun> shiftedRuns,
                        List<WrongAnswer> wrongAnswers, List<String> lostFindingRuns) {
    }

    /** A run on which the arm named codes that are not its truth (the false positives, by run). */
    public record WrongAnswer(String run, String what, List<String> answered) {
    }

    /**
     * One out-of-distribution run as the route saw it: when it left the distribution, when the route said so and
     * what decided it (the gate, the envelope, both), and when the gate's own verdict said so.
     */
    public record ShiftedRun(String run, String what, double shiftT, double firstOodT, String firstOodBy,
                             double firstGateOodT) {

        public boolean flaggedIn2s() {
            return !Double.isNaN(firstOodT) && firstOodT <= shiftT + 2.0;
        }

        /** Flagged within 2 s by the gate's score alone (what the route was before the envelope counted). */
        public boolean gateFlaggedIn2s() {
            return !Double.isNaN(firstGateOodT) && firstGateOodT <= shiftT + 2.0;
        }
    }

    public static Slice slice(Arm arm, String name, List<RunOutcome> all, Predicate<RunLabel> filter) {
        List<RunOutcome> runs = all.stream().filter(o -> filter.test(o.label())).toList();
        TreeSet<String> codes = new TreeSet<>();
        for (RunOutcome o : runs) {
            o.label().faults().forEach(f -> codes.add(f.scoredCode()));
        }
        Map<String, int[]> counts = new LinkedHashMap<>();
        Map<String, List<Double>> delays = new LinkedHashMap<>();
        for (String c : codes) {
            counts.put(c, new int[4]);
            delays.put(c, new ArrayList<>());
        }
        int groupAnswers = 0;
        for (RunOutcome o : runs) {
            for (RunLabel.Fault f : o.label().faults()) {
                int[] k = counts.get(f.scoredCode());
                double t = o.isolationTime(f.target());
                if (Double.isNaN(t)) {
                    k[2]++;
                } else {
                    k[0]++;
                    delays.get(f.scoredCode()).add(Math.max(0, t - f.onset()));
                    if (o.namedOnlyByGroup(f.target())) {
                        k[3]++;
                        groupAnswers++;
                    }
                }
            }
            for (String w : o.wrongAnswers()) {
                String code = w.contains("@") ? w.substring(0, w.indexOf('@')) : w;
                counts.computeIfAbsent(code, c -> new int[4])[1]++;
                delays.computeIfAbsent(code, c -> new ArrayList<>());
            }
        }
        List<CodeScore> scores = new ArrayList<>();
        double f1sum = 0;
        int f1n = 0;
        for (Map.Entry<String, int[]> e : counts.entrySet()) {
            int[] k = e.getValue();
            double p = k[0] + k[1] == 0 ? Double.NaN : (double) k[0] / (k[0] + k[1]);
            double r = k[0] + k[2] == 0 ? Double.NaN : (double) k[0] / (k[0] + k[2]);
            double f1 = Double.isNaN(p) || Double.isNaN(r) ? (k[0] + k[2] > 0 ? 0 : Double.NaN)
                    : (p + r == 0 ? 0 : 2 * p * r / (p + r));
            List<Double> d = delays.get(e.getKey());
            scores.add(new CodeScore(e.getKey(), k[0], k[1], k[2], p, r, f1, quantile(d, 0.5), quantile(d, 0.9), k[3]));
            if (codes.contains(e.getKey())) {
                f1sum += Double.isNaN(f1) ? 0 : f1;
                f1n++;
            }
        }
        List<RunOutcome> nominal = runs.stream().filter(o -> o.label().nominal()).toList();
        int withAlarm = (int) nominal.stream().filter(o -> o.alarms() > 0).count();
        double minutes = nominal.stream().mapToDouble(RunOutcome::mainstageSeconds).sum() / 60.0;
        int alarmsOnNominal = nominal.stream().mapToInt(RunOutcome::alarms).sum();
        int falseAborts = (int) nominal.stream().filter(o -> !Double.isNaN(o.abortT())).count();
        int sensorAborts = (int) runs.stream().filter(RunOutcome::abortedOnSensorOnly).count();

        List<RunOutcome> redline = runs.stream()
                .filter(o -> o.label().redlineReached() && o.label().redlineT() != null && !o.label().onlySensorFaults())
                .toList();
        int before = 0;
        List<Double> leads = new ArrayList<>();
        for (RunOutcome o : redline) {
            double t = Double.NaN;
            for (RunLabel.Fault f : o.label().faults()) {
                double ti = o.isolationTime(f.target());
                if (!Double.isNaN(ti) && (Double.isNaN(t) || ti < t)) {
                    t = ti;
                }
            }
            if (!Double.isNaN(t)) {
                double lead = o.label().redlineT() - t;
                leads.add(lead);
                if (lead > 0) {
                    before++;
                }
            }
        }
        List<RunOutcome> faulty = runs.stream().filter(o -> !o.label().nominal()).toList();
        List<Double> detection = new ArrayList<>();
        for (RunOutcome o : faulty) {
            if (!Double.isNaN(o.firstAlarmT()) && o.firstAlarmT() >= o.label().firstOnset() - 0.5) {
                detection.add(o.firstAlarmT() - o.label().firstOnset());
            }
        }
        int scored = 0;
        int exceeding = 0;
        int shiftRuns = 0;
        int flagged = 0;
        List<ShiftedRun> shifted = new ArrayList<>();
        List<WrongAnswer> wrong = new ArrayList<>();
        List<String> lost = faulty.stream().filter(o -> !Double.isNaN(o.findingLostT()))
                .map(o -> o.label().run() + " (" + o.label().describe() + ", cleared at " + s(o.findingLostT()) + ")").toList();
        for (RunOutcome o : runs) {
            List<String> w = o.wrongAnswers();
            if (!w.isEmpty()) {
                wrong.add(new WrongAnswer(o.label().run(), o.label().describe(), List.copyOf(w)));
            }
        }
        for (RunOutcome o : runs) {
            if (o.gate().scored() == 0) {
                continue;
            }
            if (o.label().distribution().equals("in")) {
                scored += o.gate().scored();
                exceeding += o.gate().exceeding();
            } else {
                shiftRuns++;
                ShiftedRun r = new ShiftedRun(o.label().run(), o.label().describe(), o.label().shiftT(o.gate().mainstageT(), o.gate().envelopeExitT()),
                        o.gate().firstOodT(), o.gate().firstOodBy(), o.gate().firstGateOodT());
                shifted.add(r);
                if (r.flaggedIn2s()) {
                    flagged++;
                }
            }
        }
        return new Slice(arm.label(), name, runs.size(), faulty.size(), nominal.size(), scores,
                f1n == 0 ? Double.NaN : f1sum / f1n, groupAnswers, withAlarm,
                minutes == 0 ? Double.NaN : alarmsOnNominal / minutes, falseAborts, sensorAborts, redline.size(), before,
                quantile(leads, 0.5), detection.size(), quantile(detection, 0.5),
                scored == 0 ? Double.NaN : (double) exceeding / scored, shiftRuns, flagged, List.copyOf(shifted),
                List.copyOf(wrong), lost);
    }

    static double quantile(List<Double> values, double q) {
        if (values.isEmpty()) {
            return Double.NaN;
        }
        List<Double> s = new ArrayList<>(values);
        s.sort(Double::compare);
        double pos = q * (s.size() - 1);
        int lo = (int) Math.floor(pos);
        int hi = (int) Math.ceil(pos);
        return s.get(lo) + (s.get(hi) - s.get(lo)) * (pos - lo);
    }

    static String f(double d) {
        return Double.isNaN(d) ? "–" : String.format(Locale.ROOT, "%.3f", d);
    }

    static String s(double d) {
        return Double.isNaN(d) ? "–" : String.format(Locale.ROOT, "%.2f s", d);
    }

    /** Markdown: a side-by-side summary (arms × slices), then per-code tables per arm and slice. */
    public static String markdown(List<Slice> slices, String header) {
        StringBuilder sb = new StringBuilder(header).append("\n\n");
        sb.append("| metric |");
        slices.forEach(x -> sb.append(' ').append(x.arm()).append(" · ").append(x.slice()).append(" |"));
        sb.append("\n|---|");
        slices.forEach(x -> sb.append("---|"));
        sb.append('\n');
        row(sb, "runs (fault / nominal)", slices, x -> x.runs() + " (" + x.faultRuns() + " / " + x.nominalRuns() + ")");
        row(sb, "macro F1 (isolation)", slices, x -> f(x.macroF1()));
        row(sb, "answers only by ambiguity group", slices, x -> String.valueOf(x.groupAnswers()));
        row(sb, "fault runs detected (alarm ≥ WARNING after onset)", slices, x -> x.detectedRuns() + " / " + x.faultRuns());
        row(sb, "median detection delay", slices, x -> s(x.medianDetectionDelayS()));
        row(sb, "fault runs whose finding cleared while the engine ran (no abort)", slices,
                x -> x.lostFindingRuns().size() + " / " + x.faultRuns());
        row(sb, "nominal runs with an alarm ≥ WARNING", slices, x -> x.nominalRunsWithAlarm() + " / " + x.nominalRuns());
        row(sb, "false alarms per nominal mainstage minute", slices, x -> f(x.falseAlarmsPerMinute()));
        row(sb, "false ABORTs on nominal runs", slices, x -> String.valueOf(x.falseAborts()));
        row(sb, "ABORTs on runs with only a failed sensor", slices, x -> String.valueOf(x.sensorOnlyAborts()));
        row(sb, "faults reaching a redline: isolated before it", slices,
                x -> x.isolatedBeforeRedline() + " / " + x.redlineRuns());
        row(sb, "median lead over the redline", slices, x -> s(x.medianLeadS()));
        if (slices.stream().anyMatch(x -> !Double.isNaN(x.falseOodRate()) || x.gatedShiftRuns() > 0)) {
            row(sb, "gate: in-distribution windows beyond α (false-OOD rate)", slices, x -> f(x.falseOodRate()));
            row(sb, "gate: shifted runs flagged OOD within 2 s of the shift", slices,
                    x -> x.gatedShiftRuns() == 0 ? "–" : x.shiftRunsFlaggedIn2s() + " / " + x.gatedShiftRuns());
            row(sb, "gate: of which by the gate's score alone (envelope aside)", slices,
                    x -> x.gatedShiftRuns() == 0 ? "–"
                            : x.shiftedRuns().stream().filter(ShiftedRun::gateFlaggedIn2s).count() + " / " + x.gatedShiftRuns());
        }
        for (Slice x : slices) {
            if (x.shiftedRuns().isEmpty() || !x.slice().equals("ood")) {
                continue;
            }
            sb.append("\n### gate · ").append(x.arm()).append(" · shifted runs\n\n");
            sb.append("| run | what | shift at | first OOD | decided by | within 2 s | gate's score alone |\n"
                    + "|---|---|---|---|---|---|---|\n");
            for (ShiftedRun r : x.shiftedRuns()) {
                sb.append("| ").append(r.run()).append(" | ").append(r.what()).append(" | ").append(s(r.shiftT()))
                        .append(" | ").append(s(r.firstOodT())).append(" | ").append(r.firstOodBy() == null ? "–" : r.firstOodBy())
                        .append(" | ").append(r.flaggedIn2s() ? "yes" : "**no**")
                        .append(" | ").append(s(r.firstGateOodT())).append(r.gateFlaggedIn2s() ? "" : " (late)")
                        .append(" |\n");
            }
        }
        for (Slice x : slices) {
            if (x.wrongAnswers().isEmpty() || x.slice().equals("all")) {
                continue;
            }
            sb.append("\n### wrong answers · ").append(x.arm()).append(" · ").append(x.slice()).append("\n\n");
            sb.append("| run | truth | answered instead or besides |\n|---|---|---|\n");
            for (WrongAnswer r : x.wrongAnswers()) {
                sb.append("| ").append(r.run()).append(" | ").append(r.what()).append(" | ").append(String.join(", ", r.answered()))
                        .append(" |\n");
            }
        }
        for (Slice x : slices) {
            if (x.lostFindingRuns().isEmpty() || x.slice().equals("all")) {
                continue;
            }
            sb.append("\n### findings let go while the engine ran · ").append(x.arm()).append(" · ").append(x.slice()).append("\n\n");
            x.lostFindingRuns().forEach(r -> sb.append("- ").append(r).append('\n'));
        }
        for (Slice x : slices) {
            if (x.codes().isEmpty()) {
                continue;
            }
            sb.append("\n### ").append(x.arm()).append(" · ").append(x.slice()).append("\n\n");
            sb.append("| code | TP | FP | FN | precision | recall | F1 | median delay | p90 delay | by group |\n");
            sb.append("|---|---|---|---|---|---|---|---|---|---|\n");
            for (CodeScore c : x.codes()) {
                sb.append("| ").append(c.code()).append(" | ").append(c.tp()).append(" | ").append(c.fp()).append(" | ")
                        .append(c.fn()).append(" | ").append(f(c.precision())).append(" | ").append(f(c.recall()))
                        .append(" | ").append(f(c.f1())).append(" | ").append(s(c.medianDelay())).append(" | ")
                        .append(s(c.p90Delay())).append(" | ").append(c.byGroup()).append(" |\n");
            }
        }
        return sb.toString();
    }

    private static void row(StringBuilder sb, String name, List<Slice> slices, java.util.function.Function<Slice, String> f) {
        sb.append("| ").append(name).append(" |");
        slices.forEach(x -> sb.append(' ').append(f.apply(x)).append(" |"));
        sb.append('\n');
    }
}
