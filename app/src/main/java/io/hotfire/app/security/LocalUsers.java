package io.hotfire.app.security;

import io.hotfire.app.config.HotfireConfig;
import io.hotfire.domain.Hashing;
import io.quarkus.elytron.security.common.BcryptUtil;
import jakarta.annotation.PostConstruct;
import io.quarkus.runtime.Startup;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.spi.ObserverMethod;
import jakarta.inject.Inject;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The built-in users of local mode, from {@code hotfire.auth.local.users.<name>.password-hash} and
 * {@code .roles}. Passwords are checked against bcrypt hashes; a successful check is remembered as
 * a SHA-256 of password and hash, so a client sending Basic credentials with every request pays
 * bcrypt's cost once, not per request.
 */
@Startup(ObserverMethod.DEFAULT_PRIORITY - 100) // before Engines: the bcrypt work below overlaps the rule compilation
@ApplicationScoped
public class LocalUsers {

    /** Checked against when the user is unknown, so unknown and known names take equally long. */
    private static final class Dummy {
        static final String HASH = BcryptUtil.bcryptHash("not a password", 10);
    }

    /** A user who may sign in. */
    public record User(String name, String passwordHash, Set<String> roles) {
    }

    @Inject
    HotfireConfig config;

    @Inject
    io.hotfire.app.exec.NamedExecutors executors;

    private Map<String, User> users;
    private final Map<String, byte[]> verified = new ConcurrentHashMap<>();
    private CompletableFuture<List<String>> developmentPasswords;

    @PostConstruct
    void load() {
        Map<String, User> map = new TreeMap<>();
        config.auth().local().users().forEach((name, u) -> {
            Optional<String> hash = u.passwordHash().filter(h -> !h.isBlank());
            if (hash.isEmpty()) {
                return;
            }
            if (!hash.get().matches("\\$2[aby]\\$\\d\\d\\$[./A-Za-z0-9]{53}")) {
                throw new IllegalArgumentException("hotfire.auth.local.users." + name
                        + ".password-hash is not a bcrypt hash ($2a$, $2b$ or $2y$, cost, 53 characters); "
                        + "make one with: java -jar quarkus-run.jar hash-password");
            }
            // $2b$ (OpenBSD, Python) is $2a$/$2y$ for passwords under 256 bytes; Elytron reads $2a$ and $2y$.
            String stored = hash.get().startsWith("$2b$") ? "$2y$" + hash.get().substring(4) : hash.get();
            Set<String> roles = new LinkedHashSet<>();
            u.roles().stream().map(String::trim).filter(r -> !r.isEmpty()).forEach(roles::add);
            map.put(name, new User(name, stored, Set.copyOf(roles)));
        });
        users = Map.copyOf(map);
        // bcrypt at cost 10 is ~0.1 s per hash: the dummy hash and the development-password check of every
        // user (a third of start-up's CPU when done in line) run on their own thread while start-up goes on.
        developmentPasswords = CompletableFuture.supplyAsync(() -> {
            BcryptUtil.matches("warm-up", Dummy.HASH);
            return users.values().stream()
                    .filter(u -> BcryptUtil.matches(u.name() + "-dev", u.passwordHash()))
                    .map(User::name)
                    .sorted()
                    .toList();
        }, executors.single("password-check"));
    }

    /** Names of the users who may sign in, in order. */
    public List<String> names() {
        return users.keySet().stream().sorted().toList();
    }

    public Optional<User> user(String name) {
        return Optional.ofNullable(users.get(name));
    }

    /** The user, if the password is theirs. Blocking (bcrypt): call off the event loop. */
    public Optional<User> authenticate(String name, String password) {
        User u = users.get(name);
        if (u == null) {
            BcryptUtil.matches(password, Dummy.HASH);
            return Optional.empty();
        }
        byte[] fingerprint = fingerprint(password, u.passwordHash());
        byte[] known = verified.get(name);
        if (known != null && MessageDigest.isEqual(known, fingerprint)) {
            return Optional.of(u);
        }
        if (!BcryptUtil.matches(password, u.passwordHash())) {
            return Optional.empty();
        }
        verified.put(name, fingerprint);
        return Optional.of(u);
    }

    /** Users whose password is still the documented development one ({@code <name>-dev}). */
    public List<String> withDevelopmentPasswords() {
        return developmentPasswords.join();
    }

    private static byte[] fingerprint(String password, String hash) {
        MessageDigest sha = Hashing.sha256();
        sha.update(hash.getBytes(StandardCharsets.UTF_8));
        sha.update((byte) 0);
        return sha.digest(password.getBytes(StandardCharsets.UTF_8));
    }
}
