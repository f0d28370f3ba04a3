package kz.clinicai.shared.booking;

import com.fasterxml.jackson.annotation.JsonInclude;

/**
 * One entry of the remembered dialogue, in the shape the Responses API takes back as input: the patient's text,
 * the assistant's text, a function call, or its output (joined by {@code callId}).
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record DialogueItem(Kind kind, String text, String callId, String name, String arguments, String output) {

    public enum Kind { USER, ASSISTANT, FUNCTION_CALL, FUNCTION_OUTPUT }

    public static DialogueItem user(String text) {
        return new DialogueItem(Kind.USER, text, null, null, null, null);
    }

    public static DialogueItem assistant(String text) {
        return new DialogueItem(Kind.ASSISTANT, text, null, null, null, null);
    }

    public static DialogueItem functionCall(String callId, String name, String arguments) {
        return new DialogueItem(Kind.FUNCTION_CALL, null, callId, name, arguments, null);
    }

    public static DialogueItem functionOutput(String callId, String output) {
        return new DialogueItem(Kind.FUNCTION_OUTPUT, null, callId, null, null, output);
    }
}
