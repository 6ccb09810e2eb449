package io.hotfire.domain.unit;

import com.fasterxml.jackson.databind.JsonNode;
import io.hotfire.domain.DataFileException;
import io.hotfire.domain.Hashing;
import io.hotfire.domain.data.DataNode;
import io.hotfire.domain.profile.EngineProfile;
import io.hotfire.domain.profile.Expression;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.Iterator;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;

/**
 * Reads and validates {@code units.yaml} against the domain's profile. Every error names the file
 * and the field ({@code indicators[1].expr: unknown channel 'TIT_C'}); unknown fields are errors.
 */
public final class UnitsLoader {

    public static final String FILE = "units.yaml";

    private UnitsLoader() {
    }

    /** The domain folder's {@code units.yaml}, or empty when the domain declares none. */
    public static Optional<UnitsSpec> loadIfPresent(Path domainFolder, EngineProfile profile) {
        Path file = domainFolder.resolve(FILE);
        if (!Files.isRegularFile(file)) {
            return Optional.empty();
        }
        try {
            return Optional.of(parse(file.toString(), Files.readAllBytes(file), profile));
        } catch (IOException e) {
            throw new DataFileException(file.toString(), "(file)", "cannot be read: " + e.getMessage(), e);
        }
    }

    public static UnitsSpec parse(String file, byte[] bytes, EngineProfile profile) {
        DataNode root = DataNode.parse(file, bytes, DataNode.PLAIN);
        return new Reader(file, profile, root).read(root.json(), Hashing.sha256Hex(bytes));
    }

    /** Typed helpers over the tree; errors go through the file's {@link DataNode}, which names the line. */
    private record Reader(String file, EngineProfile profile, DataNode root) {

        UnitsSpec read(JsonNode root, String hash) {
            only(root, "", "firing", "nearFraction", "components", "indicators");
            JsonNode f = object(root, "", "firing");
            only(f, "firing", "channel", "above", "minSeconds");
            String channel = text(f, "firing", "channel");
            channel(channel, "firing.channel");
            UnitsSpec.Firing firing = new UnitsSpec.Firing(channel, number(f, "firing", "above"),
                    positive(f, "firing", "minSeconds", 0.5));
            double near = root.has("nearFraction") ? number(root, "", "nearFraction") : 0.9;
            if (!(near > 0 && near <= 1)) {
                throw error("nearFraction", "must lie in (0, 1], got " + near);
            }
            List<UnitsSpec.Component> components = new ArrayList<>();
            Set<String> ids = new HashSet<>();
            JsonNode cs = array(root, "", "components");
            for (int i = 0; i < cs.size(); i++) {
                String p = "components[" + i + "]";
                JsonNode c = cs.get(i);
                only(c, p, "id", "name", "maxStarts", "maxFiringSeconds", "source");
                String id = text(c, p, "id");
                if (!ids.add(id)) {
                    throw error(p + ".id", "duplicate component '" + id + "'");
                }
                Integer starts = c.has("maxStarts") ? (int) positive(c, p, "maxStarts", 0) : null;
                Double seconds = c.has("maxFiringSeconds") ? positive(c, p, "maxFiringSeconds", 0) : null;
                if (starts == null && seconds == null) {
                    throw error(p, "needs maxStarts or maxFiringSeconds");
                }
                components.add(new UnitsSpec.Component(id, text(c, p, "name"), starts, seconds, text(c, p, "source")));
            }
            List<UnitsSpec.IndicatorSpec> indicators = new ArrayList<>();
            JsonNode is = array(root, "", "indicators");
            ids.clear();
            for (int i = 0; i < is.size(); i++) {
                String p = "indicators[" + i + "]";
                JsonNode n = is.get(i);
                only(n, p, "id", "name", "unit", "expr", "at", "settleSeconds", "minSeconds", "trend", "source");
                String id = text(n, p, "id");
                if (!ids.add(id)) {
                    throw error(p + ".id", "duplicate indicator '" + id + "'");
                }
                Expression expr;
                try {
                    expr = Expression.parse(text(n, p, "expr"));
                } catch (IllegalArgumentException e) {
                    throw error(p + ".expr", e.getMessage());
                }
                for (String v : expr.variables()) {
                    channel(v, p + ".expr");
                }
                JsonNode at = object(n, p, "at");
                only(at, p + ".at", "level", "tolerance");
                JsonNode t = object(n, p, "trend");
                String tp = p + ".trend";
                only(t, tp, "direction", "runs", "minChange", "stepAfterMaintenance");
                UnitsSpec.Direction dir;
                try {
                    dir = UnitsSpec.Direction.valueOf(text(t, tp, "direction").toUpperCase(Locale.ROOT));
                } catch (IllegalArgumentException e) {
                    throw error(tp + ".direction", "must be up or down");
                }
                double runs = positive(t, tp, "runs", 0);
                if (runs < 2 || runs != Math.rint(runs)) {
                    throw error(tp + ".runs", "must be a whole number ≥ 2, got " + runs);
                }
                indicators.add(new UnitsSpec.IndicatorSpec(id, text(n, p, "name"), text(n, p, "unit"), expr,
                        positive(at, p + ".at", "level", 0), positive(at, p + ".at", "tolerance", 0),
                        positive(n, p, "settleSeconds", 1.5), positive(n, p, "minSeconds", 2.0),
                        new UnitsSpec.Trend(dir, (int) runs, positive(t, tp, "minChange", 0),
                                positive(t, tp, "stepAfterMaintenance", 0)),
                        text(n, p, "source")));
            }
            return new UnitsSpec(file, firing, near, components, indicators, hash);
        }

        void channel(String id, String field) {
            if (profile.indexOf(id) < 0) {
                throw error(field, "unknown channel '" + id + "'; the profile's sensors are " + profile.sensorIds());
            }
        }

        DataFileException error(String field, String message) {
            return root.errorAt(field, message);
        }

        void only(JsonNode n, String path, String... names) {
            for (Iterator<String> it = n.fieldNames(); it.hasNext(); ) {
                String name = it.next();
                if (!List.of(names).contains(name)) {
                    throw error(join(path, name), "unknown field; expected one of " + List.of(names));
                }
            }
        }

        JsonNode object(JsonNode n, String path, String name) {
            JsonNode v = n.get(name);
            if (v == null || !v.isObject()) {
                throw error(join(path, name), "is required and must be a mapping");
            }
            return v;
        }

        JsonNode array(JsonNode n, String path, String name) {
            JsonNode v = n.get(name);
            if (v == null || !v.isArray()) {
                throw error(join(path, name), "is required and must be a list");
            }
            for (int i = 0; i < v.size(); i++) {
                if (!v.get(i).isObject()) {
                    throw error(join(path, name) + "[" + i + "]", "must be a mapping");
                }
            }
            return v;
        }

        String text(JsonNode n, String path, String name) {
            JsonNode v = n.get(name);
            if (v == null || !v.isTextual() || v.textValue().isBlank()) {
                throw error(join(path, name), "is required and must be a non-empty string");
            }
            return v.textValue();
        }

        double number(JsonNode n, String path, String name) {
            JsonNode v = n.get(name);
            if (v == null || !v.isNumber() || !Double.isFinite(v.doubleValue())) {
                throw error(join(path, name), "is required and must be a number");
            }
            return v.doubleValue();
        }

        /** A number > 0; {@code fallback} > 0 when the field may be left out. */
        double positive(JsonNode n, String path, String name, double fallback) {
            if (!n.has(name) && fallback > 0) {
                return fallback;
            }
            double d = number(n, path, name);
            if (!(d > 0)) {
                throw error(join(path, name), "must be > 0, got " + d);
            }
            return d;
        }

        static String join(String path, String name) {
            return path.isEmpty() ? name : path + "." + name;
        }
    }
}
