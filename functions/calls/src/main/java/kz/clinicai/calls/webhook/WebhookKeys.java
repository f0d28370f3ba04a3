package kz.clinicai.calls.webhook;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.util.HexFormat;
import java.util.function.Supplier;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * Keys of the scenario webhook, all derived from one master secret (Secrets Manager): the scenario key (baked into
 * the scenario by the deploy command, used only to fetch a call's configuration) and a per-call key (handed out
 * with that configuration, used for everything else in the call). A leaked per-call key opens one call, nothing
 * more; rotating the master secret needs a redeploy of the scenario (and gives every clinic a new reminder webhook
 * key).
 */
public final class WebhookKeys {

    private final Supplier<String> master;

    public WebhookKeys(Supplier<String> master) {
        this.master = master;
    }

    public String scenarioKey() {
        return hmacHex(master.get(), "scenario");
    }

    public String callKey(String callId) {
        return hmacHex(master.get(), "call:" + callId);
    }

    /**
     * The clinic's key for its reminder lists' outcome webhook (handed to the clinic by {@code GET
     * /reminders/webhook-key} under its own credential). One clinic's key signs nothing of another's: each is
     * HMAC(master, "reminders:" + clinic), and no key of this family can be derived from another.
     */
    public String reminderKey(String clinic) {
        return hmacHex(master.get(), "reminders:" + clinic);
    }

    static String hmacHex(String key, String data) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(key.getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
            return HexFormat.of().formatHex(mac.doFinal(data.getBytes(StandardCharsets.UTF_8)));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("HmacSHA256 unavailable", e);
        }
    }
}
