package dev.agentkanban.common.web;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * "Present" as the original server tests required fields: JavaScript truthiness. Missing, null,
 * "", false and 0 are absent; anything else, an empty array included, is present.
 */
public final class Truthiness {

    private Truthiness() {
    }

    public static boolean of(JsonNode value) {
        if (value == null || value.isNull() || value.isMissingNode()) {
            return false;
        }
        if (value.isTextual()) {
            return !value.asText().isEmpty();
        }
        if (value.isBoolean()) {
            return value.asBoolean();
        }
        return !value.isNumber() || value.asDouble() != 0;
    }
}
