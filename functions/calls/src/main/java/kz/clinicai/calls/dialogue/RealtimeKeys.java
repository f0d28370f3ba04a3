package kz.clinicai.calls.dialogue;

/** Ephemeral keys for OpenAI Realtime sessions: the scenario gets one per call, never the platform's own key. */
public interface RealtimeKeys {

    /** @throws ModelUnavailableException when none can be minted now */
    String mint(String model);
}
