package io.hotfire.pipeline.eval;

import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Every run's answer per arm, for {@code answers.csv}: {@code arm,run,truth,verdict,source,time,answers}.
 * {@code truth}: the codes the run's label expects ({@code +}-joined; {@code NOMINAL} for a normal run);
 * {@code verdict}: for the hybrid its final verdict (the run's last DIAGNOSIS event other than NONE: the hybrid
 * changes its mind when the rules or the gate overrule an earlier advisory answer; a later abstention withdraws
 * nothing), for the other arms their first
 * answer ({@code NONE}: nothing said); {@code source}: {@code rules}, {@code learned} (advisory) or
 * {@code none}; {@code time}: run time of that verdict (s); {@code answers}: every code the arm gave,
 * in the order given.
 */
public final class Answers {

    private Answers() {
    }

    public static String csv(Map<Arm, List<RunOutcome>> results) {
        StringBuilder b = new StringBuilder("arm,run,truth,verdict,source,time,answers\n");
        results.forEach((arm, outcomes) -> {
            for (RunOutcome o : outcomes) {
                String truth = o.label().faults().isEmpty() ? "NOMINAL"
                        : String.join("+", o.label().faults().stream().map(RunLabel.Fault::target).distinct().toList());
                List<Map.Entry<String, Double>> given = o.answers().entrySet().stream()
                        .sorted(Comparator.comparingDouble(Map.Entry::getValue)).toList();
                String verdict = given.isEmpty() ? "NONE" : given.get(0).getKey();
                String source = given.isEmpty() ? "none" : o.source(verdict);
                double t = given.isEmpty() ? Double.NaN : given.get(0).getValue();
                if (o.lastVerdict() != null) {
                    verdict = o.lastVerdict().code();
                    source = String.valueOf(o.lastVerdict().evidence().get("source"));
                    t = o.lastVerdict().t();
                }
                b.append(arm.label()).append(',').append(cell(o.label().run())).append(',').append(cell(truth)).append(',')
                        .append(cell(verdict)).append(',').append(source).append(',')
                        .append(Double.isNaN(t) ? "" : String.format(Locale.ROOT, "%.3f", t)).append(',')
                        .append(cell(String.join(" ", given.stream().map(Map.Entry::getKey).toList()))).append('\n');
            }
        });
        return b.toString();
    }

    private static String cell(String s) {
        return s.contains(",") || s.contains("\"") ? "\"" + s.replace("\"", "\"\"") + "\"" : s;
    }
}
