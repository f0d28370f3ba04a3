package kz.clinicai.local.sandbox.uis;

/** An employee of the simulated UIS account (phone as digits without '+'). */
record UisEmployee(long id, String fullName, String phone) {
}
