package io.hotfire.rules.engine;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

/** One DRL file: where it came from and its text. */
public record RuleSource(String name, String drl) {

    /** The domain-agnostic core rules shipped in this module. */
    public static final List<String> CORE = List.of(
            "10-SensorValidation.drl", "20-Limits.drl", "40-UnknownAnomaly.drl", "90-Recommendation.drl");

    public static List<RuleSource> core() {
        List<RuleSource> out = new ArrayList<>();
        for (String n : CORE) {
            String path = "io/hotfire/rules/core/" + n;
            try (InputStream in = RuleSource.class.getClassLoader().getResourceAsStream(path)) {
                if (in == null) {
                    throw new IllegalStateException("core rule file missing from the classpath: " + path);
                }
                out.add(new RuleSource("core/" + n, new String(in.readAllBytes(), StandardCharsets.UTF_8)));
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
        return out;
    }

    /** Every {@code *.drl} in a domain's rules folder, sorted by name (NN- prefix = stage); none if absent. */
    public static List<RuleSource> folder(Path folder) {
        if (!Files.isDirectory(folder)) {
            return List.of();
        }
        List<RuleSource> out = new ArrayList<>();
        try (Stream<Path> s = Files.list(folder)) {
            for (Path p : s.filter(f -> f.getFileName().toString().endsWith(".drl")).sorted().toList()) {
                Path domainFolder = folder.toAbsolutePath().getParent();
                String prefix = domainFolder == null ? "" : domainFolder.getFileName() + "/";
                out.add(new RuleSource(prefix + folder.getFileName() + "/" + p.getFileName(), Files.readString(p)));
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read rules folder " + folder, e);
        }
        return out;
    }
}
