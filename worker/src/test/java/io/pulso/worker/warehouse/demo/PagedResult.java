package io.pulso.worker.warehouse.demo;

import io.pulso.worker.warehouse.ExtractionHandle;
import io.pulso.worker.warehouse.Page;
import io.pulso.worker.warehouse.Warehouse;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/** A kept extraction result read to the end, page by page, as a caller would. */
public record PagedResult(List<Page> pages, List<Map<String, Object>> rows) {

    public static PagedResult readAll(Warehouse warehouse, ExtractionHandle handle, int pageSize) {
        List<Page> pages = new ArrayList<>();
        List<Map<String, Object>> rows = new ArrayList<>();
        String token = null;
        do {
            Page page = warehouse.readPage(handle, token, pageSize);
            pages.add(page);
            for (Object[] values : page.rows()) {
                Map<String, Object> row = new HashMap<>();
                for (int i = 0; i < values.length; i++) {
                    row.put(page.columns().get(i), values[i]);
                }
                rows.add(row);
            }
            token = page.nextPageToken();
            if (pages.size() > 1_000_000) {
                throw new AssertionError("page tokens never end");
            }
        } while (token != null);
        return new PagedResult(pages, rows);
    }
}
