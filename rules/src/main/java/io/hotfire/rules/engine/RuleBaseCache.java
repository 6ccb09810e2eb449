package io.hotfire.rules.engine;

import io.hotfire.domain.Hashing;
import java.io.BufferedInputStream;
import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.security.CodeSource;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.function.Supplier;
import java.util.stream.Stream;
import org.drools.base.common.DroolsObjectInputStream;
import org.drools.base.common.DroolsObjectOutputStream;
import org.drools.base.definitions.InternalKnowledgePackage;
import org.drools.kiesession.rulebase.InternalKnowledgeBase;
import org.drools.kiesession.rulebase.KnowledgeBaseFactory;
import org.kie.api.KieBase;
import org.kie.api.definition.KiePackage;

/**
 * Compiled rule bases kept on disk, so that a start does not compile the DRL again (a few seconds
 * of a CLI command's or the server's start). The file holds the rule base's compiled packages
 * (Drools' own serialisation, consequences and constraints included) and is named after a hash
 * of the rule sources <em>and</em> of the code they were compiled against (the fact classes of
 * {@code domain-model} and {@code rules}, and Drools itself): a change to a rule file, to a fact
 * class or to Drools gives a new name, so a stale rule base is never loaded. A file that cannot be
 * read (truncated, from another version) is ignored and replaced. Written to a temporary file and
 * moved into place, so concurrent starts never read half a file.
 *
 * <p>Off unless a folder is given: system property {@value #PROPERTY} (the packaged application
 * sets it to {@code $HOTFIRE_CACHE_DIR/rules}, default {@code ~/.cache/hotfire/rules}); the value
 * {@code off} turns it off. Tests compile as before.
 */
public final class RuleBaseCache {

    public static final String PROPERTY = "hotfire.rules.cache";
    private static final System.Logger LOG = System.getLogger(RuleBaseCache.class.getName());
    private static volatile String codeFingerprint;

    private RuleBaseCache() {
    }

    /** The rule base for these sources: from the cache if there, else built by {@code build} and stored. */
    static Loaded get(List<RuleSource> sources, Supplier<KieBase> build) {
        Path dir = folder();
        if (dir == null) {
            return new Loaded(build.get(), false);
        }
        Path file = dir.resolve(key(sources) + ".kbase");
        if (Files.isRegularFile(file)) {
            try {
                return new Loaded(read(file), true);
            } catch (IOException | ClassNotFoundException | RuntimeException | LinkageError e) {
                LOG.log(System.Logger.Level.WARNING, "rule base cache " + file + " unreadable, compiling again: " + e);
            }
        }
        KieBase base = build.get();
        try {
            write(base, file);
        } catch (IOException | RuntimeException e) {
            LOG.log(System.Logger.Level.WARNING, "rule base cache " + file + " not written: " + e);
        }
        return new Loaded(base, false);
    }

    /** A rule base and whether it came from the cache. */
    record Loaded(KieBase base, boolean cached) {
    }

    static Path folder() {
        String v = System.getProperty(PROPERTY);
        if (v == null || v.isBlank() || v.equalsIgnoreCase("off")) {
            return null;
        }
        return Path.of(v);
    }

    /** {@code <sha256 of sources and code, 24 hex>}. */
    static String key(List<RuleSource> sources) {
        MessageDigest md = Hashing.sha256();
        md.update(fingerprint().getBytes(StandardCharsets.UTF_8));
        for (RuleSource s : sources) {
            md.update((byte) 0);
            md.update(s.name().getBytes(StandardCharsets.UTF_8));
            md.update((byte) 0);
            md.update(s.drl().getBytes(StandardCharsets.UTF_8));
        }
        return Hashing.hex(md).substring(0, 24);
    }

    /** The code the DRL compiles against: where the fact classes and Drools come from, with their size and time. */
    static String fingerprint() {
        String f = codeFingerprint;
        if (f == null) {
            StringBuilder sb = new StringBuilder();
            for (Class<?> c : List.of(RuleEngine.class, io.hotfire.domain.profile.EngineProfile.class, KieBase.class,
                    InternalKnowledgeBase.class)) {
                sb.append(location(c)).append('\n');
            }
            f = sb.toString();
            codeFingerprint = f;
        }
        return f;
    }

    private static String location(Class<?> c) {
        CodeSource cs = c.getProtectionDomain().getCodeSource();
        if (cs == null || cs.getLocation() == null) {
            return c.getName() + "@?";
        }
        try {
            Path p = Path.of(cs.getLocation().toURI());
            if (Files.isDirectory(p)) {
                // A build's classes folder: the newest class file and the count stand for its content.
                try (Stream<Path> s = Files.walk(p)) {
                    long[] newest = {0, 0};
                    s.filter(Files::isRegularFile).forEach(x -> {
                        newest[0] = Math.max(newest[0], x.toFile().lastModified());
                        newest[1]++;
                    });
                    return p + "@" + newest[0] + "/" + newest[1];
                }
            }
            return p + "@" + Files.size(p) + "/" + Files.getLastModifiedTime(p).toMillis();
        } catch (IOException | URISyntaxException | IllegalArgumentException | java.nio.file.FileSystemNotFoundException e) {
            return cs.getLocation() + "@?";
        }
    }

    @SuppressWarnings("unchecked")
    private static KieBase read(Path file) throws IOException, ClassNotFoundException {
        InternalKnowledgeBase kb = KnowledgeBaseFactory.newKnowledgeBase();
        Collection<InternalKnowledgePackage> packages;
        try (InputStream in = new DroolsObjectInputStream(new BufferedInputStream(Files.newInputStream(file)), kb.getRootClassLoader())) {
            packages = (Collection<InternalKnowledgePackage>) ((java.io.ObjectInput) in).readObject();
        }
        kb.addPackages(packages);
        return kb;
    }

    private static void write(KieBase base, Path file) throws IOException {
        Files.createDirectories(file.getParent());
        Path tmp = Files.createTempFile(file.getParent(), file.getFileName().toString(), ".tmp");
        try {
            List<KiePackage> packages = new ArrayList<>(base.getKiePackages());
            try (OutputStream out = new DroolsObjectOutputStream(new BufferedOutputStream(Files.newOutputStream(tmp)))) {
                ((java.io.ObjectOutput) out).writeObject(packages);
            }
            Files.move(tmp, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        } finally {
            Files.deleteIfExists(tmp);
        }
    }
}
