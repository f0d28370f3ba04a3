package kz.clinicai.shared.assistant;

/** Another writer saved the same version first; the caller may re-read and retry. */
public class AssistantVersionConflictException extends RuntimeException {
    public AssistantVersionConflictException(String name, int version) {
        super("Assistant '" + name + "' version " + version + " was written concurrently");
    }
}
