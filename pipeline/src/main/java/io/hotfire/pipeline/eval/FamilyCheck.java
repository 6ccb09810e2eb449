package io.hotfire.pipeline.eval;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * The gate on held-out in-family nominal runs (issue 20): runs of new engine units inside the
 * domain's declared family ({@code twin/family.yaml}) on stands with noise up to the declared
 * maximum, with seeds the training never saw. The learned parts must not yield on them: a run is
 * a false out-of-distribution run when the route is OOD for more than {@link #MAX_OOD_SHARE} of
 * its scored mainstage windows, and no such run may raise an alarm of WARNING or above.
 *
 * @param runs          in-distribution nominal runs scored by the gate
 * @param overLimit     runs routed OOD for more than 2 % of their scored windows
 * @param worstShare    the largest share of routed-OOD windows on one run
 * @param windowShare   routed-OOD windows over all scored windows of these runs
 * @param withAlarm     runs with an alarm of WARNING or above
 * @param rows          one row per run
 */
public record FamilyCheck(int runs, int overLimit, double worstShare, double windowShare, int withAlarm, List<Row> rows) {

    /** The largest share of a held-out in-family run's mainstage windows that may be routed OOD. */
    public static final double MAX_OOD_SHARE = 0.02;

    /** One in-family nominal run: its stand noise (× ICD σ), its routed-OOD share and its alarms. */
    public record Row(String run, double noiseScale, int scored, int routedOod, int alarms) {
        public double share() {
            return scored == 0 ? 0 : routedOod / (double) scored;
        }
    }

    /** From the hybrid arm's outcomes (the only arm with gate statistics). */
    public static FamilyCheck of(List<RunOutcome> hybrid) {
        List<Row> rows = new ArrayList<>();
        for (RunOutcome o : hybrid) {
            RunLabel l = o.label();
            if (!l.distribution().equals("in") || !l.nominal() || o.gate().scored() == 0) {
                continue;
            }
            Object noise = l.shift().get("noiseScale");
            rows.add(new Row(l.run(), noise instanceof Number n ? n.doubleValue() : 1.0, o.gate().scored(),
                    o.gate().routedOod(), o.alarms()));
        }
        int over = 0;
        int alarm = 0;
        long scored = 0;
        long ood = 0;
        double worst = 0;
        for (Row r : rows) {
            over += r.share() > MAX_OOD_SHARE ? 1 : 0;
            alarm += r.alarms() > 0 ? 1 : 0;
            scored += r.scored();
            ood += r.routedOod();
            worst = Math.max(worst, r.share());
        }
        return new FamilyCheck(rows.size(), over, worst, scored == 0 ? Double.NaN : ood / (double) scored, alarm, rows);
    }

    public boolean met() {
        return overLimit == 0 && withAlarm == 0;
    }

    public String markdown() {
        StringBuilder sb = new StringBuilder("\n### gate · hybrid · held-out in-family nominal runs\n\n");
        if (runs == 0) {
            return sb.append("No in-distribution nominal run with gate statistics.\n").toString();
        }
        sb.append(String.format(Locale.ROOT,
                "%d runs; routed out of distribution for more than 2 %% of their mainstage windows: %d; "
                        + "worst run %.1f %%, all windows %.2f %%; with an alarm ≥ WARNING: %d.%n%n",
                runs, overLimit, 100 * worstShare, 100 * windowShare, withAlarm));
        sb.append("| run | stand noise (× ICD σ) | mainstage windows | routed OOD | alarms ≥ WARNING |\n|---|---|---|---|---|\n");
        for (Row r : rows) {
            sb.append(String.format(Locale.ROOT, "| %s | %.2f | %d | %d (%.1f %%) | %d |%n", r.run(), r.noiseScale(),
                    r.scored(), r.routedOod(), 100 * r.share(), r.alarms()));
        }
        return sb.toString();
    }
}
