package io.pulso.app.logging;

import static org.assertj.core.api.Assertions.assertThat;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.PatternLayout;
import ch.qos.logback.classic.spi.LoggingEvent;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/** The production log pattern (logback.xml) prints a run's table and run id, and nothing extra outside a run. */
class LogPatternTest {

    private static String render(Map<String, String> mdc) throws IOException {
        String xml;
        try (InputStream in = LogPatternTest.class.getClassLoader().getResourceAsStream("logback.xml")) {
            xml = new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
        Matcher m = Pattern.compile("<pattern>(.*?)</pattern>").matcher(xml);
        assertThat(m.find()).isTrue();
        LoggerContext context = new LoggerContext();
        PatternLayout layout = new PatternLayout();
        layout.setContext(context);
        layout.setPattern(m.group(1));
        layout.start();
        LoggingEvent event = new LoggingEvent("test", context.getLogger("io.pulso.worker.refresh.RefreshActivitiesImpl"),
                Level.INFO, "run begins", null, null);
        event.setMDCPropertyMap(mdc);
        return layout.doLayout(event);
    }

    @Test
    void aRunLineCarriesTableAndRunId() throws IOException {
        assertThat(render(Map.of("table", "dashboard_data", "run_id", "7f3c-run")))
                .contains("RefreshActivitiesImpl [table=dashboard_data run=7f3c-run] - run begins");
    }

    @Test
    void aLineOutsideARunHasNoEmptyBrackets() throws IOException {
        assertThat(render(Map.of())).contains("RefreshActivitiesImpl - run begins").doesNotContain("[table=");
    }
}
