package io.hotfire.pipeline.kit;

import io.hotfire.pipeline.kit.DomainInit.Channel;
import java.util.List;
import java.util.Locale;

/** The text of the files {@code hotfire domain init} drafts: profile.yaml, the nominal cycle CSV and learned.yaml. */
final class DraftText {

    private DraftText() {
    }

    static String profileYaml(String id, double rate, int size, int step, double settle, double unknownAfter,
            double alarmClear, double spikeMemory, List<Channel> channels, double[] nominal, double[] noise, double[] lo,
            double[] hi, String timeColumn, double spikeSigma, double frozen, double[] band, String template) {
        StringBuilder y = new StringBuilder();
        y.append("# Drafted by `hotfire domain init` from recorded runs; review every number (docs/adding-a-domain.md).\n");
        y.append("id: ").append(id).append('\n');
        y.append("name: ").append(id).append('\n');
        y.append("sampleRateHz: ").append(num(rate)).append('\n');
        y.append("# no throttle: θ = 1 while running; no phase channel: running from the first sample\n");
        y.append("phase: {mainstageAfterSeconds: 0}\n");
        if (template != null) {
            y.append("template: ").append(template).append("   # the nominal cycle expected values follow (template residuals)\n");
        }
        y.append("csv:\n  timeColumn: ").append(quote(timeColumn)).append('\n');
        boolean renamed = channels.stream().anyMatch(c -> !c.column().equals(c.id()));
        if (renamed) {
            y.append("  columns:\n");
            for (Channel c : channels) {
                if (!c.column().equals(c.id())) {
                    y.append("    ").append(quote(c.column())).append(": ").append(c.id()).append('\n');
                }
            }
        }
        y.append("windows: {size: ").append(size).append(", step: ").append(step).append("}   # ")
                .append(num(size / rate)).append(" s, a new one every ").append(num(step / rate)).append(" s\n");
        y.append("validation:\n");
        y.append("  frozenSeconds: ").append(num(frozen)).append("          # longest unchanged reading in normal runs × 1.5\n");
        y.append("  spikeSigma: ").append(num(spikeSigma)).append("              # raised until no normal run disqualifies a sensor\n");
        y.append("  spikeMemorySeconds: ").append(num(spikeMemory)).append('\n');
        y.append("  alarmClearSeconds: ").append(num(alarmClear)).append('\n');
        y.append("symptoms:\n");
        y.append("  settleSeconds: ").append(num(settle)).append('\n');
        y.append("  unknownAnomalySeconds: ").append(num(unknownAfter)).append("   # out of distribution this long, no finding = UNKNOWN_ANOMALY\n");
        y.append("  loneWindows: ").append(Math.max(3, 30 * step / Math.max(1, size))).append('\n');
        y.append("  bands:                      # 99th percentile of |window mean − expected| over the normal runs × 1.2\n");
        for (int c = 0; c < channels.size(); c++) {
            y.append("    ").append(channels.get(c).id()).append(": {absolute: ")
                    .append(num(Math.max(band[c] * 1.2, 3 * noise[c] / Math.sqrt(size) + 1e-9))).append("}\n");
        }
        y.append("sensors:                      # nominal: median of the normal runs; noise: from successive differences\n");
        for (int c = 0; c < channels.size(); c++) {
            Channel ch = channels.get(c);
            y.append("  - {id: ").append(ch.id());
            if (!ch.unit().isEmpty()) {
                y.append(", unit: ").append(quote(ch.unit()));
            }
            y.append(", nominal: ").append(num(nominal[c])).append(", k: 0, noise: ").append(num(noise[c]))
                    .append(", span: [").append(num(lo[c])).append(", ").append(num(hi[c])).append("]}\n");
        }
        return y.toString();
    }

    /** The sample-by-sample mean of the normal runs, {@code t} in seconds since the start. */
    static String template(List<double[][]> runs, List<Channel> channels, double rate) {
        int len = runs.stream().mapToInt(r -> r[0].length).min().orElse(0);
        StringBuilder b = new StringBuilder("t");
        channels.forEach(c -> b.append(',').append(c.id()));
        b.append('\n');
        for (int i = 0; i < len; i++) {
            b.append(new java.math.BigDecimal(i / rate).round(new java.math.MathContext(9)).stripTrailingZeros().toPlainString());
            for (int c = 0; c < channels.size(); c++) {
                double sum = 0;
                int k = 0;
                for (double[][] r : runs) {
                    double x = r[c + 1][i];
                    if (!Double.isNaN(x)) {
                        sum += x;
                        k++;
                    }
                }
                b.append(',').append(k == 0 ? "NaN" : String.format(Locale.ROOT, "%.4f", sum / k));
            }
            b.append('\n');
        }
        return b.toString();
    }

    static String learnedYaml(List<Channel> channels, int persistence, int adviceWindows) {
        String ids = String.join(", ", channels.stream().map(Channel::id).toList());
        return "# Drafted by `hotfire domain init`: what the OOD gate and the pattern model see (docs/adding-a-domain.md).\n"
                + "phase: MAINSTAGE\n"
                + "gate:\n"
                + "  features:\n"
                + "    relMean: [" + ids + "]\n"
                + "    noiseStd: [" + ids + "]\n"
                + "  tolerance: 0.1            # small dead zone: few features, and the drafted bands are tight\n"
                + "  trim: 0                   # faults of a test bed may live in one channel\n"
                + "  referenceStride: 1\n"
                + "  persistence: " + persistence + "            # ~3 % of a run's windows, 2..5\n"
                + "classifier:\n"
                + "  operatingPoint: false\n"
                + "  features:\n"
                + "    relMean: [" + ids + "]\n"
                + "    noiseStd: [" + ids + "]\n"
                + "    relSlope: [" + ids + "]\n"
                + "  stride: 1\n"
                + "advice:                     # when the learned answer is shown (and becomes the hybrid's advisory verdict)\n"
                + "  probability: 0.9          # calibrate: raise until evaluate's learned advice precision is acceptable\n"
                + "  windows: " + adviceWindows + "                # ~5 % of a run's windows\n";
    }

    static String num(double v) {
        if (v == Math.rint(v) && Math.abs(v) < 1e9) {
            return Long.toString((long) v);
        }
        return new java.math.BigDecimal(v).round(new java.math.MathContext(4)).stripTrailingZeros().toPlainString();
    }

    static String quote(String s) {
        return "\"" + s.replace("\\", "\\\\").replace("\"", "\\\"") + "\"";
    }
}
