package io.pulso.api.refresh;

/** JSON body of {@code POST /refresh/table/{table}}; every field optional. Dates stay text so they are parsed strictly. */
public record RefreshTableBody(Boolean force, String mode, Integer days, String from, String to) {

    RefreshOptions options() {
        return RefreshOptions.of(force, mode, days, from, to);
    }
}
