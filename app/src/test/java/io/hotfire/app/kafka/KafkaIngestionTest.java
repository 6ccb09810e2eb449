package io.hotfire.app.kafka;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;

import io.hotfire.app.domain.Engines;
import io.hotfire.app.security.Roles;
import io.hotfire.app.support.Scenarios;
import io.hotfire.domain.profile.EngineProfile;
import io.hotfire.domain.telemetry.Frame;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import io.quarkus.test.security.TestSecurity;
import jakarta.inject.Inject;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.UUID;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.junit.jupiter.api.Test;

/** The Kafka ingestion path against a real KRaft broker: one instance, H2. */
@QuarkusTest
@TestProfile(KafkaProfile.class)
@TestSecurity(user = "test-auditor", roles = {Roles.AUDITOR, Roles.ENGINEER})
class KafkaIngestionTest {

    static final String TOPIC = "hotfire.telemetry";

    @Inject
    Engines engines;

    @Test
    void framesFromTheTopicCreateTheRunAreStoredOnceDespiteResendsAndConcludeWhatAReplayConcludes() throws Exception {
        EngineProfile gg1 = engines.require("gg1", "engine").profile();
        List<Frame> frames = KafkaTelemetry.frames(Scenarios.DEAD_PC_A_AND_ROUGH_PUMP.csv(0, 600), gg1);
        String run = UUID.randomUUID().toString();
        try (KafkaProducer<String, byte[]> producer = KafkaTelemetry.producer(KafkaBrokerResource.broker.bootstrapServers())) {
            for (int i = 0; i < frames.size(); i += 40) {
                producer.send(KafkaTelemetry.message(TOPIC, run, "gg1", frames.subList(i, Math.min(i + 40, frames.size())), gg1));
                if (i == 200) {
                    // a producer retry after a lost acknowledgement: the first 120 frames again
                    producer.send(KafkaTelemetry.message(TOPIC, run, "gg1", frames.subList(0, 120), gg1));
                }
            }
            producer.flush();
        }

        awaitFrames(run, 600);
        List<Map<String, Object>> events = given().get("/api/v1/runs/{id}/events", run).then().statusCode(200).extract().jsonPath().getList("$");
        List<String> replay = KafkaTelemetry.replay(engines.require("gg1", "engine"), frames);
        assertThat(replay).isNotEmpty();
        assertThat(KafkaTelemetry.lines(events)).isEqualTo(replay);
        assertThat(given().get("/api/v1/runs/{id}", run).then().statusCode(200).extract().<String>path("engine")).isEqualTo("gg1");
        List<Map<String, Object>> created = given().queryParam("action", "run.create").queryParam("run", run)
                .get("/api/v1/audit").then().statusCode(200).extract().jsonPath().getList("items");
        assertThat(created).singleElement().satisfies(a -> assertThat(String.valueOf(a.get("actorSubject"))).contains("system:kafka"));
        List<Map<String, Object>> batches = given().queryParam("action", "ingest.batch").queryParam("run", run)
                .get("/api/v1/audit").then().statusCode(200).extract().jsonPath().getList("items");
        assertThat(batches).isNotEmpty().allSatisfy(a -> assertThat(a.get("actorSubject")).isEqualTo("system:kafka"));
        // The consumer's own figures (#17): this test's 16 messages were counted in polls, each record's wait timed.
        awaitMetricAtLeast("hotfire_kafka_poll_records_sum", 16);
        awaitMetricAtLeast("hotfire_kafka_record_wait_seconds_count", 16);
        awaitMetricAtLeast("hotfire_kafka_poll_time_seconds_count", 1);
    }

    /** A counter-like line of /q/metrics (no tags) reaches {@code atLeast}: a poll's figures are recorded just after its commit. */
    private static void awaitMetricAtLeast(String name, double atLeast) throws InterruptedException {
        Instant deadline = Instant.now().plus(Duration.ofSeconds(60));
        double value = -1;
        while (Instant.now().isBefore(deadline)) {
            value = given().get("/q/metrics").then().statusCode(200).extract().asString().lines()
                    .filter(l -> l.startsWith(name + " ")).mapToDouble(l -> Double.parseDouble(l.substring(name.length() + 1)))
                    .findFirst().orElse(-1);
            if (value >= atLeast) {
                return;
            }
            Thread.sleep(200);
        }
        throw new AssertionError(name + " is " + value + ", expected at least " + atLeast);
    }

    @Test
    void aPoisonMessageGoesToTheDeadLetterTopicAndTheAuditLogAndTheRunGoesOn() throws Exception {
        EngineProfile gg1 = engines.require("gg1", "engine").profile();
        List<Frame> frames = KafkaTelemetry.frames(Scenarios.DEAD_PC_A_AND_ROUGH_PUMP.csv(0, 100), gg1);
        String run = UUID.randomUUID().toString();
        try (KafkaProducer<String, byte[]> producer = KafkaTelemetry.producer(KafkaBrokerResource.broker.bootstrapServers())) {
            producer.send(KafkaTelemetry.message(TOPIC, run, "gg1", frames.subList(0, 50), gg1));
            producer.send(new ProducerRecord<>(TOPIC, run, "{\"frames\":[{\"seq\":50,\"t\":1.0,\"values\":{\"NO_SUCH\":1}}]}"
                    .getBytes(StandardCharsets.UTF_8)));
            producer.send(new ProducerRecord<>(TOPIC, "not-a-run-id", "{}".getBytes(StandardCharsets.UTF_8)));
            producer.send(KafkaTelemetry.message(TOPIC, run, null, frames.subList(50, 100), gg1));
            producer.flush();
        }

        awaitFrames(run, 100);
        List<ConsumerRecord<String, byte[]>> dead = deadLetters(2);
        assertThat(dead).extracting(ConsumerRecord::key).contains(run, "not-a-run-id");
        ConsumerRecord<String, byte[]> unknownSensor = dead.stream().filter(r -> run.equals(r.key())).findFirst().orElseThrow();
        String error = new String(unknownSensor.headers().lastHeader(TelemetryMessages.ERROR).value(), StandardCharsets.UTF_8);
        assertThat(error).contains("NO_SUCH");
        assertThat(unknownSensor.headers().lastHeader(TelemetryMessages.SOURCE)).isNotNull();

        List<Map<String, Object>> audited = given().queryParam("action", DeadLetters.ACTION)
                .get("/api/v1/audit").then().statusCode(200).extract().jsonPath().getList("items");
        assertThat(audited).extracting(a -> String.valueOf(a.get("summary")))
                .anySatisfy(s -> assertThat(s).contains("NO_SUCH"))
                .anySatisfy(s -> assertThat(s).contains("not-a-run-id"));
    }

    @Test
    void aMessageConflictingWithStoredFramesIsDeadLetteredAloneWhileTheRestOfItsPollIsStored() throws Exception {
        EngineProfile gg1 = engines.require("gg1", "engine").profile();
        List<Frame> frames = KafkaTelemetry.frames(Scenarios.DEAD_PC_A_AND_ROUGH_PUMP.csv(0, 100), gg1);
        String a = UUID.randomUUID().toString();
        String b = UUID.randomUUID().toString();
        try (KafkaProducer<String, byte[]> producer = KafkaTelemetry.producer(KafkaBrokerResource.broker.bootstrapServers())) {
            producer.send(KafkaTelemetry.message(TOPIC, a, "gg1", frames.subList(0, 50), gg1));
            producer.flush();
            awaitFrames(a, 50);
            Frame stored = frames.get(10);
            double[] other = stored.values().clone();
            other[0] += 1.0;
            producer.send(KafkaTelemetry.message(TOPIC, a, "gg1", List.of(new Frame(10, stored.t(), other)), gg1));
            producer.send(KafkaTelemetry.message(TOPIC, a, "gg1", frames.subList(50, 100), gg1));
            producer.send(KafkaTelemetry.message(TOPIC, b, "gg1", frames.subList(0, 50), gg1));
            producer.flush();
        }

        awaitFrames(a, 100);
        awaitFrames(b, 50);
        assertThat(deadLettersUntil(r -> a.equals(r.key()))).filteredOn(r -> a.equals(r.key()))
                .singleElement()
                .satisfies(r -> assertThat(new String(r.headers().lastHeader(TelemetryMessages.ERROR).value(), StandardCharsets.UTF_8))
                        .contains("conflicting-frame").contains("seq 10"));
    }

    private static void awaitFrames(String run, int expected) throws InterruptedException {
        Instant deadline = Instant.now().plus(Duration.ofSeconds(90));
        int stored = -1;
        while (Instant.now().isBefore(deadline)) {
            var r = given().get("/api/v1/runs/{id}", run);
            if (r.statusCode() == 200) {
                stored = r.then().extract().<Integer>path("frameCount");
                if (stored == expected) {
                    Thread.sleep(500); // a resend still in flight must not add anything
                    assertThat(given().get("/api/v1/runs/{id}", run).then().extract().<Integer>path("frameCount")).isEqualTo(expected);
                    return;
                }
            }
            Thread.sleep(200);
        }
        throw new AssertionError("run " + run + " holds " + stored + " frames, expected " + expected);
    }

    private static List<ConsumerRecord<String, byte[]>> deadLetters(int atLeast) {
        return deadLetters(atLeast, r -> false);
    }

    /** Dead letters read until one matches (or 60 s passed). */
    private static List<ConsumerRecord<String, byte[]>> deadLettersUntil(java.util.function.Predicate<ConsumerRecord<String, byte[]>> match) {
        return deadLetters(Integer.MAX_VALUE, match);
    }

    private static List<ConsumerRecord<String, byte[]>> deadLetters(int atLeast, java.util.function.Predicate<ConsumerRecord<String, byte[]>> match) {
        Properties p = new Properties();
        p.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, KafkaBrokerResource.broker.bootstrapServers());
        p.put(ConsumerConfig.GROUP_ID_CONFIG, "dlt-reader-" + UUID.randomUUID());
        p.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
        try (KafkaConsumer<String, byte[]> c = new KafkaConsumer<>(p, new StringDeserializer(), new ByteArrayDeserializer())) {
            c.subscribe(List.of("hotfire.telemetry.dlt"));
            List<ConsumerRecord<String, byte[]>> out = new java.util.ArrayList<>();
            Instant deadline = Instant.now().plus(Duration.ofSeconds(60));
            while (out.size() < atLeast && out.stream().noneMatch(match) && Instant.now().isBefore(deadline)) {
                c.poll(Duration.ofMillis(500)).forEach(out::add);
            }
            return out;
        }
    }
}
