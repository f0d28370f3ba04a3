/**
 * AI phone calls: {@code POST /calls} starts an outbound Voximplant call whose scenario (functions/calls/scenario)
 * talks to the platform through a signed function-URL webhook, turn by turn, with the LLM answering.
 */
package kz.clinicai.calls;
