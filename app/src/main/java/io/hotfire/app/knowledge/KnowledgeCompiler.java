package io.hotfire.app.knowledge;

import io.hotfire.app.domain.Engines;
import io.hotfire.app.problem.ProblemException;
import io.hotfire.domain.DataFileException;
import io.hotfire.domain.profile.DerivedQuantity;
import io.hotfire.domain.profile.DomainCatalog;
import io.hotfire.domain.profile.EngineProfile;
import io.hotfire.llm.vocabulary.VocabularyLoader;
import io.hotfire.pipeline.DiagnosisEngine;
import io.hotfire.pipeline.kit.DomainTests;
import io.hotfire.rules.engine.RuleCompilationException;
import io.hotfire.rules.engine.RuleInfo;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.SortedMap;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * Turns a domain's content — the shipped domain folder with some of its files replaced — into a
 * compiled rule set, or refuses it with a problem naming the file, line, rule or sensor.
 *
 * <p>The content is materialised in a temporary copy of the shipped folder (same folder name, so the
 * rule-set version of unchanged content is the shipped one's), loaded as the server loads a domain
 * (profile, rules), then checked like {@code hotfire domain check}: every rule has an id, a sentence
 * name and a source; every channel a rule or the vocabulary names is in the profile; the domain's
 * data tests ({@code tests/*.yaml}) pass. Compiled rule sets are kept by content digest (a few).
 */
@ApplicationScoped
public class KnowledgeCompiler {

    /** Files a proposal may replace, relative to the domain folder. */
    static final Pattern EDITABLE = Pattern.compile("profile\\.yaml|vocabulary\\.yaml|learned\\.yaml|rules/[A-Za-z0-9][A-Za-z0-9._-]{0,100}\\.drl");
    /** The learned settings: only their {@code advice:} section may change through a proposal. */
    static final String LEARNED = "learned.yaml";
    /** The most characters one file may have. */
    static final int FILE_MAX = 1_000_000;
    private static final Pattern CHANNEL_LITERAL = Pattern.compile("\\b(channel|sensor)\\s*==\\s*\"([^\"]+)\"");
    private static final Pattern RULE_HEAD = Pattern.compile("^\\s*rule\\s+\"([^\"]+)\"");
    private static final Pattern COMPILER_LINE = Pattern.compile("^\\s*(\\S+?):(-?\\d+): (.*)$");
    private static final int CACHE = 6;

    @Inject
    Engines engines;

    /** A compiled content: its engine (rules alone, no learned route) and digest. */
    public record Compiled(String domain, Map<String, String> content, String digest, DiagnosisEngine engine) {
    }

    private final Map<String, Compiled> cache = new LinkedHashMap<>(16, 0.75f, true) {
        @Override
        protected boolean removeEldestEntry(Map.Entry<String, Compiled> eldest) {
            return size() > CACHE;
        }
    };

    private final Map<String, java.util.concurrent.CompletableFuture<Compiled>> inflight = new java.util.concurrent.ConcurrentHashMap<>();

    /** SHA-256 (hex) of a content: each path and text, in path order. */
    public static String digest(Map<String, String> content) {
        MessageDigest md = io.hotfire.domain.Hashing.sha256();
        for (Map.Entry<String, String> e : new TreeMap<>(content).entrySet()) {
            md.update(e.getKey().getBytes(StandardCharsets.UTF_8));
            md.update((byte) 0);
            md.update(e.getValue().getBytes(StandardCharsets.UTF_8));
            md.update((byte) 0);
        }
        return HexFormat.of().formatHex(md.digest());
    }

    /** Refuses a path that a proposal may not replace (400 naming it). */
    static void checkPath(String path) {
        if (path == null || !EDITABLE.matcher(path).matches()) {
            throw ProblemException.badRequest("invalid-file", "File cannot be changed",
                            "'" + path + "' is not a file a proposal may replace: profile.yaml, vocabulary.yaml, learned.yaml or rules/<name>.drl")
                    .with("field", "files").with("file", path);
        }
    }

    /** The digests of a domain's contents compiled and cached on this instance (ready to switch to at once). */
    public List<String> cachedDigests(String domain) {
        String prefix = domain + "/";
        synchronized (cache) {
            return cache.keySet().stream().filter(k -> k.startsWith(prefix)).map(k -> k.substring(prefix.length())).sorted().toList();
        }
    }

    /** Whether a content of a domain is compiled and cached here. */
    public boolean cached(String domain, String digest) {
        synchronized (cache) {
            return cache.containsKey(domain + "/" + digest);
        }
    }

    /** The compiled content, from the cache or compiled and validated, domain tests included, now (seconds). */
    public Compiled compile(String domain, Map<String, String> content) {
        return compile(domain, content, true);
    }

    /** @param runTests false when the content was validated already (an activated version on another instance) */
    public Compiled compile(String domain, Map<String, String> content, boolean runTests) {
        String digest = digest(content);
        String key = domain + "/" + digest;
        synchronized (cache) {
            Compiled c = cache.get(key);
            if (c != null) {
                return c;
            }
        }
        // One compile per content at a time: a switch arriving while the content is being compiled ahead waits for it.
        java.util.concurrent.CompletableFuture<Compiled> mine = new java.util.concurrent.CompletableFuture<>();
        java.util.concurrent.CompletableFuture<Compiled> other = inflight.putIfAbsent(key + "/" + runTests, mine);
        if (other != null) {
            try {
                return other.join();
            } catch (java.util.concurrent.CompletionException e) {
                throw e.getCause() instanceof RuntimeException r ? r : e;
            }
        }
        try {
            Compiled c = new Compiled(domain, Map.copyOf(new TreeMap<>(content)), digest, build(domain, content, runTests));
            synchronized (cache) {
                cache.put(key, c);
            }
            mine.complete(c);
            return c;
        } catch (RuntimeException | Error e) {
            mine.completeExceptionally(e);
            throw e;
        } finally {
            inflight.remove(key + "/" + runTests, mine);
        }
    }

    private DiagnosisEngine build(String domain, Map<String, String> content, boolean runTests) {
        Path shipped = engines.folder(domain);
        Path root;
        try {
            root = Files.createTempDirectory("hotfire-knowledge-");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        try {
            Path folder = root.resolve(shipped.getFileName().toString());
            copy(shipped, folder);
            for (Map.Entry<String, String> f : new TreeMap<>(content).entrySet()) {
                checkPath(f.getKey());
                Path target = folder.resolve(f.getKey());
                Files.createDirectories(target.getParent());
                Files.writeString(target, f.getValue(), StandardCharsets.UTF_8);
            }
            DomainCatalog.Domain loaded;
            try {
                loaded = DomainCatalog.load(root).require(domain);
            } catch (DataFileException e) {
                throw fileProblem(e, folder);
            } catch (IllegalArgumentException e) {
                throw ProblemException.badRequest("invalid-profile", "Invalid profile", e.getMessage())
                        .with("file", "profile.yaml");
            }
            List<String> shippedSensors = engines.domain(domain).profile().sensorIds();
            if (!loaded.profile().sensorIds().equals(shippedSensors)) {
                throw ProblemException.badRequest("sensor-list-changed", "Sensor list changed",
                                "profile.yaml: sensors: the channel list must stay as shipped (" + shippedSensors.size()
                                        + " channels); runs are stored against it. Adding or removing a sensor needs a new domain"
                                        + " folder and a restart")
                        .with("file", "profile.yaml").with("field", "sensors");
            }
            if (content.containsKey(LEARNED)) {
                LearnedSettingsCheck.check(shipped.resolve(LEARNED), loaded);
            }
            DiagnosisEngine engine;
            try {
                engine = DiagnosisEngine.load(loaded);
            } catch (RuleCompilationException e) {
                throw compileProblem(e, folder);
            }
            checkRules(engine, folder);
            checkChannels(loaded.profile(), folder);
            if (Files.isRegularFile(folder.resolve(VocabularyLoader.FILE_NAME))) {
                try {
                    new VocabularyLoader(Set.of(), new HashSet<>(loaded.profile().sensorIds())).loadFromDomain(folder);
                } catch (DataFileException e) {
                    throw fileProblem(e, folder);
                }
            }
            if (runTests) {
                List<Map<String, Object>> failed = new ArrayList<>();
                for (DomainTests.Result t : DomainTests.run(loaded, engine)) {
                    for (String p : t.problems()) {
                        failed.add(Map.of("file", t.file(), "test", t.name(), "problem", p));
                    }
                }
                if (!failed.isEmpty()) {
                    throw ProblemException.badRequest("domain-tests-failed", "Domain tests fail",
                                    failed.size() + " domain test problem(s), the first: " + failed.get(0).get("file") + " ("
                                            + failed.get(0).get("test") + "): " + failed.get(0).get("problem"))
                            .with("file", failed.get(0).get("file")).with("errors", failed);
                }
            }
            return engine;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } finally {
            delete(root);
        }
    }

    private static ProblemException fileProblem(DataFileException e, Path folder) {
        String file = relative(e.file(), folder);
        String detail = e.getMessage().replace(e.file(), file);
        ProblemException p = ProblemException.badRequest("invalid-file", "Invalid domain file", detail)
                .with("file", file).with("field", e.field());
        return e.line() > 0 ? p.with("line", e.line()) : p;
    }

    /** Every compiler message as {file, line, rule, message}; the first one in the problem's own members. */
    private static ProblemException compileProblem(RuleCompilationException e, Path folder) {
        List<Map<String, Object>> errors = new ArrayList<>();
        String prefix = folder.getFileName() + "/";
        for (String line : e.getMessage().split("\n")) {
            Matcher m = COMPILER_LINE.matcher(line);
            if (!m.matches()) {
                continue;
            }
            String file = m.group(1).startsWith(prefix) ? m.group(1).substring(prefix.length()) : m.group(1);
            int at = Integer.parseInt(m.group(2));
            Map<String, Object> err = new LinkedHashMap<>();
            err.put("file", file);
            err.put("line", at);
            err.put("rule", ruleAt(folder.resolve(file), at));
            err.put("message", m.group(3).trim());
            errors.add(err);
        }
        ProblemException p = ProblemException.badRequest("rules-do-not-compile", "Rules do not compile",
                e.getMessage().replace(prefix, ""));
        if (!errors.isEmpty()) {
            p.with("file", errors.get(0).get("file")).with("line", errors.get(0).get("line"))
                    .with("rule", errors.get(0).get("rule"));
        }
        return p.with("errors", errors);
    }

    /** The name of the rule whose text holds line {@code at} (1-based) of a DRL file, or null. */
    static String ruleAt(Path file, int at) {
        if (!Files.isRegularFile(file) || at < 1) {
            return null;
        }
        try {
            List<String> lines = Files.readAllLines(file, StandardCharsets.UTF_8);
            for (int i = Math.min(at, lines.size()) - 1; i >= 0; i--) {
                Matcher m = RULE_HEAD.matcher(lines.get(i));
                if (m.find()) {
                    return m.group(1);
                }
                if (i < at - 1 && lines.get(i).trim().equals("end")) {
                    return null;
                }
            }
        } catch (IOException e) {
            return null;
        }
        return null;
    }

    private static void checkRules(DiagnosisEngine engine, Path folder) {
        for (RuleInfo r : engine.rules()) {
            String problem = r.id() == null || r.id().isBlank() ? "has no @id"
                    : r.source() == null || r.source().isBlank() ? "has no @source (where the knowledge comes from)"
                    : r.name() == null || !r.name().contains(" ") ? "needs a name '<ID> <a sentence>'" : null;
            if (problem != null) {
                String file = r.file() == null ? null : r.file().replace(folder.getFileName() + "/", "");
                throw ProblemException.badRequest("rule-metadata", "Rule metadata missing",
                        "rule '" + r.name() + "'" + (file == null ? "" : " in " + file) + " " + problem)
                        .with("file", file).with("rule", r.name());
            }
        }
    }

    /** Every channel a domain rule compares by name must be a sensor or derived quantity of the profile. */
    private static void checkChannels(EngineProfile profile, Path folder) throws IOException {
        Set<String> known = new HashSet<>(profile.sensorIds());
        for (DerivedQuantity d : profile.derived()) {
            known.add(d.id());
        }
        Path rules = folder.resolve("rules");
        if (!Files.isDirectory(rules)) {
            return;
        }
        List<Path> files;
        try (Stream<Path> s = Files.list(rules)) {
            files = s.filter(p -> p.toString().endsWith(".drl")).sorted(Comparator.naturalOrder()).toList();
        }
        for (Path f : files) {
            List<String> lines = Files.readAllLines(f, StandardCharsets.UTF_8);
            String rule = null;
            for (int i = 0; i < lines.size(); i++) {
                String line = lines.get(i);
                Matcher head = RULE_HEAD.matcher(line);
                if (head.find()) {
                    rule = head.group(1);
                }
                String code = line.replaceAll("//.*$", "");
                Matcher m = CHANNEL_LITERAL.matcher(code);
                while (m.find()) {
                    if (!known.contains(m.group(2))) {
                        String file = "rules/" + f.getFileName();
                        throw ProblemException.badRequest("unknown-sensor", "Unknown sensor",
                                        file + ":" + (i + 1) + ": rule '" + rule + "' names " + m.group(1) + " '" + m.group(2)
                                                + "', which profile " + profile.id() + " lacks")
                                .with("file", file).with("line", i + 1).with("rule", rule).with("sensor", m.group(2));
                    }
                }
            }
        }
    }

    private static String relative(String file, Path folder) {
        try {
            Path p = Path.of(file);
            if (p.isAbsolute() && p.startsWith(folder)) {
                return folder.relativize(p).toString().replace('\\', '/');
            }
        } catch (RuntimeException e) {
            // not a path: keep it
        }
        return file;
    }

    private static void copy(Path from, Path to) throws IOException {
        try (Stream<Path> s = Files.walk(from)) {
            for (Path p : s.toList()) {
                Path target = to.resolve(from.relativize(p).toString());
                if (Files.isDirectory(p)) {
                    Files.createDirectories(target);
                } else {
                    Files.copy(p, target);
                }
            }
        }
    }

    private static void delete(Path root) {
        try (Stream<Path> s = Files.walk(root)) {
            for (Path p : s.sorted(Comparator.reverseOrder()).toList()) {
                Files.deleteIfExists(p);
            }
        } catch (IOException e) {
            // a temporary folder left behind is harmless
        }
    }

    /** A sorted copy (for stable JSON and digests). */
    static SortedMap<String, String> sorted(Map<String, String> m) {
        return new TreeMap<>(m);
    }
}
