package io.pulso.api.security;

import io.javalin.config.JavalinConfig;
import java.util.List;

/** CORS for the listed origins only (a browser on any other origin gets no CORS headers); none listed = CORS off. */
public final class CorsOrigins {

    private CorsOrigins() {
    }

    public static void configure(JavalinConfig cfg, List<String> origins) {
        if (origins.isEmpty()) {
            return;
        }
        cfg.bundledPlugins.enableCors(cors -> cors.addRule(rule -> {
            rule.allowHost(origins.get(0), origins.subList(1, origins.size()).toArray(String[]::new));
            rule.exposeHeader("Location");
        }));
    }
}
