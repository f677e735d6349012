package io.pulso.worker.alert;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.util.HexFormat;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * {@code X-Pulso-Signature-256: sha256=<hex>}: HMAC-SHA256 of the exact body bytes with {@code ALERT_WEBHOOK_SECRET},
 * so a receiver can check the POST came from this service (compare in constant time).
 */
public final class WebhookSignature {

    public static final String HEADER = "X-Pulso-Signature-256";

    private WebhookSignature() {
    }

    public static String of(String secret, byte[] body) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(secret.getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
            return "sha256=" + HexFormat.of().formatHex(mac.doFinal(body));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("HmacSHA256 is not available in this JVM", e);
        }
    }
}
