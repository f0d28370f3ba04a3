package kz.clinicai.calls.webhook;

import java.util.Optional;

/** Record mode: fetches a turn's recording from Voximplant and keeps a copy. */
public interface Recordings {

    /** The audio, or empty when the recording is gone (404/410: expired or never stored). */
    Optional<byte[]> fetch(String url);

    /** Stores the audio (encrypted, with a lifecycle); returns its key. */
    String keep(String callId, int turn, byte[] audio);
}
