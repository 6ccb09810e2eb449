package io.hotfire.app.kafka;

import io.quarkus.test.junit.QuarkusTestProfile;
import java.util.List;

/** The application with Kafka ingestion on, against a real broker (H2 database). */
public class KafkaProfile implements QuarkusTestProfile {

    @Override
    public List<TestResourceEntry> testResources() {
        return List.of(new TestResourceEntry(KafkaBrokerResource.class));
    }

    @Override
    public String getConfigProfile() {
        return "test";
    }
}
