package io.hotfire.domain.data;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import java.io.IOException;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * One data file as read: its name, its bytes and the kind of error it raises. The line of each
 * field is found on the first error only (one more pass of the YAML parser over the bytes), so a
 * file read without error costs nothing more than the tree.
 */
final class DataSource {

    static final ObjectMapper YAML = new ObjectMapper(new YAMLFactory());
    /** JSON is YAML, but Jackson's JSON parser reads a large model file many times faster. */
    static final ObjectMapper JSON = new ObjectMapper();

    private final String file;
    private final int firstLine;
    private final byte[] bytes;
    private final DataNode.Errors errors;
    private Map<String, Integer> lines;
    /** What read the tree: JSON or YAML. */
    private ObjectMapper mapper = YAML;

    DataSource(String file, int firstLine, byte[] bytes, DataNode.Errors errors) {
        this.file = file;
        this.firstLine = firstLine;
        this.bytes = bytes;
        this.errors = errors;
    }

    String file() {
        return file;
    }

    DataNode.Errors errors() {
        return errors;
    }

    /** The line of the deepest part of {@code segments} that is in the file (a missing field: its parent's). */
    synchronized int lineOf(List<Object> segments) {
        if (bytes == null) {
            return 0;
        }
        if (lines == null) {
            lines = index(mapper, bytes);
        }
        for (int n = segments.size(); n >= 0; n--) {
            Integer line = lines.get(key(segments.subList(0, n)));
            if (line != null) {
                return line + firstLine - 1;
            }
        }
        return 0;
    }

    /** The tree: as JSON if the text starts as a JSON object or list does and is JSON, else as YAML. */
    JsonNode readTree() throws IOException {
        if (looksLikeJson(bytes)) {
            try {
                JsonNode n = JSON.readTree(bytes);
                mapper = JSON;
                return n;
            } catch (IOException e) {
                // YAML's flow style ({a: 1}) starts as JSON does: read it as YAML
            }
        }
        mapper = YAML;
        return YAML.readTree(bytes);
    }

    private static boolean looksLikeJson(byte[] bytes) {
        for (byte b : bytes) {
            if (b == '{' || b == '[') {
                return true;
            }
            if (b != ' ' && b != '\n' && b != '\r' && b != '\t' && b != (byte) 0xEF && b != (byte) 0xBB && b != (byte) 0xBF) {
                return false;
            }
        }
        return false;
    }

    /** Field path → 1-based line of its key (or, in a list, of its value). */
    private static Map<String, Integer> index(ObjectMapper mapper, byte[] bytes) {
        Map<String, Integer> out = new HashMap<>();
        record Level(String key, boolean list, int[] next, String[] name) {
        }
        Deque<Level> stack = new ArrayDeque<>();
        try (JsonParser p = mapper.getFactory().createParser(bytes)) {
            JsonToken t;
            while ((t = p.nextToken()) != null) {
                int line = p.getTokenLocation().getLineNr();
                if (t == JsonToken.FIELD_NAME) {
                    Level top = stack.peek();
                    top.name[0] = p.getCurrentName();
                    out.putIfAbsent(top.key + "\u0000" + top.name[0], line);
                    continue;
                }
                if (t == JsonToken.END_OBJECT || t == JsonToken.END_ARRAY) {
                    stack.pop();
                    continue;
                }
                String key;
                Level top = stack.peek();
                if (top == null) {
                    key = "";
                } else if (top.list) {
                    key = top.key + "\u0000#" + top.next[0]++;
                } else {
                    key = top.key + "\u0000" + top.name[0];
                }
                out.putIfAbsent(key, line);
                if (t == JsonToken.START_OBJECT || t == JsonToken.START_ARRAY) {
                    stack.push(new Level(key, t == JsonToken.START_ARRAY, new int[1], new String[1]));
                }
            }
        } catch (IOException | RuntimeException e) {
            // a file whose tree was read parses again; if not, the lines found so far are all there is
        }
        return out;
    }

    private static String key(List<Object> segments) {
        StringBuilder b = new StringBuilder();
        for (Object s : segments) {
            b.append('\u0000');
            if (s instanceof Integer i) {
                b.append('#').append(i);
            } else {
                b.append(s);
            }
        }
        return b.toString();
    }

    /** {@code a.b[2].c} for segments a, b, 2, c. */
    static String describe(List<Object> segments) {
        StringBuilder b = new StringBuilder();
        for (Object s : segments) {
            if (s instanceof Integer i) {
                b.append('[').append(i).append(']');
            } else {
                if (b.length() > 0) {
                    b.append('.');
                }
                b.append(s);
            }
        }
        return b.toString();
    }

    /** The segments of a path written as {@link #describe} writes it. */
    static List<Object> segments(String path) {
        List<Object> out = new ArrayList<>();
        StringBuilder name = new StringBuilder();
        for (int i = 0; i < path.length(); i++) {
            char c = path.charAt(i);
            if (c == '.' || c == '[') {
                if (name.length() > 0) {
                    out.add(name.toString());
                    name.setLength(0);
                }
                if (c == '[') {
                    int end = path.indexOf(']', i);
                    if (end < 0) {
                        name.append(path, i, path.length());
                        break;
                    }
                    try {
                        out.add(Integer.parseInt(path.substring(i + 1, end)));
                    } catch (NumberFormatException e) {
                        out.add(path.substring(i + 1, end));
                    }
                    i = end;
                }
            } else {
                name.append(c);
            }
        }
        if (name.length() > 0) {
            out.add(name.toString());
        }
        return out;
    }

    /** The number of the text's last line that holds anything (an error at the end of the text is put there). */
    static int lastLine(byte[] bytes) {
        int lines = 1;
        int end = bytes.length;
        while (end > 0 && (bytes[end - 1] == '\n' || bytes[end - 1] == '\r' || bytes[end - 1] == ' ')) {
            end--;
        }
        for (int i = 0; i < end; i++) {
            if (bytes[i] == '\n') {
                lines++;
            }
        }
        return lines;
    }

    static String firstLine(String s) {
        if (s == null) {
            return "";
        }
        int nl = s.indexOf('\n');
        return nl < 0 ? s : s.substring(0, nl);
    }
}
