package kz.clinicai.analytics.notify;

/** Tells the operators' Telegram admins about calls that failed for good. */
public interface AdminNotifier {

    AdminNotifier NONE = (profileId, callId, reason) -> {
    };

    void callFailed(String profileId, long callId, String reason);
}
