package kz.clinicai.shared.tools;

/** A function call the model made: {@code arguments} is the JSON text its strict schema allows. */
public record ToolCall(String callId, String name, String arguments) {
}
