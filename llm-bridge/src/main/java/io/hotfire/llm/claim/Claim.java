package io.hotfire.llm.claim;

import java.util.List;

/**
 * One statement of an LLM explanation with the ids of the events it rests on ({@code E3}, or
 * {@code ROUTE} for the route decision). The prose a user sees is assembled from accepted claims.
 *
 * @param text  the statement, as the model wrote it
 * @param cites the event ids it cites
 */
public record Claim(String text, List<String> cites) {

    public Claim {
        text = text == null ? "" : text.strip();
        cites = cites == null ? List.of() : List.copyOf(cites);
    }
}
