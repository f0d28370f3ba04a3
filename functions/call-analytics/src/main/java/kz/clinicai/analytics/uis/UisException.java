package kz.clinicai.analytics.uis;

import java.util.Set;

/** A UIS Data API error ({@code error{code, message, data{mnemonic}}}, HTTP 200) or a transport failure. */
public final class UisException extends RuntimeException {

    /** Only a person can fix these: a new token, or the caller's IP added to the account's whitelist. */
    static final Set<String> FATAL = Set.of("access_token_invalid", "access_token_expired", "access_token_blocked",
            "ip_not_whitelisted", "forbidden", "invalid_access_token");

    private final int code;
    private final String mnemonic;

    public UisException(int code, String mnemonic, String message) {
        super(message);
        this.code = code;
        this.mnemonic = mnemonic == null ? "" : mnemonic;
    }

    public UisException(String message, Throwable cause) {
        super(message, cause);
        this.code = 0;
        this.mnemonic = "transport";
    }

    public int code() {
        return code;
    }

    public String mnemonic() {
        return mnemonic;
    }

    /** Token invalid/expired/blocked, IP not whitelisted, access forbidden: stop the profile, tell a person. */
    public boolean needsPerson() {
        return FATAL.contains(mnemonic) || code == -32001 || code == -32003;
    }

    public boolean limitExceeded() {
        return code == -32029 || mnemonic.equals("limit_exceeded");
    }

    /** Worth retrying later: transport failures, UIS internal errors, exhausted limits. */
    public boolean retryable() {
        return mnemonic.equals("transport") || code == -32603 || limitExceeded();
    }

    /** What a person should do, for the ERROR log and the profile's pullError. */
    public String advice() {
        if (mnemonic.equals("ip_not_whitelisted")) {
            return "add the deployment's egress IP (the NAT gateway's Elastic IP) to the UIS account's IP whitelist"
                    + " (docs/call-analytics.md, UIS access)";
        }
        if (mnemonic.startsWith("access_token") || mnemonic.equals("invalid_access_token") || code == -32001) {
            return "issue a new UIS Data API token and store it in the profile's uis.accessTokenSecret secret";
        }
        return "check the UIS account's API permissions for this token";
    }

    @Override
    public String toString() {
        return "UIS " + code + " " + mnemonic + ": " + getMessage();
    }
}
