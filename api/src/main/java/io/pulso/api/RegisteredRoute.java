package io.pulso.api;

/** A route as the running server knows it: the HTTP method name and the path pattern ({@code /runs/{runId}}). */
public record RegisteredRoute(String method, String path) {
}
