package io.hotfire.app.telemetry;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.core.StreamReadFeature;
import io.hotfire.app.problem.ProblemException;
import io.hotfire.domain.profile.EngineProfile;
import io.hotfire.domain.telemetry.Frame;
import io.hotfire.domain.telemetry.FrameRules;
import java.io.IOException;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * Reads {@code {"frames":[{"seq":n,"t":s,"values":{"PC_A":9.7,...}}]}} into frames of one profile,
 * streaming (no tree, no boxing) and strictly: unknown members, duplicate keys, wrong types,
 * non-integral seq or one outside {@code 0 <= seq < 10^15}, a negative t, numbers beyond double range,
 * nesting where none belongs and trailing content are 400s naming the JSON path and position; so is a
 * batch whose t decreases with seq or whose neighbouring seqs are more than 10^6 apart
 * ({@link FrameRules}), naming the frame's index and seq. A sensor missing from
 * {@code values} or given as {@code null} reads NaN (no reading).
 */
public final class JsonFrameReader {

    private static final JsonFactory JSON = JsonFactory.builder()
            .enable(StreamReadFeature.STRICT_DUPLICATE_DETECTION)
            // Numbers parsed from the parser's buffer, without a String each (Jackson's FastDoubleParser; same values).
            .enable(StreamReadFeature.USE_FAST_DOUBLE_PARSER)
            .build();

    private final EngineProfile profile;

    public JsonFrameReader(EngineProfile profile) {
        this.profile = profile;
    }

    public List<Frame> read(InputStream body) {
        try (JsonParser p = JSON.createParser(body)) {
            List<Frame> frames = null;
            JsonToken first = p.nextToken();
            if (first == null) {
                throw error(p, "body", "the body is empty; expected {\"frames\":[...]}");
            }
            expect(p, first, JsonToken.START_OBJECT, "body", "an object {\"frames\":[...]}");
            while (p.nextToken() == JsonToken.FIELD_NAME) {
                String name = p.currentName();
                if (!name.equals("frames")) {
                    throw error(p, name, "unknown member '" + name + "'; the body has only 'frames'");
                }
                frames = frames(p);
            }
            if (frames == null) {
                throw error(p, "frames", "member 'frames' is missing");
            }
            FrameRules.Violation v = FrameRules.checkBatch(frames);
            if (v != null) {
                throw ProblemException.badRequest("invalid-frames", "Invalid frames", "frames[" + v.index() + "]: " + v.detail())
                        .with("field", "frames[" + v.index() + "]." + v.field())
                        .with("index", v.index())
                        .with("seq", v.seq());
            }
            if (p.nextToken() != null) {
                throw error(p, "body", "unexpected content after the JSON object");
            }
            return frames;
        } catch (JsonProcessingException e) {
            JsonLocation at = e.getLocation();
            throw ProblemException.badRequest("malformed-json", "Malformed JSON", e.getOriginalMessage())
                    .with("field", "body")
                    .with("line", at == null ? null : at.getLineNr())
                    .with("column", at == null ? null : at.getColumnNr());
        } catch (IOException e) {
            throw ProblemException.badRequest("unreadable-body", "Unreadable body", "the body could not be read: " + e.getMessage())
                    .with("field", "body");
        }
    }

    private List<Frame> frames(JsonParser p) throws IOException {
        expect(p, p.nextToken(), JsonToken.START_ARRAY, "frames", "an array of frames");
        List<Frame> frames = new ArrayList<>();
        JsonToken tok;
        while ((tok = p.nextToken()) != JsonToken.END_ARRAY) {
            String path = "frames[" + frames.size() + "]";
            expect(p, tok, JsonToken.START_OBJECT, path, "a frame object {\"seq\":..,\"t\":..,\"values\":{..}}");
            frames.add(frame(p, path));
        }
        return frames;
    }

    private Frame frame(JsonParser p, String path) throws IOException {
        Long seq = null;
        Double t = null;
        double[] values = null;
        while (p.nextToken() == JsonToken.FIELD_NAME) {
            String name = p.currentName();
            JsonToken v = p.nextToken();
            switch (name) {
                case "seq" -> seq = seq(p, v, path + ".seq");
                case "t" -> t = number(p, v, path, "t", false);
                case "values" -> values = values(p, v, path + ".values");
                default -> throw error(p, path + "." + name, "unknown member '" + name + "'; a frame has seq, t and values");
            }
        }
        if (seq == null) {
            throw error(p, path + ".seq", "seq is missing");
        }
        if (t == null) {
            throw error(p, path + ".t", "t is missing");
        }
        if (values == null) {
            throw error(p, path + ".values", "values is missing (send {} for a frame without readings)");
        }
        String badTime = FrameRules.timeProblem(t);
        if (badTime != null) {
            throw error(p, path + ".t", path + " (seq " + seq + "): " + badTime).with("seq", seq);
        }
        return new Frame(seq, t, values);
    }

    private static long seq(JsonParser p, JsonToken v, String path) throws IOException {
        if (v != JsonToken.VALUE_NUMBER_INT) {
            throw error(p, path, "seq must be a non-negative integer, found " + describe(p, v));
        }
        if (p.getNumberType() == JsonParser.NumberType.BIG_INTEGER || FrameRules.seqProblem(p.getLongValue()) != null) {
            throw error(p, path, "seq must be an integer with 0 <= seq < 10^15, found " + shorten(p.getText()));
        }
        return p.getLongValue();
    }



    private double[] values(JsonParser p, JsonToken v, String path) throws IOException {
        expect(p, v, JsonToken.START_OBJECT, path, "an object of sensor id to number or null");
        double[] values = new double[profile.sensors().size()];
        Arrays.fill(values, Double.NaN);
        while (p.nextToken() == JsonToken.FIELD_NAME) {
            String sensor = p.currentName();
            int idx = profile.indexOf(sensor);
            if (idx < 0) {
                JsonLocation at = p.currentTokenLocation();
                throw ProblemException.badRequest("unknown-sensor", "Unknown sensor",
                                "unknown sensor '" + sensor + "': profile " + profile.id() + " has no such sensor")
                        .with("field", path + "." + sensor)
                        .with("sensor", sensor)
                        .with("line", at.getLineNr())
                        .with("column", at.getColumnNr());
            }
            values[idx] = number(p, p.nextToken(), path, sensor, true);
        }
        return values;
    }

    /**
     * A finite number, or (when allowed) null read as NaN. The field's path ({@code path.member}) is
     * built only for an error: this runs for every reading of every frame.
     */
    private static double number(JsonParser p, JsonToken v, String path, String member, boolean nullable) throws IOException {
        if (nullable && v == JsonToken.VALUE_NULL) {
            return Double.NaN;
        }
        if (v != JsonToken.VALUE_NUMBER_INT && v != JsonToken.VALUE_NUMBER_FLOAT) {
            throw error(p, path + "." + member, "expected a number" + (nullable ? " or null" : "") + ", found " + describe(p, v));
        }
        double d = p.getDoubleValue();
        if (!Double.isFinite(d)) {
            throw error(p, path + "." + member, shorten(p.getText()) + " is beyond the range of a double");
        }
        return d;
    }

    private static void expect(JsonParser p, JsonToken actual, JsonToken wanted, String path, String what) throws IOException {
        if (actual != wanted) {
            throw error(p, path, path + " must be " + what + ", found " + describe(p, actual));
        }
    }

    private static String describe(JsonParser p, JsonToken t) throws IOException {
        if (t == null) {
            return "the end of the body";
        }
        return switch (t) {
            case START_OBJECT -> "an object";
            case START_ARRAY -> "an array";
            case VALUE_STRING -> "a string";
            case VALUE_TRUE, VALUE_FALSE -> "a boolean";
            case VALUE_NULL -> "null";
            case VALUE_NUMBER_INT, VALUE_NUMBER_FLOAT -> "the number " + shorten(p.getText());
            default -> t.asString() == null ? t.name() : "'" + t.asString() + "'";
        };
    }

    private static ProblemException error(JsonParser p, String path, String detail) {
        JsonLocation at = p.currentTokenLocation();
        return ProblemException.badRequest("invalid-frames", "Invalid frames", detail)
                .with("field", path)
                .with("line", at.getLineNr())
                .with("column", at.getColumnNr());
    }

    private static String shorten(String s) {
        return s.length() <= 40 ? s : s.substring(0, 37) + "...";
    }
}
