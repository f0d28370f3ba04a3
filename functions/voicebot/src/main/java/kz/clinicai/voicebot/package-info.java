/** Clinic voicebot: the ACS robot's utterances turned into InfoClinica bookings through LLM function tools. */
package kz.clinicai.voicebot;
