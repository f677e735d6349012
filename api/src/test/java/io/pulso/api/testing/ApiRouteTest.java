package io.pulso.api.testing;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;

/**
 * Base of the route tests that share one API server per class: started before the first test, emptied (database,
 * held workflows) after each, closed after the last.
 */
public abstract class ApiRouteTest {

    protected static ApiTestFixture fixture;
    protected static ApiClient api;

    @BeforeAll
    static void startServer() {
        fixture = ApiTestFixture.start();
        api = fixture.api;
    }

    @AfterAll
    static void stopServer() {
        fixture.close();
    }

    @AfterEach
    void resetServer() {
        fixture.reset();
    }
}
