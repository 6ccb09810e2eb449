package io.hotfire.app.kafka;

import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;
import java.util.Map;

/** A real Kafka broker for {@link KafkaProfile} tests; the application consumes from it. */
public class KafkaBrokerResource implements QuarkusTestResourceLifecycleManager {

    static volatile KafkaBroker broker;

    @Override
    public Map<String, String> start() {
        broker = KafkaBroker.start("quarkus-test");
        broker.createTopic("hotfire.telemetry", 4);
        broker.createTopic("hotfire.telemetry.dlt", 1);
        return Map.of(
                "hotfire.kafka.enabled", "true",
                "hotfire.kafka.bootstrap-servers", broker.bootstrapServers());
    }

    @Override
    public void stop() {
        if (broker != null) {
            broker.close();
        }
    }
}
