package io.hotfire.pipeline.eval;

import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Every run's answer per arm, for {@code answers.csv}: {@code arm,run,truth,verdict,source,time,answers}.
 * {@code truth}: the codes the run's label expects ({@code +}-joined; {@code NOMINAL} for a normal run);
 * {@code verdict}: the arm's first answer ({@code NONE}: it said nothing); {@code source}: {@code rules}
 * or {@code learned} (advisory); {@code time}: run time of that answer (s); {@code answers}: every code
 * the arm gave, in the order given.
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
                b.append(arm.label()).append(',').append(cell(o.label().run())).append(',').append(cell(truth)).append(',')
                        .append(cell(verdict)).append(',').append(given.isEmpty() ? "none" : o.source(verdict)).append(',')
                        .append(given.isEmpty() ? "" : String.format(Locale.ROOT, "%.3f", given.get(0).getValue())).append(',')
                        .append(cell(String.join(" ", given.stream().map(Map.Entry::getKey).toList()))).append('\n');
            }
        });
        return b.toString();
    }

    private static String cell(String s) {
        return s.contains(",") || s.contains("\"") ? "\"" + s.replace("\"", "\"\"") + "\"" : s;
    }
}
