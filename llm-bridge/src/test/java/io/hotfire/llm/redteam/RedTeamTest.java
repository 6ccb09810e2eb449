package io.hotfire.llm.redteam;

import static io.hotfire.llm.support.OpenAiStub.content;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import io.hotfire.domain.event.Event;
import io.hotfire.domain.event.EventType;
import io.hotfire.domain.event.Severity;
import io.hotfire.llm.call.LlmCallRecord;
import io.hotfire.llm.call.LlmClient;
import io.hotfire.llm.call.LlmOptions;
import io.hotfire.llm.claim.Claim;
import io.hotfire.llm.diagnosis.Diagnosis;
import io.hotfire.llm.diagnosis.Route;
import io.hotfire.llm.explain.Explanation;
import io.hotfire.llm.explain.ExplanationService;
import io.hotfire.llm.explain.ExplanationSource;
import io.hotfire.llm.guardrail.KnownIdentifiers;
import io.hotfire.llm.hypothesis.HypothesisResult;
import io.hotfire.llm.hypothesis.HypothesisService;
import io.hotfire.llm.intake.IntakeResult;
import io.hotfire.llm.intake.IntakeService;
import io.hotfire.llm.intake.Instructions;
import io.hotfire.llm.intake.NoteText;
import java.util.Optional;
import io.hotfire.llm.support.Gg1;
import io.hotfire.llm.support.OpenAiStub;
import io.hotfire.llm.support.RecordingSink;
import io.hotfire.llm.support.Runs;
import java.io.IOException;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The red-team suite: adversarial answers and well-behaved ones from {@code redteam/explanations.yaml},
 * replayed through a real OpenAI-compatible stub and the real services. Each adversarial claim is
 * scripted for both attempts (the answer and its retry) and must be refused with its expected kind
 * and never reach a reader; each well-behaved answer must be shown as LLM text. Prints the figures.
 */
class RedTeamTest {

    static final ObjectMapper YAML = new ObjectMapper(new YAMLFactory());
    static final ObjectMapper JSON = new ObjectMapper();
    static final KnownIdentifiers KNOWN = new KnownIdentifiers(Set.copyOf(Gg1.CATALOGUE), Gg1.sensorIds());

    static OpenAiStub stub;
    static dev.langchain4j.model.chat.ChatModel model;
    static JsonNode suite;
    static Map<String, Diagnosis> scenarios;

    @BeforeAll
    static void start() throws IOException {
        stub = new OpenAiStub();
        model = stub.chatModel();
        try (InputStream in = RedTeamTest.class.getResourceAsStream("/redteam/explanations.yaml")) {
            suite = YAML.readTree(in);
        }
        scenarios = scenarios();
    }

    @AfterAll
    static void stop() {
        stub.close();
    }

    static Map<String, Diagnosis> scenarios() {
        List<Event> regen = Runs.read("regen-jacket-leak.jsonl");
        Map<String, Diagnosis> out = new LinkedHashMap<>();
        out.put("regen-in", Diagnosis.ofRun(regen, Route.in(0.42, List.of(new Route.TopFeature("JACKET_DP", 1.9)), 17.68)));
        out.put("regen-out", Diagnosis.ofRun(regen, Route.out(0.0004, List.of(new Route.TopFeature("JACKET_DP", 6.1)), 17.68)));
        out.put("abort-in", Diagnosis.ofRun(Runs.read("gg-fuel-starvation-abort.jsonl"), Route.in(0.37, List.of(), 17.68)));
        for (boolean in : new boolean[] {true, false}) {
            List<Event> events = new ArrayList<>(regen);
            events.add(route(1.0, in));
            events.add(new Event(12.88, EventType.ADVICE, "TP_BEARING_WEAR", Severity.WATCH, "VIB_CAGE", List.of(),
                    "learned model: bearing-wear pattern (advisory)", Map.of("p", 0.31)));
            out.put(in ? "advice-in" : "advice-out", Diagnosis.ofRun(events));
        }
        List<Event> flip = new ArrayList<>(List.of(route(1.0, true), route(15.0, false)));
        flip.addAll(regen);
        flip.add(route(30.0, true));
        out.put("flip", Diagnosis.ofRun(flip));
        out.put("drift", Diagnosis.ofRun(Runs.read("sensor-drift.jsonl")));
        return out;
    }

    static Event route(double t, boolean in) {
        return new Event(t, EventType.ROUTE, in ? "IN_DISTRIBUTION" : "OUT_OF_DISTRIBUTION", Severity.WATCH, null, List.of(),
                in ? "pattern inside the validated distribution" : "pattern outside the validated distribution",
                Map.of("pValue", in ? 0.4 : 0.0003));
    }

    ExplanationService explainer(RecordingSink audit) {
        return ExplanationService.withLlm(new LlmClient(model, LlmOptions.of("openai:gpt-4o-mini"), audit),
                new io.hotfire.llm.claim.ClaimChecker(Gg1.claimLanguage(), KNOWN, Gg1.sensorUnits(), Gg1.vocabulary()),
                Gg1.sensorUnits());
    }

    static String answer(List<Map<String, Object>> claims) throws IOException {
        return JSON.writeValueAsString(Map.of("claims", claims));
    }

    static Map<String, Object> claim(JsonNode c) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("text", c.get("text").asText());
        List<String> cites = new ArrayList<>();
        c.get("cites").forEach(x -> cites.add(x.asText()));
        m.put("cites", cites);
        return m;
    }

    /** Everything of an explanation a reader can see. */
    static String shown(Explanation e) {
        return e.text() + "\n" + (e.prose() == null ? "" : e.prose()) + "\n" + String.join("\n", e.droppedClaims());
    }

    @Test
    void noAdversarialAnswerReachesAReader_andWellBehavedAnswersAreShown() throws IOException {
        List<String> failures = new ArrayList<>();
        Map<String, int[]> byCase = new LinkedHashMap<>();
        int adversarial = 0;
        int reached = 0;
        int refusedAsExpected = 0;
        for (JsonNode a : suite.get("adversarial")) {
            adversarial++;
            Diagnosis d = scenarios.get(a.get("scenario").asText());
            assertThat(d).as("scenario of %s", a.get("id")).isNotNull();
            // one well-behaved claim rides along, so that refusing everything would not pass either
            Map<String, Object> good = Map.of("text", "The rules' findings are listed above.", "cites", List.of("E1"));
            Map<String, Object> bad = claim(a.get("claim"));
            String answer = answer(List.of(good, bad));
            stub.reset();
            stub.then(content(answer), content(answer));
            RecordingSink audit = new RecordingSink();

            Explanation e = explainer(audit).explain(d);

            String badText = (String) bad.get("text");
            boolean leaked = e.claims().stream().map(Claim::text).anyMatch(badText.strip()::equals)
                    || (!badText.isBlank() && shown(e).contains(badText.strip()));
            List<String> firstViolations = audit.records().isEmpty() ? List.of() : audit.records().get(0).violations();
            String expect = a.get("expect").asText();
            boolean asExpected = firstViolations.stream().anyMatch(v -> v.contains(": " + expect + " '") || v.contains("; " + expect + " '"));
            byCase.computeIfAbsent(a.get("case").asText(), k -> new int[2])[0]++;
            if (leaked) {
                reached++;
                failures.add(a.get("id").asText() + " reached the reader: " + badText);
            } else {
                byCase.get(a.get("case").asText())[1]++;
            }
            if (asExpected) {
                refusedAsExpected++;
            } else {
                failures.add(a.get("id").asText() + " not refused as " + expect + ": " + firstViolations);
            }
        }
        int hypotheses = 0;
        for (JsonNode h : suite.get("hypotheses")) {
            hypotheses++;
            adversarial++;
            String answer = JSON.writeValueAsString(Map.of("hypotheses", List.of(Map.of("code", h.get("code").asText(),
                    "reason", h.get("reason").asText(), "confidence", 0.5))));
            stub.reset();
            stub.then(content(answer), content(answer));
            RecordingSink audit = new RecordingSink();
            HypothesisService service = new HypothesisService(
                    new LlmClient(model, LlmOptions.of("openai:gpt-4o-mini"), audit), KNOWN,
                    new io.hotfire.llm.claim.ClaimChecker(Gg1.claimLanguage(), KNOWN, Gg1.sensorUnits(), Gg1.vocabulary()));

            HypothesisResult r = service.hypotheses(scenarios.get("regen-in"), Gg1.CATALOGUE);

            byCase.computeIfAbsent(h.get("case").asText(), k -> new int[2])[0]++;
            boolean leaked = r.hypotheses().stream().anyMatch(x -> x.reason().contains(h.get("reason").asText()));
            if (leaked) {
                reached++;
                failures.add(h.get("id").asText() + " reached the reader: " + h.get("reason").asText());
            } else {
                byCase.get(h.get("case").asText())[1]++;
            }
            List<String> first = audit.records().isEmpty() ? List.of() : audit.records().get(0).violations();
            if (first.stream().anyMatch(v -> v.startsWith(h.get("expect").asText() + " '"))) {
                refusedAsExpected++;
            } else {
                failures.add(h.get("id").asText() + " not refused as " + h.get("expect").asText() + ": " + first);
            }
        }
        int notes = 0;
        for (JsonNode n : suite.get("notes")) {
            notes++;
            adversarial++;
            List<Map<String, Object>> observations = new ArrayList<>();
            for (JsonNode o : n.get("answer")) {
                Map<String, Object> m = new LinkedHashMap<>();
                m.put("code", o.get("code").asText());
                m.put("quote", o.get("quote").asText());
                m.put("present", o.get("present").asBoolean());
                m.put("time", null);
                m.put("component", null);
                m.put("sensor", null);
                m.put("confidence", 0.9);
                observations.add(m);
            }
            String answer = JSON.writeValueAsString(Map.of("observations", observations));
            stub.reset();
            stub.then(content(answer), content(answer));
            RecordingSink audit = new RecordingSink();
            IntakeService intake = IntakeService.withLlm(Gg1.offline(),
                    new LlmClient(model, LlmOptions.of("openai:gpt-4o-mini"), audit), Gg1.sensorIds());

            IntakeResult r = intake.extract(n.get("note").asText(), Optional.empty());

            String badCode = n.get("bad").get("code").asText();
            boolean badPresent = n.get("bad").get("present").asBoolean();
            byCase.computeIfAbsent(n.get("case").asText(), k -> new int[2])[0]++;
            boolean leaked = r.observations().stream().anyMatch(o -> o.code().equals(badCode) && o.present() == badPresent);
            if (leaked) {
                reached++;
                failures.add(n.get("id").asText() + " became an observation: " + r.observations());
            } else {
                byCase.get(n.get("case").asText())[1]++;
            }
            String expect = n.get("expect").asText();
            boolean asExpected = expect.equals("present")
                    ? r.observations().stream().anyMatch(o -> o.code().equals(badCode) && o.present() != badPresent)
                    : r.dropped().stream().anyMatch(d -> d.reason().contains(expect));
            if (asExpected) {
                refusedAsExpected++;
            } else {
                failures.add(n.get("id").asText() + " not refused as '" + expect + "': dropped " + r.dropped() + ", accepted "
                        + r.observations());
            }
            r.observations().forEach(o -> {
                if (Instructions.instructionLike(o.quote().text(), Gg1.vocabulary().codes())
                        || NoteText.wholeWordIndex(n.get("note").asText(), o.quote().text()) < 0) {
                    failures.add(n.get("id").asText() + " accepted a quote that is not a whole-word span or carries an instruction: "
                            + o.quote().text());
                }
            });
        }
        int good = 0;
        int shownAsLlm = 0;
        for (JsonNode g : suite.get("good")) {
            good++;
            List<Map<String, Object>> claims = new ArrayList<>();
            g.get("claims").forEach(c -> claims.add(claim(c)));
            String answer = answer(claims);
            stub.reset();
            stub.then(content(answer), content(answer));
            RecordingSink audit = new RecordingSink();

            Explanation e = explainer(audit).explain(scenarios.get(g.get("scenario").asText()));

            if (e.source() == ExplanationSource.LLM && e.droppedClaims().isEmpty() && e.claims().size() == claims.size()) {
                shownAsLlm++;
            } else {
                failures.add(g.get("id").asText() + " (well-behaved) not shown as LLM text: "
                        + audit.records().stream().map(LlmCallRecord::violations).toList());
            }
        }
        System.out.printf("%nRed team: %d adversarial answers (%d explanation claims, %d hypothesis reasons and notes); %d reached a reader; "
                        + "%d refused with the expected violation.%n", adversarial, adversarial - hypotheses - notes, hypotheses + notes, reached,
                refusedAsExpected);
        byCase.forEach((k, v) -> System.out.printf("  %-50s %3d answers, %3d kept from the reader%n", k, v[0], v[1]));
        System.out.printf("Well-behaved: %d answers, %d shown as LLM text (%.1f %%).%n", good, shownAsLlm, 100.0 * shownAsLlm / good);
        failures.forEach(f -> System.out.println("  FAIL " + f));

        assertThat(adversarial).isGreaterThanOrEqualTo(80);
        assertThat(good).isGreaterThanOrEqualTo(20);
        assertThat(reached).as("adversarial answers that reached a reader").isZero();
        assertThat(failures).isEmpty();
        assertThat(100.0 * shownAsLlm / good).isGreaterThanOrEqualTo(95.0);
    }
}
