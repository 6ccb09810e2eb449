package io.hotfire.bench.load;

import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.Locale;
import java.util.Map;

/** What the server says of itself under the latency phases' load, read from its /q/metrics. */
final class ServerMetrics {

    private ServerMetrics() {
    }

    /** What the server's group committer did (batches per group transaction, refused groups), from /q/metrics. */
    static void groupCommit(int port) throws Exception {
        Map<String, String> m = metrics(port, "hotfire_ingest_");
        double groups = Double.parseDouble(m.getOrDefault("hotfire_ingest_group_batches_count", "0"));
        double batches = Double.parseDouble(m.getOrDefault("hotfire_ingest_group_batches_sum", "0"));
        double seconds = Double.parseDouble(m.getOrDefault("hotfire_ingest_group_time_seconds_sum", "0"));
        System.out.printf(Locale.ROOT, "  group commit: %.0f groups for %.0f batches (%.1f per group, max %s), %s refused, mean %.1f ms per group%n",
                groups, batches, groups == 0 ? 0 : batches / groups, m.getOrDefault("hotfire_ingest_group_batches_max", "-"),
                m.getOrDefault("hotfire_ingest_group_refused_total", "0"), groups == 0 ? 0 : 1000 * seconds / groups);
        System.out.printf(Locale.ROOT, "  a batch's wait in its lane: p50 %s ms, p99 %s ms (last minute); a group's time: p50 %s ms, p99 %s ms%n",
                ms(quantile(m, "hotfire_ingest_group_wait_seconds", "0.5")), ms(quantile(m, "hotfire_ingest_group_wait_seconds", "0.99")),
                ms(quantile(m, "hotfire_ingest_group_time_seconds", "0.5")), ms(quantile(m, "hotfire_ingest_group_time_seconds", "0.99")));
        System.out.printf(Locale.ROOT, "  a batch that concluded events, submitted -> committed: p50 %s ms, p99 %s ms (last minute)%n",
                ms(quantile(m, "hotfire_ingest_concluding_time_seconds", "0.5")), ms(quantile(m, "hotfire_ingest_concluding_time_seconds", "0.99")));
    }

    /** Where the consumer's time went (from /q/metrics): records' wait before their poll and the polls' time (percentiles of the last
     *  minute or two), records per poll (since the server started). */
    static void kafka(int port) throws Exception {
        Map<String, String> m = metrics(port, "hotfire_kafka_");
        double polls = Double.parseDouble(m.getOrDefault("hotfire_kafka_poll_records_count", "0"));
        double records = Double.parseDouble(m.getOrDefault("hotfire_kafka_poll_records_sum", "0"));
        System.out.printf(Locale.ROOT, "  consumer: a record's wait for its poll p50 %s ms, p99 %s ms; a poll's processing p50 %s ms, p99 %s ms;"
                        + " %.1f records per poll since the start (max %s)%n",
                ms(quantile(m, "hotfire_kafka_record_wait_seconds", "0.5")), ms(quantile(m, "hotfire_kafka_record_wait_seconds", "0.99")),
                ms(quantile(m, "hotfire_kafka_poll_time_seconds", "0.5")), ms(quantile(m, "hotfire_kafka_poll_time_seconds", "0.99")),
                polls == 0 ? 0 : records / polls, m.getOrDefault("hotfire_kafka_poll_records_max", "-"));
    }

    /** The server's /q/metrics lines whose names start with {@code prefix}, by name and tags. */
    private static Map<String, String> metrics(int port, String prefix) throws Exception {
        HttpResponse<String> r = ServerHttp.HTTP.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/q/metrics")).GET().build(),
                HttpResponse.BodyHandlers.ofString());
        Map<String, String> m = new java.util.TreeMap<>();
        r.body().lines().filter(l -> l.startsWith(prefix)).forEach(l -> {
            int sp = l.lastIndexOf(' ');
            m.put(l.substring(0, sp), l.substring(sp + 1));
        });
        return m;
    }

    private static String quantile(Map<String, String> metrics, String name, String q) {
        return metrics.entrySet().stream().filter(e -> e.getKey().startsWith(name + "{") && e.getKey().contains("quantile=\"" + q + "\""))
                .map(Map.Entry::getValue).findFirst().orElse(null);
    }

    private static String ms(String seconds) {
        return seconds == null ? "-" : String.format(Locale.ROOT, "%.1f", 1000 * Double.parseDouble(seconds));
    }
}
