package io.hotfire.app.report;

import io.hotfire.app.chart.ReportCharts;
import com.lowagie.text.Chunk;
import com.lowagie.text.Document;
import com.lowagie.text.DocumentException;
import com.lowagie.text.Element;
import com.lowagie.text.Font;
import com.lowagie.text.Image;
import com.lowagie.text.PageSize;
import com.lowagie.text.Paragraph;
import com.lowagie.text.Phrase;
import com.lowagie.text.pdf.PdfPCell;
import com.lowagie.text.pdf.PdfPTable;
import com.lowagie.text.pdf.PdfWriter;
import io.hotfire.app.alarm.AlarmView;
import io.hotfire.app.event.EventView;
import io.hotfire.app.note.NoteView;
import io.hotfire.app.unit.UnitViews;
import io.hotfire.domain.unit.IndicatorValue;
import java.awt.Color;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.Function;

/** The quick-look report as a PDF (OpenPDF), with the server-side charts embedded. */
public final class ReportPdf {

    private static final Font TITLE = new Font(Font.HELVETICA, 16, Font.BOLD);
    private static final Font H = new Font(Font.HELVETICA, 12, Font.BOLD);
    private static final Font BODY = new Font(Font.HELVETICA, 9);
    private static final Font SMALL = new Font(Font.HELVETICA, 8);
    private static final Font BOLD = new Font(Font.HELVETICA, 9, Font.BOLD);
    private static final Font WARN = new Font(Font.HELVETICA, 11, Font.BOLD, new Color(0xb0, 0x1c, 0x1c));
    private static final Font MONO = new Font(Font.COURIER, 8);

    private ReportPdf() {
    }

    /** @param charts PNG bytes per charted sensor */
    public static byte[] render(ReportView r, Function<String, byte[]> charts) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        Document doc = new Document(PageSize.A4, 36, 36, 36, 36);
        try {
            PdfWriter.getInstance(doc, out);
            doc.addTitle("Hotfire quick-look report " + (r.run().testId() == null ? r.run().id() : r.run().testId()));
            doc.addCreator("Hotfire");
            doc.open();
            doc.add(new Paragraph("Quick-look report — " + (r.run().testId() == null ? "run " + r.run().id() : r.run().testId()), TITLE));
            doc.add(new Paragraph(r.status(), r.inProgress() ? WARN : BODY));
            doc.add(new Paragraph("Advisory: Hotfire's diagnoses support the test conductor; the stand's certified redline system stays in charge.", SMALL));

            section(doc, "Run");
            PdfPTable run = table(2, new float[] {1, 3});
            row(run, "run id", r.run().id().toString());
            row(run, "engine", r.run().engine());
            row(run, "test id", str(r.run().testId()));
            row(run, "engine unit", r.unit());
            row(run, "stand", str(r.run().stand()));
            row(run, "created", String.valueOf(r.run().createdAt()));
            row(run, "ended", r.run().endedAt() == null ? "in progress" : String.valueOf(r.run().endedAt()));
            row(run, "frames", r.run().frameCount() + (r.run().lastT() == null ? "" : ", up to t = " + r.run().lastT() + " s"));
            doc.add(run);

            section(doc, "Key channels against expected value, band and limits");
            for (ReportView.Channel c : r.channels()) {
                // Caption and chart on the same page.
                Paragraph p = new Paragraph(String.format(Locale.ROOT, "%s — %s [%s]: min %s, mean %s, max %s; expected at the run's level %s",
                        c.sensor(), c.description(), c.unit(), num(c.min()), num(c.mean()), num(c.max()), num(c.expectedAtLevel())), SMALL);
                Image img = Image.getInstance(charts.apply(c.sensor()));
                img.scaleToFit(doc.getPageSize().getWidth() - 72, 200);
                p.add(Chunk.NEWLINE);
                p.add(new Chunk(img, 0, 0, true));
                p.setKeepTogether(true);
                doc.add(p);
            }

            section(doc, "Findings timeline (the rules' words)");
            if (r.timeline().isEmpty()) {
                doc.add(new Paragraph("No finding, abort or recommendation.", BODY));
            } else {
                PdfPTable t = table(5, new float[] {0.8f, 1.4f, 1.1f, 1.2f, 5});
                header(t, "t, s", "event", "severity", "rules", "message and evidence");
                for (EventView e : r.timeline()) {
                    cell(t, String.format(Locale.ROOT, "%.1f", e.t()));
                    cell(t, e.type() + "\n" + e.code());
                    cell(t, e.severity());
                    cell(t, String.join(", ", e.rules()));
                    cell(t, e.message() + "\n" + evidence(e));
                }
                doc.add(t);
            }

            section(doc, "Alarms and operator actions");
            if (r.alarms().isEmpty()) {
                doc.add(new Paragraph("No alarm.", BODY));
            } else {
                PdfPTable t = table(4, new float[] {1.6f, 1, 1.2f, 4});
                header(t, "alarm", "severity", "state", "actions (who, when)");
                for (AlarmView a : r.alarms()) {
                    cell(t, a.code() + (a.sensor() == null ? "" : " " + a.sensor()) + "\nraised t = " + a.raisedT() + " s");
                    cell(t, a.severity());
                    cell(t, a.state() + (a.shelved() ? ", shelved" : ""));
                    cell(t, actions(a));
                }
                doc.add(t);
            }

            section(doc, "Notes and observations");
            if (r.notes().isEmpty()) {
                doc.add(new Paragraph("No note.", BODY));
            }
            for (NoteView n : r.notes()) {
                doc.add(new Paragraph(n.author() + ", " + n.createdAt() + (n.runTime() == null ? "" : ", at t = " + n.runTime() + " s") + ": "
                        + n.text(), BODY));
                for (NoteView.ObservationView o : n.observations()) {
                    doc.add(new Paragraph("    " + o.status() + ": " + o.code() + (o.present() ? "" : " (absent)")
                            + (o.quote() == null ? "" : " — \"" + o.quote().text() + "\"")
                            + (o.decidedBy() == null ? "" : " — " + o.status().toLowerCase(Locale.ROOT) + " by " + o.decidedBy() + " " + o.decidedAt()),
                            "ACCEPTED".equals(o.status()) ? BOLD : SMALL));
                }
            }

            section(doc, "Explanation");
            doc.add(new Paragraph(r.explanation().label(), WARN));
            if (r.explanation().text() != null) {
                doc.add(new Paragraph(r.explanation().text(), BODY));
            }

            section(doc, "Engine unit: life used and health indicators");
            UnitViews.RunEndView end = r.end();
            if (end == null) {
                doc.add(new Paragraph("Run in progress: life usage and indicators are fixed when the run is ended.", BODY));
            } else {
                doc.add(new Paragraph(r.unit() + ": " + end.starts() + " start(s), " + num(end.firingSeconds()) + " s hot fire in this run.", BODY));
                PdfPTable t = table(3, new float[] {1.5f, 1, 3});
                header(t, "indicator", "value", "samples / missing reason");
                for (IndicatorValue v : end.indicators()) {
                    cell(t, v.indicator());
                    cell(t, v.isMissing() ? "missing" : num(v.value()));
                    cell(t, v.isMissing() ? v.missingReason() : v.samples() + " samples, t " + num(v.fromT()) + "–" + num(v.toT()) + " s");
                }
                doc.add(t);
                for (UnitViews.TrendView tv : end.trends()) {
                    doc.add(new Paragraph("Trend finding " + tv.code() + " (" + tv.severity() + ", " + String.join(", ", tv.rules()) + "): "
                            + tv.message(), BOLD));
                }
            }

            section(doc, "Versions and audit");
            PdfPTable v = table(2, new float[] {1.3f, 3});
            for (Map.Entry<String, Object> e : r.versions().entrySet()) {
                row(v, e.getKey(), String.valueOf(e.getValue()));
            }
            row(v, "last audit record", r.audit().seq() == null ? "none" : "seq " + r.audit().seq() + " (" + r.audit().action() + ", "
                    + r.audit().recordedAt() + ")");
            row(v, "its SHA-256 hash", str(r.audit().hash()));
            row(v, "generated", String.valueOf(r.generatedAt()));
            doc.add(v);
            doc.add(new Paragraph("Check this document against the chain: GET /api/v1/audit/verify, and the record with this seq must carry this hash.", SMALL));
            doc.close();
        } catch (DocumentException | IOException e) {
            throw new IllegalStateException("the report PDF could not be written", e);
        }
        return out.toByteArray();
    }

    private static String actions(AlarmView a) {
        StringBuilder b = new StringBuilder();
        if (a.acknowledgedBy() != null) {
            b.append("acknowledged by ").append(a.acknowledgedBy()).append(' ').append(a.acknowledgedAt()).append('\n');
        }
        if (a.shelvedBy() != null) {
            b.append("shelved by ").append(a.shelvedBy()).append(' ').append(a.shelvedAt()).append(a.shelveReason() == null ? "" : ": " + a.shelveReason()).append('\n');
        }
        if (a.assignee() != null) {
            b.append("assigned to ").append(a.assignee()).append(" by ").append(a.assignedBy()).append(' ').append(a.assignedAt()).append('\n');
        }
        for (AlarmView.Comment c : a.comments() == null ? List.<AlarmView.Comment>of() : a.comments()) {
            b.append(c.author()).append(' ').append(c.createdAt()).append(": ").append(c.text()).append('\n');
        }
        return b.length() == 0 ? "none" : b.toString().trim();
    }

    private static String evidence(EventView e) {
        String s = e.evidence() == null ? "" : e.evidence().toString();
        return s.length() > 400 ? s.substring(0, 400) + "…" : s;
    }

    private static void section(Document doc, String title) throws DocumentException {
        Paragraph p = new Paragraph(title, H);
        p.setSpacingBefore(10);
        p.setSpacingAfter(4);
        doc.add(p);
    }

    private static PdfPTable table(int cols, float[] widths) throws DocumentException {
        PdfPTable t = new PdfPTable(cols);
        t.setWidthPercentage(100);
        t.setWidths(widths);
        t.setSpacingAfter(4);
        return t;
    }

    private static void header(PdfPTable t, String... names) {
        for (String n : names) {
            PdfPCell c = new PdfPCell(new Phrase(n, BOLD));
            c.setBackgroundColor(new Color(0xee, 0xee, 0xee));
            t.addCell(c);
        }
    }

    private static void row(PdfPTable t, String k, String v) {
        t.addCell(new PdfPCell(new Phrase(k, BOLD)));
        PdfPCell c = new PdfPCell(new Phrase(new Chunk(v, k.contains("hash") || k.contains("Version") || k.contains("version") ? MONO : BODY)));
        c.setHorizontalAlignment(Element.ALIGN_LEFT);
        t.addCell(c);
    }

    private static void cell(PdfPTable t, String v) {
        t.addCell(new PdfPCell(new Phrase(v == null ? "" : v, SMALL)));
    }

    private static String str(String s) {
        return s == null ? "—" : s;
    }

    private static String num(Double d) {
        return d == null ? "—" : ReportCharts.fmt(d);
    }

}
