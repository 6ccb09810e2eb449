package io.hotfire.llm.call;

import static io.hotfire.llm.support.OpenAiStub.recorded;
import static io.hotfire.llm.support.OpenAiStub.status;
import static org.assertj.core.api.Assertions.assertThat;

import dev.langchain4j.data.message.UserMessage;
import io.hotfire.llm.support.OpenAiStub;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** The one transport retry: after a server error while the caller waits, never after its deadline. */
class LlmClientTest {

    final OpenAiStub stub = new OpenAiStub();
    final LlmClient client = new LlmClient(stub.chatModel(), LlmOptions.of("openai:gpt-4o-mini"), null);

    @AfterEach
    void stop() {
        stub.close();
    }

    @Test
    void aServerError_isRetriedOnce_whileTheCallerWaits() {
        stub.then(status(500), recorded("intake-good.json"));

        LlmClient.Exchange x = client.call(List.of(UserMessage.from("note")), Cancellation.create());

        assertThat(x.failed()).isFalse();
        assertThat(stub.requests()).hasSize(2);
    }

    @Test
    void aServerError_isNotRetried_afterTheCallersDeadline() {
        stub.then(status(500), recorded("intake-good.json"));
        Cancellation gaveUp = Cancellation.create();
        gaveUp.cancel();

        LlmClient.Exchange x = client.call(List.of(UserMessage.from("note")), gaveUp);

        assertThat(x.failed()).isTrue();
        assertThat(stub.requests()).as("no paid request that nobody waits for").hasSize(1);
    }

    @Test
    void aClientError_isNotRetried() {
        stub.then(status(400), recorded("intake-good.json"));

        LlmClient.Exchange x = client.call(List.of(UserMessage.from("note")), Cancellation.create());

        assertThat(x.failed()).isTrue();
        assertThat(stub.requests()).hasSize(1);
    }
}
