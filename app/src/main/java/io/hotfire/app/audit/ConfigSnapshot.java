package io.hotfire.app.audit;

import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.regex.Pattern;
import org.eclipse.microprofile.config.Config;

/**
 * The configuration worth recording at start-up: Hotfire's own keys and Quarkus' datasource, Flyway,
 * OIDC, HTTP and security keys, with secrets masked. A key is secret when one of its dot-separated
 * parts names a password, secret, credential, key or hash; passwords inside JDBC URLs are masked too.
 */
public final class ConfigSnapshot {

    static final String MASK = "***";
    private static final List<String> PREFIXES = List.of("hotfire.", "quarkus.datasource.", "quarkus.flyway.", "quarkus.oidc.",
            "quarkus.http.host", "quarkus.http.port", "quarkus.http.auth.", "quarkus.security.", "quarkus.profile",
            "quarkus.application.");
    private static final Pattern SECRET_PART = Pattern.compile(".*(password|passwd|secret|credential|private|api-key|apikey|token-key|-hash|hash).*");
    private static final Pattern URL_PASSWORD = Pattern.compile("(?i)([?&;:](password|pwd)=)[^&;]*");
    private static final Pattern URL_USERINFO = Pattern.compile("(//[^/@:]+:)[^/@]*@");

    private ConfigSnapshot() {
    }

    public static Map<String, String> of(Config config) {
        Map<String, String> out = new TreeMap<>();
        for (String name : config.getPropertyNames()) {
            if (PREFIXES.stream().noneMatch(name::startsWith)) {
                continue;
            }
            String value = config.getConfigValue(name).getValue();
            if (value != null) {
                out.put(name, mask(name, value));
            }
        }
        return out;
    }

    /** The value as it may be recorded. */
    public static String mask(String name, String value) {
        if (value == null) {
            return null;
        }
        for (String part : name.toLowerCase(Locale.ROOT).split("\\.")) {
            if (SECRET_PART.matcher(part.replace("\"", "")).matches()) {
                return value.isEmpty() ? "" : MASK;
            }
        }
        String v = URL_PASSWORD.matcher(value).replaceAll("$1" + MASK);
        return URL_USERINFO.matcher(v).replaceAll("$1" + MASK + "@");
    }
}
