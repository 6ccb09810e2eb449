package io.hotfire.app.chart;

import io.hotfire.app.event.EventView;
import io.hotfire.domain.profile.Band;
import io.hotfire.domain.profile.EngineProfile;
import io.hotfire.domain.profile.Limit;
import io.hotfire.domain.profile.SensorSpec;
import io.hotfire.domain.telemetry.Frame;
import java.awt.BasicStroke;
import java.awt.Color;
import java.awt.Font;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.jfree.chart.ChartUtils;
import org.jfree.chart.JFreeChart;
import org.jfree.chart.axis.NumberAxis;
import org.jfree.chart.plot.ValueMarker;
import org.jfree.chart.plot.XYPlot;
import org.jfree.chart.renderer.xy.XYDifferenceRenderer;
import org.jfree.chart.renderer.xy.XYLineAndShapeRenderer;
import org.jfree.chart.title.TextTitle;
import org.jfree.chart.ui.Layer;
import org.jfree.chart.ui.RectangleAnchor;
import org.jfree.chart.ui.TextAnchor;
import org.jfree.data.xy.XYSeries;
import org.jfree.data.xy.XYSeriesCollection;

/**
 * Charts drawn on the server with JFreeChart (headless AWT), for the report page and its PDF: a
 * channel against its expected value, band and limits with the findings marked; an indicator over
 * a unit's runs with the trend findings marked.
 */
public final class ReportCharts {

    static {
        // The server has no display; set before any AWT class loads (the hotfire script passes it too).
        System.setProperty("java.awt.headless", "true");
    }

    static final int WIDTH = 900;
    static final int HEIGHT = 300;
    private static final int MAX_POINTS = 1500;
    private static final Color VALUE = new Color(0x1f, 0x5f, 0xbf);
    private static final Color EXPECTED = new Color(0x44, 0x44, 0x44);
    private static final Color BAND = new Color(0x9c, 0xc4, 0x9c);
    private static final Color WARN = new Color(0xd9, 0x8c, 0x00);
    private static final Color RED = new Color(0xc0, 0x1c, 0x1c);

    private ReportCharts() {
    }

    /** Value, expected(θ) and its band while running, warning and redline limits, findings as vertical markers. */
    public static byte[] channel(EngineProfile profile, List<Frame> frames, String sensor, List<EventView> findings, String title) {
        SensorSpec spec = profile.requireSensor(sensor);
        int ch = profile.indexOf(sensor);
        int throttle = profile.indexOf(profile.throttleChannel());
        int running = profile.indexOf(profile.phase().runningChannel());
        Band band = profile.symptoms().band(sensor);
        int window = profile.windows().size();
        XYSeries value = new XYSeries(sensor + " (measured)", false, true);
        XYSeries hi = new XYSeries("band high", false, true);
        XYSeries lo = new XYSeries("band low", false, true);
        XYSeries expected = new XYSeries("expected", false, true);
        int step = Math.max(1, frames.size() / MAX_POINTS);
        double theta = 0;
        Double runStart = null;
        for (int i = 0; i < frames.size(); i += step) {
            Frame f = frames.get(i);
            double v = f.values()[ch];
            if (Double.isFinite(v)) {
                value.add(f.t(), v);
            }
            boolean on = f.values()[running] > profile.phase().runningAbove();
            runStart = on ? (runStart == null ? f.t() : runStart) : null;
            // Expected value and band from mainstage on, as the rules apply them.
            if (on && f.t() - runStart >= profile.phase().mainstageAfterSeconds()) {
                double th = f.values()[throttle] / profile.throttleScale();
                theta = th;
                double e = spec.expected(th);
                double w = band.halfWidth(e, spec.noise(), window);
                expected.add(f.t(), e);
                hi.add(f.t(), e + w);
                lo.add(f.t(), e - w);
            }
        }
        XYSeriesCollection bandData = new XYSeriesCollection();
        bandData.addSeries(hi);
        bandData.addSeries(lo);
        XYSeriesCollection lines = new XYSeriesCollection();
        lines.addSeries(value);
        lines.addSeries(expected);

        NumberAxis x = new NumberAxis("run time, s");
        NumberAxis y = new NumberAxis(spec.unit());
        y.setAutoRangeIncludesZero(false);
        XYLineAndShapeRenderer lineRenderer = new XYLineAndShapeRenderer(true, false);
        lineRenderer.setSeriesPaint(0, VALUE);
        lineRenderer.setSeriesStroke(0, new BasicStroke(1.2f));
        lineRenderer.setSeriesPaint(1, EXPECTED);
        lineRenderer.setSeriesStroke(1, new BasicStroke(1.0f, BasicStroke.CAP_BUTT, BasicStroke.JOIN_MITER, 10f, new float[] {5f, 4f}, 0f));
        XYPlot plot = new XYPlot(lines, x, y, lineRenderer);
        XYDifferenceRenderer bandRenderer = new XYDifferenceRenderer(BAND, BAND, false);
        bandRenderer.setSeriesPaint(0, BAND);
        bandRenderer.setSeriesPaint(1, BAND);
        plot.setDataset(1, bandData);
        plot.setRenderer(1, bandRenderer);
        plot.setBackgroundPaint(Color.WHITE);
        plot.setDomainGridlinePaint(new Color(0xdd, 0xdd, 0xdd));
        plot.setRangeGridlinePaint(new Color(0xdd, 0xdd, 0xdd));

        double thetaForLimits = theta == 0 ? 1.0 : theta;
        Map<String, Limit> limits = new LinkedHashMap<>();
        limits.put("warning low", spec.limits().warnLow());
        limits.put("warning high", spec.limits().warnHigh());
        limits.put("redline low", spec.limits().redLow());
        limits.put("redline high", spec.limits().redHigh());
        limits.forEach((name, limit) -> {
            if (limit != null) {
                double at = limit.resolve(spec.expected(thetaForLimits));
                ValueMarker m = new ValueMarker(at, name.startsWith("red") ? RED : WARN, new BasicStroke(1.2f));
                m.setLabel(name + " " + fmt(at));
                m.setLabelFont(new Font(Font.SANS_SERIF, Font.PLAIN, 10));
                m.setLabelAnchor(RectangleAnchor.TOP_LEFT);
                m.setLabelTextAnchor(TextAnchor.BOTTOM_LEFT);
                plot.addRangeMarker(m, Layer.FOREGROUND);
                y.setAutoRange(true);
            }
        });
        for (EventView e : findings) {
            ValueMarker m = new ValueMarker(e.t(), RED, new BasicStroke(1.0f));
            m.setLabel(e.code());
            m.setLabelFont(new Font(Font.SANS_SERIF, Font.BOLD, 10));
            m.setLabelAnchor(RectangleAnchor.TOP_RIGHT);
            m.setLabelTextAnchor(TextAnchor.TOP_LEFT);
            plot.addDomainMarker(m, Layer.FOREGROUND);
        }
        JFreeChart chart = new JFreeChart(null, new Font(Font.SANS_SERIF, Font.BOLD, 13), plot, true);
        chart.addSubtitle(new TextTitle(title, new Font(Font.SANS_SERIF, Font.BOLD, 13)));
        chart.setBackgroundPaint(Color.WHITE);
        return png(chart);
    }

    /** One indicator over a unit's runs (missing runs left out), trend findings as red markers at the run that concluded them. */
    public static byte[] indicator(String title, String unit, List<String> runLabels, List<Double> values, List<Integer> trendAt) {
        XYSeries series = new XYSeries("indicator", false, true);
        XYSeries marked = new XYSeries("trend finding", false, true);
        for (int i = 0; i < values.size(); i++) {
            if (values.get(i) != null) {
                series.add(i + 1, values.get(i));
                if (trendAt.contains(i)) {
                    marked.add(i + 1, values.get(i));
                }
            }
        }
        XYSeriesCollection data = new XYSeriesCollection();
        data.addSeries(series);
        data.addSeries(marked);
        NumberAxis x = new NumberAxis("run of the unit (1 = oldest)");
        x.setStandardTickUnits(NumberAxis.createIntegerTickUnits());
        NumberAxis y = new NumberAxis(unit);
        y.setAutoRangeIncludesZero(false);
        XYLineAndShapeRenderer r = new XYLineAndShapeRenderer(true, true);
        r.setSeriesPaint(0, VALUE);
        r.setSeriesPaint(1, RED);
        r.setSeriesLinesVisible(1, false);
        r.setSeriesShape(1, new java.awt.geom.Ellipse2D.Double(-6, -6, 12, 12));
        XYPlot plot = new XYPlot(data, x, y, r);
        plot.setBackgroundPaint(Color.WHITE);
        plot.setDomainGridlinePaint(new Color(0xdd, 0xdd, 0xdd));
        plot.setRangeGridlinePaint(new Color(0xdd, 0xdd, 0xdd));
        JFreeChart chart = new JFreeChart(null, new Font(Font.SANS_SERIF, Font.BOLD, 13), plot, true);
        chart.addSubtitle(new TextTitle(title, new Font(Font.SANS_SERIF, Font.BOLD, 13)));
        chart.setBackgroundPaint(Color.WHITE);
        return png(chart);
    }

    private static byte[] png(JFreeChart chart) {
        try {
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            ChartUtils.writeChartAsPNG(out, chart, WIDTH, HEIGHT);
            return out.toByteArray();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public static String fmt(double d) {
        return Math.abs(d) >= 100 ? String.format(java.util.Locale.ROOT, "%.0f", d) : String.format(java.util.Locale.ROOT, "%.3g", d);
    }
}
