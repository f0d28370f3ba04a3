package kz.clinicai.calls.voximplant;

/** Starts the outbound-call scenario for one call; only the call id travels in the custom data. */
public interface ScenarioStarter {

    /** @return the call session history id Voximplant assigned */
    String start(String callId);
}
