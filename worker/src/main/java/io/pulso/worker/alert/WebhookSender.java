package io.pulso.worker.alert;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;

/** POSTs a notification body to one webhook, signed when a secret is set. One attempt; retries are Temporal's. */
public final class WebhookSender {

    public static final String USER_AGENT = "pulso-etl-alerts";

    private final HttpClient http;
    private final AlertSettings settings;

    public WebhookSender(AlertSettings settings) {
        this.settings = settings;
        this.http = HttpClient.newBuilder().connectTimeout(settings.timeout())
                .followRedirects(HttpClient.Redirect.NEVER).build();
    }

    private static String readable(Duration timeout) {
        return timeout.toMillis() % 1000 == 0 ? timeout.toSeconds() + " s" : timeout.toMillis() + " ms";
    }

    public WebhookAnswer post(URI webhook, String body) {
        byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
        HttpRequest.Builder request = HttpRequest.newBuilder(webhook).timeout(settings.timeout())
                .header("Content-Type", "application/json").header("User-Agent", USER_AGENT)
                .POST(HttpRequest.BodyPublishers.ofByteArray(bytes));
        settings.secret().ifPresent(secret -> request.header(WebhookSignature.HEADER, WebhookSignature.of(secret, bytes)));
        String where = AlertSettings.redacted(webhook);
        try {
            int status = http.send(request.build(), HttpResponse.BodyHandlers.discarding()).statusCode();
            return new WebhookAnswer(status, status >= 200 && status < 300 ? null : where + " answered HTTP " + status);
        } catch (HttpTimeoutException e) {
            return new WebhookAnswer(0, where + " did not answer within " + readable(settings.timeout()));
        } catch (IOException e) {
            return new WebhookAnswer(0, where + " could not be reached (" + e.getClass().getSimpleName() + ")");
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return new WebhookAnswer(0, where + ": interrupted");
        }
    }
}
