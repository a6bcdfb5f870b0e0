package org.openahi.server.http;

/**
 * What a front door answered one request with, and the operation it was (AHI's action name, or a name of the
 * server's own: "unknown" when unrouted), for the access log and the metrics.
 */
public record Answer(String operation, WireResponse response) {}
