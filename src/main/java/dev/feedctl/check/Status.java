package dev.feedctl.check;

/** The outcome of one check. WARN passes the gate but says what could not be proven or looks off. */
public enum Status { PASS, WARN, FAIL, SKIP }
