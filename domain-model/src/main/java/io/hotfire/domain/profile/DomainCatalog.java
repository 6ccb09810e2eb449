package io.hotfire.domain.profile;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Stream;

/**
 * The domains folder: one sub-folder per domain, each with a {@code profile.yaml} (or
 * {@code profile.json}), a {@code rules/} folder and reference data. Dropping a new folder in
 * adds a domain without code changes.
 */
public final class DomainCatalog {

    /** System property, then environment variable, naming the domains folder. */
    public static final String PROPERTY = "hotfire.domains.dir";
    public static final String ENV = "HOTFIRE_DOMAINS_DIR";

    private final Path root;
    private final Map<String, Domain> domains;

    /** One loaded domain: its folder and its validated profile. */
    public record Domain(Path folder, EngineProfile profile) {
        public Path rulesFolder() {
            return folder.resolve("rules");
        }
    }

    private DomainCatalog(Path root, Map<String, Domain> domains) {
        this.root = root;
        this.domains = domains;
    }

    /** The folder named by {@value #PROPERTY} / {@value #ENV}, else {@code ./domains}. */
    public static Path defaultRoot() {
        String p = System.getProperty(PROPERTY);
        if (p == null || p.isBlank()) {
            p = System.getenv(ENV);
        }
        return Path.of(p == null || p.isBlank() ? "domains" : p);
    }

    /** Loads and validates every domain below {@code root}; the first bad profile fails the whole load. */
    public static DomainCatalog load(Path root) {
        if (!Files.isDirectory(root)) {
            throw new ProfileException(root.toString(), "(folder)", "domains folder does not exist");
        }
        Map<String, Domain> map = new LinkedHashMap<>();
        List<Path> folders = new ArrayList<>();
        try (Stream<Path> s = Files.list(root)) {
            s.filter(Files::isDirectory).sorted().forEach(folders::add);
        } catch (IOException e) {
            throw new ProfileException(root.toString(), "(folder)", "cannot be listed: " + e.getMessage(), e);
        }
        for (Path folder : folders) {
            Optional<Path> file = profileFile(folder);
            if (file.isEmpty()) {
                continue;
            }
            EngineProfile p = ProfileLoader.load(file.get());
            if (map.containsKey(p.id())) {
                throw new ProfileException(file.get().toString(), "id",
                        "domain id '" + p.id() + "' is already used by " + map.get(p.id()).folder());
            }
            map.put(p.id(), new Domain(folder, p));
        }
        if (map.isEmpty()) {
            throw new ProfileException(root.toString(), "(folder)", "holds no domain (no */profile.yaml)");
        }
        return new DomainCatalog(root, Map.copyOf(map));
    }

    static Optional<Path> profileFile(Path folder) {
        for (String n : List.of("profile.yaml", "profile.yml", "profile.json")) {
            Path f = folder.resolve(n);
            if (Files.isRegularFile(f)) {
                return Optional.of(f);
            }
        }
        return Optional.empty();
    }

    public Path root() {
        return root;
    }

    public Optional<Domain> domain(String id) {
        return Optional.ofNullable(domains.get(id));
    }

    public Domain require(String id) {
        return domain(id).orElseThrow(() -> new IllegalArgumentException(
                "unknown engine profile '" + id + "'; known: " + ids()));
    }

    public List<String> ids() {
        return domains.keySet().stream().sorted().toList();
    }
}
