package io.hotfire.llm.call;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Prompt texts, kept as resource files under {@code io/hotfire/llm/prompts/}, with
 * {@code {{name}}} placeholders. A placeholder without a value is an error, so a prompt never
 * goes out half-filled.
 */
public final class Prompts {

    private static final String FOLDER = "/io/hotfire/llm/prompts/";
    private static final Pattern SLOT = Pattern.compile("\\{\\{([a-zA-Z]+)}}");
    private static final Map<String, String> CACHE = new ConcurrentHashMap<>();

    private Prompts() {
    }

    /** The raw text of {@code name} (e.g. {@code intake-system.txt}). */
    public static String text(String name) {
        return CACHE.computeIfAbsent(name, n -> {
            try (InputStream in = Prompts.class.getResourceAsStream(FOLDER + n)) {
                if (in == null) {
                    throw new IllegalStateException("prompt resource " + FOLDER + n + " is missing");
                }
                return new String(in.readAllBytes(), StandardCharsets.UTF_8).strip();
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        });
    }

    /** The text of {@code name} with every {@code {{slot}}} filled from {@code values}. */
    public static String render(String name, Map<String, String> values) {
        Matcher m = SLOT.matcher(text(name));
        StringBuilder out = new StringBuilder();
        while (m.find()) {
            String v = values.get(m.group(1));
            if (v == null) {
                throw new IllegalArgumentException("prompt " + name + " needs a value for {{" + m.group(1) + "}}");
            }
            m.appendReplacement(out, Matcher.quoteReplacement(v));
        }
        m.appendTail(out);
        return out.toString();
    }
}
