package io.hotfire.app.kafka;

import io.hotfire.domain.event.Event;
import io.hotfire.domain.profile.EngineProfile;
import io.hotfire.domain.telemetry.CsvFrameReader;
import io.hotfire.domain.telemetry.Frame;
import io.hotfire.pipeline.DiagnosisEngine;
import io.hotfire.domain.diagnosis.RunMonitor;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Properties;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;

/** Telemetry messages as a stand would send them, and the in-process replay they must equal. */
public final class KafkaTelemetry {

    private KafkaTelemetry() {
    }

    public static KafkaProducer<String, byte[]> producer(String bootstrap) {
        Properties p = new Properties();
        p.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap);
        p.put(ProducerConfig.ACKS_CONFIG, "all");
        p.put(ProducerConfig.LINGER_MS_CONFIG, 5);
        return new KafkaProducer<>(p, new StringSerializer(), new ByteArraySerializer());
    }

    /** A message of frames for a run, with the engine header. */
    public static ProducerRecord<String, byte[]> message(String topic, String runId, String engine, List<Frame> frames, EngineProfile profile) {
        ProducerRecord<String, byte[]> r = new ProducerRecord<>(topic, runId, json(frames, profile).getBytes(StandardCharsets.UTF_8));
        if (engine != null) {
            r.headers().add(TelemetryMessages.ENGINE, engine.getBytes(StandardCharsets.UTF_8));
        }
        return r;
    }

    /** The HTTP frames body: {"frames":[{"seq":..,"t":..,"values":{...}}]}, NaN as null. */
    public static String json(List<Frame> frames, EngineProfile profile) {
        StringBuilder b = new StringBuilder("{\"frames\":[");
        for (int i = 0; i < frames.size(); i++) {
            Frame f = frames.get(i);
            b.append(i == 0 ? "" : ",").append("{\"seq\":").append(f.seq()).append(",\"t\":").append(f.t()).append(",\"values\":{");
            double[] v = f.values();
            for (int s = 0; s < v.length; s++) {
                b.append(s == 0 ? "" : ",").append('"').append(profile.sensors().get(s).id()).append("\":")
                        .append(Double.isNaN(v[s]) ? "null" : Double.toString(v[s]));
            }
            b.append("}}");
        }
        return b.append("]}").toString();
    }

    public static List<Frame> frames(String csv, EngineProfile profile) {
        return new CsvFrameReader(profile).read(csv, 0);
    }

    /** The events of a single in-process replay, as sorted "t type code sensor" lines (order within a window may differ). */
    public static List<String> replay(DiagnosisEngine engine, List<Frame> frames) {
        List<String> out = new ArrayList<>();
        try (RunMonitor m = engine.open("replay")) {
            for (Frame f : frames) {
                for (Event e : m.accept(f)) {
                    out.add(line(e.t(), e.type().name(), e.code(), e.sensor()));
                }
            }
        }
        out.sort(null);
        return out;
    }

    public static String line(double t, String type, String code, String sensor) {
        return String.format(Locale.ROOT, "%.3f %s %s %s", t, type, code, sensor);
    }

    /** Sorted lines of events as the API returns them. */
    public static List<String> lines(List<Map<String, Object>> events) {
        List<String> out = new ArrayList<>();
        for (Map<String, Object> e : events) {
            out.add(line(((Number) e.get("t")).doubleValue(), (String) e.get("type"), (String) e.get("code"), (String) e.get("sensor")));
        }
        out.sort(null);
        return out;
    }
}
