package io.hotfire.app.audit;

import io.hotfire.app.exec.NamedExecutors;
import io.hotfire.domain.Hashing;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Event;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.InvalidKeyException;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.time.Instant;
import java.util.HexFormat;
import java.util.Locale;
import java.util.Optional;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import org.eclipse.microprofile.config.Config;
import org.hibernate.Session;
import org.jboss.logging.Logger;

/**
 * Anchors the audit chain outside the audit table, so that removing records from its end and rolling
 * the chain head back (which leaves the chain itself consistent) is detected.
 *
 * <p>After audit records commit, {@link AuditLog} reports the new chain head here. At most once per
 * {@code hotfire.audit.checkpoint.interval} (and at shutdown) the newest committed head is appended
 * to an append-only checkpoint file as one signed line,
 * {@code v1 seq=<seq> hash=<record hash> at=<instant> mac=<HMAC-SHA256>}, and every
 * {@code log-interval} (and at shutdown) also logged at INFO, so the log holds a copy the database
 * administrator cannot reach. Before each new line the record of the previous checkpoint is read back:
 * if it is gone or its hash changed, no checkpoint is written and the chain is reported broken.
 * {@link AuditVerifier} compares the chain with the newest checkpoint, the readiness check looks it up
 * at every probe, and a break raises one system alarm.
 *
 * <p>The HMAC key is {@code hotfire.audit.checkpoint.secret} when set, else a random key generated on
 * first start into {@code <file>.key} (owner-only permissions). Keep the file and key where the
 * database's users cannot write (a key from a secret store protects against someone who can).
 */
@ApplicationScoped
public class AuditCheckpoints {

    private static final Logger LOG = Logger.getLogger(AuditCheckpoints.class);
    private static final Pattern LINE = Pattern.compile("v1 seq=(\\d+) hash=([0-9a-f]{64}) at=(\\S+) mac=([0-9a-f]{64})");

    /** A signed checkpoint: the chain had record {@code seq} with {@code hash} at {@code at}. */
    public record Checkpoint(long seq, String hash, Instant at) {
    }

    /** A committed chain head. */
    private record Head(long seq, String hash) {
    }

    /** Fired (once per break) when the checkpoints show the chain was cut or rewritten; the alarm service raises an alarm. */
    public record ChainBroken(String detail) {
    }

    @Inject
    CheckpointConfig settings;

    @Inject
    NamedExecutors executors;

    @Inject
    Config config;

    @Inject
    Session session;

    @Inject
    Event<ChainBroken> brokenEvent;

    private final AtomicReference<Head> committed = new AtomicReference<>();
    private volatile Checkpoint latest;
    private volatile String broken;
    private volatile Instant lastLogged = Instant.EPOCH;
    /** Commits reported so far, and as many as the last flush had seen. */
    private final java.util.concurrent.atomic.AtomicLong commits = new java.util.concurrent.atomic.AtomicLong();
    private long handled;
    private Path file;
    private byte[] key;
    private ScheduledExecutorService writer;

    void onStart(@Observes StartupEvent event) {
        file = resolveFile();
        try {
            Files.createDirectories(file.toAbsolutePath().getParent());
            key = loadKey();
            latest = readLatest();
        } catch (IOException e) {
            throw new UncheckedIOException("audit checkpoint file " + file + " cannot be used", e);
        }
        LOG.infof("audit checkpoints: %s (newest %s)", file.toAbsolutePath(),
                latest == null ? "none yet" : "seq " + latest.seq() + " hash " + latest.hash() + " at " + latest.at());
        writer = executors.single("audit-checkpoint");
        long every = Math.max(10, settings.interval().toMillis());
        writer.scheduleWithFixedDelay(this::writeQuietly, every, every, TimeUnit.MILLISECONDS);
    }

    void onStop(@Observes ShutdownEvent event) {
        if (writer != null) {
            writer.shutdown();
            try {
                writer.awaitTermination(10, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            lastLogged = Instant.EPOCH; // the shutdown checkpoint is logged too
            writeQuietly();
        }
    }

    /** Called after a transaction with audit records committed: its chain head. Cheap; the writer thread does the rest. */
    void committed(long seq, String hash) {
        // The newest by seq, except that a head below the newest checkpoint is kept, so the next flush reads the
        // checkpointed record back (a head rolled back shows there).
        committed.accumulateAndGet(new Head(seq, hash), (a, b) -> a == null || b.seq() > a.seq() || rolledBack(b) ? b : a);
        commits.incrementAndGet();
    }

    private boolean rolledBack(Head h) {
        Checkpoint c = latest;
        return c != null && h.seq() < c.seq();
    }

    /** The newest checkpoint written or read (null before the first). */
    public Checkpoint latest() {
        return latest;
    }

    /** Why the chain is known to be broken (sticky for this process), or null. */
    public String broken() {
        return broken;
    }

    /** Where the checkpoints go. */
    public Path file() {
        return file;
    }

    /**
     * Writes a checkpoint of the newest committed head now if records were committed since the last one
     * (the writer thread calls it every interval; tests and shutdown call it directly). First reads back
     * the record of the previous checkpoint: if it is gone or changed, nothing is written.
     */
    public synchronized void flush() {
        Head head = committed.get();
        long seen = commits.get();
        if (head == null || seen == handled || broken != null) {
            return;
        }
        handled = seen;
        if (latest != null && !check(latest)) {
            return;
        }
        if (latest != null && latest.seq() >= head.seq()) {
            return; // nothing newer (a head below the checkpoint was caught by the check above)
        }
        Checkpoint c = new Checkpoint(head.seq(), head.hash(), Instant.now());
        String body = "v1 seq=" + c.seq() + " hash=" + c.hash() + " at=" + c.at();
        String line = body + " mac=" + mac(body) + "\n";
        try (FileChannel ch = FileChannel.open(file, StandardOpenOption.CREATE, StandardOpenOption.APPEND, StandardOpenOption.WRITE)) {
            ch.write(ByteBuffer.wrap(line.getBytes(StandardCharsets.US_ASCII)));
            ch.force(false);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot append to the audit checkpoint file " + file, e);
        }
        latest = c;
        Instant now = Instant.now();
        if (!now.isBefore(lastLogged.plus(settings.logInterval()))) {
            lastLogged = now;
            LOG.infof("audit checkpoint %s", line.strip());
        }
    }

    /**
     * Whether the chain still holds {@code c}: its record is there with the same hash. A cheap primary
     * key lookup (the readiness check calls it at every probe); a failure marks the chain broken.
     */
    public boolean check(Checkpoint c) {
        String stored = QuarkusTransaction.joiningExisting().call(() -> session
                .createSelectionQuery("select r.hash from AuditRecordEntity r where r.seq = :seq", String.class)
                .setParameter("seq", c.seq())
                .getResultStream().findFirst().orElse(null));
        if (stored == null) {
            markBroken("audit record " + c.seq() + " is missing, but the checkpoint of " + c.at() + " names it (hash " + c.hash()
                    + "): records were removed from the end of the chain");
            return false;
        }
        if (!stored.equals(c.hash())) {
            markBroken("audit record " + c.seq() + " hashes to " + stored + ", but the checkpoint of " + c.at() + " says " + c.hash()
                    + ": the chain was rewritten from there");
            return false;
        }
        return true;
    }

    /** Records that the chain is broken; the first time, logs it and fires {@link ChainBroken} (an alarm). */
    public void markBroken(String detail) {
        synchronized (this) {
            if (broken != null) {
                return;
            }
            broken = detail;
        }
        LOG.errorf("AUDIT CHAIN BROKEN: %s (checkpoints in %s)", detail, file);
        try {
            brokenEvent.fire(new ChainBroken(detail));
        } catch (RuntimeException e) {
            LOG.errorf(e, "the alarm for the broken audit chain could not be raised");
        }
    }

    private void writeQuietly() {
        try {
            flush();
        } catch (RuntimeException e) {
            LOG.errorf(e, "audit checkpoint not written");
        }
    }

    /** The newest valid line of the file; a line with a bad signature marks the chain broken. */
    private Checkpoint readLatest() throws IOException {
        if (!Files.exists(file)) {
            return null;
        }
        Checkpoint newest = null;
        int lineNo = 0;
        for (String line : Files.readAllLines(file, StandardCharsets.US_ASCII)) {
            lineNo++;
            if (line.isBlank()) {
                continue;
            }
            Matcher m = LINE.matcher(line.strip());
            String body = m.matches() ? line.strip().substring(0, line.strip().lastIndexOf(" mac=")) : null;
            if (body == null || !MessageDigest.isEqual(mac(body).getBytes(StandardCharsets.US_ASCII), m.group(4).getBytes(StandardCharsets.US_ASCII))) {
                markBroken("line " + lineNo + " of the audit checkpoint file " + file + " is not a checkpoint signed with this server's key");
                continue;
            }
            Checkpoint c = new Checkpoint(Long.parseLong(m.group(1)), m.group(2), Instant.parse(m.group(3)));
            if (newest == null || c.seq() >= newest.seq()) {
                newest = c;
            }
        }
        return newest;
    }

    private String mac(String body) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(key, "HmacSHA256"));
            return HexFormat.of().formatHex(mac.doFinal(body.getBytes(StandardCharsets.US_ASCII)));
        } catch (NoSuchAlgorithmException | InvalidKeyException e) {
            throw new IllegalStateException("every Java runtime has HmacSHA256", e);
        }
    }

    private byte[] loadKey() throws IOException {
        if (settings.secret().isPresent() && !settings.secret().get().isBlank()) {
            return settings.secret().get().getBytes(StandardCharsets.UTF_8);
        }
        Path keyFile = file.resolveSibling(file.getFileName() + ".key");
        if (!Files.exists(keyFile)) {
            byte[] fresh = new byte[32];
            new SecureRandom().nextBytes(fresh);
            Files.writeString(keyFile, HexFormat.of().formatHex(fresh) + "\n", StandardCharsets.US_ASCII,
                    StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE);
            try {
                Files.setPosixFilePermissions(keyFile, PosixFilePermissions.fromString("rw-------"));
            } catch (UnsupportedOperationException e) {
                LOG.debugf("no POSIX permissions for %s", keyFile);
            }
            LOG.infof("audit checkpoint key generated in %s (set hotfire.audit.checkpoint.secret to keep it elsewhere)", keyFile);
        }
        return HexFormat.of().parseHex(Files.readString(keyFile, StandardCharsets.US_ASCII).strip());
    }

    /**
     * {@code hotfire.audit.checkpoint.file}, else beside a file H2 database ({@code <db>.audit-checkpoints}),
     * else one file per in-memory database and process in the temporary directory (such a database ends
     * with the process), else (PostgreSQL, H2 over TCP) {@code data/audit-checkpoints-<hash of the JDBC URL>}.
     */
    private Path resolveFile() {
        if (settings.file().isPresent() && !settings.file().get().isBlank()) {
            return Path.of(settings.file().get());
        }
        String kind = config.getOptionalValue("hotfire.db.kind", String.class).orElse("h2").trim().toLowerCase(Locale.ROOT);
        String url = config.getOptionalValue("quarkus.datasource.\"" + kind + "\".jdbc.url", String.class).orElse("");
        String id = Hashing.sha256Hex(url).substring(0, 12);
        if (kind.equals("h2")) {
            String rest = url.startsWith("jdbc:h2:") ? url.substring("jdbc:h2:".length()) : "";
            String path = rest.split(";", 2)[0];
            if (path.startsWith("mem:") || path.isEmpty()) {
                Path perProcess = Path.of(System.getProperty("java.io.tmpdir"),
                        "hotfire-audit-checkpoints-" + ProcessHandle.current().pid() + "-" + id);
                perProcess.toFile().deleteOnExit();
                perProcess.resolveSibling(perProcess.getFileName() + ".key").toFile().deleteOnExit();
                return perProcess;
            }
            if (path.startsWith("file:")) {
                path = path.substring("file:".length());
            }
            if (!path.startsWith("tcp:") && !path.startsWith("ssl:")) {
                return Path.of(path + ".audit-checkpoints");
            }
        }
        return Path.of("data", "audit-checkpoints-" + id);
    }
}
