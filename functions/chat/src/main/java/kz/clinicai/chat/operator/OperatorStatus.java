package kz.clinicai.chat.operator;

/** Where a person stands as an operator. */
public enum OperatorStatus {
    /** Sent /start; an admin has not approved them yet. */
    CANDIDATE,
    APPROVED,
    DISABLED
}
